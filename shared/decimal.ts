import { z } from 'zod';

/**
 * Numbers typed or sent as text are read in decimal notation only: "52.5725", "-0.24", "+3", ".5".
 * JavaScript's Number() also reads "0x34" (52), "0b1", "1e2", "Infinity" and "" (0), so a latitude
 * could arrive in hex or as nothing at all; none of those is how a person or a device writes one.
 */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** The number `text` writes in decimal notation (surrounding spaces allowed), else NaN. */
export function parseDecimal(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/** A schema field that is a number, or text of one in decimal notation (query strings are text). */
export const decimalNumber = z.union([z.number(), z.string()], { error: 'must be a number' }).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : parseDecimal(v);
  if (Number.isNaN(n)) {
    ctx.addIssue({ code: 'custom', message: 'must be a number written in decimal, e.g. 52.5725' });
    return z.NEVER;
  }
  return n;
});

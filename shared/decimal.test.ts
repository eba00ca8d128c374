import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decimalNumber, parseDecimal } from './decimal.js';

describe('numbers written as text', () => {
  it('reads decimal notation', () => {
    expect(parseDecimal('52.5725')).toBe(52.5725);
    expect(parseDecimal(' -0.2425 ')).toBe(-0.2425);
    expect(parseDecimal('+3')).toBe(3);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('52.')).toBe(52);
    expect(parseDecimal('0')).toBe(0);
  });

  it.each(['0x34', '0X34', '0b110100', '0o64', '5.2e1', '1e400', 'Infinity', '-Infinity', 'NaN', '', ' ', '52,57', '52.5.7', '--1', '٥٢'])(
    'refuses "%s"',
    (text) => {
      expect(parseDecimal(text)).toBeNaN();
      expect(decimalNumber.safeParse(text).success).toBe(false);
    },
  );

  it('in a schema, takes numbers as they are and decimal text as its number', () => {
    const Lat = decimalNumber.pipe(z.number().min(-90).max(90));
    expect(Lat.parse(52.5)).toBe(52.5);
    expect(Lat.parse('52.5')).toBe(52.5);
    expect(Lat.safeParse('0x34').success).toBe(false);
    expect(Lat.safeParse('91').success).toBe(false);
  });
});

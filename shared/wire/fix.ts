import type { Fix } from '../domain/units.js';

/**
 * One position report as a row of numbers, the shape it travels in wherever objects would cost
 * too much: the journal's writer thread (packed into a Float64Array) and the live stream to the
 * consoles (a JSON array after the unit id). The order is defined here once; the writer thread,
 * being plain JavaScript, is handed this list when it starts.
 */
export const FIX_FIELDS = ['ts', 'lat', 'lon', 'acc', 'hdg', 'spd', 'bat'] as const;
export const FIX_WIDTH = FIX_FIELDS.length;

/** `[ts, lat, lon, acc, hdg, spd, bat]`; an absent value is null (NaN in a Float64Array). */
export type FixValues = [ts: number, lat: number, lon: number, acc: number | null, hdg: number | null, spd: number | null, bat: number | null];

/** Writes a fix (and the battery reported with it) into `out` at `at`, with `absent` for what is missing. */
export function writeFix<T extends number | null>(out: { [i: number]: number | T }, at: number, fix: Fix, bat: number | null | undefined, absent: T): void {
  out[at] = fix.ts;
  out[at + 1] = fix.lat;
  out[at + 2] = fix.lon;
  out[at + 3] = fix.acc ?? absent;
  out[at + 4] = fix.hdg ?? absent;
  out[at + 5] = fix.spd ?? absent;
  out[at + 6] = bat ?? absent;
}

const present = (v: number | null | undefined): v is number => v != null && !Number.isNaN(v);

/** Reads what `writeFix` wrote: null and NaN both mean absent. */
export function readFix(row: ArrayLike<number | null>, at = 0): { fix: Fix; bat: number | null } {
  const fix: Fix = { ts: row[at]!, lat: row[at + 1]!, lon: row[at + 2]! };
  const acc = row[at + 3];
  const hdg = row[at + 4];
  const spd = row[at + 5];
  const bat = row[at + 6];
  if (present(acc)) fix.acc = acc;
  if (present(hdg)) fix.hdg = hdg;
  if (present(spd)) fix.spd = spd;
  return { fix, bat: present(bat) ? bat : null };
}

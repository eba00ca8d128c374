import { describe, expect, it } from 'vitest';
import { FIX_WIDTH, readFix, writeFix } from './fix.js';

describe('the row shape of a fix', () => {
  it('reads back what it wrote, in a Float64Array (NaN = absent) or a JSON row (null = absent)', () => {
    const fix = { ts: 1000, lat: 52.57, lon: -0.24, hdg: 0, spd: 1.4 };
    const packed = new Float64Array(FIX_WIDTH * 2);
    writeFix(packed, FIX_WIDTH, fix, 0, NaN);
    expect(readFix(packed, FIX_WIDTH)).toEqual({ fix, bat: 0 });
    const row: (number | null)[] = [];
    writeFix(row, 0, fix, undefined, null);
    expect(row).toEqual([1000, 52.57, -0.24, null, 0, 1.4, null]);
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
    expect(readFix(row)).toEqual({ fix, bat: null });
  });
});

import { describe, expect, it } from 'vitest';
import { keep, layoutOf, readDeskLayouts, switchTo } from './deskLayouts.js';

describe("an operator's layouts", () => {
  it('keeps what is on screen in its slot and brings another up', () => {
    let d = readDeskLayouts(null);
    expect(d.current).toBe(1);
    d = keep(d, { size: 9, tiles: ['a'] });
    d = switchTo(d, { size: 9, tiles: ['a', 'b'] }, 2);
    expect(d.current).toBe(2);
    expect(layoutOf(d)).toEqual({ size: 4, tiles: [] });
    d = switchTo(d, { size: 1, tiles: ['c'] }, 1);
    expect(layoutOf(d)).toEqual({ size: 9, tiles: ['a', 'b'] });
    expect(layoutOf(d, 2)).toEqual({ size: 1, tiles: ['c'] });
    // A slot beyond the desk's leaves it where it is.
    expect(switchTo(d, layoutOf(d), 7).current).toBe(1);
  });

  it('survives storage as JSON, and drops what it cannot read', () => {
    const d = switchTo(keep(readDeskLayouts(null), { size: 16, tiles: ['x'] }), { size: 16, tiles: ['x'] }, 3);
    expect(readDeskLayouts(JSON.stringify(d))).toEqual(d);
    expect(readDeskLayouts('{"current": 99, "slots": {"1": "junk"}}')).toEqual({ current: 1, slots: { 1: { size: 4, tiles: [] } } });
    expect(readDeskLayouts('not json').current).toBe(1);
  });
});

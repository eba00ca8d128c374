import { describe, expect, it } from 'vitest';
import { destination } from '../geo/geometry.js';
import { CATHEDRAL, officer } from '../../test/fixtures/dispatch.js';
import { type GridEntry, UnitGrid } from './unit-grid.js';

const ringOf = (g: UnitGrid, lat: number, lon: number, r: number) => {
  const out: string[] = [];
  g.forEachInRing(g.cellX(lon), g.cellY(lat), r, (e: GridEntry) => out.push(e.unit.id));
  return out.sort();
};

describe('unit grid', () => {
  it('files units by cell, moves them as they report, and keeps the ones with no fix aside', () => {
    const g = new UnitGrid({ cellM: 400 });
    const a = officer('a', 'pcso', CATHEDRAL);
    const b = officer('b', 'pcso', destination(CATHEDRAL, 90, 1000));
    const c = officer('c', 'pcso', null);
    g.sync([a, b, c]);
    expect(g.size).toBe(3);
    expect([...g.withoutFix]).toEqual(['c']);
    expect(ringOf(g, CATHEDRAL.lat, CATHEDRAL.lon, 0)).toEqual(['a']);
    b.fix = { ts: 2, ...destination(CATHEDRAL, 0, 10) };
    g.upsert(b);
    expect(ringOf(g, CATHEDRAL.lat, CATHEDRAL.lon, 0)).toEqual(['a', 'b']);
    c.fix = { ts: 3, ...CATHEDRAL };
    g.upsert(c);
    expect(g.withoutFix.size).toBe(0);
    expect(ringOf(g, CATHEDRAL.lat, CATHEDRAL.lon, 0)).toEqual(['a', 'b', 'c']);
    g.remove(a.id);
    expect(ringOf(g, CATHEDRAL.lat, CATHEDRAL.lon, 0)).toEqual(['b', 'c']);
    expect(g.size).toBe(2);
  });

  it('copies what ranking needs and refreshes it when the unit changes', () => {
    const g = new UnitGrid();
    const u = officer('u', 'council_enforcement', CATHEDRAL);
    g.upsert(u);
    let e: GridEntry | undefined;
    g.forEachInRing(g.cellX(CATHEDRAL.lon), g.cellY(CATHEDRAL.lat), 0, (x) => (e = x));
    expect(e).toMatchObject({ police: false, deployable: true, status: 'available', withdrawn: 0 });
    const next = { ...u, status: 'busy' as const, withdrawnPowers: ['begging' as const] };
    g.upsert(next);
    expect(e).toMatchObject({ unit: next, status: 'busy' });
    expect(e!.withdrawn).not.toBe(0);
  });

  it('never puts a unit further out than its true ring (the search may stop early safely)', () => {
    const g = new UnitGrid({ cellM: 400 });
    const units = Array.from({ length: 200 }, (_, i) => officer(`u${i}`, 'pcso', destination(CATHEDRAL, (i * 37) % 360, 50 + i * 40)));
    g.sync(units);
    for (const u of units) {
      let found = -1;
      for (let r = 0; r <= g.maxRing(g.cellX(CATHEDRAL.lon), g.cellY(CATHEDRAL.lat)) && found < 0; r++)
        g.forEachInRing(g.cellX(CATHEDRAL.lon), g.cellY(CATHEDRAL.lat), r, (e) => e.unit.id === u.id && (found = r));
      expect(found).toBeGreaterThanOrEqual(0);
      const metres = 50 + Number(u.id.slice(1)) * 40;
      expect(g.ringLowerBoundM(found, CATHEDRAL.lat, CATHEDRAL.lon)).toBeLessThanOrEqual(metres);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { unit } from '../testing/fixtures.js';
import { type DrawnUnits, unitFeatureDiff, unitFeatures } from './unitFeatures.js';

describe('unit features', () => {
  const now = 1_000_000;
  it('draws located units only, with agency+status icon, heading when sent, stale past the age', () => {
    const fc = unitFeatures(
      [
        unit('pc01', { status: 'en_route', fix: { ts: now - 5_000, lat: 52.57, lon: -0.24, hdg: 90 } }),
        unit('cs01', { agency: 'pcso', fix: { ts: now - 121_000, lat: 52.58, lon: -0.25, hdg: 10 } }),
        unit('eo01', { agency: 'council_enforcement' }),
      ],
      now,
      120,
    );
    expect(fc.features).toHaveLength(2);
    const [live, stale] = fc.features;
    expect(live!.geometry.coordinates).toEqual([-0.24, 52.57]);
    expect(live!.properties).toMatchObject({ id: 'pc01', stale: false, icon: 'unit-police-en_route', hdg: 90 });
    expect(stale!.properties).toMatchObject({ id: 'cs01', stale: true, icon: 'unit-pcso-stale' });
  });
  it('leaves hdg out when the device sent none, so no arrow is drawn', () => {
    const [f] = unitFeatures([unit('a', { fix: { ts: now, lat: 1, lon: 2 } })], now, 120).features;
    expect('hdg' in f!.properties).toBe(false);
  });
  it('a shorter configured stale age marks the same fix stale', () => {
    const u = unit('a', { fix: { ts: now - 30_000, lat: 1, lon: 2 } });
    expect(unitFeatures([u], now, 120).features[0]!.properties.stale).toBe(false);
    expect(unitFeatures([u], now, 20).features[0]!.properties.stale).toBe(true);
  });
  it('sends only what changed since the last draw: moved, newly stale, unlocated or gone units', () => {
    const drawn: DrawnUnits = new Map();
    const a = unit('a', { fix: { ts: now, lat: 1, lon: 2 } });
    const b = unit('b', { fix: { ts: now - 100_000, lat: 3, lon: 4 } });
    const c = unit('c', { fix: { ts: now, lat: 5, lon: 6 } });
    let units: Record<string, typeof a> = { a, b, c, d: unit('d') };
    const first = unitFeatureDiff(drawn, units, now, 120);
    expect(first.add.map((f) => f.properties.id)).toEqual(['a', 'b', 'c']);
    expect(first.remove).toEqual([]);
    expect(unitFeatureDiff(drawn, units, now, 120)).toEqual({ add: [], remove: [] });

    const moved = { ...a, fix: { ts: now + 1000, lat: 1.5, lon: 2 } };
    units = { ...units, a: moved };
    const second = unitFeatureDiff(drawn, units, now + 30_000, 120);
    // b's fix is now older than 120 s: redrawn stale although the unit itself did not change.
    expect(second.add.map((f) => [f.properties.id, f.properties.stale])).toEqual([['a', false], ['b', true]]);
    expect(second.add[0]!.geometry.coordinates).toEqual([2, 1.5]);

    const third = unitFeatureDiff(drawn, { a: moved, b: { ...b, fix: null } }, now + 30_000, 120);
    expect(third.add).toEqual([]);
    expect(new Set(third.remove)).toEqual(new Set(['b', 'c']));
    expect([...drawn.keys()]).toEqual(['a']);
  });
});

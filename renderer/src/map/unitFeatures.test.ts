import { describe, expect, it } from 'vitest';
import { unit } from '../testing/fixtures.js';
import { unitFeatures } from './unitFeatures.js';

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
});

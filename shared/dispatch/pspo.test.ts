import { describe, expect, it } from 'vitest';
import { canEnforce, localMinuteOfDay, parsePspoZones, prohibitionsAt, ruleInForce, type PspoZoneCollection } from './pspo.js';
import { DEFAULT_POWERS } from '../domain/agencies.js';

const square = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]] as [number, number][][];
const zones: PspoZoneCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: {
        id: 'city-centre',
        name: 'City centre PSPO',
        rules: [
          { behaviour: 'alcohol', from: '00:00', to: '24:00' },
          { behaviour: 'busking', from: '20:00', to: '08:00' },
          { behaviour: 'cycling', from: '10:00', to: '16:00' },
        ],
      },
      geometry: { type: 'Polygon', coordinates: square(-0.25, 52.56, -0.23, 52.58) },
    },
  ],
};
const inside = { lat: 52.57, lon: -0.24 };
const at = (iso: string) => Date.parse(iso);

describe('PSPO rules', () => {
  it('applies hours that wrap midnight', () => {
    const busking = { from: '20:00', to: '08:00' };
    expect(ruleInForce(busking, 20 * 60)).toBe(true);
    expect(ruleInForce(busking, 23 * 60 + 59)).toBe(true);
    expect(ruleInForce(busking, 0)).toBe(true);
    expect(ruleInForce(busking, 7 * 60 + 59)).toBe(true);
    expect(ruleInForce(busking, 8 * 60)).toBe(false);
    expect(ruleInForce(busking, 12 * 60)).toBe(false);
    expect(ruleInForce({ from: '10:00', to: '16:00' }, 16 * 60)).toBe(false);
    expect(ruleInForce({ from: '00:00', to: '24:00' }, 1439)).toBe(true);
  });

  it('reads hours on the Peterborough clock, summer time included', () => {
    expect(localMinuteOfDay(at('2026-01-10T21:30:00Z'))).toBe(21 * 60 + 30);
    expect(localMinuteOfDay(at('2026-07-10T21:30:00Z'))).toBe(22 * 60 + 30);
  });

  it('shows which prohibitions apply at that place and hour, and who can enforce them', () => {
    const night = prohibitionsAt(zones, inside, at('2026-01-10T22:00:00Z')).map((p) => p.behaviour);
    expect(night).toEqual(['alcohol', 'busking']);
    const noon = prohibitionsAt(zones, inside, at('2026-01-10T12:00:00Z'));
    expect(noon.map((p) => p.behaviour)).toEqual(['alcohol', 'cycling']);
    const alcohol = noon[0]!;
    expect(alcohol.category).toBe('street_drinking');
    expect(alcohol.label).toBe('No drinking alcohol (City centre PSPO, all day)');
    expect(canEnforce(DEFAULT_POWERS.council_enforcement, alcohol)).toBe(true);
    expect(canEnforce(DEFAULT_POWERS.housing, alcohol)).toBe(false);
    expect(prohibitionsAt(zones, { lat: 52.6, lon: -0.3 }, at('2026-01-10T12:00:00Z'))).toEqual([]);
  });

  it('refuses broken GeoJSON with a sentence saying what is wrong', () => {
    expect(parsePspoZones(zones).ok).toBe(true);
    const bad = structuredClone(zones) as unknown as { features: { properties: { rules: { from: string }[] } }[] };
    bad.features[0]!.properties.rules[0]!.from = '25:00';
    const r = parsePspoZones(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/rules\.0\.from: hours are HH:MM/);
    const open = structuredClone(zones) as unknown as { features: { geometry: { coordinates: number[][][] } }[] };
    open.features[0]!.geometry.coordinates[0]!.pop();
    expect(parsePspoZones(open)).toMatchObject({ ok: false, error: expect.stringMatching(/ring must end where it starts/) });
    expect(parsePspoZones({ type: 'FeatureCollection', features: [zones.features[0], zones.features[0]] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/unique/),
    });
  });

  const withBehaviour = (behaviour: string) => {
    const z = structuredClone(zones);
    z.features[0]!.properties.rules = [{ behaviour, from: '00:00', to: '24:00' }];
    return z;
  };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueof', 'Alcohol', '_alcohol', 'no drinking', ''])(
    'refuses "%s" as a behaviour name, saying why',
    (name) => {
      const r = parsePspoZones(withBehaviour(name));
      expect(r).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/rules\.0\.behaviour: .*(reserved word|not a behaviour name)/) });
    },
  );

  it('accepts the behaviours in use and new ones such as dog_control or rule_2', () => {
    for (const name of ['alcohol', 'begging', 'busking', 'cycling', 'dog_control', 'rule_2']) expect(parsePspoZones(withBehaviour(name)).ok).toBe(true);
  });

  it('treats a behaviour name an object would answer to as an unknown behaviour: a PSPO breach with its powers', () => {
    // Zones loaded before names were checked are in journals and come back at every restart.
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const [p] = prohibitionsAt(withBehaviour(name), inside, at('2026-01-10T12:00:00Z'));
      expect(p).toMatchObject({ behaviour: name, category: 'pspo_breach', enforcedWith: ['pspo_enforcement'] });
      expect(p!.label).toMatch(/^No /);
      expect(canEnforce(DEFAULT_POWERS.council_enforcement, p!)).toBe(true);
    }
    // What such a zone left in incidents journaled by an older console: a prohibition with no powers.
    const [alcohol] = prohibitionsAt(withBehaviour('alcohol'), inside, at('2026-01-10T12:00:00Z'));
    const old = JSON.parse(JSON.stringify({ ...alcohol, category: undefined, enforcedWith: undefined })) as typeof alcohol & {};
    expect(canEnforce(DEFAULT_POWERS.council_enforcement, old)).toBe(false);
  });
});

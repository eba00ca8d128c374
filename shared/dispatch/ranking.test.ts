import { describe, expect, it } from 'vitest';
import type { IncidentId, UnitId } from '../domain/ids.js';
import { sectorId } from '../domain/ids.js';
import type { Incident } from '../domain/incidents.js';
import { categoryOf } from '../domain/categories.js';
import type { Unit } from '../domain/units.js';
import { destination, distanceMetres } from '../geo/geometry.js';
import { DEFAULT_RANKING, recommendUnits } from './ranking.js';
import { CATHEDRAL, incident, officer } from '../../test/fixtures/dispatch.js';
import { UnitGrid } from './unit-grid.js';
import type { RoadNetwork } from '../routing/road-graph.js';
import type { LatLon } from '../domain/incidents.js';
import type { TravelMode } from '../domain/units.js';

const NOW = 1_000_000;

function rank(inc: Incident, units: Unit[], others: Incident[] = [], settings = {}, roads: RoadNetwork | null = null) {
  const grid = new UnitGrid();
  grid.sync(units);
  const byId = new Map<UnitId, Unit>(units.map((u) => [u.id, u]));
  const incidents = new Map<IncidentId, Incident>([inc, ...others].map((i) => [i.id, i]));
  return recommendUnits(inc, byId, incidents, grid, NOW, settings, roads);
}

/** Roads where each officer's way in is given in metres (by where they stand); the rest have none. */
function roadsWhere(byRoad: (from: LatLon, mode: TravelMode) => number | null): RoadNetwork & { searches: number } {
  return {
    searches: 0,
    distancesTo(_to, origins, mode, maxM) {
      this.searches++;
      return origins.map((o) => {
        const m = byRoad(o, mode);
        return m !== null && m <= maxM ? m : null;
      });
    },
    route: () => null,
  };
}
const at = (m: number, bearing = 90) => destination(CATHEDRAL, bearing, m);

describe('recommending officers', () => {
  it('never recommends a non-police officer for police-only work, however close', () => {
    const inc = incident('1', 'needs_police', CATHEDRAL);
    const r = rank(inc, [officer('cs01', 'pcso', at(20)), officer('eo01', 'council_enforcement', at(10)), officer('pc01', 'police', at(900))]);
    expect(r.candidates.map((c) => c.callsign)).toEqual(['PC01']);
    expect(r.policeOnly).toBe(true);
    expect(r.excluded.map((e) => [e.callsign, e.reason])).toEqual([
      ['EO01', 'police_only'],
      ['CS01', 'police_only'],
    ]);
    expect(r.excluded[0]!.detail).toMatch(/police only/);
  });

  it('stops recommending an officer the moment a supervisor withdraws the accreditation the work needs', () => {
    const inc = incident('2', 'street_drinking', CATHEDRAL);
    const eo = officer('eo01', 'council_enforcement', at(50));
    const cs = officer('cs01', 'pcso', at(400));
    expect(rank(inc, [eo, cs]).candidates[0]!.callsign).toBe('EO01');
    eo.withdrawnPowers = ['alcohol_designated_place'];
    const r = rank(inc, [eo, cs]);
    expect(r.candidates.map((c) => c.callsign)).toEqual(['CS01']);
    expect(r.excluded).toMatchObject([{ callsign: 'EO01', reason: 'power_withdrawn' }]);
    expect(r.excluded[0]!.detail).toMatch(/withdrawn by a supervisor/);
    // Withdrawing an unrelated power changes nothing.
    eo.withdrawnPowers = ['pcn_parking'];
    expect(rank(inc, [eo, cs]).candidates[0]!.callsign).toBe('EO01');
  });

  it('excludes officers without the power, off duty, in an emergency, or with no position, saying why', () => {
    const inc = incident('3', 'housing_complaint', CATHEDRAL);
    const r = rank(inc, [
      officer('eo01', 'council_enforcement', at(10)),
      officer('ho01', 'housing', at(30), { status: 'off_duty' }),
      officer('ho02', 'housing', at(40), { emergency: { active: true, ts: NOW } }),
      officer('ho03', 'housing', null),
      officer('ho04', 'housing', at(2000)),
    ]);
    expect(r.candidates.map((c) => c.callsign)).toEqual(['HO04']);
    expect(Object.fromEntries(r.excluded.map((e) => [e.callsign, e.reason]))).toEqual({
      EO01: 'missing_power',
      HO01: 'off_duty',
      HO02: 'emergency',
      HO03: 'no_fix',
    });
    expect(r.excludedCounts).toMatchObject({ missing_power: 1, off_duty: 1, emergency: 1, no_fix: 1, police_only: 0 });
  });

  it('ranks by travel time: a vehicle further away beats an officer on foot', () => {
    const inc = incident('4', 'fly_tipping', CATHEDRAL);
    const r = rank(inc, [officer('eo01', 'council_enforcement', at(600), { mode: 'foot' }), officer('eo02', 'council_enforcement', at(1500), { mode: 'vehicle' })]);
    expect(r.candidates.map((c) => c.callsign)).toEqual(['EO02', 'EO01']);
    const [van, walker] = r.candidates;
    expect(van!.etaS).toBeCloseTo((1500 * 1.3) / 8, -1);
    expect(walker!.etaS).toBeCloseTo((600 * 1.3) / 1.4, -1);
    expect(van!.reasons.join(' ')).toMatch(/by vehicle/);
    expect(walker!.reasons.join(' ')).toMatch(/on foot/);
  });

  it("prefers the incident's sector team when times are close", () => {
    const inc = incident('5', 'graffiti', CATHEDRAL, { sector: sectorId('central') });
    const r = rank(inc, [officer('eo01', 'council_enforcement', at(100), { sector: sectorId('north') }), officer('eo02', 'council_enforcement', at(150))]);
    expect(r.candidates.map((c) => c.callsign)).toEqual(['EO02', 'EO01']);
    expect(r.candidates[0]!.reasons).toContain('central sector team');
    expect(r.candidates[1]!.reasons.join(' ')).toMatch(/outside the central sector team/);
  });

  it('offers officers busy with lower-priority work, shown as such, but not those on more urgent work', () => {
    const inc = incident('6', 'disorder', CATHEDRAL); // P2
    const litter = incident('7', 'littering', at(50, 0)); // P4
    const fight = incident('8', 'needs_police', at(50, 180)); // P1
    const r = rank(
      inc,
      [
        officer('cs01', 'pcso', at(30), { status: 'on_scene', incidentId: litter.id }),
        officer('cs02', 'pcso', at(30, 270), { status: 'en_route', incidentId: fight.id }),
        officer('cs03', 'pcso', at(800)),
      ],
      [litter, fight],
    );
    expect(r.candidates.map((c) => c.callsign)).toEqual(['CS01', 'CS03']);
    expect(r.candidates[0]!.busyWith).toEqual({ incidentId: litter.id, ref: '7', priority: 4 });
    expect(r.candidates[0]!.reasons.join(' ')).toMatch(/busy with lower-priority P4 7/);
    expect(r.excluded).toMatchObject([{ callsign: 'CS02', reason: 'committed' }]);
  });

  it('sends the council officer to fly-tipping before a constable a minute nearer, and says why', () => {
    const inc = incident('9', 'fly_tipping', CATHEDRAL);
    // On foot at 1.4 m/s with a road factor of 1.3, 65 m is about a minute's walk.
    const pc = officer('pc01', 'police', at(100));
    const eo = officer('eo01', 'council_enforcement', at(165));
    const r = rank(inc, [pc, eo]);
    expect(r.candidates.map((c) => c.callsign)).toEqual(['EO01', 'PC01']);
    expect(r.candidates[0]!.reasons).toContain('Fly-tipping is Council prevention & enforcement work');
    expect(r.candidates[1]!.reasons).toContain('Police constable: Fly-tipping is Council prevention & enforcement work (counted 3 min further)');
    // The weighting is a setting: with none, the nearer constable comes first again.
    expect(rank(inc, [pc, eo], [], { otherAgencyPenaltyS: 0 }).candidates[0]!.callsign).toBe('PC01');
    // Far enough nearer, the constable is still the one to send.
    expect(rank(inc, [officer('pc02', 'police', at(100)), officer('eo02', 'council_enforcement', at(900))]).candidates[0]!.callsign).toBe('PC02');
  });

  it('ranks an officer whose last fix is stale below one a little further who reported just now, and says why', () => {
    const inc = incident('10', 'disorder', CATHEDRAL);
    const old = officer('pc01', 'police', at(100));
    old.fix = { ...old.fix!, ts: NOW - 10 * 60_000 };
    const fresh = officer('pc02', 'police', at(200));
    const r = rank(inc, [old, fresh]);
    expect(r.candidates.map((c) => c.callsign)).toEqual(['PC02', 'PC01']);
    expect(r.candidates[1]!.reasons).toContain('last fix 10 min old: position doubtful (counted 2 min further)');
    expect(r.candidates[0]!.reasons.join(' ')).not.toMatch(/doubtful/);
    // The stale age is the console's --stale-after: at 15 minutes that fix is still live.
    expect(rank(inc, [old, fresh], [], { staleFixMs: 15 * 60_000 }).candidates[0]!.callsign).toBe('PC01');
  });

  it('counts an officer live again once they report, even from the same spot', () => {
    const inc = incident('11', 'disorder', CATHEDRAL);
    const pc01 = officer('pc01', 'police', at(100));
    pc01.fix = { ...pc01.fix!, ts: NOW - 10 * 60_000 };
    const pc02 = officer('pc02', 'police', at(200));
    const grid = new UnitGrid();
    grid.sync([pc01, pc02]);
    const units = new Map<UnitId, Unit>([pc01, pc02].map((u) => [u.id, u]));
    const first = () => recommendUnits(inc, units, new Map([[inc.id, inc]]), grid, NOW).candidates[0]!.callsign;
    expect(first()).toBe('PC02');
    pc01.fix = { ...pc01.fix, ts: NOW };
    grid.moved(pc01);
    expect(first()).toBe('PC01');
  });

  it('finds the same officers through the grid as by checking every one (10,000 units)', () => {
    let s = 7;
    const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
    const agencies = ['police', 'pcso', 'council_enforcement', 'civil_parking', 'housing'] as const;
    const units = Array.from({ length: 10_000 }, (_, i) =>
      officer(`u${i}`, agencies[i % agencies.length]!, { lat: 52.52 + rnd() * 0.1, lon: -0.35 + rnd() * 0.2 }, {
        mode: i % 3 === 0 ? 'vehicle' : 'foot',
        sector: sectorId(i % 2 ? 'central' : 'north'),
        status: rnd() < 0.1 ? 'off_duty' : 'available',
      }),
    );
    const needs = { fly_tipping: 'fly_tipping', needs_police: 'arrest', hmo_licensing: 'hmo_licensing', begging: 'begging' } as const;
    for (const cat of Object.keys(needs) as (keyof typeof needs)[]) {
      for (let k = 0; k < 5; k++) {
        const inc = incident(`b${k}`, cat, { lat: 52.5 + rnd() * 0.14, lon: -0.38 + rnd() * 0.26 });
        const r = rank(inc, units, [], { limit: 8 });
        expect(r.considered).toBeLessThan(units.length);
        const brute = units
          .filter((u) => u.status !== 'off_duty' && u.powers.includes(needs[cat]) && (cat !== 'needs_police' || u.agency === 'police'))
          .map((u) => ({
            id: u.id,
            score:
              (distanceMetres(u.fix!, inc.location) * DEFAULT_RANKING.roadFactor) / (u.mode === 'vehicle' ? 8 : 1.4) +
              (u.sector === inc.sector ? 0 : DEFAULT_RANKING.outOfSectorPenaltyS) +
              (categoryOf(cat).leadAgencies?.includes(u.agency) === false ? DEFAULT_RANKING.otherAgencyPenaltyS : 0),
          }))
          .sort((a, b) => a.score - b.score)
          .slice(0, 8);
        expect(r.candidates.map((c) => c.unitId)).toEqual(brute.map((a) => a.id));
      }
    }
  });

  describe('along roads', () => {
    it('says the estimate is a straight line when no road data is imported', () => {
      const inc = incident('r1', 'fly_tipping', CATHEDRAL);
      const [c] = rank(inc, [officer('eo01', 'council_enforcement', at(600), { mode: 'foot' })]).candidates;
      expect(c).toMatchObject({ etaBasis: 'straight line', roadM: null });
      expect(c!.reasons[1]).toBe('9 min away on foot (600 m, straight line)');
    });

    it('ranks by time along roads: the nearer officer across the river comes second', () => {
      const inc = incident('r2', 'fly_tipping', CATHEDRAL);
      const near = at(200, 180);
      const far = at(500, 0);
      // The officer 200 m south must walk round by the bridge: 1.5 km. The one 500 m north walks 600 m.
      const roads = roadsWhere((o) => (distanceMetres(o, near) < 1 ? 1500 : 600));
      const r = rank(inc, [officer('eo01', 'council_enforcement', near, { mode: 'foot' }), officer('eo02', 'council_enforcement', far, { mode: 'foot' })], [], {}, roads);
      expect(r.candidates.map((c) => c.callsign)).toEqual(['EO02', 'EO01']);
      expect(r.candidates[0]).toMatchObject({ etaBasis: 'roads', roadM: 600, distanceM: 500, etaS: Math.round(600 / 1.4) });
      expect(r.candidates[0]!.reasons[1]).toBe('7 min away on foot along roads (600 m by road, 500 m straight)');
      expect(r.candidates[1]!.reasons[1]).toBe('18 min away on foot along roads (1.5 km by road, 200 m straight)');
    });

    it('searches the roads once per travel mode, for the straight-line short list only', () => {
      const inc = incident('r3', 'fly_tipping', CATHEDRAL);
      const asked: number[] = [];
      const roads = roadsWhere((o) => {
        const d = distanceMetres(o, CATHEDRAL);
        asked.push(d);
        return d * 1.2;
      });
      const units = Array.from({ length: 60 }, (_, i) => officer(`eo${i}`, 'council_enforcement', at(100 + i * 50, i * 37), { mode: i % 2 ? 'foot' : 'vehicle' }));
      const r = rank(inc, units, [], { limit: 3, roadShortlistFactor: 4 }, roads);
      expect(roads.searches).toBe(2);
      expect(asked).toHaveLength(12);
      expect(r.candidates).toHaveLength(3);
      expect(r.candidates.every((c) => c.etaBasis === 'roads')).toBe(true);
    });

    it('keeps the straight-line estimate, labelled, for an officer with no road route', () => {
      const inc = incident('r4', 'fly_tipping', CATHEDRAL);
      const r = rank(inc, [officer('eo01', 'council_enforcement', at(300), { mode: 'foot' })], [], {}, roadsWhere(() => null));
      expect(r.candidates[0]).toMatchObject({ etaBasis: 'straight line', roadM: null, etaS: Math.round((300 * 1.3) / 1.4) });
      expect(r.candidates[0]!.reasons[1]).toBe('5 min away on foot (300 m, straight line: no road route found)');
    });
  });
});

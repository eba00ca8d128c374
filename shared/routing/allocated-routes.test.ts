import { describe, expect, it } from 'vitest';
import type { UnitId } from '../domain/ids.js';
import type { Unit } from '../domain/units.js';
import { DEFAULT_RANKING } from '../dispatch/ranking.js';
import { destination } from '../geo/geometry.js';
import { CATHEDRAL, incident, officer } from '../../test/fixtures/dispatch.js';
import { allocatedRoutes } from './allocated-routes.js';
import type { RoadNetwork } from './road-graph.js';

const allocation = (id: string) => ({ unitId: id as UnitId, at: 1, by: 'test', ackedAt: null });

describe('routes for allocated officers', () => {
  const inc = incident('1', 'fly_tipping', CATHEDRAL);
  const near = destination(CATHEDRAL, 90, 400);
  const units = (...us: Unit[]) => new Map(us.map((u) => [u.id, u]));

  it('follows the roads where they are imported, timed at the unit’s speed', () => {
    const bend: [number, number] = [near.lon, CATHEDRAL.lat + 0.002];
    const roads: RoadNetwork = {
      distancesTo: () => [],
      route: (from, to) => ({ line: [[from.lon, from.lat], bend, [to.lon, to.lat]], metres: 700 }),
    };
    const van = officer('pc01', 'police', near, { mode: 'vehicle', incidentId: inc.id });
    const [r] = allocatedRoutes({ ...inc, allocations: [allocation('pc01')] }, units(van), roads, DEFAULT_RANKING);
    expect(r).toMatchObject({ unitId: 'pc01', callsign: 'PC01', mode: 'vehicle', basis: 'roads', metres: 700, etaS: Math.round(700 / 8) });
    expect(r!.line[1]).toEqual(bend);
  });

  it('draws a straight line, labelled as such, with no road data or no road route', () => {
    const walker = officer('cs01', 'pcso', near, { incidentId: inc.id });
    const none: RoadNetwork = { distancesTo: () => [], route: () => null };
    for (const roads of [null, none]) {
      const [r] = allocatedRoutes({ ...inc, allocations: [allocation('cs01')] }, units(walker), roads, DEFAULT_RANKING);
      expect(r).toMatchObject({ basis: 'straight line', metres: 400, etaS: Math.round((400 * 1.3) / 1.4) });
      expect(r!.line).toEqual([
        [near.lon, near.lat],
        [CATHEDRAL.lon, CATHEDRAL.lat],
      ]);
    }
  });

  it('leaves out officers who have moved on to other work or have no position', () => {
    const moved = officer('cs01', 'pcso', near, { incidentId: null });
    const lost = officer('cs02', 'pcso', null, { incidentId: inc.id });
    expect(allocatedRoutes({ ...inc, allocations: [allocation('cs01'), allocation('cs02')] }, units(moved, lost), null, DEFAULT_RANKING)).toEqual([]);
  });
});

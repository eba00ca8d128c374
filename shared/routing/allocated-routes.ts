import type { UnitId } from '../domain/ids.js';
import type { Incident } from '../domain/incidents.js';
import type { TravelMode, Unit } from '../domain/units.js';
import { distanceMetres } from '../geo/geometry.js';
import type { EtaBasis, RankingSettings } from '../dispatch/ranking.js';
import type { RoadNetwork } from './road-graph.js';

/** The way an allocated officer has to go, as the map draws it. */
export interface AllocatedRoute {
  unitId: UnitId;
  callsign: string;
  mode: TravelMode;
  basis: EtaBasis;
  /** Along the line drawn: roads, or the straight line where there is no road route. */
  metres: number;
  etaS: number;
  /** [lon, lat] points, officer first, incident last. */
  line: [number, number][];
}

/**
 * Routes for the officers allocated to an incident and still on it, with the same speeds and
 * road-or-straight-line estimate the recommendation gave.
 */
export function allocatedRoutes(
  incident: Incident,
  units: ReadonlyMap<UnitId, Unit>,
  roads: RoadNetwork | null,
  s: Pick<RankingSettings, 'walkingSpeed' | 'vehicleSpeed' | 'roadFactor'>,
): AllocatedRoute[] {
  const out: AllocatedRoute[] = [];
  for (const a of incident.allocations) {
    const u = units.get(a.unitId);
    if (!u?.fix || u.incidentId !== incident.id) continue;
    const speed = u.mode === 'vehicle' ? s.vehicleSpeed : s.walkingSpeed;
    const straight = distanceMetres(u.fix, incident.location);
    // Bounded like ranking's searches: a few times the straight line, never the whole county.
    const road = roads?.route(u.fix, incident.location, u.mode, straight * 3 + 2000) ?? null;
    const base = { unitId: u.id, callsign: u.callsign, mode: u.mode };
    if (road) out.push({ ...base, basis: 'roads', metres: Math.round(road.metres), etaS: Math.round(road.metres / speed), line: road.line });
    else
      out.push({
        ...base,
        basis: 'straight line',
        metres: Math.round(straight),
        etaS: Math.round((straight * s.roadFactor) / speed),
        line: [
          [u.fix.lon, u.fix.lat],
          [incident.location.lon, incident.location.lat],
        ],
      });
  }
  return out;
}

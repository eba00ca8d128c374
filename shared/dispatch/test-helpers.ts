import { type Agency, DEFAULT_POWERS } from '../domain/agencies.js';
import type { CategoryId } from '../domain/categories.js';
import { categoryOf } from '../domain/categories.js';
import { incidentId, sectorId, unitId } from '../domain/ids.js';
import type { Incident, LatLon } from '../domain/incidents.js';
import { type TravelMode, type Unit, unitFromRoster } from '../domain/units.js';

/** Fixtures for dispatch tests: an officer at a place, an incident at a place. */
export const CATHEDRAL: LatLon = { lat: 52.5722, lon: -0.2405 };

export function officer(id: string, agency: Agency, at: LatLon | null, over: Partial<Unit> & { mode?: TravelMode } = {}): Unit {
  const u = unitFromRoster({
    id: unitId(id),
    callsign: id.toUpperCase(),
    agency,
    powers: [...DEFAULT_POWERS[agency]],
    sector: sectorId('central'),
    mode: over.mode ?? 'foot',
  });
  return { ...u, fix: at ? { ts: 1_000_000, ...at } : null, ...over };
}

export function incident(ref: string, category: CategoryId, at: LatLon, over: Partial<Incident> = {}): Incident {
  return {
    id: incidentId(`INC-${ref}`),
    ref,
    category,
    priority: categoryOf(category).defaultPriority,
    description: '',
    location: at,
    sector: sectorId('central'),
    pspoZones: [],
    state: 'received',
    source: 'dispatcher',
    createdAt: 1_000_000,
    createdBy: 'test',
    updatedAt: 1_000_000,
    reports: 1,
    allocations: [],
    history: [],
    ...over,
  };
}

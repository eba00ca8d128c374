import type { Unit } from '../../../shared/domain/units.js';
import { isStale } from '../units/unitView.js';

export interface PointFeature<P> {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}
export interface PointCollection<P> {
  type: 'FeatureCollection';
  features: PointFeature<P>[];
}

export interface UnitFeatureProps {
  id: string;
  callsign: string;
  agency: string;
  status: string;
  stale: boolean;
  /** Icon name: shape by agency, fill by status (or grey when stale). */
  icon: string;
  /** Degrees clockwise from north; absent when the device sent none (no arrow is drawn). */
  hdg?: number;
  emergency: boolean;
}

export const unitIconName = (agency: string, status: string, stale: boolean) => `unit-${agency}-${stale ? 'stale' : status}`;

function unitFeature(u: Unit & { fix: NonNullable<Unit['fix']> }, stale: boolean): PointFeature<UnitFeatureProps> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [u.fix.lon, u.fix.lat] },
    properties: {
      id: u.id,
      callsign: u.callsign,
      agency: u.agency,
      status: u.status,
      stale,
      icon: unitIconName(u.agency, u.status, stale),
      ...(u.fix.hdg !== undefined && { hdg: u.fix.hdg }),
      emergency: !!u.emergency?.active,
    },
  };
}

const located = (u: Unit): u is Unit & { fix: NonNullable<Unit['fix']> } => !!u.fix;

/** Units with a position → the features of the units source. Units never located are left off. */
export function unitFeatures(units: Iterable<Unit>, now: number, staleAfterS: number): PointCollection<UnitFeatureProps> {
  const features: PointFeature<UnitFeatureProps>[] = [];
  for (const u of units) if (located(u)) features.push(unitFeature(u, isStale(u, now, staleAfterS)));
  return { type: 'FeatureCollection', features };
}

/** What the map last drew of each unit: the (immutable) store object and whether it looked stale. */
export type DrawnUnits = Map<string, { unit: Unit; stale: boolean }>;

/**
 * The change to the units source since `drawn` (updated in place): features to add or replace for
 * units that changed or went stale, ids to remove for units gone or no longer located. Re-tiling
 * 5,000 units because a few hundred moved is what kept the map a second behind.
 */
export function unitFeatureDiff(drawn: DrawnUnits, units: Record<string, Unit>, now: number, staleAfterS: number): { add: PointFeature<UnitFeatureProps>[]; remove: string[] } {
  const add: PointFeature<UnitFeatureProps>[] = [];
  const remove: string[] = [];
  let locatedCount = 0;
  for (const id in units) {
    const u = units[id]!;
    const prev = drawn.get(id);
    if (!located(u)) {
      if (prev) {
        drawn.delete(id);
        remove.push(id);
      }
      continue;
    }
    locatedCount++;
    const stale = isStale(u, now, staleAfterS);
    if (prev && prev.unit === u && prev.stale === stale) continue;
    drawn.set(id, { unit: u, stale });
    add.push(unitFeature(u, stale));
  }
  // Every located unit is in `drawn` now; anything more there has left the store (a new snapshot).
  if (drawn.size > locatedCount) {
    for (const id of drawn.keys()) {
      if (!(id in units)) {
        drawn.delete(id);
        remove.push(id);
      }
    }
  }
  return { add, remove };
}

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
  fixTs: number;
}

export const unitIconName = (agency: string, status: string, stale: boolean) => `unit-${agency}-${stale ? 'stale' : status}`;

/** Units with a position → the features of the units source. Units never located are left off. */
export function unitFeatures(units: Iterable<Unit>, now: number, staleAfterS: number): PointCollection<UnitFeatureProps> {
  const features: PointFeature<UnitFeatureProps>[] = [];
  for (const u of units) {
    if (!u.fix) continue;
    const stale = isStale(u, now, staleAfterS);
    features.push({
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
        fixTs: u.fix.ts,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

import type { SectorId } from '../domain/ids.js';
import type { LatLon } from '../domain/incidents.js';
import { type FeatureCollection, pointInPolygon } from './geometry.js';

/** A sector team's patch: the neighbourhood its officers own and know. */
interface SectorProperties {
  id: SectorId;
  name: string;
}
export type SectorCollection = FeatureCollection<SectorProperties>;

export function sectorAt(sectors: SectorCollection, p: LatLon): SectorId | null {
  for (const f of sectors.features) if (pointInPolygon(p, f.geometry)) return f.properties.id;
  return null;
}

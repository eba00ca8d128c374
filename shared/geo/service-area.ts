import type { LatLon } from '../domain/incidents.js';
import type { FeatureCollection, PolygonGeometry } from './geometry.js';

/** The box the console serves, in degrees. */
export interface ServiceArea {
  south: number;
  west: number;
  north: number;
  east: number;
}

/**
 * How far outside the sector teams' patches a location may still be taken without asking: an
 * incident on the edge of town, or a lay-by just over the boundary, is real work; one 40 km away
 * is almost always a typing slip.
 */
const SERVICE_AREA_MARGIN_DEG = 0.1;

/** The sectors' bounding box widened by the margin: the area the console takes incidents in. */
export function serviceAreaOf(sectors: FeatureCollection<unknown, PolygonGeometry>, marginDeg = SERVICE_AREA_MARGIN_DEG): ServiceArea | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const f of sectors.features) {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const ring of polygons.flat())
      for (const [lon, lat] of ring) {
        south = Math.min(south, lat);
        north = Math.max(north, lat);
        west = Math.min(west, lon);
        east = Math.max(east, lon);
      }
  }
  if (!Number.isFinite(south)) return null;
  return { south: south - marginDeg, west: west - marginDeg, north: north + marginDeg, east: east + marginDeg };
}

const inside = (a: ServiceArea, p: LatLon) => p.lat >= a.south && p.lat <= a.north && p.lon >= a.west && p.lon <= a.east;

/**
 * Whether a location can be right for this console, and if not, why — in words a dispatcher can
 * act on. Swapped latitude and longitude is the usual slip, so it is named when swapping back would
 * land inside the area. No area (no sectors loaded) questions nothing.
 */
export function checkServiceArea(area: ServiceArea | null, p: LatLon): { ok: true } | { ok: false; reason: string } {
  if (!area || inside(area, p)) return { ok: true };
  const where = `${p.lat.toFixed(5)}, ${p.lon.toFixed(5)}`;
  if (inside(area, { lat: p.lon, lon: p.lat }))
    return {
      ok: false,
      reason: `${where} is outside the service area: latitude and longitude look swapped (${p.lon.toFixed(5)}, ${p.lat.toFixed(5)} is inside it).`,
    };
  return {
    ok: false,
    reason: `${where} is outside the service area (latitude ${area.south.toFixed(2)} to ${area.north.toFixed(2)}, longitude ${area.west.toFixed(2)} to ${area.east.toFixed(2)}).`,
  };
}

/** Words every refusal for a place outside the area contains, so a client can offer to confirm it. */
export const OUTSIDE_SERVICE_AREA = 'outside the service area';

import type { Feature, FeatureCollection } from 'geojson';
import type { Camera } from '../../../shared/cctv/registry.js';
import { coverageRing } from '../../../shared/cctv/visibility.js';
import { destination } from '../../../shared/geo/geometry.js';

/**
 * The cameras layer's features: each camera's coverage (cone or PTZ circle), a line for the way it
 * looks, its presets as marks, and the camera itself. Ids are stable so feature-state can select.
 */
export function cameraFeatures(cameras: Iterable<Camera>): FeatureCollection {
  const features: Feature[] = [];
  for (const c of cameras) {
    features.push({ type: 'Feature', id: `${c.id}#area`, geometry: { type: 'Polygon', coordinates: [coverageRing(c)] }, properties: { fid: `${c.id}#area`, cameraId: c.id, kind: 'area', ptz: c.ptz } });
    if (c.ptz) {
      const tip = destination(c, c.bearing, c.range * 0.6);
      features.push({ type: 'Feature', id: `${c.id}#dir`, geometry: { type: 'LineString', coordinates: [[c.lon, c.lat], [tip.lon, tip.lat]] }, properties: { fid: `${c.id}#dir`, cameraId: c.id, kind: 'direction' } });
      for (const p of c.presets ?? []) {
        const at = destination(c, p.bearing, c.range * 0.8);
        const fid = `${c.id}#preset#${p.name}`;
        features.push({ type: 'Feature', id: fid, geometry: { type: 'Point', coordinates: [at.lon, at.lat] }, properties: { fid, cameraId: c.id, kind: 'preset', name: p.name } });
      }
    }
    features.push({ type: 'Feature', id: c.id, geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { fid: c.id, cameraId: c.id, kind: 'camera', name: c.name, ptz: c.ptz } });
  }
  return { type: 'FeatureCollection', features };
}

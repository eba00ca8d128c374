import type { LatLon } from '../domain/incidents.js';
import { bearingDegrees, destination, distanceMetres } from '../geo/geometry.js';
import type { Camera, CameraPreset } from './registry.js';

/** The smallest angle between two bearings, 0 to 180 degrees. */
export function angleBetween(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}

export interface CameraSighting {
  camera: Camera;
  distanceM: number;
  /** The bearing from the camera to the place, degrees from north. */
  bearing: number;
  /** `in_view`: a fixed camera already looking there. `turn`: a PTZ camera in range that can be pointed there. */
  kind: 'in_view' | 'turn';
  /** For `turn`: the preset nearest the place's bearing, if the camera has presets. */
  preset?: CameraPreset & { offDeg: number };
  reason: string;
}

/** Whether `p` is inside a fixed camera's cone: within range and half the field of view of its bearing. */
export function inCone(camera: Camera, p: LatLon): boolean {
  const d = distanceMetres(camera, p);
  if (d > camera.range) return false;
  // Right under the camera counts as seen whichever way it looks.
  return d < 1 || angleBetween(bearingDegrees(camera, p), camera.bearing) <= camera.fov / 2;
}

/**
 * "Cameras that see this": fixed cameras whose cone holds the place (nearest first), then PTZ
 * cameras in range (nearest first) with the preset nearest the bearing, or the bearing to pan to.
 * Cameras that cannot see the place are left out.
 */
export function camerasThatSee(cameras: Iterable<Camera>, p: LatLon): CameraSighting[] {
  const fixed: CameraSighting[] = [];
  const turnable: CameraSighting[] = [];
  for (const camera of cameras) {
    const distanceM = Math.round(distanceMetres(camera, p));
    const bearing = Math.round(bearingDegrees(camera, p)) % 360;
    if (distanceM > camera.range) continue;
    if (!camera.ptz) {
      if (!inCone(camera, p)) continue;
      const off = Math.round(angleBetween(bearing, camera.bearing));
      fixed.push({ camera, distanceM, bearing, kind: 'in_view', reason: `in view, ${distanceM} m away, ${off}° off the centre of the picture` });
      continue;
    }
    let preset: CameraSighting['preset'];
    for (const pr of camera.presets ?? []) {
      const offDeg = Math.round(angleBetween(pr.bearing, bearing));
      if (!preset || offDeg < preset.offDeg) preset = { ...pr, offDeg };
    }
    const reason = preset
      ? `PTZ in range, ${distanceM} m away: preset "${preset.name}" looks ${preset.offDeg}° off it`
      : `PTZ in range, ${distanceM} m away: pan to ${bearing}°`;
    turnable.push({ camera, distanceM, bearing, kind: 'turn', ...(preset && { preset }), reason });
  }
  const byDistance = (a: CameraSighting, b: CameraSighting) => a.distanceM - b.distanceM || a.camera.id.localeCompare(b.camera.id);
  return [...fixed.sort(byDistance), ...turnable.sort(byDistance)];
}

/**
 * The outline a camera covers as a GeoJSON ring of [lon, lat]: a cone for a fixed camera, a
 * circle for a PTZ one (it can look anywhere within its range).
 */
export function coverageRing(camera: Camera, steps = 24): [number, number][] {
  const at = (bearing: number) => {
    const q = destination(camera, bearing, camera.range);
    return [q.lon, q.lat] as [number, number];
  };
  const ring: [number, number][] = [];
  if (camera.ptz || camera.fov >= 360) {
    for (let i = 0; i <= steps; i++) ring.push(at((360 * i) / steps));
    return ring;
  }
  ring.push([camera.lon, camera.lat]);
  const start = camera.bearing - camera.fov / 2;
  for (let i = 0; i <= steps; i++) ring.push(at(start + (camera.fov * i) / steps));
  ring.push([camera.lon, camera.lat]);
  return ring;
}

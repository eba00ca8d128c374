import type { CameraView } from '../../../shared/cctv/schemas.js';
import { bearingDegrees } from '../../../shared/geo/geometry.js';

/** What a drag on a camera's dot changes: where it stands, or (Alt/Shift held) which way it looks. */
export type CameraDragKind = 'move' | 'turn';

export const dragKindOf = (e: { altKey: boolean; shiftKey: boolean }): CameraDragKind => (e.altKey || e.shiftKey ? 'turn' : 'move');

/** The camera as the drag leaves it, to draw while dragging and to send when let go. */
export function draggedCamera(camera: CameraView, kind: CameraDragKind, to: { lat: number; lon: number }): CameraView {
  if (kind === 'move') return { ...camera, lat: round(to.lat), lon: round(to.lon) };
  return { ...camera, bearing: Math.round(bearingDegrees(camera, to)) % 360 };
}

/** Seven decimals: about a centimetre, as the registry keeps it. */
const round = (v: number) => Math.round(v * 1e7) / 1e7;

/** The change to send for it: only what the drag changed. */
export const changeOf = (camera: CameraView, kind: CameraDragKind) => (kind === 'move' ? { lat: camera.lat, lon: camera.lon } : { bearing: camera.bearing });

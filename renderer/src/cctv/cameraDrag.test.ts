import { describe, expect, it } from 'vitest';
import type { CameraView } from '../../../shared/cctv/schemas.js';
import { changeOf, dragKindOf, draggedCamera } from './cameraDrag.js';

const CAM = { id: 'cam-1', name: 'Museum', lat: 52.571, lon: -0.245, bearing: 0, fov: 60, range: 150, ptz: false } as CameraView;

describe('dragging a camera on the map', () => {
  it('moves it with a plain drag, turns it with Alt or Shift held', () => {
    expect(dragKindOf({ altKey: false, shiftKey: false })).toBe('move');
    expect(dragKindOf({ altKey: true, shiftKey: false })).toBe('turn');
    expect(dragKindOf({ altKey: false, shiftKey: true })).toBe('turn');
  });

  it('sends only what the drag changed', () => {
    const moved = draggedCamera(CAM, 'move', { lat: 52.57123456789, lon: -0.24598765432 });
    expect(changeOf(moved, 'move')).toEqual({ lat: 52.5712346, lon: -0.2459877 });
    expect(moved.bearing).toBe(0);
    // Pointing due east of the camera turns its cone to 90°.
    const turned = draggedCamera(CAM, 'turn', { lat: 52.571, lon: -0.244 });
    expect(changeOf(turned, 'turn')).toEqual({ bearing: 90 });
    expect([turned.lat, turned.lon]).toEqual([CAM.lat, CAM.lon]);
  });
});

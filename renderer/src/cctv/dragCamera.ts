import type { DragEvent } from 'react';

/** What a camera carries when dragged into a tile. */
const CAMERA_TYPE = 'application/x-beacon-camera';

export function dragCamera(e: DragEvent, cameraId: string): void {
  e.dataTransfer.setData(CAMERA_TYPE, cameraId);
  e.dataTransfer.effectAllowed = 'copy';
}

/** The camera id dropped, if a camera was. */
export function droppedCamera(e: DragEvent): string | null {
  return e.dataTransfer.getData(CAMERA_TYPE) || null;
}

export const acceptsCamera = (e: DragEvent): boolean => e.dataTransfer.types.includes(CAMERA_TYPE);

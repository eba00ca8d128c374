import type { CameraView } from '../../../shared/cctv/schemas.js';
import type { CameraSighting } from '../../../shared/cctv/visibility.js';

type PtzKey = 'left' | 'right' | 'up' | 'down' | 'in' | 'out';

/** PTZ from the keyboard. */
export function usePtz() {
  return {
    key: (_camera: CameraView, _key: PtzKey, _down: boolean) => undefined,
    pointAt: (_s: CameraSighting) => undefined,
    status: (_id: string) => '',
  };
}

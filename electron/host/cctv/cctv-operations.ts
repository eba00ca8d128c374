import type { OperationHandlers } from '../../../shared/contract.js';
import { type Camera, cameraRegistry, parseCameraCsv, parseCameraGeoJson } from '../../../shared/cctv/registry.js';
import type { CameraView, StreamState } from '../../../shared/cctv/schemas.js';
import { camerasThatSee } from '../../../shared/cctv/visibility.js';
import { fail, ok } from '../../../shared/result.js';
import type { ConsoleService } from '../console-service.js';
import type { CameraCredentialStore } from './credentials.js';

export type CctvOperationName = 'listCameras' | 'importCameras' | 'camerasThatSee' | 'getWall' | 'sendToWall';

export interface CctvDeps {
  service: ConsoleService;
  bundled: readonly Camera[];
  credentials: CameraCredentialStore;
  /** Each camera's stream as the host's puller sees it; idle when nobody is watching. */
  streamState?: (cameraId: string) => { state: StreamState; error: string | null };
}

/** The registry as it stands: the bundled cameras with every imported one over them. */
export const registryOf = (service: ConsoleService, bundled: readonly Camera[]): Camera[] =>
  cameraRegistry(bundled, service.state.cameras ?? new Map());

export function createCctvHandlers(deps: CctvDeps): Pick<OperationHandlers, CctvOperationName> {
  const { service } = deps;
  return {
    listCameras: async () =>
      ok(
        registryOf(service, deps.bundled).map(
          (c): CameraView => ({ ...c, ...(deps.streamState?.(c.id) ?? { state: 'idle', error: null }) }),
        ),
      ),
    camerasThatSee: async ({ lat, lon }) => ok(camerasThatSee(registryOf(service, deps.bundled), { lat, lon })),
    getWall: async () => ok(service.state.wall ?? { size: 4, tiles: [] }),
    sendToWall: async ({ tile, cameraId, operator }) => {
      if (cameraId && !registryOf(service, deps.bundled).some((c) => c.id === cameraId)) return fail(`No camera ${cameraId} in the registry.`, 'not_found');
      const r = await service.commit({ type: 'wall.tile_set', tile, cameraId, at: service.now(), by: operator });
      return r.ok ? ok(service.state.wall!) : r;
    },
    importCameras: async ({ format, text, operator }) => {
      const parsed = format === 'csv' ? parseCameraCsv(text) : parseCameraGeoJson(text);
      if (parsed.rows.length === 0) return ok({ loaded: 0, rejected: parsed.rejected });
      // Credentials are on disk before the cameras that need them are journaled.
      deps.credentials.save(parsed.rows.map((r) => [r.camera.id, r.credentials]));
      const r = await service.commit({
        type: 'camera.registry_imported',
        cameras: parsed.rows.map((row) => row.camera),
        at: service.now(),
        by: operator,
        rejected: parsed.rejected.length,
      });
      return r.ok ? ok({ loaded: parsed.rows.length, rejected: parsed.rejected }) : r;
    },
  };
}

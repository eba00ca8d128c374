import type { OperationHandlers } from '../contract.js';
import { type Camera, type CameraCredentials, cameraRegistry, parseCameraCsv, parseCameraGeoJson } from './registry.js';
import type { CameraView, StreamState } from './schemas.js';
import { camerasThatSee } from './visibility.js';
import { fail, ok } from '../result.js';
import type { ConsoleService } from '../services/console-service.js';

export type CctvOperationName = 'listCameras' | 'importCameras' | 'camerasThatSee' | 'getWall' | 'sendToWall' | 'updateCamera' | 'removeCamera';

/** Where camera passwords are kept, apart from the registry and the journal (the host: a 0600 file). */
export interface CameraCredentialPort {
  get(cameraId: string): CameraCredentials | undefined;
  save(entries: Iterable<[string, CameraCredentials]>): void;
}

/** Credentials kept in memory only: bare tests, and a console with no data folder. */
export function memoryCredentials(): CameraCredentialPort {
  const kept = new Map<string, CameraCredentials>();
  return {
    get: (id) => kept.get(id),
    save: (entries) => {
      for (const [id, c] of entries) kept.set(id, c);
    },
  };
}

export interface CctvDeps {
  service: ConsoleService;
  bundled: readonly Camera[];
  credentials: CameraCredentialPort;
  /** Each camera's stream as the host's puller sees it; idle when nobody is watching. */
  streamState?: (cameraId: string) => { state: StreamState; error: string | null };
  /** A camera left the registry: whoever watches it is told, and its pull stops. */
  removed?: (cameraId: string) => void;
}

/** The registry as it stands: the bundled cameras with every imported one over them. */
export const registryOf = (service: ConsoleService, bundled: readonly Camera[]): Camera[] =>
  cameraRegistry(bundled, service.state.cameras ?? new Map(), service.state.removedCameras);

export function createCctvHandlers(deps: CctvDeps): Pick<OperationHandlers, CctvOperationName> {
  const { service } = deps;
  const view = (id: string) => deps.streamState?.(id) ?? { state: 'idle' as const, error: null };
  return {
    listCameras: async () => ok(registryOf(service, deps.bundled).map((c): CameraView => ({ ...c, ...view(c.id) }))),
    camerasThatSee: async ({ lat, lon }) => ok(camerasThatSee(registryOf(service, deps.bundled), { lat, lon })),
    updateCamera: async ({ id, operator, ...change }) => {
      const current = registryOf(service, deps.bundled).find((c) => c.id === id);
      if (!current) return fail(`No camera ${id} in the registry.`, 'not_found');
      const camera = { ...current, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
      const r = await service.commit({ type: 'camera.changed', camera, at: service.now(), by: operator });
      return r.ok ? ok({ ...camera, ...view(id) }) : r;
    },
    removeCamera: async ({ id, operator }) => {
      if (!registryOf(service, deps.bundled).some((c) => c.id === id)) return fail(`No camera ${id} in the registry.`, 'not_found');
      const r = await service.commit({ type: 'camera.removed', cameraId: id, at: service.now(), by: operator });
      if (!r.ok) return r;
      deps.removed?.(id);
      return ok({ removed: id });
    },
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

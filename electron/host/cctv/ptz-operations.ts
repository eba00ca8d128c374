import { OnvifPtz } from '../../../adapters/onvif/onvif-ptz.js';
import type { PtzAct } from '../../../shared/cctv/audit.js';
import type { Camera } from '../../../shared/cctv/registry.js';
import type { PtzAnswer } from '../../../shared/cctv/schemas.js';
import { angleBetween } from '../../../shared/cctv/visibility.js';
import type { OperationHandlers } from '../../../shared/contract.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { ConsoleService } from '../../../shared/services/console-service.js';
import type { CameraCredentialStore } from './credentials.js';

type PtzOperationName = 'ptzMove' | 'ptzStop' | 'ptzGotoPreset' | 'ptzAbsoluteMove' | 'ptzPoint' | 'ptzStatus' | 'ptzPresets';

export interface PtzDeps {
  service: ConsoleService;
  camera(id: string): Camera | undefined;
  credentials: CameraCredentialStore;
}

/** The pan (ONVIF generic space, -1…1 = -180°…180° from home) that looks along `bearing`. */
export const panFor = (camera: Camera, bearing: number) => +(((((bearing - camera.bearing) % 360) + 540) % 360 - 180) / 180).toFixed(4);

/** PTZ through ONVIF: each act journaled in the operator's name, then sent to the camera. */
export function createPtzHandlers(deps: PtzDeps): Pick<OperationHandlers, PtzOperationName> {
  const { service } = deps;
  const clients = new Map<string, { key: string; ptz: OnvifPtz }>();

  const ptzFor = (id: string): Result<{ camera: Camera; ptz: OnvifPtz }> => {
    const camera = deps.camera(id);
    if (!camera) return fail(`No camera ${id} in the registry.`, 'not_found');
    if (!camera.ptz) return fail(`${camera.name} is a fixed camera: it cannot be turned.`, 'conflict');
    if (!camera.onvifUrl) return fail(`${camera.name} has no ONVIF address in the registry, so it cannot be turned from here.`, 'conflict');
    const credential = deps.credentials.get(id)?.onvif;
    const key = `${camera.onvifUrl}\u0000${credential?.user ?? ''}\u0000${credential?.pass ?? ''}`;
    let c = clients.get(id);
    if (c?.key !== key) {
      c = { key, ptz: new OnvifPtz(camera.onvifUrl, credential) };
      clients.set(id, c);
    }
    return ok({ camera, ptz: c.ptz });
  };

  const said = <T>(camera: Camera, r: { ok: true; value: T } | { ok: false; error: string }): Result<T> =>
    r.ok ? ok(r.value) : fail(`${camera.name}: ${r.error}.`, 'unavailable');

  /** Journals the act, then does it: a move nobody could account for never reaches the camera. */
  const act = async <T>(id: string, by: string, what: PtzAct, run: (ptz: OnvifPtz, camera: Camera) => Promise<Result<T>>): Promise<Result<T>> => {
    const c = ptzFor(id);
    if (!c.ok) return c;
    const audit = await service.commit({ type: 'camera.ptz', cameraId: id, at: service.now(), by, act: what });
    if (!audit.ok) return audit;
    return run(c.value.ptz, c.value.camera);
  };

  // The act was done; a camera that then cannot say where it is answers without a position.
  const report = async (ptz: OnvifPtz): Promise<Result<PtzAnswer>> => {
    const s = await ptz.status();
    return ok({ status: s.ok ? s.value : null });
  };

  return {
    ptzMove: ({ id, pan, tilt, zoom, operator }) =>
      act(id, operator, { kind: 'move', pan, tilt, zoom }, async (ptz, camera) => {
        const r = said(camera, await ptz.move({ pan, tilt, zoom }));
        return r.ok ? ok({ status: null }) : r;
      }),
    ptzStop: ({ id, operator }) =>
      act(id, operator, { kind: 'stop' }, async (ptz, camera) => {
        const r = said(camera, await ptz.stop());
        return r.ok ? report(ptz) : r;
      }),
    ptzGotoPreset: ({ id, preset, operator }) =>
      act(id, operator, { kind: 'preset', preset }, async (ptz, camera) => {
        const r = said(camera, await ptz.gotoPreset(preset));
        return r.ok ? report(ptz) : r;
      }),
    ptzAbsoluteMove: ({ id, pan, tilt, zoom, operator }) =>
      act(id, operator, { kind: 'absolute', pan, tilt, zoom }, async (ptz, camera) => {
        const r = said(camera, await ptz.absoluteMove({ pan, tilt, zoom }));
        return r.ok ? report(ptz) : r;
      }),
    ptzPoint: async ({ id, bearing, operator }) => {
      const c = ptzFor(id);
      if (!c.ok) return c;
      const nearest = [...(c.value.camera.presets ?? [])].sort((a, b) => angleBetween(a.bearing, bearing) - angleBetween(b.bearing, bearing))[0];
      if (nearest) {
        const r = await act(id, operator, { kind: 'preset', preset: nearest.name }, async (ptz, camera) => said(camera, await ptz.gotoPreset(nearest.name)));
        return r.ok ? ok({ by: { preset: nearest.name } }) : r;
      }
      const pan = panFor(c.value.camera, bearing);
      const r = await act(id, operator, { kind: 'absolute', pan, tilt: 0, zoom: 0 }, async (ptz, camera) => said(camera, await ptz.absoluteMove({ pan, tilt: 0, zoom: 0 })));
      return r.ok ? ok({ by: { pan } }) : r;
    },
    ptzStatus: async ({ id }) => {
      const c = ptzFor(id);
      if (!c.ok) return c;
      return said(c.value.camera, await c.value.ptz.status());
    },
    ptzPresets: async ({ id }) => {
      const c = ptzFor(id);
      if (!c.ok) return c;
      const r = said(c.value.camera, await c.value.ptz.listPresets());
      return r.ok ? ok(r.value.map((p) => p.name)) : r;
    },
  };
}

import { useCallback, useMemo, useRef, useState } from 'react';
import type { CameraView, PtzReport } from '../../../shared/cctv/schemas.js';
import type { CameraSighting } from '../../../shared/cctv/visibility.js';
import { useHost } from '../host/HostContext.js';
import { refusal } from '../session/can.js';
import { useConsoleStore } from '../store/store.js';

export type PtzKey = 'left' | 'right' | 'up' | 'down' | 'in' | 'out';

/** Half speed: fine enough to frame a face, quick enough to follow someone walking. */
const SPEED = 0.5;
const VECTORS: Record<PtzKey, { pan: number; tilt: number; zoom: number }> = {
  left: { pan: -SPEED, tilt: 0, zoom: 0 },
  right: { pan: SPEED, tilt: 0, zoom: 0 },
  up: { pan: 0, tilt: SPEED, zoom: 0 },
  down: { pan: 0, tilt: -SPEED, zoom: 0 },
  in: { pan: 0, tilt: 0, zoom: SPEED },
  out: { pan: 0, tilt: 0, zoom: -SPEED },
};

const positionText = (r: PtzReport) =>
  `pan ${r.position.pan.toFixed(2)} · tilt ${r.position.tilt.toFixed(2)} · zoom ${r.position.zoom.toFixed(2)}${r.moving ? ' · moving' : ''}`;

/**
 * PTZ from the keyboard: a key held down moves the camera, let go it stops (an explicit Stop,
 * never a timed move that might outlive the key). Each act is journaled by the host.
 */
export function usePtz() {
  const host = useHost();
  const store = useConsoleStore();
  const [reports, setReports] = useState<Record<string, PtzReport>>(() => Object.create(null) as Record<string, PtzReport>);
  const [presets, setPresets] = useState<Record<string, string[]>>(() => Object.create(null) as Record<string, string[]>);
  const moving = useRef<string | null>(null);

  const remember = useCallback((id: string, r: PtzReport | null) => {
    if (r) setReports((all) => Object.assign(Object.create(null) as Record<string, PtzReport>, all, { [id]: r }));
  }, []);
  const failed = useCallback((error: string) => store.getState().notify(error, 'error'), [store]);
  /** Steering is for CCTV operators and supervisors: anyone else is told so, and nothing is sent. */
  const refused = useCallback(() => {
    const no = refusal(store.getState(), 'ptzMove', 'Steering a camera');
    if (no) store.getState().notify(no, 'info');
    return !!no;
  }, [store]);

  const key = useCallback(
    (camera: CameraView, k: PtzKey, down: boolean) => {
      if (!camera.ptz) {
        if (down) store.getState().notify(`${camera.name} is a fixed camera: it cannot be turned.`, 'info');
        return;
      }
      if (down && refused()) return;
      if (down) {
        moving.current = camera.id;
        void host.call('ptzMove', { id: camera.id, ...VECTORS[k] }).then((r) => !r.ok && failed(r.error));
      } else if (moving.current === camera.id) {
        moving.current = null;
        void host.call('ptzStop', { id: camera.id }).then((r) => (r.ok ? remember(camera.id, r.value.status) : failed(r.error)));
      }
    },
    [host, store, failed, remember, refused],
  );

  const gotoPreset = useCallback(
    async (camera: CameraView, n: number) => {
      if (refused()) return;
      let list = presets[camera.id];
      if (!list) {
        const r = await host.call('ptzPresets', { id: camera.id });
        if (!r.ok) return failed(r.error);
        list = r.value;
        setPresets((all) => Object.assign(Object.create(null) as Record<string, string[]>, all, { [camera.id]: r.value }));
      }
      const name = list[n - 1];
      if (!name) return store.getState().notify(`${camera.name} has ${list.length} presets; there is no preset ${n}.`, 'info');
      const r = await host.call('ptzGotoPreset', { id: camera.id, preset: name });
      if (!r.ok) return failed(r.error);
      remember(camera.id, r.value.status);
      store.getState().notify(`${camera.name}: preset ${n} "${name}".`, 'info');
    },
    [host, presets, store, failed, remember, refused],
  );

  const pointAt = useCallback(
    (s: CameraSighting) => {
      if (refused()) return;
      void host.call('ptzPoint', { id: s.camera.id, bearing: s.bearing }).then(async (r) => {
        if (!r.ok) return failed(r.error);
        const st = await host.call('ptzStatus', { id: s.camera.id });
        if (st.ok) remember(s.camera.id, st.value);
      });
    },
    [host, failed, remember, refused],
  );

  const refresh = useCallback(
    (id: string) => void host.call('ptzStatus', { id }).then((r) => (r.ok ? remember(id, r.value) : undefined)),
    [host, remember],
  );

  return useMemo(
    () => ({
      key,
      gotoPreset,
      pointAt,
      refresh,
      presets: (id: string) => presets[id] ?? null,
      status: (id: string) => (reports[id] ? positionText(reports[id]) : ''),
    }),
    [key, gotoPreset, pointAt, refresh, presets, reports],
  );
}

import './cctv.css';
import { useEffect, useRef, useState } from 'react';
import { columnsOf, placeCamera } from '../../../shared/cctv/layouts.js';
import type { CameraSighting } from '../../../shared/cctv/visibility.js';
import { useHost } from '../host/HostContext.js';
import { refusal } from '../session/can.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { CCTV_SHORTCUTS, cctvKeyHandler, type CctvKeyActions } from './cctvKeys.js';
import { CameraFinder } from './CameraFinder.js';
import { type DeskLayouts, deskLayoutsKey, keep, LAYOUT_SLOTS, layoutOf, readDeskLayouts, switchTo } from './deskLayouts.js';
import { dragCamera } from './dragCamera.js';
import { usePtz } from './usePtz.js';
import { VideoTile } from './VideoTile.js';


/** Where "cameras that see this" looks: the selected incident, else the selected unit, else the newest open alarm. */
function target(s: ReturnType<ReturnType<typeof useConsoleStore>['getState']>): { lat: number; lon: number; what: string } | null {
  const i = s.selectedIncidentId ? s.incidents[s.selectedIncidentId] : undefined;
  if (i) return { ...i.location, what: `incident ${i.ref}` };
  const u = s.selectedUnitId ? s.units[s.selectedUnitId] : undefined;
  if (u?.fix) return { lat: u.fix.lat, lon: u.fix.lon, what: u.callsign };
  const alarm = Object.values(s.alarms)
    .filter((a) => a.stoodDownAt === null && a.lat !== undefined && a.lon !== undefined)
    .sort((a, b) => b.raisedAt - a.raisedAt)[0];
  if (alarm) return { lat: alarm.lat!, lon: alarm.lon!, what: `the alarm of ${s.units[alarm.unitId]?.callsign ?? alarm.unitId}` };
  return null;
}

/**
 * The CCTV operator's workspace: the camera registry, the tiles over the map (V), the keyboard,
 * layouts saved per desk, and "cameras that see this" (S) for whatever is selected.
 */
export function CctvWorkspace() {
  const host = useHost();
  const store = useConsoleStore();
  const open = useConsole((s) => s.cctvOpen);
  const layout = useConsole((s) => s.cctv);
  const selected = useConsole((s) => s.selectedTile);
  const enlarged = useConsole((s) => s.enlarged);
  const cameras = useConsole((s) => s.cameras);
  const [sightings, setSightings] = useState<{ what: string; list: CameraSighting[] } | null>(null);
  const [finding, setFinding] = useState(false);
  // Layouts are kept per signed-in operator, so they follow them from desk to desk of this host.
  const operator = useConsole((s) => s.session?.operator) ?? 'dispatcher';
  const ptz = usePtz();
  const desk = useRef<DeskLayouts | null>(null);
  const [slot, setSlot] = useState(1);

  useEffect(() => {
    let live = true;
    const load = () =>
      void host.call('listCameras', {}).then((r) => {
        if (live && r.ok) store.getState().setCameras(r.value);
      });
    load();
    return () => {
      live = false;
    };
  }, [host, store, open]);

  // Layouts are the desk's: read once, the one on screen written back on every change.
  const save = (d: DeskLayouts) => {
    desk.current = d;
    try {
      localStorage.setItem(deskLayoutsKey(operator), JSON.stringify(d));
    } catch {
      // Storage full or refused: the layout still works, it is just not kept.
    }
  };
  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(deskLayoutsKey(operator));
    } catch {
      // No storage: a fresh desk.
    }
    const d = readDeskLayouts(stored);
    desk.current = d;
    setSlot(d.current);
    store.getState().setCctvLayout(layoutOf(d));
  }, [operator, store]);
  useEffect(() => {
    // Only a new layout is written; `save` reads the operator of this render.
    if (desk.current) save(keep(desk.current, layout));
  }, [layout]);
  const switchLayout = (n: number) => {
    if (!desk.current || n < 1 || n > LAYOUT_SLOTS) return;
    const d = switchTo(desk.current, store.getState().cctv, n);
    save(d);
    setSlot(d.current);
    store.getState().setCctvLayout(layoutOf(d));
  };

  const selectedCam = () => {
    const s = store.getState();
    const id = s.cctv.tiles[s.selectedTile];
    return id ? s.cameras[id] : undefined;
  };
  const actions = useRef<CctvKeyActions>(null!);
  actions.current = {
    camerasThatSee: () => {
      const t = target(store.getState());
      if (!t) return store.getState().notify('Select an incident or a unit first: cameras that see it are found from its position.', 'info');
      void host.call('camerasThatSee', { lat: t.lat, lon: t.lon }).then((r) => {
        if (!r.ok) return store.getState().notify(r.error, 'error');
        setSightings({ what: t.what, list: r.value });
        const best = r.value[0];
        if (!best) return store.getState().notify(`No camera sees ${t.what}.`, 'info');
        store.getState().openCamera(best.camera.id);
        if (best.kind === 'turn') ptz.pointAt(best);
      });
    },
    findCamera: () => setFinding(true),
    sendToWall: (tile) => {
      const s = store.getState();
      const id = s.cctv.tiles[s.selectedTile];
      if (!id) return s.notify('The selected tile has no camera to send to the wall.', 'info');
      const no = refusal(s, 'sendToWall', 'Sending a camera to the video wall');
      if (no) return s.notify(no, 'info');
      void host.call('sendToWall', { tile: tile + 1, cameraId: id }).then((r) =>
        s.notify(r.ok ? `${s.cameras[id]?.name ?? id} is on wall tile ${tile + 1}.` : r.error, r.ok ? 'info' : 'error'),
      );
    },
    ptz: (key, down) => {
      const cam = selectedCam();
      if (cam) ptz.key(cam, key, down);
    },
    turn: (degrees) => {
      const cam = selectedCam();
      if (!cam) return;
      const no = refusal(store.getState(), 'updateCamera', 'Correcting a camera’s direction');
      if (no) return store.getState().notify(no, 'info');
      const bearing = (((cam.bearing + degrees) % 360) + 360) % 360;
      void host.call('updateCamera', { id: cam.id, bearing }).then((r) => {
        if (!r.ok) return store.getState().notify(r.error, 'error');
        store.getState().setCameras(Object.values({ ...store.getState().cameras, [cam.id]: r.value }));
      });
    },
    layout: (n) => switchLayout(n),
    preset: (n) => {
      const cam = selectedCam();
      if (!cam) return;
      if (!cam.ptz) return store.getState().notify(`${cam.name} is a fixed camera: it has no presets.`, 'info');
      void ptz.gotoPreset(cam, n);
    },
  };
  useEffect(() => {
    const handle = cctvKeyHandler(store, {
      camerasThatSee: () => actions.current.camerasThatSee(),
      findCamera: () => actions.current.findCamera(),
      sendToWall: (t) => actions.current.sendToWall(t),
      ptz: (k, d) => actions.current.ptz(k, d),
      preset: (n) => actions.current.preset(n),
      turn: (d) => actions.current.turn(d),
      layout: (n) => actions.current.layout(n),
    });
    const onKey = (e: KeyboardEvent) => {
      if (handle(e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    // Capture: while the CCTV view is open its keys (Esc, digits, arrows) are its own.
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    window.addEventListener('blur', handle.release);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
      window.removeEventListener('blur', handle.release);
      handle.release();
    };
  }, [store]);

  const selectedId = open ? layout.tiles[selected] : null;
  const selectedIsPtz = !!(selectedId && cameras[selectedId]?.ptz);
  const { refresh } = ptz;
  useEffect(() => {
    if (selectedId && selectedIsPtz) refresh(selectedId);
  }, [selectedId, selectedIsPtz, refresh]);

  if (!open) return null;
  const cols = enlarged ? 1 : columnsOf(layout.size);
  const shown = enlarged ? [selected] : Array.from({ length: layout.size }, (_, i) => i);
  const selectedCamera = layout.tiles[selected] ? cameras[layout.tiles[selected]!] : undefined;
  return (
    <section className="cctv-view" aria-label="CCTV">
      <header className="cctv-bar">
        <strong>CCTV</strong>
        <span className="cctv-layouts" role="group" aria-label="Layout">
          {([1, 4, 9, 16] as const).map((n) => (
            <button key={n} type="button" aria-pressed={layout.size === n} onClick={() => store.getState().setLayoutSize(n)}>
              {n}
            </button>
          ))}
        </span>
        <span className="cctv-layouts" role="group" aria-label="Saved layouts">
          {Array.from({ length: LAYOUT_SLOTS }, (_, k) => k + 1).map((n) => (
            <button key={n} type="button" aria-pressed={slot === n} title={`Layout ${n} (K then ${n})`} onClick={() => switchLayout(n)}>
              L{n}
            </button>
          ))}
        </span>
        {finding ? (
          <CameraFinder cameras={Object.values(cameras)} onPick={(id) => (setFinding(false), id && store.getState().openCamera(id))} />
        ) : (
          <button type="button" onClick={() => setFinding(true)}>
            Find camera (F)
          </button>
        )}
        <span className="cctv-ptz-status" data-ptz-status>
          {selectedCamera?.ptz ? ptz.status(selectedCamera.id) : ''}
        </span>
        <span className="hint" title={CCTV_SHORTCUTS.map((k) => `${k.keys}: ${k.action}`).join('\n')}>digits: tile · Enter: enlarge · Esc: back · arrows/+−: PTZ · P+digit: preset · W+digit: wall · V: close</span>
      </header>
      {sightings && (
        <ol className="cctv-sightings" aria-label={`Cameras that see ${sightings.what}`}>
          <li className="hint">Cameras that see {sightings.what}:</li>
          {sightings.list.length === 0 && <li>none</li>}
          {sightings.list.map((s) => (
            <li key={s.camera.id} data-camera-id={s.camera.id}>
              <button type="button" draggable onDragStart={(e) => dragCamera(e, s.camera.id)} onClick={() => store.getState().openCamera(s.camera.id)}>
                {s.camera.name}
              </button>{' '}
              <span className="hint">{s.reason}</span>
            </li>
          ))}
        </ol>
      )}
      <div className="cctv-grid" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)`, gridTemplateRows: `repeat(${cols}, 1fr)` }}>
        {shown.map((i) => {
          const id = layout.tiles[i] ?? null;
          return (
            <VideoTile key={i} index={i} cameraId={id} camera={id ? (cameras[id] ?? null) : null} selected={i === selected} operator={operator} where="desk" onSelect={() => store.getState().selectTile(i)} onDropCamera={(cam) => {
                store.getState().setCctvLayout(placeCamera(store.getState().cctv, i, cam));
                store.getState().selectTile(i);
                setFinding(false);
              }} />
          );
        })}
      </div>
    </section>
  );
}

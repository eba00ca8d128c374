import { useEffect, useRef, useState } from 'react';
import type { ConsoleStore } from '../store/store.js';
import {
  type DeskMessage,
  loadBounds,
  loadTornOff,
  openDeskChannel,
  PANEL_LABELS,
  type PanelName,
  panelUrl,
  panelWindowName,
  saveBounds,
  saveTornOff,
  TEAR_OFF_KEYS,
  PANELS,
  windowFeatures,
} from './tearOff.js';

type Channel = NonNullable<ReturnType<typeof openDeskChannel>>;

/** Long enough for a panel's window to reload and say it is there again. */
const PUT_BACK_GRACE_MS = 1500;

/**
 * The desk's channel for the life of this window. Opened in an effect, so the channel closed on
 * unmount is never the one used after a remount (React's strict mode mounts twice).
 */
export function useDeskChannel(): Channel | null {
  const [ch, setCh] = useState<Channel | null>(null);
  useEffect(() => {
    const c = openDeskChannel();
    setCh(c);
    return () => {
      c?.close();
      setCh(null);
    };
  }, []);
  return ch;
}

/**
 * What is selected is the desk's, not one window's: an incident chosen in the torn-off queue is
 * the one the main window shows, and the map flies to it if the choice asked for that.
 */
export function useSharedSelection(store: ConsoleStore, ch: Channel | null): void {
  useEffect(() => {
    if (!ch) return;
    let applying = false;
    const offStore = store.subscribe((s, prev) => {
      if (applying || (s.selectedIncidentId === prev.selectedIncidentId && s.selectedUnitId === prev.selectedUnitId)) return;
      ch.post({ type: 'selection', incidentId: s.selectedIncidentId, unitId: s.selectedUnitId, fly: (s.flyTo?.n ?? 0) !== (prev.flyTo?.n ?? 0) });
    });
    const offChannel = ch.listen((m) => {
      if (m.type !== 'selection') return;
      const s = store.getState();
      applying = true;
      try {
        if (m.incidentId !== s.selectedIncidentId) s.selectIncident(m.incidentId, { fly: m.fly && !!m.incidentId });
        if (m.unitId !== store.getState().selectedUnitId) store.getState().selectUnit(m.unitId, { fly: m.fly && !!m.unitId && !m.incidentId });
      } finally {
        applying = false;
      }
    });
    return () => {
      offStore();
      offChannel();
    };
  }, [store, ch]);
}

/** Alt+Shift+letter: the panel it names, or null. */
function tearOffKey(e: Pick<KeyboardEvent, 'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'code'>): PanelName | null {
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
  return PANELS.find((p) => TEAR_OFF_KEYS[p].code === e.code) ?? null;
}

/**
 * The main window's side of tearing off: which panels are in windows of their own, opening and
 * closing those windows, and hearing when one is closed (the panel comes back). Remembered per desk.
 */
export function useTearOff(store: ConsoleStore, ch: Channel | null) {
  const [tornOff, setTornOff] = useState<PanelName[]>(loadTornOff);
  const windows = useRef(new Map<PanelName, Window>());
  const update = (f: (prev: PanelName[]) => PanelName[]) =>
    setTornOff((prev) => {
      const next = f(prev);
      saveTornOff(next);
      return next;
    });

  const open = (panel: PanelName): boolean => {
    const w = window.open(panelUrl(window.location.href, panel), panelWindowName(panel), windowFeatures(loadBounds(panel)));
    if (!w) {
      store.getState().notify(`The browser did not let the console open the ${PANEL_LABELS[panel].toLowerCase()} in its own window: allow pop-ups for this console, or use the button in its place.`);
      return false;
    }
    windows.current.set(panel, w);
    return true;
  };
  const tearOff = (panel: PanelName) => {
    if (open(panel)) update((p) => (p.includes(panel) ? p : [...p, panel]));
  };
  const putBack = (panel: PanelName) => {
    ch?.post({ type: 'close', panel });
    windows.current.get(panel)?.close();
    windows.current.delete(panel);
    update((p) => p.filter((x) => x !== panel));
  };
  const latest = useRef({ tornOff, tearOff, putBack, open });
  latest.current = { tornOff, tearOff, putBack, open };

  // The desk's windows come back as they were (a browser may hold a pop-up back until a click).
  useEffect(() => {
    for (const p of loadTornOff()) latest.current.open(p);
  }, []);

  // A panel's window going away may be a reload (its own, or this window reopening it) rather than
  // a close: the panel comes back only if its window has not said it is there again a moment later.
  useEffect(() => {
    if (!ch) return;
    const pending = new Map<PanelName, ReturnType<typeof setTimeout>>();
    const off = ch.listen((m: DeskMessage) => {
      if (m.type === 'put-back') {
        clearTimeout(pending.get(m.panel));
        pending.set(
          m.panel,
          setTimeout(() => {
            pending.delete(m.panel);
            update((p) => p.filter((x) => x !== m.panel));
          }, PUT_BACK_GRACE_MS),
        );
      } else if (m.type === 'torn-off') {
        clearTimeout(pending.get(m.panel));
        pending.delete(m.panel);
        update((p) => (p.includes(m.panel) ? p : [...p, m.panel]));
      }
    });
    return () => {
      off();
      for (const t of pending.values()) clearTimeout(t);
    };
  }, [ch]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const panel = tearOffKey(e);
      if (!panel) return;
      e.preventDefault();
      const { tornOff: now, tearOff: off, putBack: back } = latest.current;
      if (now.includes(panel)) back(panel);
      else off(panel);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return { tornOff, tearOff, putBack, reopen: open };
}

/** A torn-off window's side: it tells the desk it is there, goes when asked, and says when it closes. */
export function usePanelWindow(panel: PanelName, ch: Channel | null): void {
  useEffect(() => {
    document.title = `${PANEL_LABELS[panel]} · Beacon`;
    ch?.post({ type: 'torn-off', panel });
    const off = ch?.listen((m) => m.type === 'close' && m.panel === panel && window.close());
    const onHide = () => {
      saveBounds(panel, { left: window.screenX, top: window.screenY, width: window.outerWidth, height: window.outerHeight });
      ch?.post({ type: 'put-back', panel });
    };
    const onKey = (e: KeyboardEvent) => {
      if (tearOffKey(e) !== panel) return;
      e.preventDefault();
      window.close();
    };
    window.addEventListener('pagehide', onHide);
    window.addEventListener('keydown', onKey);
    return () => {
      off?.();
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('keydown', onKey);
    };
  }, [panel, ch]);
}

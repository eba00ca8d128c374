/**
 * Panels a dispatcher can tear off into windows of their own (on other monitors). Each torn-off
 * window is a whole console client of the host, showing one panel; the windows of one desk (one
 * browser profile, or one Electron app) share what is selected over a BroadcastChannel, and the
 * desk remembers which panels it keeps apart.
 */
export const PANELS = ['map', 'queue', 'incident', 'units', 'alarms'] as const;
export type PanelName = (typeof PANELS)[number];

export const PANEL_LABELS: Record<PanelName, string> = {
  map: 'Map',
  queue: 'Incident queue',
  incident: 'Incident',
  units: 'Units',
  alarms: 'Alarms',
};

/** Alt+Shift+ this key tears the panel off, or puts it back (physical keys: Alt changes letters on some layouts). */
export const TEAR_OFF_KEYS: Record<PanelName, { code: string; key: string }> = {
  map: { code: 'KeyM', key: 'M' },
  queue: { code: 'KeyQ', key: 'Q' },
  incident: { code: 'KeyV', key: 'V' },
  units: { code: 'KeyU', key: 'U' },
  alarms: { code: 'KeyA', key: 'A' },
};

export const TEAR_OFF_SHORTCUTS = PANELS.map((p) => ({
  keys: `Alt+Shift+${TEAR_OFF_KEYS[p].key}`,
  action: `${PANEL_LABELS[p]}: into its own window, or back`,
}));

const isPanelName = (v: unknown): v is PanelName => typeof v === 'string' && (PANELS as readonly string[]).includes(v);

/** The panel this window shows on its own (`?panel=queue`), or null for the desk's main window. */
export function panelOfWindow(search: string): PanelName | null {
  const p = new URLSearchParams(search).get('panel');
  return isPanelName(p) ? p : null;
}

/** The console's own address with `panel=` set, keeping this window's other overrides (map style, theme). */
export function panelUrl(href: string, panel: PanelName): string {
  const u = new URL(href);
  u.searchParams.set('panel', panel);
  u.searchParams.delete('token');
  u.hash = '';
  return u.toString();
}

/** One window per panel per desk: opening it again finds the same window. */
export const panelWindowName = (panel: PanelName) => `beacon-panel-${panel}`;

const TORN_OFF_KEY = 'beacon.workspace.tornOff';
const BOUNDS_KEY = 'beacon.workspace.window.';

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
};

export function loadTornOff(): PanelName[] {
  try {
    const v = JSON.parse(storage()?.getItem(TORN_OFF_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? PANELS.filter((p) => v.includes(p)) : [];
  } catch {
    return [];
  }
}

export function saveTornOff(panels: readonly PanelName[]): void {
  try {
    storage()?.setItem(TORN_OFF_KEY, JSON.stringify(PANELS.filter((p) => panels.includes(p))));
  } catch {
    // A desk that cannot store simply forgets; the windows still work.
  }
}

export interface WindowBounds {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where the panel's window last was, so it opens on the same monitor next time. */
export function loadBounds(panel: PanelName): WindowBounds | null {
  try {
    const v = JSON.parse(storage()?.getItem(BOUNDS_KEY + panel) ?? 'null') as Partial<WindowBounds> | null;
    const ok = v && [v.left, v.top, v.width, v.height].every((n) => typeof n === 'number' && Number.isFinite(n));
    return ok ? (v as WindowBounds) : null;
  } catch {
    return null;
  }
}

export function saveBounds(panel: PanelName, b: WindowBounds): void {
  try {
    storage()?.setItem(BOUNDS_KEY + panel, JSON.stringify(b));
  } catch {
    // As above.
  }
}

export const windowFeatures = (b: WindowBounds | null) =>
  b ? `popup,left=${Math.round(b.left)},top=${Math.round(b.top)},width=${Math.round(b.width)},height=${Math.round(b.height)}` : 'popup,width=900,height=800';

/** What the windows of one desk say to each other. */
export type DeskMessage =
  | { type: 'selection'; incidentId: string | null; unitId: string | null; fly: boolean }
  | { type: 'torn-off'; panel: PanelName }
  | { type: 'put-back'; panel: PanelName }
  | { type: 'close'; panel: PanelName };

const DESK_CHANNEL = 'beacon.desk';

/** Messages from another window are input like any other: checked before use. */
export function parseDeskMessage(m: unknown): DeskMessage | null {
  if (!m || typeof m !== 'object') return null;
  const o = m as Record<string, unknown>;
  const id = (v: unknown) => v === null || typeof v === 'string';
  if (o.type === 'selection' && id(o.incidentId) && id(o.unitId) && typeof o.fly === 'boolean')
    return { type: 'selection', incidentId: o.incidentId as string | null, unitId: o.unitId as string | null, fly: o.fly };
  if ((o.type === 'torn-off' || o.type === 'put-back' || o.type === 'close') && isPanelName(o.panel)) return { type: o.type, panel: o.panel };
  return null;
}

/** The desk's channel, or null where the browser has none (the window then works alone). */
export function openDeskChannel(): { post(m: DeskMessage): void; listen(fn: (m: DeskMessage) => void): () => void; close(): void } | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const ch = new BroadcastChannel(DESK_CHANNEL);
  return {
    post: (m) => ch.postMessage(m),
    listen(fn) {
      const on = (e: MessageEvent) => {
        const m = parseDeskMessage(e.data);
        if (m) fn(m);
      };
      ch.addEventListener('message', on);
      return () => ch.removeEventListener('message', on);
    },
    close: () => ch.close(),
  };
}

import type { StateCreator } from 'zustand';
import type { FixRow, Health, StreamMessage, StreetMapSettings } from '../../../shared/contract.js';
import type { Agency } from '../../../shared/domain/agencies.js';
import type { Alarm } from '../../../shared/domain/alarms.js';
import type { Incident, LatLon } from '../../../shared/domain/incidents.js';
import type { Fix, Unit, UnitStatus } from '../../../shared/domain/units.js';
import type { LinkState } from '../host/client.js';
import type { CctvSlice } from '../cctv/cctvSlice.js';
import type { MapDetail, MapRendering } from '../map/renderCost.js';

type ById<T> = Record<string, T>;

/**
 * Ids come from outside (a unit on an open roster may be called `constructor` or `__proto__`), so
 * these records have no prototype: every id is just a key, and a missing one reads undefined.
 */
export const byId = <T>(from?: ById<T>): ById<T> => Object.assign(Object.create(null) as ById<T>, from);

/** Replace everything (snapshot) or merge the changed entities (changes), keyed by id. */
export function mergeById<T extends { id: string }>(prev: ById<T>, items: readonly T[], replace: boolean): ById<T> {
  if (!replace && items.length === 0) return prev;
  const next = byId(replace ? undefined : prev);
  for (const x of items) next[x.id] = x;
  return next;
}

/**
 * Moves units that only reported a position (in place: `units` must be a fresh copy). A unit the
 * console does not know yet is left for the next snapshot; its roster details are not in a fix.
 */
export function applyFixes(units: ById<Unit>, fixes: readonly FixRow[]): ById<Unit> {
  for (const [id, ts, lat, lon, hdg, spd, acc, battery] of fixes) {
    const u = units[id];
    if (!u) continue;
    const fix: Fix = { ts, lat, lon };
    if (hdg !== null) fix.hdg = hdg;
    if (spd !== null) fix.spd = spd;
    if (acc !== null) fix.acc = acc;
    units[id] = { ...u, fix, battery };
  }
  return units;
}

export interface UnitsSlice {
  units: ById<Unit>;
}
export interface IncidentsSlice {
  incidents: ById<Incident>;
  /** An operation's answer, applied before the stream echoes it; the stream's copy wins later. */
  upsertIncidents(list: Incident[]): void;
}
export interface AlarmsSlice {
  alarms: ById<Alarm>;
}

export interface ConnectionSlice {
  link: LinkState;
  health: Health | null;
  /** Journal sequence of the last applied message: changes older than a snapshot are dropped. */
  seq: number;
  /** Host clock minus ours, so ages are measured against the host that stamped them. */
  clockSkewMs: number;
  receivedAt: number;
  setLink(s: LinkState): void;
  applyStream(m: StreamMessage, now?: number): void;
}

export type BoardSortKey = 'callsign' | 'agency' | 'status' | 'sector' | 'fixAge';
export interface BoardFilter {
  agency: Agency | '';
  status: UnitStatus | '';
  sector: string;
  search: string;
}

/** What the dispatcher is doing right now; Esc always returns to `idle`. */
export type ConsoleMode = 'idle' | 'new-incident' | 'allocate';

export interface UiSlice {
  theme: 'dark' | 'light';
  mode: ConsoleMode;
  selectedUnitId: string | null;
  selectedIncidentId: string | null;
  /** Whether a map click sets the new incident's location instead of selecting a unit. */
  pickingLocation: boolean;
  draftLocation: LatLon | null;
  boardFilter: BoardFilter;
  boardSort: { key: BoardSortKey; dir: 1 | -1 };
  /** A request for the map to move; `n` makes repeated requests for the same place distinct. */
  flyTo: { lat: number; lon: number; zoom?: number; n: number } | null;
  /** Where the map is looking: place search ranks the nearer of two equal names first. */
  mapCentre: LatLon | null;
  staleAfterS: number;
  mapStyleUrl: string | null;
  /** The street map imported into the host; null draws the bundled schematic basemap. */
  streetMap: StreetMapSettings | null;
  /** Whether the host's settings have been asked (answered or not): the map waits for them. */
  settingsLoaded: boolean;
  /** Map resolution asked for in settings; null lets the console choose from the renderer. */
  mapDetail: MapDetail | null;
  /** How the map is actually being drawn, once it has started. */
  mapRendering: MapRendering | null;
  /** Last thing that went wrong, in words a dispatcher can act on. */
  notice: { text: string; kind: 'error' | 'info'; at: number } | null;
  /** Information that arrived while an error was showing: shown once the error is dismissed. */
  queuedInfo: { text: string; kind: 'error' | 'info'; at: number } | null;
  setTheme(t: 'dark' | 'light'): void;
  toggleTheme(): void;
  setMode(m: ConsoleMode): void;
  selectUnit(id: string | null, opts?: { fly?: boolean }): void;
  selectIncident(id: string | null, opts?: { fly?: boolean }): void;
  setPickingLocation(on: boolean): void;
  setDraftLocation(l: LatLon | null): void;
  setBoardFilter(f: Partial<BoardFilter>): void;
  sortBoardBy(key: BoardSortKey): void;
  setSettings(s: { staleAfterS?: number; mapStyleUrl?: string | null; mapDetail?: MapDetail | null; streetMap?: StreetMapSettings | null; settingsLoaded?: boolean }): void;
  setMapCentre(c: LatLon): void;
  setMapRendering(r: MapRendering | null): void;
  notify(text: string, kind?: 'error' | 'info'): void;
  clearNotice(): void;
}

export type ConsoleState = UnitsSlice & IncidentsSlice & AlarmsSlice & ConnectionSlice & UiSlice & CctvSlice;
type Slice<T> = StateCreator<ConsoleState, [], [], T>;

export const createUnitsSlice: Slice<UnitsSlice> = () => ({ units: byId() });
export const createIncidentsSlice: Slice<IncidentsSlice> = (set, get) => ({
  incidents: byId(),
  upsertIncidents: (list) => set({ incidents: mergeById(get().incidents, list, false) }),
});
export const createAlarmsSlice: Slice<AlarmsSlice> = () => ({ alarms: byId() });

export const createConnectionSlice: Slice<ConnectionSlice> = (set, get) => ({
  link: 'connecting',
  health: null,
  seq: -1,
  clockSkewMs: 0,
  receivedAt: 0,
  setLink: (link) => set({ link }),
  applyStream: (m, now = Date.now()) => {
    const replace = m.type === 'snapshot';
    // A batch computed before the snapshot we already hold would roll entities back.
    if (!replace && m.seq < get().seq) return;
    const s = get();
    const merged = mergeById(s.units, m.units, replace);
    set({
      units: m.type === 'changes' && m.fixes?.length ? applyFixes(merged === s.units ? byId(merged) : merged, m.fixes) : merged,
      incidents: mergeById(s.incidents, m.incidents, replace),
      alarms: mergeById(s.alarms, m.alarms, replace),
      health: m.health,
      seq: m.seq,
      clockSkewMs: m.health.now - now,
      receivedAt: now,
    });
  },
});

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  theme: 'dark',
  mode: 'idle',
  selectedUnitId: null,
  selectedIncidentId: null,
  pickingLocation: false,
  draftLocation: null,
  boardFilter: { agency: '', status: '', sector: '', search: '' },
  boardSort: { key: 'callsign', dir: 1 },
  flyTo: null,
  mapCentre: null,
  staleAfterS: 120,
  mapStyleUrl: null,
  streetMap: null,
  settingsLoaded: false,
  mapDetail: null,
  mapRendering: null,
  notice: null,
  queuedInfo: null,
  setTheme: (theme) => set({ theme }),
  toggleTheme: () => set({ theme: get().theme === 'dark' ? 'light' : 'dark' }),
  setMode: (mode) => set(mode === 'idle' ? { mode, pickingLocation: false, draftLocation: null } : { mode }),
  selectUnit: (id, opts) => {
    const u = id ? get().units[id] : undefined;
    const fly = opts?.fly && u?.fix ? { lat: u.fix.lat, lon: u.fix.lon, zoom: 15, n: (get().flyTo?.n ?? 0) + 1 } : get().flyTo;
    set({ selectedUnitId: id, flyTo: fly });
  },
  selectIncident: (id, opts) => {
    const i = id ? get().incidents[id] : undefined;
    const fly = opts?.fly && i ? { lat: i.location.lat, lon: i.location.lon, n: (get().flyTo?.n ?? 0) + 1 } : get().flyTo;
    set({ selectedIncidentId: id, flyTo: fly });
  },
  setPickingLocation: (pickingLocation) => set({ pickingLocation }),
  setDraftLocation: (draftLocation) => set({ draftLocation }),
  setBoardFilter: (f) => set({ boardFilter: { ...get().boardFilter, ...f } }),
  sortBoardBy: (key) => {
    const cur = get().boardSort;
    set({ boardSort: { key, dir: cur.key === key ? ((-cur.dir) as 1 | -1) : 1 } });
  },
  setSettings: (s) =>
    set({
      ...(s.staleAfterS !== undefined && { staleAfterS: s.staleAfterS }),
      ...(s.mapStyleUrl !== undefined && { mapStyleUrl: s.mapStyleUrl }),
      ...(s.mapDetail !== undefined && { mapDetail: s.mapDetail }),
      ...(s.streetMap !== undefined && { streetMap: s.streetMap }),
      ...(s.settingsLoaded !== undefined && { settingsLoaded: s.settingsLoaded }),
    }),
  setMapRendering: (mapRendering) => set({ mapRendering }),
  setMapCentre: (mapCentre) => set({ mapCentre }),
  // An error stays until the dispatcher dismisses it: news that follows it waits its turn.
  notify: (text, kind = 'error') => {
    const next = { text, kind, at: Date.now() };
    if (kind === 'info' && get().notice?.kind === 'error') set({ queuedInfo: next });
    else set({ notice: next, queuedInfo: null });
  },
  clearNotice: () => set({ notice: get().queuedInfo, queuedInfo: null }),
});

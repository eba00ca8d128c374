import type { StateCreator } from 'zustand';
import { STALE_AFTER_S } from '../../../shared/domain/freshness.js';
import { readFix } from '../../../shared/wire/fix.js';
import type { Scene } from '../../../shared/major/scene.js';
import type { FixRow, Health, StreamMessage, StreetMapSettings } from '../../../shared/contract.js';
import type { Agency } from '../../../shared/domain/agencies.js';
import type { Alarm } from '../../../shared/domain/alarms.js';
import type { Incident, LatLon } from '../../../shared/domain/incidents.js';
import type { Unit, UnitStatus } from '../../../shared/domain/units.js';
import type { LinkState } from '../host/client.js';
import type { CctvSlice } from '../cctv/cctvSlice.js';
import type { SessionSlice } from '../session/sessionSlice.js';
import type { MajorSlice } from '../major/majorSlice.js';
import type { MapDetail, MapRendering } from '../map/renderCost.js';
import { NO_FILTER, type QueueFilter } from '../queue/filters.js';
import type { NewWorkEvent, NewWorkKind } from '../queue/newWork.js';

type ById<T> = Record<string, T>;

/**
 * Ids come from outside (a unit on an open roster may be called `constructor` or `__proto__`), so
 * these records have no prototype: every id is just a key, and a missing one reads undefined.
 */
const byId = <T>(from?: ById<T>): ById<T> => Object.assign(Object.create(null) as ById<T>, from);

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
function applyFixes(units: ById<Unit>, fixes: readonly FixRow[]): ById<Unit> {
  for (const row of fixes) {
    const u = units[row[0]];
    if (!u) continue;
    const { fix, bat } = readFix(row as unknown as ArrayLike<number | null>, 1);
    units[row[0]] = { ...u, fix, battery: bat };
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
type ConsoleMode = 'idle' | 'new-incident' | 'allocate' | 'incident-action';

/** A lifecycle action on the selected incident that needs a confirmation, a reason or a choice. */
export type IncidentActionKind =
  | 'triaged'
  | 'en_route'
  | 'on_scene'
  | 'resolved'
  | 'closed'
  | 'cancelled'
  | 'reopened'
  | 'priority'
  | 'category'
  | 'note'
  | 'deallocate'
  | 'reassign';

/** Which desk the screen is laid out for: routine dispatch, or a major incident's coordinator. */
type ConsoleLayout = 'dispatch' | 'major';

export interface UiSlice {
  theme: 'dark' | 'light';
  mode: ConsoleMode;
  /** The action being confirmed in mode `incident-action`. */
  incidentAction: IncidentActionKind | null;
  /** In mode `allocate`: the officer the chosen one replaces (a reassignment), else null. */
  reassignFrom: string | null;
  /** The sheet listing every shortcut (`?`). */
  shortcutSheet: boolean;
  queueFilter: QueueFilter;
  /** New work announced and not yet looked at (selected), by incident: flashed in the queue, counted in the title. */
  unseenWork: Record<string, NewWorkKind>;
  layout: ConsoleLayout;
  /** Whether the journal's integrity panel (chain check, backups) is open. */
  integrityOpen: boolean;
  /** The scene (cordons, RVP) of the major incident the coordinator is looking at, for the map. */
  majorScene: Scene | null;
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
  startIncidentAction(kind: IncidentActionKind): void;
  startReassign(fromUnitId: string): void;
  setShortcutSheet(open: boolean): void;
  setQueueFilter(f: Partial<QueueFilter>): void;
  addUnseenWork(events: readonly NewWorkEvent[]): void;
  toggleLayout(): void;
  toggleIntegrity(): void;
  setMajorScene(scene: Scene | null): void;
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

export type ConsoleState = UnitsSlice & IncidentsSlice & AlarmsSlice & ConnectionSlice & UiSlice & CctvSlice & SessionSlice & MajorSlice;
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
      ...(m.majors && { majors: mergeById(s.majors, m.majors, replace) }),
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
  incidentAction: null,
  reassignFrom: null,
  shortcutSheet: false,
  queueFilter: NO_FILTER,
  unseenWork: {},
  layout: 'dispatch',
  integrityOpen: false,
  majorScene: null,
  selectedUnitId: null,
  selectedIncidentId: null,
  pickingLocation: false,
  draftLocation: null,
  boardFilter: { agency: '', status: '', sector: '', search: '' },
  boardSort: { key: 'callsign', dir: 1 },
  flyTo: null,
  mapCentre: null,
  staleAfterS: STALE_AFTER_S,
  mapStyleUrl: null,
  streetMap: null,
  settingsLoaded: false,
  mapDetail: null,
  mapRendering: null,
  notice: null,
  queuedInfo: null,
  setTheme: (theme) => set({ theme }),
  toggleTheme: () => set({ theme: get().theme === 'dark' ? 'light' : 'dark' }),
  setMode: (mode) =>
    set(mode === 'idle' ? { mode, pickingLocation: false, draftLocation: null, incidentAction: null, reassignFrom: null } : { mode, incidentAction: null, reassignFrom: null }),
  startIncidentAction: (incidentAction) => set({ mode: 'incident-action', incidentAction, reassignFrom: null }),
  startReassign: (reassignFrom) => set({ mode: 'allocate', incidentAction: null, reassignFrom }),
  setShortcutSheet: (shortcutSheet) => set({ shortcutSheet }),
  setQueueFilter: (f) => set({ queueFilter: { ...get().queueFilter, ...f } }),
  addUnseenWork: (events) => {
    if (events.length === 0) return;
    const next = { ...get().unseenWork };
    for (const e of events) if (e.incidentId !== get().selectedIncidentId) next[e.incidentId] = e.kind;
    set({ unseenWork: next });
  },
  toggleIntegrity: () => set({ integrityOpen: !get().integrityOpen }),
  setMajorScene: (majorScene) => set({ majorScene }),
  toggleLayout: () => set({ layout: get().layout === 'major' ? 'dispatch' : 'major', mode: 'idle', pickingLocation: false, draftLocation: null, incidentAction: null, reassignFrom: null }),
  selectUnit: (id, opts) => {
    const u = id ? get().units[id] : undefined;
    const fly = opts?.fly && u?.fix ? { lat: u.fix.lat, lon: u.fix.lon, zoom: 15, n: (get().flyTo?.n ?? 0) + 1 } : get().flyTo;
    set({ selectedUnitId: id, flyTo: fly });
  },
  selectIncident: (id, opts) => {
    const i = id ? get().incidents[id] : undefined;
    const fly = opts?.fly && i ? { lat: i.location.lat, lon: i.location.lon, n: (get().flyTo?.n ?? 0) + 1 } : get().flyTo;
    const unseen = get().unseenWork;
    // Looking at new work is noticing it: it stops flashing and leaves the title's count.
    if (id && unseen[id]) {
      const { [id]: _seen, ...rest } = unseen;
      set({ selectedIncidentId: id, flyTo: fly, unseenWork: rest });
    } else set({ selectedIncidentId: id, flyTo: fly });
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

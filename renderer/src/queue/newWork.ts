import { type Incident, activeAllocations } from '../../../shared/domain/incidents.js';
import { isOpen } from '../../../shared/domain/lifecycle.js';

/** Work that must not arrive unnoticed, each with its own sound. */
export type NewWorkKind = 'incident' | 'p1' | 'unacknowledged';
export const NEW_WORK_KINDS: readonly NewWorkKind[] = ['incident', 'p1', 'unacknowledged'];

export interface NewWorkEvent {
  kind: NewWorkKind;
  incidentId: string;
}

/** What this console has already announced, so each piece of news sounds once. */
export interface Announced {
  incidents: Set<string>;
  p1: Set<string>;
  escalations: Set<string>;
}

const escalationKey = (i: Incident, unitId: string, at: number) => `${i.id}|${unitId}|${at}`;

/** Everything in `incidents` counted as already announced: what was there when the console opened. */
export function announcedFrom(incidents: Record<string, Incident>): Announced {
  const a: Announced = { incidents: new Set(), p1: new Set(), escalations: new Set() };
  newWork(a, incidents);
  return a;
}

/**
 * What is new since the last call, updating `announced`: a new incident (a new P1 is its own
 * kind, as is an incident raised to P1), and an assignment an officer's device has not
 * acknowledged in time.
 */
export function newWork(announced: Announced, incidents: Record<string, Incident>): NewWorkEvent[] {
  const out: NewWorkEvent[] = [];
  for (const i of Object.values(incidents)) {
    const fresh = !announced.incidents.has(i.id);
    announced.incidents.add(i.id);
    if (!isOpen(i.state)) continue;
    if (i.priority === 1 && !announced.p1.has(i.id)) {
      announced.p1.add(i.id);
      out.push({ kind: 'p1', incidentId: i.id });
    } else if (fresh) out.push({ kind: 'incident', incidentId: i.id });
    for (const a of activeAllocations(i)) {
      if (!a.escalatedAt || a.ackedAt !== null) continue;
      const key = escalationKey(i, a.unitId, a.escalatedAt);
      if (announced.escalations.has(key)) continue;
      announced.escalations.add(key);
      out.push({ kind: 'unacknowledged', incidentId: i.id });
    }
  }
  return out;
}

/**
 * Incidents that want the dispatcher's attention, for the window title: new work not yet looked
 * at, and any with an assignment still unacknowledged after its deadline (counted until answered).
 */
export function attentionCount(unseen: Record<string, unknown>, incidents: Record<string, Incident>): number {
  const ids = new Set(Object.keys(unseen));
  for (const i of Object.values(incidents))
    if (isOpen(i.state) && activeAllocations(i).some((a) => a.escalatedAt && a.ackedAt === null)) ids.add(i.id);
  return ids.size;
}

export interface AlertSettings {
  sound: Record<NewWorkKind, boolean>;
  /** 0..1 of each sound's own level; every level is below the emergency alarm's. */
  volume: number;
}
const DEFAULT_ALERTS: AlertSettings = { sound: { incident: true, p1: true, unacknowledged: true }, volume: 1 };
export const ALERTS_KEY = 'beacon.alerts';

/** This desk's alert settings (localStorage), the defaults for anything unset or unreadable. */
export function loadAlertSettings(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): AlertSettings {
  const out: AlertSettings = { sound: { ...DEFAULT_ALERTS.sound }, volume: DEFAULT_ALERTS.volume };
  try {
    const saved = JSON.parse(storage?.getItem(ALERTS_KEY) ?? 'null') as Partial<AlertSettings> | null;
    if (saved?.sound) for (const k of NEW_WORK_KINDS) if (typeof saved.sound[k] === 'boolean') out.sound[k] = saved.sound[k];
    if (typeof saved?.volume === 'number' && saved.volume >= 0 && saved.volume <= 1) out.volume = saved.volume;
  } catch {
    /* unreadable settings: the defaults */
  }
  return out;
}

export function saveAlertSettings(s: AlertSettings, storage: Pick<Storage, 'setItem'> | null = globalThis.localStorage ?? null): void {
  try {
    storage?.setItem(ALERTS_KEY, JSON.stringify(s));
  } catch {
    /* private mode or full: the settings last for this session */
  }
}

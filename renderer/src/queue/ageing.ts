import { type Priority, PRIORITIES } from '../../../shared/domain/categories.js';
import type { Incident } from '../../../shared/domain/incidents.js';

/** Seconds within which an incident of each priority should have an officer allocated. */
export type AgeingTargets = Record<Priority, number>;

/** Defaults a control room would start from; each desk may set its own (localStorage). */
export const DEFAULT_TARGETS: AgeingTargets = { 1: 5 * 60, 2: 20 * 60, 3: 60 * 60, 4: 4 * 3600 };
export const TARGETS_KEY = 'beacon.queue.targets';

/** This desk's targets: the defaults, with any priority the desk has set replaced. */
export function loadTargets(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): AgeingTargets {
  const out = { ...DEFAULT_TARGETS };
  try {
    const raw = storage?.getItem(TARGETS_KEY);
    const saved = raw ? (JSON.parse(raw) as unknown) : null;
    if (saved && typeof saved === 'object')
      for (const p of PRIORITIES) {
        const v = (saved as Record<string, unknown>)[String(p)];
        if (typeof v === 'number' && Number.isFinite(v) && v > 0) out[p] = v;
      }
  } catch {
    /* unreadable settings: the defaults */
  }
  return out;
}

export interface Ageing {
  ageS: number;
  targetS: number;
  /** Still waiting for an officer after its target: it must stand out from new work. */
  overdue: boolean;
  /** How much of the target has gone, 0..1 (capped). */
  used: number;
}

/** How long the incident has waited for an officer, against its priority's target. */
export function ageingOf(i: Incident, now: number, targets: AgeingTargets): Ageing {
  const ageS = Math.max(0, (now - i.createdAt) / 1000);
  const targetS = targets[i.priority];
  const waiting = i.state === 'received' || i.state === 'triaged';
  return { ageS, targetS, overdue: waiting && ageS > targetS, used: waiting ? Math.min(1, ageS / targetS) : 0 };
}

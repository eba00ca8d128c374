import type { Agency } from '../domain/agencies.js';
import type { IncidentId, UnitId } from '../domain/ids.js';
import type { Fix, UnitStatus } from '../domain/units.js';

/** A unit's breadcrumbs over a period, oldest first. */
export interface Track {
  unitId: UnitId;
  from: number;
  to: number;
  points: Fix[];
  /** True when more fixes existed than were returned (thinned evenly). */
  thinned: boolean;
}

/** Where every unit was at one moment, as rebuilt from the journal. */
export interface ReplayFrame {
  at: number;
  positions: { unitId: UnitId; callsign: string; agency: Agency; fix: Fix; status: UnitStatus | null }[];
  /** Fixes older than this before `at` are not shown: the unit's whereabouts were unknown. */
  windowMs: number;
}

/** One body-worn video start or stop, as logged against the incident the officer was on. */
export interface BwvLogEntry {
  seq: number;
  recordedAt: number;
  ts: number;
  unitId: UnitId;
  callsign: string;
  recording: boolean;
  incidentId: IncidentId | null;
}

/** Keeps at most `max` points, evenly spread, always keeping the first and the last. */
export function thin<T>(points: T[], max: number): T[] {
  if (points.length <= max || max < 2) return points;
  const out: T[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}

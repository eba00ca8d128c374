import type { Agency } from '../../../shared/domain/agencies.js';
import { freshnessOf } from '../../../shared/domain/freshness.js';
import { neverHeardFrom, type Unit, type UnitStatus } from '../../../shared/domain/units.js';

export const STATUS_LABELS: Record<UnitStatus, string> = {
  available: 'Available',
  en_route: 'En route',
  on_scene: 'On scene',
  busy: 'Busy',
  off_duty: 'Off duty',
};

/** Status colours, chosen to stay distinguishable on a dark wall and for common colour blindness. */
export const STATUS_COLOURS: Record<UnitStatus, string> = {
  available: '#2fbf71',
  en_route: '#f0a202',
  on_scene: '#e2543e',
  busy: '#a66cff',
  off_duty: '#6b7785',
};

export const STALE_COLOUR = '#8a939c';

const NOT_HEARD_LABEL = 'Not heard from';

/**
 * The status a dispatcher reads for an officer on the board, the card and the allocation list.
 * One never heard from is not "Available" whatever the roster says: drawn as a hollow grey ring
 * (`dot not-heard`), where stale is a filled dot on a greyed row.
 */
export function shownStatus(u: Pick<Unit, 'status' | 'fix' | 'heardAt'>): { label: string; colour: string | null; notHeard: boolean } {
  if (neverHeardFrom(u)) return { label: NOT_HEARD_LABEL, colour: null, notHeard: true };
  return { label: STATUS_LABELS[u.status], colour: STATUS_COLOURS[u.status], notHeard: false };
}

export const AGENCY_SHORT: Record<Agency, string> = {
  police: 'Police',
  pcso: 'PCSO',
  council_enforcement: 'Council',
  civil_parking: 'Parking',
  housing: 'Housing',
  fire: 'Fire',
  prison: 'Prison',
  cctv: 'CCTV',
};

/** Seconds since the unit's last fix, or null if it has never reported a position. */
export function fixAgeS(u: Pick<Unit, 'fix'>, now: number): number | null {
  return u.fix ? Math.max(0, (now - u.fix.ts) / 1000) : null;
}

/** Drawn as stale: not heard from lately, or never (see shared/domain/freshness.ts). */
export function isStale(u: Pick<Unit, 'fix' | 'heardAt'>, now: number, staleAfterS: number): boolean {
  return freshnessOf(u, now, staleAfterS) !== 'live';
}

/** "42 s", "3 min", "2 h 05", for ages on the board, the card and the queue. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return 'never';
  const s = Math.floor(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

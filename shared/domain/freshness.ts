import { neverHeardFrom, type Unit } from './units.js';

/**
 * How old a position may be, for each thing the console does with one. They differ on purpose;
 * each says why. Everything that asks "is this fix stale?" asks here.
 */

/**
 * A fix older than this is stale: drawn grey on the map, flagged on the board and the card, and
 * counted against the officer in recommendations. Handsets report every few seconds, so two
 * minutes of silence means lost signal, a flat battery or a handset left in a locker. The console's
 * `--stale-after` changes it for every one of those uses at once.
 */
export const STALE_AFTER_S = 120;

/**
 * When an officer raises an alarm, colleagues whose last fix is up to this old are still listed as
 * help nearby: a stale position is a reason to call them on the radio, not to leave them off the
 * list. Beyond a quarter of an hour where they were says little about where they are.
 */
export const HELP_NEARBY_MAX_FIX_AGE_S = 15 * 60;

/**
 * Replaying the map at a moment shows each unit at its last fix no older than this before it: the
 * same quarter of an hour, for the same reason (older says little about where the unit was).
 */
export const REPLAY_FIX_WINDOW_S = HELP_NEARBY_MAX_FIX_AGE_S;

/**
 * `live`: a fix within the stale age. `stale`: heard from, but the last fix is older (or there is
 * no fix, only word from the device). `never`: nothing from the officer's own device since the
 * console has known the unit (`neverHeardFrom`) — whatever its status says is the roster's
 * default, not the officer's word, so it must not be shown as available.
 */
export type Freshness = 'live' | 'stale' | 'never';

export function freshnessOf(u: Pick<Unit, 'fix' | 'heardAt'>, now: number, staleAfterS: number = STALE_AFTER_S): Freshness {
  if (!u.fix) return neverHeardFrom(u) ? 'never' : 'stale';
  return isStaleFix(u.fix.ts, now, staleAfterS) ? 'stale' : 'live';
}

/** The same rule for a fix's time alone, for ranking's hot loop over thousands of officers. */
export const isStaleFix = (fixTs: number, now: number, staleAfterS: number = STALE_AFTER_S): boolean => now - fixTs > staleAfterS * 1000;

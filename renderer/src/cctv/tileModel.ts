import type { StreamState } from '../../../shared/cctv/schemas.js';
import type { PlayerStatus } from './livePlayer.js';

/** A picture older than this is not live, whatever the host last said: a frozen tile must not look live. */
export const FROZEN_AFTER_MS = 3000;

export const STATE_LABELS: Record<StreamState, string> = { idle: 'idle', connecting: 'connecting', live: 'live', no_signal: 'no signal' };

/** What a tile shows: its state, and how old its last frame is in words. */
export function tileView(s: Pick<PlayerStatus, 'state' | 'error' | 'lastFrameAt'>, now: number): { state: StreamState; age: string; detail: string | null } {
  const ageMs = s.lastFrameAt ? Math.max(0, now - s.lastFrameAt) : null;
  const frozen = s.state === 'live' && (ageMs === null || ageMs > FROZEN_AFTER_MS);
  const state: StreamState = frozen ? 'no_signal' : s.state;
  const age = ageMs === null ? 'no frame yet' : ageMs < 1000 ? 'last frame now' : `last frame ${Math.round(ageMs / 1000)} s ago`;
  const detail = frozen ? 'the picture has stopped' : s.error;
  return { state, age, detail };
}

import { useEffect, useState } from 'react';
import type { Recommendation } from '../../../shared/dispatch/ranking.js';
import { useHost } from '../host/HostContext.js';

export type RecommendationState = { status: 'loading' } | { status: 'ready'; value: Recommendation } | { status: 'failed'; error: string };

/**
 * The host's ranked officers for one incident, asked once when the allocation opens (and again on
 * `refresh`), so the list does not reshuffle under the dispatcher's cursor as units move.
 */
export function useRecommendation(incidentId: string | undefined, refresh = 0): RecommendationState {
  const host = useHost();
  const [state, setState] = useState<RecommendationState>({ status: 'loading' });
  useEffect(() => {
    if (!incidentId) return;
    let live = true;
    setState({ status: 'loading' });
    void host.call('recommendUnits', { id: incidentId, limit: 5 }).then((r) => {
      if (live) setState(r.ok ? { status: 'ready', value: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [host, incidentId, refresh]);
  return state;
}


export const formatEta = (s: number) => (s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`);

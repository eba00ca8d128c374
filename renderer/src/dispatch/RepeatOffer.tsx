import { useEffect, useState } from 'react';
import type { CategoryId } from '../../../shared/domain/categories.js';
import type { RepeatCandidate } from '../../../shared/dispatch/repeats.js';
import { useHost } from '../host/HostContext.js';
import { focusHome } from '../keyboard/focus.js';
import { useConsoleStore } from '../store/store.js';
import { parseLatLon } from '../incidents/parseLatLon.js';
import { FormError } from '../status/FormError.js';

/**
 * While a call is being taken: if an open incident of the same category is close by and recent,
 * offer to add this call to it (Alt+L) instead of opening the same job twice.
 */
export function RepeatOffer({ category, where, description }: { category: CategoryId; where: string; description: string }) {
  const host = useHost();
  const store = useConsoleStore();
  const [offers, setOffers] = useState<RepeatCandidate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const typed = parseLatLon(where);
  const lat = typed.ok ? typed.value.lat : undefined;
  const lon = typed.ok ? typed.value.lon : undefined;

  useEffect(() => {
    if (lat === undefined || lon === undefined) return setOffers([]);
    let live = true;
    const t = setTimeout(() => {
      void host.call('findRepeatReports', { category, lat, lon }).then((r) => live && setOffers(r.ok ? r.value : []));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [host, category, lat, lon]);

  const link = async (o: RepeatCandidate) => {
    const r = await host.call('linkReport', { id: o.incidentId, ...(description.trim() && { description: description.trim() }) });
    if (!r.ok) return setError(r.error);
    const s = store.getState();
    s.upsertIncidents([r.value]);
    s.setMode('idle');
    s.selectIncident(r.value.id);
    s.notify(`Call added to ${r.value.ref}: ${r.value.reports} reports.`, 'info');
    queueMicrotask(focusHome);
  };

  useEffect(() => {
    if (!offers[0]) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void link(offers[0]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [offers, description]);

  if (offers.length === 0) return null;
  return (
    <div className="repeat-offer wide" role="status" data-testid="repeat-offer">
      <p>
        <b>Possible repeat.</b> An open incident of this kind is close by:
      </p>
      <ul>
        {offers.slice(0, 3).map((o, i) => (
          <li key={o.incidentId}>
            <button type="button" tabIndex={-1} title="Alt+L" onClick={() => void link(o)} data-link-incident={o.incidentId}>
              Link to {o.ref}
              {i === 0 && <kbd>Alt+L</kbd>}
            </button>{' '}
            {o.distanceM} m away · {o.ageMin} min ago · {o.reports} report{o.reports === 1 ? '' : 's'}
            {o.description && ` · “${o.description.slice(0, 60)}”`}
          </li>
        ))}
      </ul>
      <FormError error={error} />
    </div>
  );
}

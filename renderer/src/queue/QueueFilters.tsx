import { CATEGORIES, type CategoryId } from '../../../shared/domain/categories.js';
import { SOURCE_LABELS } from '../../../shared/domain/incident-log.js';
import { INCIDENT_STATES } from '../../../shared/domain/lifecycle.js';
import { STATE_LABELS } from '../incidents/stateLabels.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { isFiltered, NO_FILTER } from './filters.js';

export const QUEUE_SEARCH_ID = 'queue-search';

/** Narrows the queue; a search also reaches closed incidents, by reference, place or date. */
export function QueueFilters({ sectors }: { sectors: string[] }) {
  const store = useConsoleStore();
  const f = useConsole((s) => s.queueFilter);
  const set = store.getState().setQueueFilter;
  return (
    <div className="queue-filters" role="search" aria-label="Filter incidents">
      <input
        id={QUEUE_SEARCH_ID}
        type="search"
        placeholder="Ref, place or YYYY-MM-DD (I)"
        aria-label="Find incidents, closed ones too, by reference, place or date"
        value={f.search}
        onChange={(e) => set({ search: e.target.value })}
      />
      <select aria-label="Status" value={f.status} onChange={(e) => set({ status: e.target.value as typeof f.status })}>
        <option value="open">Open</option>
        {INCIDENT_STATES.map((st) => (
          <option key={st} value={st}>
            {STATE_LABELS[st]}
          </option>
        ))}
      </select>
      <select aria-label="Priority" value={f.priority} onChange={(e) => set({ priority: e.target.value as typeof f.priority })}>
        <option value="">All P</option>
        {['1', '2', '3', '4'].map((p) => (
          <option key={p} value={p}>
            P{p}
          </option>
        ))}
      </select>
      <select aria-label="Sector" value={f.sector} onChange={(e) => set({ sector: e.target.value })}>
        <option value="">All sectors</option>
        {sectors.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select aria-label="Category" value={f.category} onChange={(e) => set({ category: e.target.value })}>
        <option value="">All categories</option>
        {(Object.keys(CATEGORIES) as CategoryId[]).map((c) => (
          <option key={c} value={c}>
            {CATEGORIES[c].label}
          </option>
        ))}
      </select>
      <select aria-label="Source" value={f.source} onChange={(e) => set({ source: e.target.value as typeof f.source })}>
        <option value="">All sources</option>
        {(Object.keys(SOURCE_LABELS) as (keyof typeof SOURCE_LABELS)[]).map((src) => (
          <option key={src} value={src}>
            {SOURCE_LABELS[src]}
          </option>
        ))}
      </select>
      {isFiltered(f) && (
        <button type="button" onClick={() => set(NO_FILTER)}>
          Clear
        </button>
      )}
    </div>
  );
}

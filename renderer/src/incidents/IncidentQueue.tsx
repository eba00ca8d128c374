import { type KeyboardEvent, useMemo } from 'react';
import { CATEGORIES } from '../../../shared/domain/categories.js';
import type { Incident } from '../../../shared/domain/incidents.js';
import { isOpen } from '../../../shared/domain/lifecycle.js';
import { HOME_FOCUS_ID } from '../keyboard/focus.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { formatAge } from '../units/unitView.js';
import { useNow } from '../useNow.js';
import { QueueBadges } from '../dispatch/QueueBadges.js';

export const STATE_LABELS: Record<Incident['state'], string> = {
  received: 'Received',
  triaged: 'Triaged',
  allocated: 'Allocated',
  en_route: 'En route',
  on_scene: 'On scene',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** Open incidents, most urgent first, oldest first within a priority. */
export function queueOrder(incidents: Record<string, Incident>): Incident[] {
  return Object.values(incidents)
    .filter((i) => isOpen(i.state))
    .sort((a, b) => a.priority - b.priority || a.createdAt - b.createdAt);
}

export function IncidentQueue() {
  const store = useConsoleStore();
  const incidents = useConsole((s) => s.incidents);
  const units = useConsole((s) => s.units);
  const selected = useConsole((s) => s.selectedIncidentId);
  const now = useNow(1000);
  const rows = useMemo(() => queueOrder(incidents), [incidents]);
  const active = selected ? rows.findIndex((i) => i.id === selected) : -1;

  const choose = (index: number) => {
    const i = rows[index];
    if (!i) return;
    store.getState().selectIncident(i.id, { fly: true });
    document.getElementById(`incident-row-${i.id}`)?.scrollIntoView({ block: 'nearest' });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      choose(Math.min(rows.length - 1, Math.max(0, active + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      store.getState().setMode('allocate');
    }
  };

  return (
    <section className="panel incident-queue" aria-label="Incident queue">
      <header className="panel-head">
        <h2>
          Incidents <span className="count">{rows.length} open</span>
        </h2>
        <button type="button" className="primary" onClick={() => store.getState().setMode('new-incident')}>
          New incident <kbd>N</kbd>
        </button>
      </header>
      <ol
        id={HOME_FOCUS_ID}
        className="queue-rows"
        role="listbox"
        tabIndex={0}
        aria-label="Open incidents (arrows to move, Enter or A to allocate)"
        aria-activedescendant={active >= 0 ? `incident-row-${rows[active]!.id}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => active < 0 && rows.length > 0 && choose(0)}
      >
        {rows.map((i, index) => (
          <li
            key={i.id}
            id={`incident-row-${i.id}`}
            role="option"
            aria-selected={i.id === selected}
            className={`queue-row p${i.priority}${i.id === selected ? ' selected' : ''}`}
            data-incident-id={i.id}
            onClick={() => choose(index)}
          >
            <span className={`prio p${i.priority}`}>P{i.priority}</span>
            <span className="ref">{i.ref}</span>
            <span className="cat">
              {CATEGORIES[i.category]?.label ?? i.category}
              <QueueBadges incident={i} />
            </span>
            <span className="age" title="Time since received">
              {formatAge(Math.max(0, now - i.createdAt) / 1000)}
            </span>
            <span className={`state s-${i.state}`}>{STATE_LABELS[i.state]}</span>
            <span className="alloc">
              {i.allocations
                .filter((a) => units[a.unitId]?.incidentId === i.id)
                .map((a) => units[a.unitId]?.callsign ?? a.unitId)
                .join(', ') || '—'}
            </span>
            {i.description && <span className="desc">{i.description}</span>}
          </li>
        ))}
        {rows.length === 0 && <li className="empty">No open incidents. Press N to create one.</li>}
      </ol>
    </section>
  );
}

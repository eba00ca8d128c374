import { type KeyboardEvent, useEffect, useMemo } from 'react';
import { CATEGORIES } from '../../../shared/domain/categories.js';
import { activeAllocations } from '../../../shared/domain/incidents.js';
import { HOME_FOCUS_ID } from '../keyboard/focus.js';
import { ageingOf, loadTargets } from '../queue/ageing.js';
import { AlertSettingsControl } from '../queue/AlertSettingsControl.js';
import { filterQueue, isFiltered } from '../queue/filters.js';
import { QueueFilters } from '../queue/QueueFilters.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { formatAge } from '../units/unitView.js';
import { useNow } from '../useNow.js';
import { QueueBadges } from '../dispatch/QueueBadges.js';
import { STATE_LABELS } from './stateLabels.js';
import { useCan } from '../session/can.js';

const minutes = (s: number) => (s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round(s / 360) / 10} h`);

export function IncidentQueue() {
  const store = useConsoleStore();
  const incidents = useConsole((s) => s.incidents);
  const units = useConsole((s) => s.units);
  const selected = useConsole((s) => s.selectedIncidentId);
  const filter = useConsole((s) => s.queueFilter);
  const unseen = useConsole((s) => s.unseenWork);
  const mayCreate = useCan('createIncident');
  const now = useNow(1000);
  // Read once per render of the queue: a desk changes its targets rarely, and a reload applies them.
  const targets = useMemo(() => loadTargets(), []);
  const rows = useMemo(() => filterQueue(incidents, filter), [incidents, filter]);
  const sectors = useMemo(() => [...new Set(Object.values(incidents).map((i) => i.sector).filter((s): s is NonNullable<typeof s> => !!s))].sort(), [incidents]);
  const filtered = isFiltered(filter);
  const active = selected ? rows.findIndex((i) => i.id === selected) : -1;
  // However the incident was chosen (the queue, the map, a new call, an alert), its row is shown.
  useEffect(() => {
    if (selected) document.getElementById(`incident-row-${selected}`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, rows]);

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
          Incidents <span className="count">{filtered ? `${rows.length} shown` : `${rows.length} open`}</span>
        </h2>
        <AlertSettingsControl />
        {mayCreate && (
          <button type="button" className="primary" onClick={() => store.getState().setMode('new-incident')}>
            New incident <kbd>N</kbd>
          </button>
        )}
      </header>
      <QueueFilters sectors={sectors} />
      <ol
        id={HOME_FOCUS_ID}
        className="queue-rows"
        role="listbox"
        tabIndex={0}
        aria-label={`${filtered ? 'Incidents matching the filter' : 'Open incidents'} (arrows to move, Enter or A to allocate)`}
        aria-activedescendant={active >= 0 ? `incident-row-${rows[active]!.id}` : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => active < 0 && rows.length > 0 && choose(0)}
      >
        {rows.map((i, index) => {
          const ageing = ageingOf(i, now, targets);
          const news = unseen[i.id];
          return (
            <li
              key={i.id}
              id={`incident-row-${i.id}`}
              role="option"
              aria-selected={i.id === selected}
              className={`queue-row p${i.priority}${i.id === selected ? ' selected' : ''}${ageing.overdue ? ' overdue' : ''}${news ? ` new-work new-${news}` : ''}`}
              data-incident-id={i.id}
              data-new-work={news}
              onClick={() => choose(index)}
            >
              <span className={`prio p${i.priority}`}>P{i.priority}</span>
              <span className="ref">{i.ref}</span>
              <span className="cat">
                {CATEGORIES[i.category]?.label ?? i.category}
                <QueueBadges incident={i} />
              </span>
              <span
                className="age"
                title={`Received ${formatAge(ageing.ageS)} ago; target for an officer on a P${i.priority}: ${minutes(ageing.targetS)}`}
              >
                {formatAge(Math.max(0, now - i.createdAt) / 1000)}
              </span>
              <span className={`state s-${i.state}`}>{STATE_LABELS[i.state]}</span>
              <span className="alloc">
                {activeAllocations(i)
                  .filter((a) => units[a.unitId]?.incidentId === i.id)
                  .map((a) => units[a.unitId]?.callsign ?? a.unitId)
                  .join(', ') || '—'}
              </span>
              {ageing.overdue && (
                <b className="overdue-badge" data-badge="overdue">
                  OVERDUE: no officer after {formatAge(ageing.ageS)} (target {minutes(ageing.targetS)})
                </b>
              )}
              {ageing.used > 0 && <span className="age-bar" aria-hidden="true" style={{ width: `${Math.round(ageing.used * 100)}%` }} />}
              {i.description && <span className="desc">{i.description}</span>}
            </li>
          );
        })}
        {rows.length === 0 && <li className="empty">{filtered ? 'No incident matches the filter.' : 'No open incidents. Press N to create one.'}</li>}
      </ol>
    </section>
  );
}

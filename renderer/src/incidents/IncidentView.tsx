import { useEffect, useState } from 'react';
import { CATEGORIES } from '../../../shared/domain/categories.js';
import { type IncidentLogEntry, SOURCE_LABELS } from '../../../shared/domain/incident-log.js';
import { IncidentDispatchCard } from '../dispatch/IncidentDispatchCard.js';
import { useHost } from '../host/HostContext.js';
import { formatClock } from '../safety/alarmModel.js';
import { useConsole } from '../store/store.js';
import { STATE_LABELS } from './stateLabels.js';

type LogState = { status: 'loading' } | { status: 'ready'; entries: IncidentLogEntry[] } | { status: 'failed'; error: string };

/**
 * The selected incident as a dispatcher needs it, in the order they ask: what and how urgent,
 * where, what the callers said and through which channel, who is on it, the rules in force there,
 * and everything that has happened to it (the log, read from the journal).
 */
export function IncidentView() {
  const host = useHost();
  const id = useConsole((s) => s.selectedIncidentId);
  const incident = useConsole((s) => (id ? s.incidents[id] : undefined));
  const [log, setLog] = useState<LogState>({ status: 'loading' });

  // The stream sends the incident again whenever anything about it changes: that is when the log grows.
  useEffect(() => {
    if (!incident) return;
    let live = true;
    void host.call('getIncidentLog', { id: incident.id }).then((r) => {
      if (live) setLog(r.ok ? { status: 'ready', entries: r.value } : { status: 'failed', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [host, incident]);

  if (!incident) return null;
  const reports = log.status === 'ready' ? log.entries.filter((e) => e.report) : [];
  return (
    <section className="panel incident-view" aria-label={`Incident ${incident.ref}`} data-incident-id={incident.id} tabIndex={-1} id="incident-view">
      <header className="panel-head">
        <h2>
          <span className={`prio p${incident.priority}`}>P{incident.priority}</span> {CATEGORIES[incident.category]?.label ?? incident.category}{' '}
          <span className={`state s-${incident.state}`} data-field="state">
            {STATE_LABELS[incident.state]}
          </span>
        </h2>
        <span className="hint">{incident.ref} · ? for keys</span>
      </header>
      <dl className="facts">
        <dt>Place</dt>
        <dd data-field="place">
          {incident.address && <span data-field="address">{incident.address} (as given) · </span>}
          {incident.sector ? <span>{incident.sector} sector · </span> : <span>outside every sector · </span>}
          <span data-field="coordinates">
            {incident.location.lat.toFixed(5)}, {incident.location.lon.toFixed(5)}
          </span>
        </dd>
        <dt>Caller</dt>
        <dd data-field="account">
          {incident.description || <i>no account recorded</i>} <span className="hint">({SOURCE_LABELS[incident.source]})</span>
        </dd>
      </dl>
      {reports.length > 1 && (
        <ol className="reports" data-field="reports" aria-label="Reports">
          {reports.map((r) => (
            <li key={r.seq}>
              <span className="hint">
                {formatClock(r.at)} · {SOURCE_LABELS[r.report!.source]} · {r.by}:
              </span>{' '}
              {r.report!.words || <i>no words given</i>}
            </li>
          ))}
        </ol>
      )}
      <IncidentDispatchCard />
      <h3>Log</h3>
      {log.status === 'failed' && <p className="form-error">The log could not be read: {log.error}</p>}
      <ol className="incident-log" data-field="log" aria-label={`Log of ${incident.ref}`}>
        {log.status === 'ready' &&
          log.entries.map((e) => (
            <li key={e.seq} data-kind={e.kind}>
              <time>{formatClock(e.at)}</time> <b className="by">{e.by}</b> <span className="what">{e.text}</span>
            </li>
          ))}
      </ol>
    </section>
  );
}

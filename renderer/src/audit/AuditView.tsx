import './audit.css';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import type { AuditEntry } from '../../../shared/auth/audit.js';
import { useHost } from '../host/HostContext.js';
import { FormError } from '../status/FormError.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { type AuditAsk, type AuditFilter, auditQuery, NO_AUDIT_FILTER, toInputTime } from './auditQuery.js';

const clock = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
const HOUR = 3600_000;

/**
 * The audit, asked three ways from one form: who did what to an incident (the incident), what an
 * operator did this shift (the operator and the last 12 hours), who watched a camera (the camera).
 * Enter in any field searches; the same question can be saved as CSV for a complaint or an inspection.
 */
export function AuditView() {
  const host = useHost();
  const store = useConsoleStore();
  const incidents = useConsole((s) => s.incidents);
  const cameras = useConsole((s) => s.cameras);
  const selected = useConsole((s) => (s.selectedIncidentId ? s.incidents[s.selectedIncidentId] : undefined));
  const [filter, setFilter] = useState<AuditFilter>(NO_AUDIT_FILTER);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [asked, setAsked] = useState<AuditAsk | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [operators, setOperators] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void host.call('listOperators', {}).then((r) => r.ok && setOperators(r.value.map((o) => o.username)));
  }, [host]);
  const refs = useMemo(() => {
    const m = new Map<string, string>();
    for (const i of Object.values(incidents)) m.set(i.id, i.ref);
    return m;
  }, [incidents]);

  const search = async (f: AuditFilter = filter) => {
    const q = auditQuery(f, Object.values(incidents));
    if (!q.ok) return setError(q.error);
    setBusy(true);
    const r = await host.call('getAudit', { ...q.value, format: 'json' });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (!Array.isArray(r.value)) return setError('The host answered with a file, not the audit lines.');
    setError(null);
    setAsked(q.value);
    setEntries(r.value);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void search();
  };
  const ask = (f: AuditFilter) => {
    setFilter(f);
    void search(f);
  };

  const exportCsv = async () => {
    if (!asked) return;
    const r = await host.call('getAudit', { ...asked, format: 'csv' });
    if (!r.ok) return setError(r.error);
    if (Array.isArray(r.value)) return setError('The host did not send the CSV file.');
    const d = r.value.document;
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([d.body], { type: d.contentType }));
    a.download = d.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    store.getState().notify(`Saved ${d.filename} (${entries?.length ?? 0} lines).`, 'info');
  };

  const set = (k: keyof AuditFilter) => (e: { target: { value: string } }) => setFilter({ ...filter, [k]: e.target.value });
  return (
    <div className="audit-view">
      <form className="audit-filters" onSubmit={submit} noValidate aria-label="Audit question">
        <label>
          Operator
          <input id="audit-operator" list="audit-operators" autoComplete="off" value={filter.operator} onChange={set('operator')} />
        </label>
        <label>
          Incident (reference or id)
          <input id="audit-incident" autoComplete="off" value={filter.incident} onChange={set('incident')} />
        </label>
        <label>
          Camera
          <input id="audit-camera" list="audit-cameras" autoComplete="off" value={filter.camera} onChange={set('camera')} />
        </label>
        <label>
          Unit
          <input id="audit-unit" autoComplete="off" value={filter.unit} onChange={set('unit')} />
        </label>
        <label>
          From
          <input id="audit-from" type="datetime-local" step={1} value={filter.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input id="audit-to" type="datetime-local" step={1} value={filter.to} onChange={set('to')} />
        </label>
        <datalist id="audit-operators">
          {operators.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <datalist id="audit-cameras">
          {Object.values(cameras).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </datalist>
        <div className="audit-actions">
          <button type="submit" className="primary" id="audit-search" aria-disabled={busy}>
            {busy ? 'Searching…' : 'Search'} <kbd>Enter</kbd>
          </button>
          <button type="button" id="audit-this-incident" disabled={!selected} onClick={() => selected && ask({ ...NO_AUDIT_FILTER, incident: selected.ref })}>
            Who did what to {selected ? selected.ref : 'the selected incident'}
          </button>
          <button
            type="button"
            id="audit-this-shift"
            disabled={!filter.operator.trim()}
            onClick={() => ask({ ...NO_AUDIT_FILTER, operator: filter.operator, from: toInputTime(Date.now() - 12 * HOUR) })}
          >
            What {filter.operator.trim() || 'this operator'} did in the last 12 h
          </button>
          <button type="button" onClick={() => setFilter(NO_AUDIT_FILTER)}>
            Clear
          </button>
          <button type="button" id="audit-export" disabled={!asked} onClick={() => void exportCsv()}>
            Export CSV
          </button>
        </div>
      </form>
      <FormError error={error} />
      {entries && (
        <p className="hint" data-field="audit-count" role="status">
          {entries.length === 0 ? 'Nothing recorded matches.' : `${entries.length} line${entries.length > 1 ? 's' : ''}, oldest first`}
          {asked?.from !== undefined && `, from ${clock(asked.from)}`}
          {asked?.to !== undefined && ` to ${clock(asked.to)}`}.
        </p>
      )}
      {entries && entries.length > 0 && (
        <div className="audit-scroll">
          <table className="supervisor-table audit-table" data-table="audit">
            <thead>
              <tr>
                <th>Time</th>
                <th>Operator</th>
                <th>What</th>
                <th>Incident</th>
                <th>Unit</th>
                <th>Camera</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} data-action={e.action} data-operator={e.operator}>
                  <td className="when">{clock(e.at)}</td>
                  <td>{e.operator}</td>
                  <td>{e.summary}</td>
                  <td>{e.incidentId ? (refs.get(e.incidentId) ?? e.incidentId) : ''}</td>
                  <td>{e.unitId ?? ''}</td>
                  <td>{e.cameraId ? (cameras[e.cameraId]?.name ?? e.cameraId) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!entries && <p className="empty">Ask by operator, incident, camera or unit, and a period; or use a question above.</p>}
    </div>
  );
}

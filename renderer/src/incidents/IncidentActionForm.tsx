import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import type { InputOf, OperationName } from '../../../shared/contract.js';
import { CATEGORIES, type CategoryId, type Priority, PRIORITIES, PRIORITY_LABELS } from '../../../shared/domain/categories.js';
import { activeAllocations, type Incident } from '../../../shared/domain/incidents.js';
import type { Result } from '../../../shared/result.js';
import { useHost } from '../host/HostContext.js';
import { focusHome, useReturnFocus } from '../keyboard/focus.js';
import type { IncidentActionKind } from '../store/slices.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { FormError } from '../status/FormError.js';

const CATEGORY_LIST = Object.entries(CATEGORIES) as [CategoryId, (typeof CATEGORIES)[CategoryId]][];

/** What each action asks for: a title, and the words a free-text field wants (required or not). */
const ASK: Record<IncidentActionKind, { title: string; text?: { label: string; required: boolean } }> = {
  triaged: { title: 'Triage', text: { label: 'Note (optional)', required: false } },
  en_route: { title: 'Officer en route', text: { label: 'Note (optional)', required: false } },
  on_scene: { title: 'Officer on scene', text: { label: 'Note (optional)', required: false } },
  resolved: { title: 'Resolve', text: { label: 'Result', required: true } },
  closed: { title: 'Close', text: { label: 'Note (optional)', required: false } },
  cancelled: { title: 'Cancel the incident', text: { label: 'Reason', required: true } },
  reopened: { title: 'Reopen', text: { label: 'Reason', required: true } },
  priority: { title: 'Change priority', text: { label: 'Reason', required: true } },
  category: { title: 'Change category', text: { label: 'Reason', required: true } },
  note: { title: 'Add a note', text: { label: 'Note', required: true } },
  deallocate: { title: 'De-allocate an officer', text: { label: 'Reason (optional)', required: false } },
  reassign: { title: 'Reassign: which officer is replaced?' },
};

/**
 * One lifecycle action on the selected incident, confirmed with Enter: the choice or the reason
 * it needs first, then the host's answer. Esc leaves it (the console's Esc).
 */
export function IncidentActionForm() {
  const host = useHost();
  const store = useConsoleStore();
  const kind = useConsole((s) => s.incidentAction);
  const id = useConsole((s) => s.selectedIncidentId);
  const incident = useConsole((s) => (id ? s.incidents[id] : undefined));
  const units = useConsole((s) => s.units);
  const [text, setText] = useState('');
  const [priority, setPriority] = useState<Priority>(incident?.priority ?? 3);
  const [category, setCategory] = useState<CategoryId>(incident?.category ?? 'anti_social_behaviour');
  const active = incident ? activeAllocations(incident) : [];
  const [officer, setOfficer] = useState<string>(active[0]?.unitId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement & HTMLSelectElement>(null);
  useReturnFocus();
  useEffect(() => first.current?.focus(), []);
  if (!incident || !kind) return null;
  const ask = ASK[kind];
  const callsign = (u: string) => units[u]?.callsign ?? u;

  const done = (r: Result<Incident>, what: string) => {
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const s = store.getState();
    s.upsertIncidents([r.value]);
    s.notify(`${incident.ref}: ${what}.`, 'info');
    s.setMode('idle');
    queueMicrotask(focusHome);
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    const words = text.trim();
    if (ask.text?.required && !words) {
      setError(`${ask.text.label} is needed: say it in a few words.`);
      return;
    }
    if (kind === 'reassign') {
      store.getState().startReassign(officer);
      return;
    }
    const call = <K extends OperationName>(name: K, input: InputOf<K>) => host.call(name, input) as Promise<Result<Incident>>;
    setBusy(true);
    let r: Result<Incident>;
    let what: string;
    switch (kind) {
      case 'priority':
        r = await call('amendIncident', { id: incident.id, priority, reason: words });
        what = `priority now P${priority}`;
        break;
      case 'category':
        r = await call('amendIncident', { id: incident.id, category, reason: words });
        what = `category now ${CATEGORIES[category].label}`;
        break;
      case 'note':
        r = await call('addIncidentNote', { id: incident.id, text: words });
        what = 'note added';
        break;
      case 'deallocate':
        r = await call('deallocateUnit', { id: incident.id, unitId: officer, ...(words && { reason: words }) });
        what = `${callsign(officer)} de-allocated`;
        break;
      default:
        r = await call('transitionIncident', { id: incident.id, action: kind, ...(words && { note: words }) });
        what = kind === 'reopened' ? 'reopened' : `now ${kind.replace('_', ' ')}`;
    }
    setBusy(false);
    done(r, what);
  };

  // Enter confirms from any field, a list included (a select does not submit a form by itself).
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !e.shiftKey && (e.target as HTMLElement).tagName !== 'BUTTON') {
      e.preventDefault();
      void submit();
    }
  };

  const chooser =
    kind === 'priority' ? (
      <label>
        New priority
        <select ref={first} id="incident-action-priority" value={priority} onChange={(e) => setPriority(Number(e.target.value) as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
    ) : kind === 'category' ? (
      <label>
        New category
        <select ref={first} id="incident-action-category" value={category} onChange={(e) => setCategory(e.target.value as CategoryId)}>
          {CATEGORY_LIST.map(([cid, c]) => (
            <option key={cid} value={cid}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    ) : kind === 'deallocate' || kind === 'reassign' ? (
      <label>
        Officer
        <select ref={first} id="incident-action-officer" value={officer} onChange={(e) => setOfficer(e.target.value)}>
          {active.map((a) => (
            <option key={a.unitId} value={a.unitId}>
              {callsign(a.unitId)}
            </option>
          ))}
        </select>
      </label>
    ) : null;

  return (
    <form className="panel incident-action" aria-label={`${ask.title}: ${incident.ref}`} data-action={kind} onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
      <header className="panel-head">
        <h2>
          {ask.title}: {incident.ref}
        </h2>
        <span className="hint">
          <kbd>Enter</kbd> confirm · <kbd>Esc</kbd> cancel
        </span>
      </header>
      {chooser}
      {ask.text && (
        <label className="wide">
          {ask.text.label}
          <input
            ref={chooser ? undefined : first}
            id="incident-action-text"
            value={text}
            maxLength={kind === 'note' ? 2000 : 500}
            required={ask.text.required}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
          />
        </label>
      )}
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : kind === 'reassign' ? 'Choose who replaces them' : ask.title}
        </button>
        <button type="button" onClick={() => store.getState().setMode('idle')}>
          Back
        </button>
      </div>
    </form>
  );
}

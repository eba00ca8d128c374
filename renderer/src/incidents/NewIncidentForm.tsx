import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { OUTSIDE_SERVICE_AREA } from '../../../shared/geo/service-area.js';
import { CATEGORIES, type CategoryId, type Priority, PRIORITIES, PRIORITY_LABELS } from '../../../shared/domain/categories.js';
import { useHost } from '../host/HostContext.js';
import { focusHome, useReturnFocus } from '../keyboard/focus.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { formatLatLon, parseLatLon } from './parseLatLon.js';
import { RepeatOffer } from '../dispatch/RepeatOffer.js';
import { describeChoice, PlaceSearch } from '../places/PlaceSearch.js';
import { FormError } from '../status/FormError.js';

const CATEGORY_LIST = Object.entries(CATEGORIES) as [CategoryId, (typeof CATEGORIES)[CategoryId]][];

/** Taking a call live: category first, then where, then what; Enter creates. */
export function NewIncidentForm() {
  const host = useHost();
  const store = useConsoleStore();
  const draft = useConsole((s) => s.draftLocation);
  const picking = useConsole((s) => s.pickingLocation);
  const [category, setCategory] = useState<CategoryId>('anti_social_behaviour');
  const [priority, setPriority] = useState<Priority | ''>('');
  const [description, setDescription] = useState('');
  const [where, setWhere] = useState('');
  /** The place taken from the search, recorded as the incident's address. */
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [whereError, setWhereError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The host refused the place as outside the service area: the dispatcher may confirm it.
  const [outside, setOutside] = useState<'no' | 'refused' | 'confirmed'>('no');
  // Esc on a call with words in it asks first: a slip of the finger must not lose a caller's account.
  const [discarding, setDiscarding] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useReturnFocus();

  useEffect(() => first.current?.focus(), []);
  // A location picked on the map fills the field; typing a valid one moves the ring on the map.
  useEffect(() => {
    if (!draft) return;
    const typed = parseLatLon(where);
    const same = typed.ok && Math.abs(typed.value.lat - draft.lat) < 1e-6 && Math.abs(typed.value.lon - draft.lon) < 1e-6;
    if (!same) {
      setWhere(formatLatLon(draft));
      setChosen(null);
      setOutside('no');
      // Picked on the map: the keyboard moves on to what the caller says, so Enter then creates.
      document.getElementById('new-incident-description')?.focus();
    }
    // Only a new draft location should rewrite the field, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  const onWhere = (text: string) => {
    setWhere(text);
    setChosen(null);
    setOutside('no');
    const p = parseLatLon(text);
    if (p.ok) store.getState().setDraftLocation(p.value);
    // Once the location reads, its complaint is out of date; a refusal from the host is not.
    if (p.ok) setWhereError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const loc = parseLatLon(where);
    if (!loc.ok) {
      setWhereError(loc.error);
      document.getElementById('new-incident-where')?.focus();
      return;
    }
    setBusy(true);
    const r = await host.call('createIncident', {
      category,
      ...(priority !== '' && { priority }),
      description,
      location: loc.value,
      ...(chosen && { address: chosen }),
      ...(outside === 'confirmed' && { outsideServiceAreaConfirmed: true }),
    });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      if (r.error.includes(OUTSIDE_SERVICE_AREA)) {
        setOutside('refused');
        queueMicrotask(() => document.getElementById('new-incident-where')?.focus());
      }
      return;
    }
    const s = store.getState();
    // The stream brings it within 100 ms too; adding it now lets the queue select it straight away.
    s.upsertIncidents([r.value]);
    s.setMode('idle');
    s.selectIncident(r.value.id);
    queueMicrotask(focusHome);
  };

  const hasText = where.trim() !== '' || description.trim() !== '';
  const leave = () => {
    if (hasText && !discarding) setDiscarding(true);
    else store.getState().setMode('idle');
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !picking && hasText && !discarding) {
      // Handled here, so the console's Esc (which would close the form) does not run.
      e.preventDefault();
      setDiscarding(true);
    } else if (e.key !== 'Escape' && discarding) setDiscarding(false);
  };

  return (
    <form className="panel new-incident" aria-label="New incident" onSubmit={submit} onKeyDown={onKeyDown}>
      <header className="panel-head">
        <h2>New incident</h2>
        <span className="hint">
          <kbd>Enter</kbd> create · <kbd>Alt+M</kbd> pick on map · <kbd>Esc</kbd> cancel
        </span>
      </header>
      <label>
        Category
        <select
          ref={first}
          id="new-incident-category"
          value={category}
          onChange={(e) => {
            setCategory(e.target.value as CategoryId);
            setPriority('');
          }}
        >
          {CATEGORY_LIST.map(([id, c]) => (
            <option key={id} value={id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select id="new-incident-priority" value={priority} onChange={(e) => setPriority(e.target.value ? (Number(e.target.value) as Priority) : '')}>
          <option value="">Default — {PRIORITY_LABELS[CATEGORIES[category].defaultPriority]}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        Location (street, place, postcode, grid ref or lat, lon)
        <span className="row">
          <PlaceSearch
            id="new-incident-where"
            value={where}
            placeholder="Bridge Street, PE1 1HA, TL 19240 98462 or 52.5725, -0.2425"
            onText={onWhere}
            onChoose={(place, query) => {
              onWhere(formatLatLon(place));
              setChosen(describeChoice(place, query));
            }}
            invalid={!!whereError}
            submitCoordinates
          />
          <button type="button" tabIndex={-1} title="Alt+M" className={picking ? 'active' : ''} onClick={() => store.getState().setPickingLocation(!picking)}>
            {picking ? 'Click the map…' : 'Pick on map'}
          </button>
        </span>
      </label>
      {chosen && <span className="place-chosen wide">{chosen}</span>}
      <RepeatOffer category={category} where={where} description={description} />
      <label className="wide">
        Description
        <input id="new-incident-description" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <FormError error={whereError ?? error} />
      {outside !== 'no' && (
        <label className="wide confirm-outside">
          <input
            type="checkbox"
            id="new-incident-confirm-outside"
            checked={outside === 'confirmed'}
            onChange={(e) => setOutside(e.target.checked ? 'confirmed' : 'refused')}
          />
          The location is right: create it outside the service area
        </label>
      )}
      {discarding && (
        <p className="form-error" role="alert" data-testid="discard-confirm">
          Discard this call? Press <kbd>Esc</kbd> again to discard it, or carry on typing to keep it.
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create incident'}
        </button>
        <button type="button" onClick={leave}>
          {discarding ? 'Discard the call' : 'Cancel'}
        </button>
      </div>
    </form>
  );
}

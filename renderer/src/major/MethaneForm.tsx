import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Methane } from '../../../shared/major/methane.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { useHost } from '../host/HostContext.js';
import { formatLatLon, parseLatLon } from '../incidents/parseLatLon.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { FormError } from '../status/FormError.js';

const TEXT_FIELDS: [Exclude<keyof Methane, 'majorIncidentDeclared'>, string, string][] = [
  ['exactLocation', 'E — Exact location', 'e.g. Queensgate bus station, Westgate entrance'],
  ['type', 'T — Type of incident', 'e.g. building collapse'],
  ['hazards', 'H — Hazards', 'present and potential, or "none known"'],
  ['access', 'A — Access', 'routes in and out, rendezvous point'],
  ['casualties', 'N — Number and severity of casualties', 'e.g. 3 P1, 10 P3, or "unknown"'],
  ['emergencyServices', 'E — Emergency services', 'present, and required'],
];

/**
 * The M/ETHANE form: a declaration (from the selected incident, or a place typed or picked on the
 * map), or the next version of a major incident's message, starting from the current one.
 */
export function MethaneForm({ major, onDone, onCancel }: { major: MajorIncidentView | null; onDone: (m: MajorIncidentView) => void; onCancel: () => void }) {
  const host = useHost();
  const store = useConsoleStore();
  const draft = useConsole((s) => s.draftLocation);
  const picking = useConsole((s) => s.pickingLocation);
  const selected = useConsole((s) => (s.selectedIncidentId ? s.incidents[s.selectedIncidentId] : undefined));
  const current = major?.methane.at(-1);
  // A declaration takes the selected incident, if any; it can be cleared to declare from a place.
  const [fromIncident, setFromIncident] = useState(!major && !!selected);
  const [declared, setDeclared] = useState(current?.methane.majorIncidentDeclared ?? true);
  const [fields, setFields] = useState<Record<string, string>>(() => ({
    exactLocation: current?.methane.exactLocation ?? selected?.address ?? '',
    type: current?.methane.type ?? '',
    hazards: current?.methane.hazards ?? '',
    access: current?.methane.access ?? '',
    casualties: current?.methane.casualties ?? '',
    emergencyServices: current?.methane.emergencyServices ?? '',
  }));
  const [where, setWhere] = useState(() => formatLatLon(current?.location ?? selected?.location ?? store.getState().mapCentre ?? { lat: 52.5729, lon: -0.2426 }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (draft) setWhere(formatLatLon(draft));
  }, [draft]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const loc = parseLatLon(where);
    if (!loc.ok) {
      setError(`Position: ${loc.error}`);
      return;
    }
    const body = {
      location: loc.value,
      majorIncidentDeclared: declared,
      exactLocation: fields.exactLocation!,
      type: fields.type!,
      hazards: fields.hazards!,
      access: fields.access!,
      casualties: fields.casualties!,
      emergencyServices: fields.emergencyServices!,
    };
    setBusy(true);
    const r = major
      ? await host.call('updateMethane', { id: major.id, ...body })
      : await host.call('declareMajorIncident', { ...body, ...(fromIncident && selected && { incidentId: selected.id }) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    store.getState().setDraftLocation(null);
    onDone(r.value);
  };

  return (
    <form className="major-form methane-form" aria-label={major ? `METHANE update for ${major.id}` : 'Declare a major incident'} onSubmit={submit}>
      <h3>{major ? `METHANE version ${major.methane.length + 1}` : 'Declare a major incident'}</h3>
      {!major && selected && (
        <label className="check">
          <input type="checkbox" checked={fromIncident} onChange={(e) => setFromIncident(e.target.checked)} />
          From incident {selected.ref}
        </label>
      )}
      <label className="check">
        <input ref={first} id="methane-declared" type="checkbox" checked={declared} onChange={(e) => setDeclared(e.target.checked)} />M — Major incident declared
      </label>
      {TEXT_FIELDS.map(([key, label, hint]) => (
        <label key={key}>
          {label}
          <input id={`methane-${key}`} value={fields[key]} placeholder={hint} maxLength={1000} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} />
        </label>
      ))}
      <label>
        Position (lat, lon)
        <span className="row">
          <input id="methane-position" value={where} onChange={(e) => setWhere(e.target.value)} />
          <button type="button" className={picking ? 'active' : ''} onClick={() => store.getState().setPickingLocation(!picking)}>
            {picking ? 'Click the map…' : 'Pick on map'}
          </button>
        </span>
      </label>
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {major ? 'Send update' : 'Declare'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { UNIT_STATUSES, type UnitStatus } from '../../../shared/domain/units.js';
import { useHost } from '../host/HostContext.js';
import { formatLatLon, parseLatLon } from '../incidents/parseLatLon.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { FormError } from '../status/FormError.js';

/** A status and/or position heard on the radio, entered by hand while telemetry is down. */
export function ManualEntryForm({ unitId, callsign, onDone }: { unitId: string; callsign: string; onDone: () => void }) {
  const host = useHost();
  const store = useConsoleStore();
  const draft = useConsole((s) => s.draftLocation);
  const [status, setStatus] = useState<UnitStatus | ''>('');
  const [where, setWhere] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (draft) setWhere(formatLatLon(draft));
  }, [draft]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const position = where.trim() ? parseLatLon(where) : null;
    if (position && !position.ok) return setError(`Position: ${position.error}`);
    const r = await host.call('recordManualEntry', {
      id: unitId,
      ...(status && { status }),
      ...(position?.ok && { position: position.value }),
      note: 'entered from radio traffic',
    });
    if (!r.ok) return setError(r.error);
    store.getState().setDraftLocation(null);
    onDone();
  };

  return (
    <form className="major-form manual-entry" aria-label={`By hand for ${callsign}`} onSubmit={submit}>
      <span className="row">
        <label>
          Status
          <select id="manual-status" value={status} onChange={(e) => setStatus(e.target.value as UnitStatus | '')}>
            <option value="">— unchanged —</option>
            {UNIT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Position (lat, lon)
          <span className="row">
            <input id="manual-position" value={where} onChange={(e) => setWhere(e.target.value)} />
            <button type="button" onClick={() => store.getState().setPickingLocation(true)}>
              Pick on map
            </button>
          </span>
        </label>
      </span>
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" id="manual-save">
          Record
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

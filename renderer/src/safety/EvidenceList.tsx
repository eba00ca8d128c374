import { useEffect, useState } from 'react';
import type { BwvLogEntry } from '../../../shared/safety/tracks.js';
import { useHost } from '../host/HostContext.js';
import { useConsole } from '../store/store.js';
import { formatClock } from './alarmModel.js';
import { useCan } from '../session/can.js';

/**
 * Body-worn video started and stopped by officers while on the selected incident, read back from
 * the journal: where to look for the footage when the case comes to court.
 */
export function EvidenceList() {
  const host = useHost();
  const incidentId = useConsole((s) => s.selectedIncidentId);
  const incident = useConsole((s) => (s.selectedIncidentId ? s.incidents[s.selectedIncidentId] : undefined));
  // Any change in an allocated officer's camera state means the log may have grown.
  const cameraStates = useConsole((s) =>
    incident ? incident.allocations.map((a) => `${a.unitId}:${s.units[a.unitId]?.bwv?.ts ?? 0}`).join(',') : '',
  );
  const [entries, setEntries] = useState<BwvLogEntry[] | null>(null);
  // A refusal is not an empty log: for evidence, "none recorded" and "could not read" must differ.
  const [error, setError] = useState<string | null>(null);
  // Reading it is audited and kept to roles that follow officers: others are not shown it at all.
  const mayRead = useCan('listBwvEvents');

  useEffect(() => {
    setError(null);
    if (!incidentId || !mayRead) return setEntries(null);
    let live = true;
    void host.call('listBwvEvents', { id: incidentId }).then((r) => {
      if (!live) return;
      setEntries(r.ok ? r.value : null);
      setError(r.ok ? null : r.error);
    });
    return () => {
      live = false;
    };
  }, [host, incidentId, cameraStates, mayRead]);

  if (!incident || !mayRead) return null;
  return (
    <section className="panel evidence" aria-label={`Body-worn video for ${incident.ref}`}>
      <header className="panel-head">
        <h2>
          Body-worn video <span className="count">{incident.ref}</span>
        </h2>
      </header>
      <ul className="evidence-list">
        {error && (
          <li className="empty" role="alert">
            The body-worn video log could not be read: {error}
          </li>
        )}
        {!error && (entries ?? []).length === 0 && <li className="empty">{entries ? 'No recordings logged against this incident.' : 'Loading…'}</li>}
        {(entries ?? []).map((e) => (
          <li key={e.seq} data-seq={e.seq}>
            <span className={e.recording ? 'rec' : ''}>{e.recording ? '● Started' : '■ Stopped'}</span> {e.callsign} at {formatClock(e.ts)}
          </li>
        ))}
      </ul>
    </section>
  );
}

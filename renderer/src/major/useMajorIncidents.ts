import { useCallback, useEffect, useState } from 'react';
import type { TimelineEntry } from '../../../shared/major/debrief.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { useHost } from '../host/HostContext.js';
import { useCan } from '../session/can.js';

/** How often the coordinator's view asks again: review reminders fall due with no one acting. */
const REFRESH_MS = 5000;

/** The major incidents, asked of the host now, after every action and every few seconds. */
export function useMajorIncidents() {
  const host = useHost();
  const [list, setList] = useState<MajorIncidentView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await host.call('listMajorIncidents', {});
    if (r.ok) {
      setList(r.value);
      setError(null);
    } else setError(r.error);
  }, [host]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);
  return { list, error, refresh };
}

/** The timeline of one major incident, from the journal, asked again whenever `version` changes. */
export function useTimeline(id: string | null, version: unknown) {
  const host = useHost();
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  // The timeline comes with the debrief, a record kept to those who run the incident.
  const mayRead = useCan('getMajorDebrief');
  useEffect(() => {
    if (!id || !mayRead) return;
    let live = true;
    const load = async () => {
      const r = await host.call('getMajorDebrief', { id });
      if (live && r.ok && 'timeline' in r.value) setEntries(r.value.timeline);
    };
    void load();
    const t = setInterval(() => void load(), REFRESH_MS * 2);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [host, id, version, mayRead]);
  return id && mayRead ? entries : [];
}

import { useEffect, useMemo, useState } from 'react';
import type { TimelineEntry } from '../../../shared/major/debrief.js';
import type { MajorIncidentView } from '../../../shared/major/view.js';
import { useHost } from '../host/HostContext.js';
import { useCan } from '../session/can.js';
import { useConsole } from '../store/store.js';
import { majorList } from './majorSlice.js';

/** The major incidents, newest first, from the store. */
export function useMajorIncidents() {
  const majors = useConsole((s) => s.majors);
  return useMemo(() => majorList(majors), [majors]);
}

/**
 * The timeline of one major incident, from the journal, asked again whenever what it lists may
 * have moved on the stream (the record, its incident, a committed unit: `incident` and `units` are
 * the store's, compared by identity): never on a timer.
 */
export function useTimeline(major: MajorIncidentView, incident: unknown, units: string) {
  const host = useHost();
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  // The timeline is a record kept to those who run the incident.
  const mayRead = useCan('getMajorTimeline');
  useEffect(() => {
    if (!mayRead) return;
    let live = true;
    void host.call('getMajorTimeline', { id: major.id }).then((r) => live && r.ok && setEntries(r.value));
    return () => {
      live = false;
    };
  }, [host, major, incident, units, mayRead]);
  return mayRead ? entries : [];
}

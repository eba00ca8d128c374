import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TimelineEntry } from '../../../shared/major/debrief.js';
import { useHost } from '../host/HostContext.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { majorList } from './majorSlice.js';

/** How often the desk asks again: review reminders fall due with no one acting. */
const REFRESH_MS = 5000;

/** Keeps the store's major incidents current: asked of the host now and every few seconds. */
export function useMajorFeed() {
  const host = useHost();
  const store = useConsoleStore();
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    const r = await host.call('listMajorIncidents', {});
    if (r.ok) {
      store.getState().setMajors(r.value, true);
      setError(null);
    } else setError(r.error);
  }, [host, store]);
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), REFRESH_MS);
    return () => clearInterval(t);
  }, [refresh]);
  return error;
}

/** The major incidents, newest first, from the store. */
export function useMajorIncidents() {
  const majors = useConsole((s) => s.majors);
  return useMemo(() => majorList(majors), [majors]);
}

/** The timeline of one major incident, from the journal, asked again whenever `version` changes. */
export function useTimeline(id: string | null, version: unknown) {
  const host = useHost();
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  useEffect(() => {
    if (!id) return;
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
  }, [host, id, version]);
  return id ? entries : [];
}

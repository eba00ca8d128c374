import { useEffect, useRef } from 'react';
import type { ConsoleStore } from '../store/store.js';
import { type Announced, announcedFrom, loadAlertSettings, newWork, attentionCount } from './newWork.js';
import { WorkTone } from './workTone.js';

const TITLE = document.title || 'Beacon';

/**
 * Announces new work as it arrives on the stream: its sound (if this desk wants it), a flash in
 * the queue, and a count in the window title that a dispatcher on another window still sees.
 * What was already there when the console connected is not news.
 */
export function useNewWorkAlerts(store: ConsoleStore): void {
  const announced = useRef<Announced | null>(null);
  useEffect(() => {
    const tone = new WorkTone();
    const check = () => {
      const s = store.getState();
      if (s.seq < 0) return;
      if (!announced.current) {
        announced.current = announcedFrom(s.incidents);
        return;
      }
      const events = newWork(announced.current, s.incidents);
      if (events.length === 0) return;
      // After the state settles: an incident this dispatcher just created is selected at once and is not news.
      queueMicrotask(() => {
        const selected = store.getState().selectedIncidentId;
        const news = events.filter((e) => e.incidentId !== selected || e.kind === 'unacknowledged');
        if (news.length === 0) return;
        store.getState().addUnseenWork(news);
        const settings = loadAlertSettings();
        // One sound per arrival, the most urgent kind: three at once would be noise, not news.
        const kind = news.find((e) => e.kind === 'p1')?.kind ?? news.find((e) => e.kind === 'unacknowledged')?.kind ?? 'incident';
        if (settings.sound[kind]) tone.play(kind, settings.volume);
      });
    };
    const title = () => {
      const s = store.getState();
      const n = attentionCount(s.unseenWork, s.incidents);
      const want = n > 0 ? `(${n}) ${TITLE}` : TITLE;
      if (document.title !== want) document.title = want;
    };
    check();
    title();
    const off = store.subscribe((s, prev) => {
      if (s.incidents !== prev.incidents || s.seq !== prev.seq) check();
      if (s.unseenWork !== prev.unseenWork || s.incidents !== prev.incidents) title();
    });
    return () => {
      off();
      tone.dispose();
    };
  }, [store]);
}

import { useEffect, useState } from 'react';
import { SHORTCUTS } from '../keyboard/shortcuts.js';
import { HealthPanel } from './HealthPanel.js';
import { OperatorBadge } from '../session/OperatorBadge.js';
import { can } from '../session/can.js';
import { useConsole } from '../store/store.js';
import { useNow } from '../useNow.js';

const clock = (ms: number) => new Date(ms).toLocaleTimeString('en-GB', { hour12: false });

/** Always visible: is the console live, is the journal safe, is telemetry being dropped. */
export function StatusBar() {
  const link = useConsole((s) => s.link);
  // With the link down, the last health we heard is no longer news: say "unknown", not "healthy".
  const live = link === 'open';
  const brokerUp = useConsole((s) => (live ? (s.health?.broker.connected ?? null) : null));
  const journalOk = useConsole((s) => (live ? (s.health?.journal.healthy ?? null) : null));
  const journalError = useConsole((s) => s.health?.journal.error ?? null);
  const rejected = useConsole((s) => s.health?.telemetry.rejectedTotal ?? 0);
  // Only the keys this operator's roles can use: a CCTV operator is not shown "A Allocate unit".
  const session = useConsole((s) => s.session);
  const shortcuts = SHORTCUTS.filter((k) => !k.needs || can({ session }, k.needs));
  const now = useNow(1000);
  const state = (ok: boolean | null) => (ok === null ? 'unknown' : ok ? 'ok' : 'bad');
  const [healthOpen, setHealthOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName)))) return;
      if (e.key.toLowerCase() === 'h') setHealthOpen((o) => !o);
      else if (e.key === 'Escape') setHealthOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <footer className="status-bar" role="status" aria-live="off">
      <OperatorBadge />
      <span className={`pill ${live ? 'ok' : 'bad'}`} data-status="link">
        Console link: {live ? 'live' : link === 'connecting' ? 'connecting…' : 'lost — retrying'}
      </span>
      <span className={`pill ${state(brokerUp)}`} data-status="broker">
        Broker: {brokerUp === null ? 'unknown' : brokerUp ? 'connected' : 'disconnected'}
      </span>
      <span className={`pill ${state(journalOk)}`} data-status="journal" title={journalError ?? undefined}>
        Journal: {journalOk === null ? 'unknown' : journalOk ? 'healthy' : 'FAILED'}
      </span>
      <button type="button" className={`pill ${rejected > 0 ? 'warn' : 'ok'}`} data-status="rejected" onClick={() => setHealthOpen((o) => !o)} title="Health view (H)">
        Rejected telemetry: {rejected}
      </button>
      {healthOpen && <HealthPanel onClose={() => setHealthOpen(false)} />}
      <span className="shortcuts" aria-label="Keyboard shortcuts">
        {shortcuts.map((s) => (
          <span key={s.keys}>
            <kbd>{s.keys}</kbd> {s.action}
          </span>
        ))}
      </span>
      <time className="clock" data-status="clock">
        {clock(now)}
      </time>
    </footer>
  );
}

import './supervisor.css';
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { AuditView } from '../audit/AuditView.js';
import { useReturnFocus } from '../keyboard/focus.js';
import { SESSION_KEYS } from '../session/sessionKeys.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { OperatorsPanel } from './OperatorsPanel.js';

/** The supervisor's views (operators and sessions, the audit): one at a time, over the workspace. */
export function SupervisorViews() {
  const view = useConsole((s) => s.supervisorView);
  if (view === 'operators')
    return (
      <SupervisorFrame title="Operators and sessions" keys={SESSION_KEYS.operators.keys} id="operators-view">
        <OperatorsPanel />
      </SupervisorFrame>
    );
  if (view === 'audit')
    return (
      <SupervisorFrame title="Audit trail" keys={SESSION_KEYS.audit.keys} id="audit-view">
        <AuditView />
      </SupervisorFrame>
    );
  return null;
}

/** A view that has the keyboard while it is open: its first field is focused, Esc closes it, and the focus goes back. */
function SupervisorFrame({ title, keys, id, children }: { title: string; keys: string; id: string; children: ReactNode }) {
  const store = useConsoleStore();
  const ref = useRef<HTMLElement>(null);
  useReturnFocus();
  useEffect(() => {
    (ref.current?.querySelector<HTMLElement>('input, select, button:not(.close)') ?? ref.current)?.focus();
  }, [id]);
  const close = () => store.getState().setSupervisorView(null);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    // Esc is the view's: the console behind does not also cancel what it was doing.
    e.stopPropagation();
    close();
  };
  return (
    <section ref={ref} className="supervisor-view" id={id} role="dialog" aria-modal="false" aria-label={title} tabIndex={-1} onKeyDown={onKeyDown}>
      <header className="panel-head">
        <h2>{title}</h2>
        <button type="button" className="close" onClick={close}>
          Close <kbd>Esc</kbd> · <kbd>{keys}</kbd>
        </button>
      </header>
      <div className="supervisor-body">{children}</div>
    </section>
  );
}

import { useConsole, useConsoleStore } from '../store/store.js';
import { useCan } from './can.js';
import { useSessionControl } from './SessionContext.js';
import { rolesLabel } from './SessionScreens.js';
import { SESSION_KEYS } from './sessionKeys.js';

/** Who is at this desk, in the status bar, with the lock and the hand-over a click away too. */
export function OperatorBadge() {
  const store = useConsoleStore();
  const control = useSessionControl();
  const session = useConsole((s) => s.session);
  const supervises = useCan('listOperators');
  if (!session) return null;
  const lock = () => void control.lock().then((refused) => refused && store.getState().notify(refused));
  return (
    <span className="operator-badge" data-status="operator">
      <span className="pill" title={`Signed in at ${session.desk} since ${new Date(session.startedAt).toLocaleTimeString('en-GB')}`}>
        <b data-field="operator">{session.operator}</b> <span data-field="roles">{rolesLabel(session)}</span>
      </span>
      <button type="button" id="lock-desk" onClick={lock} title={SESSION_KEYS.lock.action}>
        Lock <kbd>{SESSION_KEYS.lock.keys}</kbd>
      </button>
      <button type="button" id="switch-operator" onClick={() => store.getState().setSwitchingOperator(true)} title={SESSION_KEYS.switch.action}>
        Switch <kbd>{SESSION_KEYS.switch.keys}</kbd>
      </button>
      {supervises && (
        <>
          <button type="button" id="open-operators" onClick={() => store.getState().setSupervisorView('operators')}>
            Operators <kbd>{SESSION_KEYS.operators.keys}</kbd>
          </button>
          <button type="button" id="open-audit" onClick={() => store.getState().setSupervisorView('audit')}>
            Audit <kbd>{SESSION_KEYS.audit.keys}</kbd>
          </button>
        </>
      )}
    </span>
  );
}

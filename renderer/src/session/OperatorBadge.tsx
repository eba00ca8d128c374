import { useConsole, useConsoleStore } from '../store/store.js';
import { useCan } from './can.js';
import { useSessionControl } from './SessionContext.js';
import { rolesLabel } from './SessionScreens.js';
import type { Role } from '../../../shared/auth/roles.js';

/** Short enough for the status bar; the full names are in its tooltip and on the lock screen. */
const ROLE_SHORT: Record<Role, string> = { dispatcher: 'dispatch', cctv_operator: 'CCTV', supervisor: 'supervisor', coordinator: 'coordinator', wall: 'wall' };
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
      <span className="pill" title={`${rolesLabel(session)}; signed in at ${session.desk} since ${new Date(session.startedAt).toLocaleTimeString('en-GB')}`}>
        <b data-field="operator">{session.operator}</b> <span data-field="roles">{session.roles.map((r) => ROLE_SHORT[r]).join(' · ')}</span>
      </span>
      <button type="button" id="lock-desk" onClick={lock} title={`${SESSION_KEYS.lock.action} (${SESSION_KEYS.lock.keys})`}>
        Lock <kbd>{SESSION_KEYS.lock.keys}</kbd>
      </button>
      <button type="button" id="switch-operator" onClick={() => store.getState().setSwitchingOperator(true)} title={`${SESSION_KEYS.switch.action} (${SESSION_KEYS.switch.keys})`}>
        Switch <kbd>{SESSION_KEYS.switch.keys}</kbd>
      </button>
      {supervises && (
        <>
          <button type="button" id="open-operators" title={`${SESSION_KEYS.operators.action} (${SESSION_KEYS.operators.keys})`} onClick={() => store.getState().setSupervisorView('operators')}>
            Operators <kbd>{SESSION_KEYS.operators.keys}</kbd>
          </button>
          <button type="button" id="open-audit" title={`${SESSION_KEYS.audit.action} (${SESSION_KEYS.audit.keys})`} onClick={() => store.getState().setSupervisorView('audit')}>
            Audit <kbd>{SESSION_KEYS.audit.keys}</kbd>
          </button>
        </>
      )}
    </span>
  );
}

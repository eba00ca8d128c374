import './session.css';
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { ROLE_NAMES } from '../../../shared/auth/roles.js';
import type { SessionInfo } from '../../../shared/auth/schemas.js';
import { useReturnFocus } from '../keyboard/focus.js';
import { FormError } from '../status/FormError.js';
import { useConsole, useConsoleStore } from '../store/store.js';
import { useSessionControl } from './SessionContext.js';
import { SignInForm } from './SignInForm.js';
import { consoleCovered, isSessionKey, SESSION_KEYS } from './sessionKeys.js';

export const rolesLabel = (s: Pick<SessionInfo, 'roles'>) => s.roles.map((r) => ROLE_NAMES[r]).join(', ');

/**
 * Whether the console under the session screens is out of reach (inert): nobody signed in, or the
 * desk locked. A torn-off alarm list stays in reach: alarms are never hidden.
 */
export function useConsoleCovered(panel: string | null): boolean {
  return useConsole((s) => consoleCovered(s) && !(panel === 'alarms' && !!s.session?.locked && !s.switchingOperator));
}

/** What covers the console while signed in: the lock screen, or the hand-over dialog (the sign-in screen is the gate's). */
export function SessionOverlays({ panel }: { panel: string | null }) {
  const status = useConsole((s) => s.sessionStatus);
  const locked = useConsole((s) => !!s.session?.locked);
  const switching = useConsole((s) => s.switchingOperator);
  if (status !== 'signed-in') return null;
  if (locked) return panel === 'alarms' ? null : <LockScreen />;
  if (switching) return <SwitchOperatorDialog />;
  return null;
}

// Keys typed on a session screen are its own: the console's shortcuts behind it never see them.
const keepKeys = (e: KeyboardEvent) => e.stopPropagation();

/** The whole window: who is at this desk. Nothing of the console shows until someone signs in. */
export function SignInScreen() {
  const notice = useConsole((s) => s.sessionNotice);
  return (
    <section className="session-screen sign-in-screen" data-session-screen role="dialog" aria-modal="true" aria-labelledby="sign-in-title" onKeyDown={keepKeys}>
      <div className="session-card">
        <h1 id="sign-in-title">Beacon · sign in</h1>
        <p className="hint">The console of the joint control room. Sign in with the username and password a supervisor gave you.</p>
        {notice && (
          <p className="session-notice" role="status">
            {notice}
          </p>
        )}
        <SignInForm id="sign-in" submitLabel="Sign in" />
      </div>
    </section>
  );
}

/**
 * A locked desk: incident details, the map and lists are hidden, the alarms above stay in sight and
 * the live stream keeps coming. Only the operator who locked it unlocks it; another signs in over it.
 */
function LockScreen() {
  const control = useSessionControl();
  const session = useConsole((s) => s.session)!;
  const [switching, setSwitching] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  useReturnFocus();

  const unlock = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!password) return setError(`Give ${session.operator}'s password.`);
    setBusy(true);
    const refused = await control.unlock(password);
    setBusy(false);
    if (refused) {
      setError(refused);
      setPassword('');
      ref.current?.focus();
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (isSessionKey(e, 'switch')) {
      e.preventDefault();
      setSwitching((on) => !on);
    } else if (e.key === 'Escape' && switching) setSwitching(false);
  };

  return (
    <section className="session-screen lock-screen" data-session-screen role="dialog" aria-modal="true" aria-labelledby="lock-title" onKeyDown={onKeyDown}>
      <div className="session-card">
        <h1 id="lock-title">Desk locked</h1>
        <p data-field="locked-by">
          Locked by <b>{session.operator}</b> ({rolesLabel(session)}). Alarms still show above and the live picture keeps coming in; nothing can be changed
          until {session.operator} unlocks it.
        </p>
        {switching ? (
          <>
            <h2>Switch operator</h2>
            <p className="hint">The incoming operator signs in; {session.operator}'s session ends. Open incidents, the map and alarms stay as they are.</p>
            <SignInForm id="lock-switch" submitLabel="Sign in and take over" onCancel={() => setSwitching(false)} />
          </>
        ) : (
          <form className="sign-in-form" id="unlock" onSubmit={(e) => void unlock(e)} noValidate>
            <label>
              {session.operator}'s password
              <input
                ref={ref}
                id="unlock-password"
                type="password"
                autoComplete="current-password"
                autoFocus
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                readOnly={busy}
              />
            </label>
            <FormError error={error} />
            <div className="actions">
              <button type="submit" className="primary" aria-disabled={busy}>
                {busy ? 'Unlocking…' : 'Unlock'} <kbd>Enter</kbd>
              </button>
              <button type="button" onClick={() => setSwitching(true)}>
                Switch operator <kbd>{SESSION_KEYS.switch.keys}</kbd>
              </button>
            </div>
          </form>
        )}
      </div>
    </section>
  );
}

/** A hand-over at shift change: the incoming operator signs in; what the console shows is left as it is. */
function SwitchOperatorDialog() {
  const store = useConsoleStore();
  const operator = useConsole((s) => s.session?.operator ?? '');
  const close = () => store.getState().setSwitchingOperator(false);
  useReturnFocus();
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape' || isSessionKey(e, 'switch')) {
      e.preventDefault();
      close();
    }
  };
  return (
    <section className="session-dialog switch-operator" data-session-screen role="dialog" aria-modal="true" aria-labelledby="switch-title" onKeyDown={onKeyDown}>
      <h2 id="switch-title">Switch operator</h2>
      <p className="hint">
        The incoming operator signs in; {operator}'s session ends. Open incidents, the map and alarms stay as they are.
      </p>
      <SignInForm id="switch" submitLabel="Sign in and take over" onCancel={close} />
    </section>
  );
}

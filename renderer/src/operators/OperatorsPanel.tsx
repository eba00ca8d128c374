import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { ROLE_NAMES, ROLES, type Role } from '../../../shared/auth/roles.js';
import { NEW_PASSWORD_MIN, type OperatorView, type SessionView } from '../../../shared/auth/schemas.js';
import { useHost } from '../host/HostContext.js';
import { FormError } from '../status/FormError.js';
import { useConsole, useConsoleStore } from '../store/store.js';

const time = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' });
const roleList = (roles: readonly Role[]) => roles.map((r) => ROLE_NAMES[r]).join(', ');
/** Often enough to see a desk sign in or a wrong password counted while the view is open. */
const REFRESH_MS = 10_000;

/** Operators (with wrong passwords counted), a new operator, and every desk signed in now, which a supervisor can end. */
export function OperatorsPanel() {
  const host = useHost();
  const [operators, setOperators] = useState<OperatorView[] | null>(null);
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [o, s] = await Promise.all([host.call('listOperators', {}), host.call('listSessions', {})]);
    if (o.ok) setOperators(o.value);
    if (s.ok) setSessions(s.value);
    setError(!o.ok ? o.error : !s.ok ? s.error : null);
  }, [host]);
  useEffect(() => {
    void load();
    const t = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(t);
  }, [load]);

  return (
    <div className="operators-panel">
      <FormError error={error} />
      <NewOperatorForm onCreated={() => void load()} />
      <section aria-labelledby="operators-title">
        <h3 id="operators-title">Operators</h3>
        <table className="supervisor-table" data-table="operators">
          <thead>
            <tr>
              <th>Username</th>
              <th>Roles</th>
              <th>Wrong passwords</th>
              <th>Signed in</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody>
            {(operators ?? []).map((o) => (
              <tr key={o.username} data-operator={o.username}>
                <td>{o.username}</td>
                <td>{roleList(o.roles)}</td>
                <td className={o.failedSignIns > 0 ? 'warn' : ''} data-field="failed">
                  {o.failedSignIns}
                </td>
                <td>{o.sessions > 0 ? `${o.sessions} desk${o.sessions > 1 ? 's' : ''}` : '—'}</td>
                <td className="hint">
                  {time(o.createdAt)} by {o.createdBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {operators === null && <p className="empty">Loading…</p>}
      </section>
      <SessionsTable sessions={sessions} onEnded={() => void load()} />
    </div>
  );
}

function NewOperatorForm({ onCreated }: { onCreated: () => void }) {
  const host = useHost();
  const store = useConsoleStore();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['dispatcher']);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    // Said here rather than after a round trip; the host checks the same rules again.
    if (!username.trim()) return setError('Give the new operator a username.');
    if (password.length < NEW_PASSWORD_MIN) return setError(`A new password has at least ${NEW_PASSWORD_MIN} characters.`);
    if (roles.length === 0) return setError('Give at least one role.');
    setBusy(true);
    const r = await host.call('createOperator', { username: username.trim(), password, roles });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setUsername('');
    setPassword('');
    store.getState().notify(`Operator ${r.value.username} created (${roleList(r.value.roles)}).`, 'info');
    onCreated();
  };
  const toggle = (r: Role) => setRoles((had) => (had.includes(r) ? had.filter((x) => x !== r) : [...had, r]));

  return (
    <form className="new-operator" id="new-operator" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-operator-title">
      <h3 id="new-operator-title">New operator</h3>
      <label>
        Username
        <input id="new-operator-username" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label>
        Password (at least {NEW_PASSWORD_MIN} characters)
        <input id="new-operator-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <fieldset>
        <legend>Roles</legend>
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" name="role" value={r} checked={roles.includes(r)} onChange={() => toggle(r)} /> {ROLE_NAMES[r]}
          </label>
        ))}
      </fieldset>
      <FormError error={error} />
      <button type="submit" className="primary" aria-disabled={busy}>
        {busy ? 'Creating…' : 'Create operator'} <kbd>Enter</kbd>
      </button>
    </form>
  );
}

function SessionsTable({ sessions, onEnded }: { sessions: SessionView[] | null; onEnded: () => void }) {
  const host = useHost();
  const mine = useConsole((s) => s.session?.sessionId);
  const [asking, setAsking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const end = async (id: string) => {
    // Two presses, never one: ending a desk's session signs its operator out mid-call.
    if (asking !== id) return setAsking(id);
    setAsking(null);
    const r = await host.call('endSession', { id });
    setError(r.ok ? null : r.error);
    onEnded();
  };

  return (
    <section aria-labelledby="sessions-title">
      <h3 id="sessions-title">Desks signed in now</h3>
      <FormError error={error} />
      <table className="supervisor-table" data-table="sessions">
        <thead>
          <tr>
            <th>Operator</th>
            <th>Desk</th>
            <th>Since</th>
            <th>Last seen</th>
            <th>State</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(sessions ?? []).map((s) => (
            <tr key={s.sessionId} data-session={s.sessionId} data-operator={s.operator}>
              <td>
                {s.operator} <span className="hint">{roleList(s.roles)}</span>
              </td>
              <td>{s.desk}</td>
              <td>{time(s.startedAt)}</td>
              <td>{time(s.lastSeenAt)}</td>
              <td>{s.locked ? 'locked' : 'in use'}</td>
              <td>
                {s.sessionId === mine ? (
                  <span className="hint">this desk</span>
                ) : (
                  <button type="button" className={asking === s.sessionId ? 'danger' : ''} onClick={() => void end(s.sessionId)} onBlur={() => setAsking(null)}>
                    {asking === s.sessionId ? `Confirm: end ${s.operator}'s session` : 'End session'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sessions?.length === 0 && <p className="empty">No desk is signed in.</p>}
    </section>
  );
}

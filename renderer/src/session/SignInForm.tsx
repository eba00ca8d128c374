import { type FormEvent, useRef, useState } from 'react';
import { FormError } from '../status/FormError.js';
import { useSessionControl } from './SessionContext.js';

/**
 * Username and password, keyboard only: the username has the keyboard, Tab goes to the password,
 * Enter signs in. A refusal is said in a sentence; the host slows repeated wrong passwords, so the
 * button says it is still asking.
 */
export function SignInForm({ id, submitLabel, onCancel }: { id: string; submitLabel: string; onCancel?: () => void }) {
  const control = useSessionControl();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (!username.trim()) return setError('Give your username.');
    if (!password) return setError('Give your password.');
    setBusy(true);
    const refused = await control.signIn(username.trim(), password);
    setBusy(false);
    if (refused) {
      setError(refused);
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <form className="sign-in-form" id={id} onSubmit={(e) => void submit(e)} noValidate>
      <label>
        Username
        <input id={`${id}-username`} name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} readOnly={busy} />
      </label>
      <label>
        Password
        <input
          ref={passwordRef}
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          readOnly={busy}
        />
      </label>
      <FormError error={error} />
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={busy}>
          {busy ? 'Signing in…' : submitLabel} <kbd>Enter</kbd>
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        )}
      </div>
    </form>
  );
}

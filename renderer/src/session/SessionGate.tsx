import { type ReactNode, useEffect, useLayoutEffect, useState } from 'react';
import { useConsole } from '../store/store.js';
import { applyTheme } from '../theme/tokens.js';
import { SignInScreen } from './SessionScreens.js';

/**
 * Nothing of the console until someone has signed in (every call and the stream need a session).
 * Once it has run it stays mounted: a later sign-in screen covers it rather than replacing it.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const status = useConsole((s) => s.sessionStatus);
  const [started, setStarted] = useState(status === 'signed-in');
  const theme = useConsole((s) => s.theme);
  // The console sets its colours once it runs; until then the sign-in screen needs them too.
  useLayoutEffect(() => {
    if (!started) applyTheme(theme);
  }, [started, theme]);
  useEffect(() => {
    if (status === 'signed-in') setStarted(true);
  }, [status]);
  if (started || status === 'signed-in')
    return (
      <>
        {children}
        {status === 'signed-out' && <SignInScreen />}
      </>
    );
  if (status === 'checking') return <p className="session-checking">Connecting to the console host…</p>;
  return <SignInScreen />;
}

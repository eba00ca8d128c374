import { type ReactNode, useEffect, useState } from 'react';
import { useConsole } from '../store/store.js';
import { SignInScreen } from './SessionScreens.js';

/**
 * Nothing of the console until someone has signed in (every call and the stream need a session).
 * Once it has run it stays mounted: a later sign-in screen covers it rather than replacing it.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const status = useConsole((s) => s.sessionStatus);
  const [started, setStarted] = useState(status === 'signed-in');
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

import { createContext, type ReactNode, useContext } from 'react';
import type { SessionControl } from './sessionControl.js';

const SessionContext = createContext<SessionControl | null>(null);

export function SessionProvider({ control, children }: { control: SessionControl; children: ReactNode }) {
  return <SessionContext.Provider value={control}>{children}</SessionContext.Provider>;
}

export function useSessionControl(): SessionControl {
  const c = useContext(SessionContext);
  if (!c) throw new Error('useSessionControl outside <SessionProvider>');
  return c;
}

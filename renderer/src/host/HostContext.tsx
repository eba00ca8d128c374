import { createContext, type ReactNode, useContext } from 'react';
import type { HostClient } from './client.js';

const HostContext = createContext<HostClient | null>(null);

export function HostProvider({ client, children }: { client: HostClient; children: ReactNode }) {
  return <HostContext.Provider value={client}>{children}</HostContext.Provider>;
}

export function useHost(): HostClient {
  const c = useContext(HostContext);
  if (!c) throw new Error('useHost outside <HostProvider>');
  return c;
}

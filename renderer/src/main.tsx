import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createHostClient } from './host/client.js';
import { connectStore } from './host/connect.js';
import { HostProvider } from './host/HostContext.js';
import { SessionGate } from './session/SessionGate.js';
import { SessionProvider } from './session/SessionContext.js';
import { SessionControl } from './session/sessionControl.js';
import { installDeskGuard } from './session/sessionKeys.js';
import { createConsoleStore, StoreProvider } from './store/store.js';
import './styles.css';
import { WallPage } from './wall/WallPage.js';

const store = createConsoleStore();
const session = new SessionControl(createHostClient(), store);
const client = session.host;
installDeskGuard(store);
session.watchLink();
void session.refresh();
// The stream and the settings need a session: they start with the first sign-in and then live on
// through locks and hand-overs (the client reopens the stream on each new session).
const offStart = store.subscribe((s) => {
  if (s.sessionStatus !== 'signed-in') return;
  offStart();
  connectStore(client, store, window.location.search);
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider client={client}>
      <StoreProvider store={store}>
        <SessionProvider control={session}>
          <SessionGate>
            {/* The video wall is the same console on another display, showing only the wall's tiles. */}
            {/\/wall\/?$/.test(window.location.pathname) ? <WallPage /> : <App />}
          </SessionGate>
        </SessionProvider>
      </StoreProvider>
    </HostProvider>
  </StrictMode>,
);

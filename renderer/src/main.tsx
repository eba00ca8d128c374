import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { createHostClient } from './host/client.js';
import { connectStore } from './host/connect.js';
import { HostProvider } from './host/HostContext.js';
import { createConsoleStore, StoreProvider } from './store/store.js';
import './styles.css';
import { WallPage } from './wall/WallPage.js';

const client = createHostClient();
const store = createConsoleStore();
connectStore(client, store, window.location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider client={client}>
      <StoreProvider store={store}>
        {/* The video wall is the same console on another display, showing only the wall's tiles. */}
        {/\/wall\/?$/.test(window.location.pathname) ? <WallPage /> : <App />}
      </StoreProvider>
    </HostProvider>
  </StrictMode>,
);

import type { ConsoleStore } from '../store/store.js';
import type { HostClient } from './client.js';
import { parseDecimal } from '../../../shared/decimal.js';

/**
 * Feeds the store from the host: settings once, then the live stream. Query parameters override
 * the host's settings for this window only (`?mapStyle=URL`, `?staleAfterS=N`), which is how a
 * browser console is pointed at other tiles without restarting the host.
 */
export function connectStore(client: HostClient, store: ConsoleStore, search = ''): () => void {
  const params = new URLSearchParams(search);
  const s = store.getState();
  s.setLink(client.linkState());
  const offLink = client.onLinkState((l) => store.getState().setLink(l));
  const offStream = client.subscribe((m) => {
    store.getState().applyStream(m);
    if (store.getState().link !== 'open') store.getState().setLink('open');
  });

  void client.call('getSettings', {}).then((r) => {
    const st = store.getState();
    if (r.ok) st.setSettings({ ...r.value, settingsLoaded: true });
    else {
      st.setSettings({ settingsLoaded: true });
      st.notify(`Console settings could not be read (${r.error}); using defaults.`);
    }
    applyOverrides(store, params);
  });
  applyOverrides(store, params);

  const theme = params.get('theme');
  if (theme === 'light' || theme === 'dark') s.setTheme(theme);

  return () => {
    offLink();
    offStream();
  };
}

function applyOverrides(store: ConsoleStore, params: URLSearchParams) {
  const style = params.get('mapStyle');
  const stale = parseDecimal(params.get('staleAfterS') ?? '');
  const detail = params.get('mapDetail');
  store.getState().setSettings({
    ...(style && { mapStyleUrl: style }),
    ...((detail === 'full' || detail === 'reduced') && { mapDetail: detail }),
    ...(Number.isFinite(stale) && stale > 0 && { staleAfterS: stale }),
  });
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, protocol, screen, session, type WebContents } from 'electron';
import { IPC, isOperationName, type StreamMessage } from '../../shared/contract.js';
import { defaultConfig, parseArgs } from '../host/config.js';
import { startConsoleHost } from '../host/console-host.js';
import { CSP } from '../host/http-server.js';
import { FIRST_SUPERVISOR } from '../../shared/auth/access.js';
import type { SignedIn } from '../../shared/auth/schemas.js';
import { mapAsset } from '../host/map/map-routes.js';
import { CONSOLE_ORIGIN, CONSOLE_SCHEME, consoleFile, isTrustedSender, tornOffPanel } from './window-security.js';

// The Electron shell: one window over the same console host the headless CLI runs.
const here = path.dirname(fileURLToPath(import.meta.url));
const appRoot = app.isPackaged ? process.resourcesPath : path.resolve(here, '..');
const rendererDir = app.isPackaged ? path.join(app.getAppPath(), 'dist', 'renderer') : path.join(appRoot, 'dist', 'renderer');
const resourcesDir = path.join(appRoot, 'resources');
const preload = path.join(here, 'preload.cjs');

app.enableSandbox();
// Camera video comes over WebRTC from the console host on this machine, which offers loopback
// candidates when it listens on loopback; Chromium takes part in no loopback call without this.
app.commandLine.appendSwitch('allow-loopback-in-peer-connection');
// A privileged scheme of our own, so the page can fetch its bundled basemap (file:// may not) and
// has an origin that nothing on the network can take.
protocol.registerSchemesAsPrivileged([{ scheme: CONSOLE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

async function main() {
  const argv = process.argv.slice(app.isPackaged ? 1 : 2);
  // The window's page is on beacon://console: its camera sockets reach the host with a ticket from that origin.
  const config = { ...parseArgs(argv, defaultConfig({ dataDir: path.join(app.getPath('userData'), 'data'), rendererDir })), appOrigins: [CONSOLE_ORIGIN] };
  await app.whenReady();
  const host = await startConsoleHost(config, { resourcesDir });
  console.log(`Beacon console ready at ${host.url} (Electron window open)`);

  protocol.handle(CONSOLE_SCHEME, async (request) => {
    // The imported street map's tiles and fonts, from the host's map package.
    const asset = mapAsset(host.map, new URL(request.url).pathname, false);
    if (asset) return new Response(asset.body && new Uint8Array(asset.body), { status: asset.status, headers: asset.headers });
    const file = consoleFile(request.url, rendererDir);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    if (file.endsWith('.html')) headers.set('content-security-policy', CSP);
    return new Response(res.body, { status: res.status, headers });
  });

  // Nothing the console needs comes from outside; deny every permission prompt.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));

  const streams = new Map<number, () => void>();
  /**
   * Each window's session token, held here in the main process: the page never sees it. On the
   * embedded demo defaults a window is signed in as the first supervisor as it first calls, so
   * `npm start` opens straight into a working console; otherwise the console's sign-in form.
   */
  const tokens = new Map<number, string>();
  const demo = !config.mqttUrl && config.simulator;
  // Once per window: a window that signed out shows the sign-in form rather than signing in again.
  const autoSignedIn = new Set<number>();
  const tokenOf = async (wc: WebContents): Promise<string | null> => {
    const held = tokens.get(wc.id);
    if (held || !demo || autoSignedIn.has(wc.id)) return held ?? null;
    autoSignedIn.add(wc.id);
    const r = await host.access.openTrusted(FIRST_SUPERVISOR, 'Electron window');
    if (r.ok) tokens.set(wc.id, r.value.token);
    return r.ok ? r.value.token : null;
  };
  ipcMain.handle(IPC.call, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url)) return { ok: false, error: 'Refused: not the console window.', code: 'forbidden' };
    if (!isOperationName(name)) return { ok: false, error: `Unknown operation ${String(name)}.`, code: 'invalid' };
    const wc: WebContents = event.sender;
    const caller = host.access.resolve(await tokenOf(wc));
    const r = await host.gate.invoke(name, input, caller, 'Electron window');
    if (r.ok && name === 'signIn') tokens.set(wc.id, (r.value as SignedIn).token);
    if (r.ok && name === 'signOut') tokens.delete(wc.id);
    return r;
  });
  ipcMain.on(IPC.subscribe, async (event) => {
    if (!isTrustedSender(event.senderFrame?.url)) return;
    const wc: WebContents = event.sender;
    if (!host.access.resolve(await tokenOf(wc))) return;
    streams.get(wc.id)?.();
    const send = (m: StreamMessage) => !wc.isDestroyed() && wc.send(IPC.stream, m);
    send(host.feed.snapshot());
    streams.set(wc.id, host.feed.subscribe(send));
    wc.once('destroyed', () => {
      streams.get(wc.id)?.();
      streams.delete(wc.id);
    });
  });

  const webPreferences = { preload, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, spellcheck: false };
  /**
   * Every console window, the main one and each panel torn off onto another monitor, is locked
   * down alike: no navigation, no webviews, and only the console's own panel windows may open.
   */
  const guard = (wc: WebContents) => {
    wc.on('will-navigate', (e) => e.preventDefault());
    wc.on('will-attach-webview', (e) => e.preventDefault());
    wc.setWindowOpenHandler(({ url }) => {
      const panel = tornOffPanel(url);
      if (!panel) return { action: 'deny' };
      return { action: 'allow', overrideBrowserWindowOptions: { width: 900, height: 800, backgroundColor: '#0b0f14', title: `Beacon · ${panel}`, webPreferences } };
    });
    wc.on('did-create-window', (child) => guard(child.webContents));
  };
  const win = new BrowserWindow({
    width: 1600,
    height: 1000,
    backgroundColor: '#0b0f14',
    title: 'Beacon',
    webPreferences,
  });
  guard(win.webContents);
  // No remote content in the privileged window: only the console's own files. A configured online
  // map style may fetch map data (tiles, glyphs, sprites) over https, never code or frames.
  const mapData = new Set(['xhr', 'image', 'font', 'other']);
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    const ours = /^(beacon|data|blob|devtools):/.test(details.url);
    const remoteMapData = config.mapStyleUrl !== null && details.url.startsWith('https:') && mapData.has(details.resourceType);
    cb({ cancel: !(ours || remoteMapData) });
  });
  await win.loadURL(`${CONSOLE_ORIGIN}/index.html`);
  // The video wall: on a second display where there is one, full screen, driven from the desk.
  const wallDisplay = screen.getAllDisplays().find((d) => d.id !== screen.getPrimaryDisplay().id);
  if (wallDisplay) {
    const wall = new BrowserWindow({ ...wallDisplay.bounds, fullscreen: true, backgroundColor: '#000000', title: 'Beacon · video wall', webPreferences });
    guard(wall.webContents);
    await wall.loadURL(`${CONSOLE_ORIGIN}/wall`);
  }

  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting) return;
    e.preventDefault();
    quitting = true;
    void host.stop().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
}

main().catch((err: Error) => {
  console.error(`Beacon could not start: ${err.message}`);
  app.exit(1);
});

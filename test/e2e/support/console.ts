import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type ConsoleHost, REPO_ROOT, startConsoleHost } from '../../../electron/host/console-host.js';
import { defaultConfig, type HostConfig } from '../../../electron/host/config.js';
import { fetchAs, signIn, SUPERVISOR_PASSWORD, type TestSession } from '../../support/sessions.js';

export { fetchAs, operatorSession, SUPERVISOR_PASSWORD, type TestSession } from '../../support/sessions.js';


/**
 * Shared launch helpers for browser end-to-end tests: a console host on a temp data folder with
 * its embedded broker, Debian's Chromium through playwright-core, and MQTT publishing.
 */

const RENDERER_DIR = path.join(REPO_ROOT, 'dist', 'renderer');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** Builds the renderer if `npm test` has not already (running one e2e file on its own). */
export function ensureRendererBuilt(): void {
  if (fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed; the e2e tests need dist/renderer.');
}

/** Why a browser test cannot run here, or null if it can. */
export function browserUnavailable(): string | null {
  return fs.existsSync(CHROMIUM) ? null : `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH).`;
}

export async function startHost(over: Partial<HostConfig> & { dataDir: string }): Promise<ConsoleHost> {
  return startConsoleHost(defaultConfig({ port: 0, mqttPort: 0, simulator: false, rendererDir: RENDERER_DIR, quiet: true, supervisorPassword: SUPERVISOR_PASSWORD, ...over }));
}

/** Signs a browser in as an operator: the session cookie the console's sign-in form would have set. */
export async function signInBrowser(context: BrowserContext, url: string, username = 'supervisor', password = SUPERVISOR_PASSWORD): Promise<TestSession> {
  const s = await signIn(url, username, password);
  await context.addCookies([{ name: 'beacon_session', value: s.token, url, httpOnly: true, sameSite: 'Strict' }]);
  return s;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console messages and page errors, to print when a test fails. */
  log: string[];
  close(): Promise<void>;
}

const QUIET_ARGS = ['--no-sandbox', '--allow-loopback-in-peer-connection', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/**
 * How headless Chromium draws. Either way WebGL runs on SwiftShader (there is no GPU here), but
 * with `--disable-gpu` the compositor is software too and reads every WebGL frame back into the
 * page's main thread (glReadPixels); with SwiftShader as the "GPU" the frame stays in the GPU
 * process and the page's main thread is free for MapLibre.
 */
export const CHROMIUM_GL_ARGS = {
  software: ['--disable-gpu'],
  swiftshader: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--enable-gpu-rasterization'],
  // On a machine with a GPU: Chromium's own choice of backend, the blocklist ignored.
  gpu: ['--ignore-gpu-blocklist', '--enable-gpu-rasterization'],
} as const;
export type ChromiumGl = keyof typeof CHROMIUM_GL_ARGS;

export async function launchBrowser(opts: { width?: number; height?: number; gl?: ChromiumGl } = {}): Promise<Browser> {
  const profile = tempDir('beacon-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: opts.width ?? 1600, height: opts.height ?? 900 },
    args: [...QUIET_ARGS, ...CHROMIUM_GL_ARGS[opts.gl ?? 'swiftshader']],
  });
  // tsx (esbuild keepNames) wraps named functions in page.evaluate callbacks with __name().
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  const page = context.pages()[0] ?? (await context.newPage());
  const log: string[] = [];
  page.on('console', (m) => log.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[pageerror] ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && log.push(`[http ${r.status()}] ${r.url()}`));
  return {
    context,
    page,
    log,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the console and waits until the stream is live and the map has loaded its style. A browser
 * not yet signed in to this host is signed in as its first supervisor first (a test about signing
 * in opens the page itself).
 */
export async function openConsole(page: Page, url: string, query = ''): Promise<void> {
  if (!(await page.context().cookies(url)).some((c) => c.name === 'beacon_session')) await signInBrowser(page.context(), url);
  await page.goto(url + '/' + query);
  await page.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 20_000 });
  await page.waitForFunction(() => !!window.__beaconMap?.isStyleLoaded(), null, { timeout: 60_000 });
}

export async function connectMqtt(url: string): Promise<mqtt.MqttClient> {
  return mqtt.connectAsync(url, { clientId: `e2e-${process.pid}-${Math.random().toString(16).slice(2)}`, reconnectPeriod: 0 });
}

export interface FixMessage {
  lat: number;
  lon: number;
  ts?: number | string;
  hdg?: number;
  spd?: number;
  bat?: number;
  acc?: number;
}

export async function publishFix(client: mqtt.MqttClient, unitId: string, fix: FixMessage, prefix = 'beacon/v1'): Promise<void> {
  await client.publishAsync(`${prefix}/units/${unitId}/location`, JSON.stringify({ ts: Date.now(), ...fix }), { qos: 1 });
}

/** The layers a unit is drawn on: a dot below street zoom, an agency icon from it (the WebGL layer answers for both). */
export const UNIT_MARKERS = ['units-dot', 'units-icon'];

/** Properties of the rendered features of map layers (what is actually drawn, not the store). */
export async function renderedFeatures(page: Page, layer: string | string[]): Promise<Record<string, unknown>[]> {
  return page.evaluate((ls) => {
    const map = window.__beaconMap;
    // Units drawn by the console's WebGL layer are not GeoJSON features: that layer says what it drew.
    const units = ls.filter((l) => l.startsWith('units-') && l !== 'units-label');
    if (window.__beaconUnits && units.length) return window.__beaconUnits.rendered(units);
    const layers = ls.filter((l) => map?.getLayer(l));
    if (!map || layers.length === 0) return [];
    return map.queryRenderedFeatures({ layers }).map((f) => f.properties as Record<string, unknown>);
  }, typeof layer === 'string' ? [layer] : layer);
}

/** Waits until a feature with this id is drawn on the layer and `check` holds for its properties. */
export async function waitForRenderedFeature(
  page: Page,
  layer: string | string[],
  id: string,
  check: (p: Record<string, unknown>) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  let last: Record<string, unknown> | undefined;
  while (Date.now() < deadline) {
    last = (await renderedFeatures(page, layer)).find((p) => p.id === id);
    if (last && check(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`Feature ${id} on ${layer} never matched; last seen: ${JSON.stringify(last)}`);
}

/** A host on a fresh data folder, a Chromium page and an MQTT client, for one describe block. */
export interface ConsoleSession {
  dataDir: string;
  host: ConsoleHost;
  browser: Browser;
  mqtt: mqtt.MqttClient;
  /** The supervisor's session the browser is signed in with (scripts use its token). */
  session: TestSession;
  /** `fetch` on the host as that supervisor: `api('/api/units')`. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the host and starts it again on the same data folder (a console restart). */
  restartHost(): Promise<ConsoleHost>;
}

/**
 * Registers the beforeAll/afterAll that every console e2e test needs and returns the session,
 * filled in once beforeAll has run. `prepare` runs on the data folder before the host starts.
 */
export function useConsoleSession(
  prefix: string,
  over: Partial<HostConfig> = {},
  prepare?: (dataDir: string) => void,
  browserSize?: { width?: number; height?: number },
  opts: { signIn?: boolean } = {},
): ConsoleSession {
  const dataDir = tempDir(prefix);
  const session = { dataDir } as ConsoleSession;
  session.api = (p, init = {}) => fetchAs(session.session)(session.host.url + p, init);
  session.restartHost = async () => {
    await session.host.stop();
    session.host = await startHost({ ...over, dataDir });
    return session.host;
  };
  beforeAll(async () => {
    ensureRendererBuilt();
    prepare?.(dataDir);
    session.host = await startHost({ ...over, dataDir });
    session.browser = await launchBrowser(browserSize);
    // Signed in as the first supervisor unless the test is about signing in.
    if (opts.signIn === false) session.session = await signIn(session.host.url);
    else session.session = await signInBrowser(session.browser.context, session.host.url);
    session.mqtt = await connectMqtt(session.host.brokerUrl);
  });
  afterAll(async () => {
    await session.mqtt?.endAsync();
    if (process.env.E2E_DEBUG) console.log(session.browser?.log.join('\n'));
    await session.browser?.close();
    await session.host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return session;
}

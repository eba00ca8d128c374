import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { defaultConfig, type HostConfig } from '../../electron/host/config.js';
import { type ConsoleHost, REPO_ROOT, startConsoleHost } from '../../electron/host/console-host.js';

/**
 * The local API as an attacker's page or a rebinding name would reach it: requests are made with
 * node:http so that Host, Origin and Sec-Fetch-Site can be forged exactly as a browser would send
 * them. (The same attacks driven from a real second origin in Chromium are in the e2e tests.)
 */

const INCIDENT = { category: 'graffiti', description: 'tag on the underpass', location: { lat: 52.5735, lon: -0.2445 } };

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A supervisor's session per host: these tests are about other checks, made by a signed-in script. */
const SESSIONS = new Map<string, string>();
async function openSession(host: ConsoleHost): Promise<void> {
  const r = await host.access.openTrusted('supervisor', 'test script');
  if (!r.ok) throw new Error(r.error);
  SESSIONS.set(host.url, r.value.token);
}
/** The session's header, unless the request brings its own (or says it has none, with `anonymous`). */
const signed = (base: string, headers: Record<string, string> = {}) =>
  'authorization' in headers || 'cookie' in headers || 'anonymous' in headers || !SESSIONS.has(new URL(base).origin)
    ? Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'anonymous'))
    : { ...headers, authorization: `Bearer ${SESSIONS.get(new URL(base).origin)}` };

function request(base: string, p: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: p, method: opts.method ?? 'GET', headers: signed(base, opts.headers) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Opens the stream with the given headers: 'open' and the first message, or the refusal. */
function openStream(url: string, headers: Record<string, string>): Promise<{ outcome: string; firstMessage: string | null }> {
  const ws = new WebSocket(url, { headers: signed(url.replace(/^ws/, 'http'), headers) });
  return new Promise((resolve) => {
    ws.once('message', (d) => {
      resolve({ outcome: 'open', firstMessage: String(d) });
      ws.close();
    });
    ws.once('error', (e) => resolve({ outcome: e.message, firstMessage: null }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ outcome: `refused ${res.statusCode}`, firstMessage: null });
      ws.terminate();
    });
  });
}

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

function useHost(over: Partial<HostConfig>, log?: (s: string) => void) {
  const ctx = { dir: '', host: null as unknown as ConsoleHost };
  beforeAll(async () => {
    ctx.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-sec-'));
    const renderer = path.join(ctx.dir, 'renderer');
    fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><div id="root"></div>');
    fs.writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
    ctx.host = await startConsoleHost(
      defaultConfig({ dataDir: path.join(ctx.dir, 'data'), port: 0, mqttPort: 0, simulator: false, quiet: true, rendererDir: renderer, ...over }),
      log ? { log } : {},
    );
    await openSession(ctx.host);
  });
  afterAll(async () => {
    await ctx.host?.stop();
    fs.rmSync(ctx.dir, { recursive: true, force: true });
  });
  return ctx;
}

describe('requests from other web sites', () => {
  const ctx = useHost({});
  const own = () => ctx.host.url;
  const port = () => new URL(ctx.host.url).port;
  const json = { 'content-type': 'application/json' };

  it('refuses an API call whose Origin is another site, and creates nothing', async () => {
    const before = ctx.host.service.state.incidents.size;
    for (const origin of [`http://127.0.0.1:${Number(port()) + 1}`, 'https://attacker.example', 'null']) {
      const r = await request(own(), '/api/incidents', { method: 'POST', headers: { ...json, origin }, body: JSON.stringify(INCIDENT) });
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text).error).toMatch(/another (web )?site/);
    }
    const read = await request(own(), '/api/units', { headers: { origin: 'https://attacker.example' } });
    expect(read.status).toBe(403);
    expect(ctx.host.service.state.incidents.size).toBe(before);
  });

  it("accepts the console's own origin, at any name it is reached by", async () => {
    const r = await request(own(), '/api/incidents', { method: 'POST', headers: { ...json, origin: own() }, body: JSON.stringify(INCIDENT) });
    expect(r.status).toBe(201);
    const viaLocalhost = await request(own(), '/api/units', { headers: { host: `localhost:${port()}`, origin: `http://localhost:${port()}` } });
    expect(viaLocalhost.status).toBe(200);
  });

  it('without Origin, refuses what the browser marks as cross-site or same-site, and allows scripts', async () => {
    const site = (v: string) => request(own(), '/api/units', { headers: { 'sec-fetch-site': v } });
    expect((await site('cross-site')).status).toBe(403);
    expect((await site('same-site')).status).toBe(403);
    expect((await site('same-origin')).status).toBe(200);
    expect((await site('none')).status).toBe(200);
    expect((await request(own(), '/api/units')).status).toBe(200);
  });

  it('requires Content-Type: application/json on API POSTs', async () => {
    const before = ctx.host.service.state.incidents.size;
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/x-www-form-urlencoded' }, {} as Record<string, string>]) {
      const r = await request(own(), '/api/incidents', { method: 'POST', headers, body: JSON.stringify(INCIDENT) });
      expect(r.status).toBe(415);
      expect(JSON.parse(r.text).error).toMatch(/Content-Type: application\/json/);
    }
    expect(ctx.host.service.state.incidents.size).toBe(before);
    const charset = await request(own(), '/api/incidents', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(INCIDENT) });
    expect(charset.status).toBe(201);
  });

  it('refuses a stream upgrade from another origin before sending anything', async () => {
    const ws = own().replace('http', 'ws') + '/api/stream';
    const foreign = await openStream(ws, { origin: 'https://attacker.example' });
    expect(foreign.firstMessage).toBeNull();
    expect(foreign.outcome).toMatch(/403/);
    const site = await openStream(ws, { 'sec-fetch-site': 'cross-site' });
    expect(site.firstMessage).toBeNull();
    const mine = await openStream(ws, { origin: own() });
    expect(JSON.parse(mine.firstMessage!).type).toBe('snapshot');
  });

  it('leaves Open311 open to other origins by design', async () => {
    const r = await request(own(), '/open311/v2/services.json', { headers: { origin: 'https://reporting.example', 'sec-fetch-site': 'cross-site' } });
    expect(r.status).toBe(200);
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });
});

describe('DNS rebinding: the Host header', () => {
  const ctx = useHost({ allowedHosts: ['beacon.control-room.lan'] });
  const port = () => new URL(ctx.host.url).port;

  it('refuses a name the console is not bound to, on the API, pages and the stream', async () => {
    for (const p of ['/api/units', '/', '/assets/app.js']) {
      const r = await request(ctx.host.url, p, { headers: { host: `attacker.example:${port()}` } });
      expect(r.status).toBe(421);
      expect(r.text).toMatch(/does not answer to the name attacker\.example/);
    }
    const wrongPort = await request(ctx.host.url, '/api/units', { headers: { host: `127.0.0.1:${Number(port()) + 1}` } });
    expect(wrongPort.status).toBe(421);
    const ws = await openStream(ctx.host.url.replace('http', 'ws') + '/api/stream', { host: `attacker.example:${port()}` });
    expect(ws.firstMessage).toBeNull();
    expect(ws.outcome).toMatch(/421/);
  });

  it('answers at its loopback names and at names given with --allowed-host', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`, `[::1]:${port()}`, `beacon.control-room.lan:${port()}`, 'beacon.control-room.lan'])
      expect((await request(ctx.host.url, '/api/units', { headers: { host } })).status, host).toBe(200);
  });
});

describe('the access token', () => {
  const TOKEN = 'sec-token-7c1e-long-enough';
  const ctx = useHost({ token: TOKEN });
  const cookieOf = (a: Answer) => String(a.headers['set-cookie'] ?? '');
  const session = () => SESSIONS.get(ctx.host.url)!;

  it("opens the API to an operator's session, as header or cookie, never the query string; the deployment token alone is not enough", async () => {
    expect((await request(ctx.host.url, '/api/health', { headers: { anonymous: '' } })).status).toBe(401);
    expect((await request(ctx.host.url, `/api/health?token=${session()}`, { headers: { anonymous: '' } })).status).toBe(401);
    expect((await request(ctx.host.url, '/api/health', { headers: { authorization: `Bearer ${session()}x` } })).status).toBe(401);
    expect((await request(ctx.host.url, '/api/health', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(401);
    expect((await request(ctx.host.url, '/api/health', { headers: { authorization: `Bearer ${session()}` } })).status).toBe(200);
    expect((await request(ctx.host.url, '/api/health', { headers: { cookie: `other=1; beacon_session=${session()}` } })).status).toBe(200);
  });

  it('turns ?token= into an HttpOnly SameSite=Strict cookie and a redirect to the same address without it', async () => {
    const r = await request(ctx.host.url, `/incidents?theme=dark&token=${TOKEN}`);
    expect(r.status).toBe(303);
    expect(r.headers.location).toBe('/incidents?theme=dark');
    expect(cookieOf(r)).toMatch(new RegExp(`^beacon_token=${TOKEN};`));
    expect(cookieOf(r)).toMatch(/HttpOnly/);
    expect(cookieOf(r)).toMatch(/SameSite=Strict/);
    // A path that looks like another site's address never becomes a redirect or a form sending the token there.
    expect((await request(ctx.host.url, `/.//attacker.example/?token=${TOKEN}`)).headers.location).toBe('/attacker.example/');
    expect((await request(ctx.host.url, '/.//attacker.example/')).text).toMatch(/action="\/attacker\.example\/"/);
    const wrong = await request(ctx.host.url, `/?token=${TOKEN}x`);
    expect(wrong.status).toBe(401);
    expect(cookieOf(wrong)).toBe('');
  });

  it('protects the pages too, saying how to get in', async () => {
    const page = await request(ctx.host.url, '/');
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toMatch(/access token/);
    expect(page.text).not.toMatch(/id="root"/);
    expect((await request(ctx.host.url, '/assets/app.js')).status).toBe(401);
    // The street map's fonts and tiles are the console's own files: the same sign-in guards them.
    const glyphs = '/map/glyphs/Noto%20Sans%20Regular/0-255.pbf';
    expect((await request(ctx.host.url, glyphs)).status).toBe(401);
    expect((await request(ctx.host.url, glyphs, { headers: { cookie: `beacon_token=${TOKEN}` } })).status).toBe(200);
    const signedIn = await request(ctx.host.url, '/', { headers: { cookie: `beacon_token=${TOKEN}` } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toMatch(/id="root"/);
  });

  it("opens the stream to a session's cookie, not to the query string or the deployment token", async () => {
    const ws = ctx.host.url.replace('http', 'ws') + '/api/stream';
    expect((await openStream(`${ws}?token=${session()}`, { anonymous: '' })).outcome).toMatch(/401/);
    expect((await openStream(ws, { cookie: `beacon_token=${TOKEN}` })).outcome).toMatch(/401/);
    expect((await openStream(ws, { cookie: `beacon_session=${session()}` })).outcome).toBe('open');
  });

  it('never prints the token, only where it is', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-sec-cli-'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron/host/cli.ts'), '--data-dir', dir, '--port', '0', '--mqtt-port', '0', '--no-simulator'], {
      cwd: REPO_ROOT,
      env: { ...process.env, BEACON_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready:\n${out}`)), 60_000);
        const onData = (b: Buffer) => {
          out += b.toString();
          if (/ready at/.test(out) && /access token/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
    } finally {
      await new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM')));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(out).not.toContain(TOKEN);
    expect(out).toMatch(/access token is in BEACON_TOKEN/);
  });
});

describe('secrets kept from clients', () => {
  const PASSWORD = 'broker-pa55-d41e';
  const logged: string[] = [];
  let brokerPort = 0;
  const ctx = { host: null as unknown as ConsoleHost, dir: '' };
  beforeAll(async () => {
    brokerPort = await closedPort();
    ctx.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-sec-broker-'));
    ctx.host = await startConsoleHost(
      defaultConfig({ dataDir: ctx.dir, port: 0, simulator: false, mqttUrl: `mqtt://beacon-console:${PASSWORD}@127.0.0.1:${brokerPort}` }),
      { log: (s) => logged.push(s) },
    );
    await openSession(ctx.host);
  });
  afterAll(async () => {
    await ctx.host?.stop();
    fs.rmSync(ctx.dir, { recursive: true, force: true });
  });

  it("keeps the broker password out of /api/health, the stream and the host's log", async () => {
    const health = await request(ctx.host.url, '/api/health');
    expect(health.status).toBe(200);
    expect(health.text).not.toContain(PASSWORD);
    expect(JSON.parse(health.text).value.broker.url).toBe(`mqtt://beacon-console@127.0.0.1:${brokerPort}`);
    const ws = new WebSocket(ctx.host.url.replace('http', 'ws') + '/api/stream', { headers: signed(ctx.host.url) });
    const messages: string[] = [];
    ws.on('message', (d) => messages.push(String(d)));
    await request(ctx.host.url, '/api/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(INCIDENT) });
    const end = Date.now() + 5000;
    while (Date.now() < end && !messages.some((m) => m.includes('"changes"'))) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    expect(messages.length).toBeGreaterThanOrEqual(2);
    for (const m of messages) expect(m).not.toContain(PASSWORD);
    expect(messages[0]).toContain(`mqtt://beacon-console@127.0.0.1:${brokerPort}`);
    expect(logged.join('\n')).not.toContain(PASSWORD);
  });
});

describe('malformed % escapes in a path', () => {
  const ctx = useHost({});

  it('answer 400, not 500, on the API and on static files', async () => {
    for (const p of ['/api/incidents/%E0%A4%A', '/api/units/%zz/track', '/assets/%E0%A4%A.js', '/%']) {
      const r = await request(ctx.host.url, p);
      expect(r.status, p).toBe(400);
      expect(r.text).toMatch(/malformed % escape/);
    }
    // Open311 answers in its own error format, but never with a 500 either.
    expect((await request(ctx.host.url, '/open311/v2/requests/%E0%A4%A.json')).status).toBe(400);
  });
});

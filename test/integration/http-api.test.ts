import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamMessage } from '../../shared/contract.js';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { signIn, SUPERVISOR_PASSWORD } from '../support/sessions.js';

let host: ConsoleHost;
let dir: string;
let TOKEN = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-http-'));
  host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttPort: 0, simulator: false, quiet: true, supervisorPassword: SUPERVISOR_PASSWORD }));
  TOKEN = (await signIn(host.url)).token;
});
afterAll(async () => {
  await host.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const auth = () => ({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
const post = (p: string, body: string | object, headers: Record<string, string> = auth()) =>
  fetch(host.url + p, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('the host HTTP API', () => {
  it('requires an operator session for every call, on loopback too', async () => {
    const refused = await fetch(host.url + '/api/health');
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Sign in first/);
    expect((await fetch(host.url + '/api/health', { headers: auth() })).status).toBe(200);
    // A session token in a URL never authorises the API: addresses end up in histories and logs.
    expect((await fetch(host.url + '/api/health?token=' + TOKEN)).status).toBe(401);
    expect((await fetch(host.url + '/api/units', { headers: { authorization: 'Bearer not-a-session' } })).status).toBe(401);
  });

  it('creates an incident durably and answers with it, attributed to the session, not to what the body says', async () => {
    const r = await post('/api/incidents', { category: 'fly_tipping', description: 'mattress by the bins', location: { lat: 52.5735, lon: -0.2445 }, operator: 'op-7' });
    expect(r.status).toBe(201);
    const { value } = (await r.json()) as { value: { id: string; state: string; priority: number; sector: string; createdBy: string } };
    expect(value).toMatchObject({ state: 'received', priority: 3, sector: 'central', createdBy: 'supervisor' });
    expect(host.service.journal.lastSeq()).toBe(host.service.state.seq);
    const one = await fetch(`${host.url}/api/incidents/${value.id}`, { headers: auth() });
    expect(one.status).toBe(200);
  });

  it('answers bad requests with a sentence and the right status, creating nothing', async () => {
    const before = host.service.state.incidents.size;
    const cases: [Response, number, RegExp][] = [
      [await post('/api/incidents', '{oops'), 400, /not valid JSON/],
      [await post('/api/incidents', '[1,2]'), 400, /must be a JSON object/],
      [await post('/api/incidents', { category: 'fly_tipping', location: { lat: 91, lon: 0 } }), 400, /location.lat/],
      [await post('/api/incidents', { category: 'jaywalking', location: { lat: 52, lon: 0 } }), 400, /unknown incident category/],
      [await post('/api/incidents', 'x'.repeat(300 * 1024)), 413, /over/],
      [await fetch(host.url + '/api/incidents/INC-none', { headers: auth() }), 404, /No incident/],
      [await fetch(host.url + '/api/nothing', { headers: auth() }), 404, /No API route/],
      [await fetch(host.url + '/api/units', { method: 'DELETE', headers: auth() }), 405, /not allowed/],
      [await post('/api/incidents/INC-none/transition', { action: 'closed' }), 404, /No incident/],
    ];
    for (const [res, status, msg] of cases) {
      expect(res.status).toBe(status);
      const body = (await res.json()) as { ok: boolean; error: string };
      expect(body.ok).toBe(false);
      expect(body.error).toMatch(msg);
    }
    expect(host.service.state.incidents.size).toBe(before);
  });

  it('refuses an invalid lifecycle transition with what is allowed', async () => {
    const created = (await (await post('/api/incidents', { category: 'graffiti', location: { lat: 52.57, lon: -0.24 } })).json()) as { value: { id: string } };
    const r = await post(`/api/incidents/${created.value.id}/transition`, { action: 'closed' });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: string }).error).toMatch(/cannot be closed; allowed next/);
    const ok = await post(`/api/incidents/${created.value.id}/transition`, { action: 'triaged', operator: 'op-2' });
    expect(((await ok.json()) as { value: { state: string; history: { by: string }[] } }).value).toMatchObject({ state: 'triaged', history: [{}, { by: 'supervisor' }] });
  });

  it('streams a snapshot then batched changes over the WebSocket', async () => {
    const ws = new WebSocket(host.url.replace('http', 'ws') + '/api/stream', { headers: { authorization: `Bearer ${TOKEN}` } });
    const messages: StreamMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d)) as StreamMessage));
    await new Promise((r) => ws.once('open', r));
    await post('/api/incidents', { category: 'begging', location: { lat: 52.571, lon: -0.243 } });
    const end = Date.now() + 5000;
    while (Date.now() < end && !messages.some((m) => m.type === 'changes' && m.incidents.some((i) => i.category === 'begging'))) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    expect(messages[0]!.type).toBe('snapshot');
    expect(messages[0]!.units.length).toBe(112);
    expect(messages.some((m) => m.type === 'changes' && m.incidents.some((i) => i.category === 'begging'))).toBe(true);
  });

  it('refuses the stream without a session', async () => {
    const ws = new WebSocket(host.url.replace('http', 'ws') + '/api/stream');
    const outcome = await new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', (e) => resolve(String(e.message)));
    });
    expect(outcome).toMatch(/401/);
  });
});

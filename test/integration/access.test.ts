import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuditEntry } from '../../shared/auth/audit.js';
import type { OperatorView } from '../../shared/auth/schemas.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { fetchAs, operatorSession, signIn, SUPERVISOR_PASSWORD, type TestSession } from '../support/sessions.js';

/**
 * A scripted shift on a real host: operators with different roles at their own desks, over HTTP
 * and the stream, then the audit asked the questions an inspection asks.
 */

const CENTRE = { lat: 52.5725, lon: -0.2425 };
type Answer<T> = { ok: true; value: T } | { ok: false; error: string; code?: string };

describe('operators, roles and the audit on a real host', () => {
  let host: ConsoleHost;
  let dir: string;
  const s = {} as Record<'sup' | 'amy' | 'ben' | 'wall' | 'dave', TestSession>;
  const call = async <T>(who: TestSession, method: 'GET' | 'POST' | 'DELETE', p: string, body?: unknown) => {
    const r = await fetchAs(who)(host.url + p, { method, ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
    return { status: r.status, body: (await r.json()) as Answer<T> };
  };
  const value = async <T>(p: Promise<{ body: Answer<T> }>): Promise<T> => {
    const { body } = await p;
    if (!body.ok) throw new Error(body.error);
    return body.value;
  };
  let incident: Incident;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-access-'));
    host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttPort: 0, simulator: false, quiet: true, supervisorPassword: SUPERVISOR_PASSWORD }));
    s.sup = await signIn(host.url);
    s.amy = await operatorSession(host.url, s.sup, 'amy', ['dispatcher']);
    s.ben = await operatorSession(host.url, s.sup, 'ben', ['cctv_operator']);
    s.wall = await operatorSession(host.url, s.sup, 'wall1', ['wall']);
    s.dave = await operatorSession(host.url, s.sup, 'dave', ['dispatcher']);
  });
  afterAll(async () => {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('attributes every act to the session, whatever operator the body names', async () => {
    const created = await call<Incident>(s.amy, 'POST', '/api/incidents', { category: 'disorder', description: 'fight outside the pub', location: CENTRE, operator: 'ben' });
    expect(created.status).toBe(201);
    incident = (created.body as { value: Incident }).value;
    expect(incident.createdBy).toBe('amy');
    const allocated = await value(call<Incident>(s.amy, 'POST', `/api/incidents/${incident.id}/allocations`, { unitId: 'pc01', operator: 'supervisor' }));
    expect(allocated.allocations.at(-1)).toMatchObject({ unitId: 'pc01', by: 'amy' });
  });

  it('refuses what a role does not allow with a sentence and a 403, and journals the refusal', async () => {
    const cctv = await call(s.ben, 'POST', `/api/incidents/${incident.id}/allocations`, { unitId: 'pc02' });
    expect(cctv.status).toBe(403);
    expect(cctv.body).toMatchObject({ ok: false, error: expect.stringMatching(/allocateUnit needs the role of call-taker \/ dispatcher.*ben is signed in as CCTV operator/) });
    const wall = await call(s.wall, 'POST', '/api/incidents', { category: 'graffiti', location: CENTRE });
    expect(wall.status).toBe(403);
    expect((await call(s.wall, 'GET', '/api/units')).status).toBe(200);
    const dispatcher = await call(s.dave, 'POST', '/api/units/eo01/accreditation/withdraw', { power: 'alcohol_designated_place', reason: 'because' });
    expect(dispatcher.status).toBe(403);
    expect(host.service.unit('eo01' as never)!.withdrawnPowers ?? []).toEqual([]);
    expect((await call(s.dave, 'GET', '/api/audit')).status).toBe(403);
    const refusals = await value(call<AuditEntry[]>(s.sup, 'GET', '/api/audit?operator=ben'));
    expect(refusals.map((e) => e.summary)).toContain('was refused allocateUnit');
  });

  it('slows wrong passwords and counts them for the supervisor', async () => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = Date.now();
      const r = await fetch(host.url + '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'amy', password: 'guess-' + i }) });
      expect(r.status).toBe(401);
      times.push(Date.now() - t);
    }
    // Each refusal waits at least its own delay, doubling: lower bounds hold however busy the machine is.
    expect(times[0]!).toBeGreaterThanOrEqual(250);
    expect(times[1]!).toBeGreaterThanOrEqual(500);
    expect(times[2]!).toBeGreaterThanOrEqual(1000);
    const operators = await value(call<OperatorView[]>(s.sup, 'GET', '/api/operators'));
    expect(operators.find((o) => o.username === 'amy')).toMatchObject({ failedSignIns: 3, roles: ['dispatcher'], sessions: 1 });
  });

  it('keeps password hashes (scrypt) in a file only the host user can read, and out of the journal', () => {
    const file = path.join(dir, 'access.sqlite');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const db = new Database(file, { readonly: true });
    const hashes = db.prepare('SELECT password_hash FROM operators').pluck().all() as string[];
    db.close();
    expect(hashes.every((h) => /^scrypt\$131072\$8\$1\$/.test(h))).toBe(true);
    expect(hashes.join()).not.toContain(SUPERVISOR_PASSWORD);
    expect(fs.readFileSync(path.join(dir, 'journal.sqlite')).toString('latin1')).not.toContain('scrypt$');
  });

  it('answers who did what to this incident, what an operator did this shift, and who watched a camera; exports CSV', async () => {
    const csv = 'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url,presets,transport\ncam-x,Test camera,52.5725,-0.2425,0,60,100,false,rtsp://127.0.0.1:1/none,,,,tcp';
    expect((await fetchAs(s.ben)(host.url + '/api/cameras/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).status).toBe(403);
    expect((await fetchAs(s.sup)(host.url + '/api/cameras/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv })).status).toBe(200);
    const ws = new WebSocket(host.url.replace('http', 'ws') + '/api/cameras/cam-x/live', { headers: { authorization: `Bearer ${s.ben.token}` } });
    await new Promise((r) => ws.once('message', r));
    ws.close();
    await value(call(s.amy, 'GET', '/api/units/pc01/track'));
    await new Promise((r) => setTimeout(r, 100));
    // A still is a view too: journaled before the camera is asked, whether or not it answers.
    expect((await fetchAs(s.ben)(host.url + '/api/cameras/cam-x/snapshot')).status).toBe(503);

    const byIncident = await value(call<AuditEntry[]>(s.sup, 'GET', `/api/audit?incident=${incident.id}`));
    expect(byIncident.map((e) => [e.operator, e.action])).toEqual([
      ['amy', 'incident.created'],
      ['amy', 'allocation.created'],
    ]);
    const amy = await value(call<AuditEntry[]>(s.sup, 'GET', '/api/audit?operator=amy'));
    expect(amy.map((e) => e.action)).toEqual(['session.started', 'incident.created', 'allocation.created', 'session.refused', 'session.refused', 'session.refused', 'record.viewed']);
    expect(amy.at(-1)!.summary).toBe('viewed track pc01');
    let watched: AuditEntry[] = [];
    for (let i = 0; i < 50 && watched.length < 3; i++, await new Promise((r) => setTimeout(r, 50)))
      watched = await value(call<AuditEntry[]>(s.sup, 'GET', '/api/audit?camera=cam-x'));
    expect(watched.map((e) => [e.operator, e.summary])).toEqual([
      ['ben', 'started watching camera cam-x (desk)'],
      ['ben', 'stopped watching camera cam-x (desk)'],
      ['ben', 'took a still from camera cam-x'],
    ]);
    const from = byIncident[0]!.at;
    const window = await value(call<AuditEntry[]>(s.sup, 'GET', `/api/audit?from=${from}&to=${from}`));
    expect(window.map((e) => e.action)).toEqual(['incident.created']);

    const exported = await fetchAs(s.sup)(host.url + `/api/audit?operator=amy&format=csv`);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(exported.headers.get('content-disposition')).toMatch(/beacon-audit-\d{12}\.csv/);
    const text = await exported.text();
    expect(text.split('\r\n')[0]).toBe('seq,time_utc,operator,action,summary,incident,unit,camera');
    expect(text).toContain(`amy,allocation.created,allocated pc01,${incident.id},pc01,`);
    const reads = await value(call<AuditEntry[]>(s.sup, 'GET', '/api/audit?operator=supervisor'));
    expect(reads.filter((e) => e.action === 'record.viewed').map((e) => e.summary)).toContain('viewed audit export operator=amy');
  });

  it('lets a supervisor see and end a session: its stream closes and its token stops working at once', async () => {
    const sessions = await value(call<{ sessionId: string; operator: string }[]>(s.sup, 'GET', '/api/sessions'));
    expect(sessions.map((x) => x.operator).sort()).toEqual(['amy', 'ben', 'dave', 'supervisor', 'wall1']);
    const ws = new WebSocket(host.url.replace('http', 'ws') + '/api/stream', { headers: { authorization: `Bearer ${s.wall.token}` } });
    await new Promise((r) => ws.once('message', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    const wallSession = sessions.find((x) => x.operator === 'wall1')!.sessionId;
    expect(await value(call(s.sup, 'POST', `/api/sessions/${wallSession}/end`, {}))).toMatchObject({ operator: 'wall1' });
    expect(await closed).toBe(4401);
    expect((await call(s.wall, 'GET', '/api/units')).status).toBe(401);
  });

  it('locks a session on the host: reads go on, changes wait for the same operator to unlock', async () => {
    expect(await value(call(s.dave, 'POST', '/api/session/lock', {}))).toMatchObject({ locked: true });
    expect((await call(s.dave, 'GET', '/api/incidents')).status).toBe(200);
    const refused = await call(s.dave, 'POST', '/api/incidents', { category: 'graffiti', location: CENTRE });
    expect(refused.status).toBe(423);
    expect(await call(s.dave, 'POST', '/api/session/unlock', { password: 'amy-password-1' })).toMatchObject({ status: 401 });
    expect(await value(call(s.dave, 'POST', '/api/session/unlock', { password: 'dave-password-1' }))).toMatchObject({ locked: false });
    expect((await call(s.dave, 'POST', '/api/incidents', { category: 'graffiti', location: CENTRE })).status).toBe(201);
    const out = await fetchAs(s.dave)(host.url + '/api/session', { method: 'DELETE' });
    expect(out.headers.get('set-cookie')).toMatch(/^beacon_session=; .*Max-Age=0/);
    expect((await call(s.dave, 'GET', '/api/units')).status).toBe(401);
  });
});

describe("the app window's camera sockets: a one-use ticket from its own origin", () => {
  let host: ConsoleHost;
  let dir: string;
  let sup: TestSession;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-ticket-'));
    host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttPort: 0, simulator: false, quiet: true, supervisorPassword: SUPERVISOR_PASSWORD, appOrigins: ['beacon://console'] }));
    sup = await signIn(host.url);
    const csv = 'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url,presets,transport\ncam-x,Test camera,52.5725,-0.2425,0,60,100,false,rtsp://127.0.0.1:1/none,,,,tcp';
    await fetchAs(sup)(host.url + '/api/cameras/import', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  });
  afterAll(async () => {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  /** Opens a socket as the Electron window would (no cookie): the first message, or the refusal's status. */
  const open = (p: string) =>
    new Promise<string>((resolve) => {
      const ws = new WebSocket(host.url.replace('http', 'ws') + p, { origin: 'beacon://console' });
      ws.once('message', (d) => (resolve(`open: ${String(d).slice(0, 40)}`), ws.close()));
      ws.once('unexpected-response', (_req, res) => (resolve(`refused ${res.statusCode}`), ws.terminate()));
      ws.once('error', () => undefined);
    });
  const ticket = async () => {
    const r = (await (await fetchAs(sup)(host.url + '/api/session/ticket', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { value: { ticket: string; base: string } };
    expect(r.value.base).toBe(`${host.url}/`);
    return r.value.ticket;
  };

  it("opens a camera once per ticket, in the session operator's name; never without one, never the live stream", async () => {
    const t = await ticket();
    expect(await open(`/api/cameras/cam-x/live?ticket=${t}`)).toMatch(/^open: /);
    expect(await open(`/api/cameras/cam-x/live?ticket=${t}`)).toBe('refused 401');
    expect(await open('/api/cameras/cam-x/live')).toBe('refused 403');
    expect(await open(`/api/stream?ticket=${await ticket()}`)).toBe('refused 403');
    host.service.flush();
    const views = host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['camera.viewed'] }).map((r) => r.event);
    expect(views[0]).toMatchObject({ cameraId: 'cam-x', by: 'supervisor', started: true });
  });
});

describe('HTTPS with a certificate the deployment gives', () => {
  let host: ConsoleHost;
  let dir: string;
  const logged: string[] = [];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    host = await startConsoleHost(
      defaultConfig({ dataDir: path.join(dir, 'data'), port: 0, mqttPort: 0, simulator: false, supervisorPassword: SUPERVISOR_PASSWORD, tlsCertFile: path.join(dir, 'cert.pem'), tlsKeyFile: path.join(dir, 'key.pem') }),
      { log: (l) => logged.push(l) },
    );
  });
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over TLS and marks the session cookie Secure', async () => {
    expect(host.url).toMatch(/^https:\/\//);
    const answer = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      const u = new URL(host.url + '/api/session');
      const req = https.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, cookie: String(res.headers['set-cookie']) });
      });
      req.on('error', reject);
      req.end(JSON.stringify({ username: 'supervisor', password: SUPERVISOR_PASSWORD }));
    });
    expect(answer.status).toBe(200);
    expect(answer.cookie).toMatch(/; Secure/);
    expect(logged.join('\n')).not.toMatch(/plain HTTP/);
  });
});

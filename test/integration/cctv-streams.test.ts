import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { RtspTestServer } from '../support/rtsp.js';
import { until } from '../support/until.js';
import { supervisorFetch } from '../support/sessions.js';

let host: ConsoleHost;
// Calls in here are a supervisor's script, signed in: every API call needs a session.
const fetch = supervisorFetch(() => host);
let token = '';
let rtsp: RtspTestServer;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cctv-streams-'));
  host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, simulator: false, quiet: true }));
  token = await fetch.token();
  rtsp = await RtspTestServer.start();
  await rtsp.publish('square');
  const csv = [
    'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url,presets,transport',
    `cam-square,Square,52.5726,-0.2421,0,60,150,false,${rtsp.url('square')},,,,udp`,
    'cam-off,Switched off,52.5726,-0.2422,0,60,150,false,rtsp://viewer:pw@127.0.0.1:1/none,,,,tcp',
  ].join('\n');
  const r = await fetch(`${host.url}/api/cameras/import`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
  expect(r.status).toBe(200);
});
afterAll(async () => {
  await host?.stop();
  await rtsp?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Viewer {
  ws: WebSocket;
  texts: { type: string; state?: string; error?: string | null; codec?: string }[];
  binaries: Buffer[];
  closed: { code: number } | null;
}
function watch(id: string): Viewer {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}/api/cameras/${id}/live`, { headers: { authorization: `Bearer ${token}` } });
  const v: Viewer = { ws, texts: [], binaries: [], closed: null };
  ws.on('message', (data, isBinary) => (isBinary ? v.binaries.push(data as Buffer) : v.texts.push(JSON.parse(String(data)) as Viewer['texts'][number])));
  ws.on('close', (code) => (v.closed = { code }));
  return v;
}
const boxType = (b: Buffer) => b.toString('latin1', 4, 8);

describe('camera video through the host', () => {
  it('pulls a camera once for every viewer, each getting the init segment then fragments, and stops when they leave', async () => {
    const a = watch('cam-square');
    const b = watch('cam-square');
    await until('both viewers to get pictures', () => a.binaries.length > 5 && b.binaries.length > 5, 30_000);
    expect(host.streams.pulling).toEqual(['cam-square']);
    for (const v of [a, b]) {
      expect(v.texts.find((t) => t.type === 'init')?.codec).toMatch(/^avc1\./);
      expect(boxType(v.binaries[0]!)).toBe('ftyp');
      expect(boxType(v.binaries[1]!)).toBe('moof');
    }
    await until('the state to reach the viewers', () => a.texts.some((t) => t.type === 'state' && t.state === 'live'));
    const listed = (await (await fetch(`${host.url}/api/cameras`)).json()) as { value: { id: string; state: string }[] };
    expect(listed.value.find((c) => c.id === 'cam-square')?.state).toBe('live');

    a.ws.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(host.streams.pulling).toEqual(['cam-square']);
    b.ws.close();
    await until('the pull to stop once nobody watches', () => host.streams.pulling.length === 0, 10_000);
  });

  it('says why a camera has no signal, without its password, and keeps trying', async () => {
    const v = watch('cam-off');
    await until('no signal', () => v.texts.find((t) => t.state === 'no_signal'), 15_000);
    const said = v.texts.find((t) => t.state === 'no_signal')!;
    expect(said.error).toMatch(/^the camera refused the connection; trying again in \d+ s$/);
    expect(JSON.stringify(v.texts)).not.toContain('pw@');
    v.ws.close();
  });

  it('closes a socket for a camera not in the registry, saying so', async () => {
    const v = watch('cam-none');
    await until('the socket to close', () => v.closed);
    expect(v.closed!.code).toBe(4404);
    expect(v.texts[0]).toMatchObject({ state: 'no_signal', error: 'there is no camera cam-none in the registry' });
  });

  it('tells the viewers of a camera taken out of the registry, and stops pulling it', async () => {
    const v = watch('cam-square');
    await until('pictures', () => v.binaries.length > 2, 30_000);
    const r = await fetch(`${host.url}/api/cameras/cam-square/remove`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"operator":"Insp Cole"}' });
    expect(r.status).toBe(200);
    await until('the socket to close', () => v.closed);
    expect(v.closed!.code).toBe(4410);
    expect(v.texts.at(-1)).toMatchObject({ state: 'no_signal', error: 'the camera was taken out of the registry' });
    expect(host.streams.pulling).toEqual([]);
  });

  it('refuses a camera socket opened by another site', async () => {
    const ws = new WebSocket(`${host.url.replace('http', 'ws')}/api/cameras/cam-off/live`, { origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });
});

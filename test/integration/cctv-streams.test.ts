import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PeerConnection } from 'node-datachannel';
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
  texts: { type: string; state?: string; error?: string | null; codec?: string; transport?: string; reason?: string; sdp?: string; candidate?: string; mid?: string }[];
  binaries: Buffer[];
  closed: { code: number } | null;
}
function watch(id: string, query = ''): Viewer {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}/api/cameras/${id}/live${query}`, { headers: { authorization: `Bearer ${token}` } });
  const v: Viewer = { ws, texts: [], binaries: [], closed: null };
  ws.on('message', (data, isBinary) => (isBinary ? v.binaries.push(data as Buffer) : v.texts.push(JSON.parse(String(data)) as Viewer['texts'][number])));
  ws.on('close', (code) => (v.closed = { code }));
  return v;
}
const boxType = (b: Buffer) => b.toString('latin1', 4, 8);

/**
 * A browser's side of a WebRTC view, played by node-datachannel: it answers the host's offer on
 * the camera's socket and keeps every RTP packet of the video that arrives.
 */
function webrtcViewer(id: string) {
  const v = watch(id, '?transport=webrtc');
  const pc = new PeerConnection('test-browser', { iceServers: [], bindAddress: '127.0.0.1' });
  const rtp: Buffer[] = [];
  pc.onTrack((t) => t.onMessage((m) => (m[1]! & 0x7f) === 96 && rtp.push(Buffer.from(m))));
  pc.onLocalDescription((sdp, type) => type === 'answer' && v.ws.send(JSON.stringify({ type: 'answer', sdp })));
  pc.onLocalCandidate((candidate, mid) => v.ws.send(JSON.stringify({ type: 'candidate', candidate, mid })));
  v.ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const m = JSON.parse(String(data)) as Viewer['texts'][number];
    if (m.type === 'offer') pc.setRemoteDescription(m.sdp!, 'offer');
    if (m.type === 'candidate') pc.addRemoteCandidate(m.candidate!, m.mid!);
  });
  return { ...v, get texts() { return v.texts; }, get binaries() { return v.binaries; }, get closed() { return v.closed; }, pc, rtp };
}
/** The NAL unit types carried by some RTP packets of H.264 (single, STAP-A, FU-A starts). */
function nalTypes(packets: Buffer[]): Set<number> {
  const types = new Set<number>();
  for (const packet of packets) {
    // After the fixed header, its CSRCs and any header extension (the playout delay).
    let o = 12 + 4 * (packet[0]! & 0x0f);
    if (packet[0]! & 0x10) o += 4 + 4 * packet.readUInt16BE(o + 2);
    const p = packet.subarray(o);
    const t = p[0]! & 0x1f;
    if (t === 28) types.add(p[1]! & 0x1f);
    else if (t === 24) for (let i = 1; i + 2 < p.length; i += 2 + p.readUInt16BE(i)) types.add(p[i + 2]! & 0x1f);
    else types.add(t);
  }
  return types;
}

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

  it('sends the same pull to a WebRTC viewer as RTP, from a keyframe, beside an fMP4 viewer, and audits the view', async () => {
    const views = () => {
      host.service.flush();
      return host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['camera.viewed'] }).map((e) => e.event as { cameraId: string; started: boolean });
    };
    const before = views().length;
    const r = webrtcViewer('cam-square');
    const f = watch('cam-square');
    try {
      await until('RTP video over WebRTC', () => r.rtp.filter((p) => p[1]! & 0x80).length > 10, 30_000);
      await until('fMP4 pictures beside it', () => f.binaries.length > 5, 30_000);
      expect(host.streams.pulling).toEqual(['cam-square']);
      expect(r.texts.find((t) => t.type === 'transport')).toEqual({ type: 'transport', transport: 'webrtc' });
      expect(r.texts.find((t) => t.type === 'offer')?.sdp).toMatch(/a=rtpmap:96 H264\/90000/);
      // Its ICE candidates are the console's loopback address only: nothing asked of a STUN server.
      const candidates = r.texts.filter((t) => t.type === 'candidate').map((t) => t.candidate!);
      expect(candidates.length).toBeGreaterThan(0);
      for (const c of candidates) expect(c).toMatch(/ 127\.0\.0\.1 \d+ typ host/);
      // The video is on the call, not the socket; and the call starts where a picture can: SPS, PPS, IDR.
      expect(r.binaries).toEqual([]);
      const first = r.rtp[0]!.readUInt32BE(4);
      expect([...nalTypes(r.rtp.filter((p) => p.readUInt32BE(4) === first))]).toEqual(expect.arrayContaining([7, 8, 5]));
      await until('live', () => r.texts.some((t) => t.type === 'state' && t.state === 'live'));
    } finally {
      r.ws.close();
      r.pc.close();
      f.ws.close();
    }
    await until('the pull to stop once nobody watches', () => host.streams.pulling.length === 0, 10_000);
    // Each viewer's start and stop, whatever its transport.
    await until('the views journaled', () => views().length === before + 4);
    expect(views().slice(before).map((e) => `${e.cameraId} ${e.started}`).sort()).toEqual(['cam-square false', 'cam-square false', 'cam-square true', 'cam-square true']);
  });

  it('moves a WebRTC viewer over to fMP4 on its socket when the console asks', async () => {
    const r = webrtcViewer('cam-square');
    try {
      await until('the offer', () => r.texts.some((t) => t.type === 'offer'), 30_000);
      r.ws.send(JSON.stringify({ type: 'transport', transport: 'fmp4' }));
      await until('fMP4 pictures', () => r.binaries.length > 3, 30_000);
      expect(r.texts.find((t) => t.type === 'transport' && t.transport === 'fmp4')).toMatchObject({ reason: 'the console asked for fMP4' });
      expect(boxType(r.binaries[0]!)).toBe('ftyp');
      expect(boxType(r.binaries[1]!)).toBe('moof');
    } finally {
      r.ws.close();
      r.pc.close();
    }
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
    // (Another camera may still be lingering after an earlier test: this one's pull is what stops.)
    expect(host.streams.pulling).not.toContain('cam-square');
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

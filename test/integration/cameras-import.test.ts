import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import type { CameraView } from '../../shared/cctv/schemas.js';
import type { CameraSighting } from '../../shared/cctv/visibility.js';
import { supervisorFetch } from '../support/sessions.js';

let host: ConsoleHost;
// Calls in here are a supervisor's script, signed in: every API call needs a session.
const fetch = supervisorFetch(() => host);
let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-cameras-'));
  host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, simulator: false, quiet: true }));
});
afterAll(async () => {
  await host.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url';
const CSV = [
  HEADER,
  'cam-museum,Museum (fixed),52.5710,-0.2450,0,60,150,false,rtsp://viewer:Museum-Pw1@10.1.1.5:554/main,rtsp://10.1.1.5:554/sub,',
  'cam-market,Market (PTZ),52.5735,-0.2430,90,60,250,true,rtsp://10.1.1.6/main,,http://ptzop:Ptz-Pw2@10.1.1.6/onvif/device_service',
  'cam-bad,Broken row,north,-0.24,0,60,100,false',
].join('\n');

const importAs = (type: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${host.url}/api/cameras/import?operator=CCTV%20Manager`, { method: 'POST', headers: { 'content-type': type, ...headers }, body });

describe('importing the camera registry', () => {
  it('loads a CSV file: good rows in, each bad row named, credentials kept out of the journal and the API', async () => {
    const r = await importAs('text/csv; charset=utf-8', CSV);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      ok: true,
      value: { loaded: 2, rejected: [{ line: 4, reason: 'lat and lon must be degrees (lat -90 to 90, lon -180 to 180)' }] },
    });

    const list = (await (await fetch(`${host.url}/api/cameras`)).json()) as { value: CameraView[] };
    const museum = list.value.find((c) => c.id === 'cam-museum')!;
    expect(museum).toMatchObject({ bearing: 0, fov: 60, range: 150, ptz: false, state: 'idle', rtspMain: 'rtsp://10.1.1.5:554/main' });
    // The bundled cameras are still there, under the imported ones.
    expect(list.value.some((c) => c.id === 'cctv-cathedral-sq')).toBe(true);
    expect(JSON.stringify(list.value)).not.toMatch(/Museum-Pw1|Ptz-Pw2/);

    host.service.flush();
    const events = host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['camera.registry_imported'] });
    expect(events).toHaveLength(1);
    expect(events[0]!.event).toMatchObject({ type: 'camera.registry_imported', by: 'supervisor', rejected: 1 });
    expect(JSON.stringify(events)).not.toMatch(/Museum-Pw1|Ptz-Pw2/);

    const file = path.join(dir, 'camera-credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({
      'cam-museum': { rtsp: { user: 'viewer', pass: 'Museum-Pw1' } },
      'cam-market': { onvif: { user: 'ptzop', pass: 'Ptz-Pw2' } },
    });
  });

  it('loads GeoJSON sent as application/geo+json', async () => {
    const fc = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-0.241, 52.574] }, properties: { id: 'cam-geo', name: 'Geo', bearing: 180, ptz: false } }],
    };
    const r = await importAs('application/geo+json', JSON.stringify(fc));
    expect(((await r.json()) as { value: unknown }).value).toEqual({ loaded: 1, rejected: [] });
  });

  it('refuses other body types, and file bodies from another site', async () => {
    const plain = await importAs('text/plain', CSV);
    expect(plain.status).toBe(415);
    expect(((await plain.json()) as { error: string }).error).toMatch(/text\/csv, application\/geo\+json, application\/json/);
    // The exception is for this route only.
    const elsewhere = await fetch(`${host.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect(elsewhere.status).toBe(415);
    const cross = await importAs('text/csv', CSV, { origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('ranks the cameras that see a place, with reasons', async () => {
    // 100 m north of the museum camera, which looks north; the market PTZ camera is ~150 m away.
    const r = await fetch(`${host.url}/api/cameras/visible?lat=52.5719&lon=-0.2450`);
    const { value } = (await r.json()) as { value: CameraSighting[] };
    expect(value[0]).toMatchObject({ camera: { id: 'cam-museum' }, kind: 'in_view' });
    expect(value[0]!.reason).toMatch(/^in view, 100 m away/);
    expect(value.slice(1).every((s) => s.kind === 'turn')).toBe(true);
  });

  it('lets a supervisor move a camera and turn its cone, and take one out, each journaled', async () => {
    const json = { 'content-type': 'application/json' };
    const moved = await fetch(`${host.url}/api/cameras/cam-museum`, { method: 'POST', headers: json, body: JSON.stringify({ bearing: 180, lat: 52.5712, operator: 'Insp Cole' }) });
    expect(((await moved.json()) as { value: unknown }).value).toMatchObject({ id: 'cam-museum', bearing: 180, lat: 52.5712, lon: -0.245, fov: 60 });
    // Now it looks south, away from the place it saw before.
    const seen = (await (await fetch(`${host.url}/api/cameras/visible?lat=52.5719&lon=-0.2450`)).json()) as { value: CameraSighting[] };
    expect(seen.value.some((s) => s.camera.id === 'cam-museum')).toBe(false);

    const gone = await fetch(`${host.url}/api/cameras/cctv-cathedral-sq/remove`, { method: 'POST', headers: json, body: JSON.stringify({ operator: 'Insp Cole' }) });
    expect(gone.status).toBe(200);
    const again = await fetch(`${host.url}/api/cameras/cctv-cathedral-sq/remove`, { method: 'POST', headers: json, body: '{}' });
    expect(again.status).toBe(404);
    const list = (await (await fetch(`${host.url}/api/cameras`)).json()) as { value: CameraView[] };
    expect(list.value.some((c) => c.id === 'cctv-cathedral-sq')).toBe(false);
    host.service.flush();
    const events = host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['camera.changed', 'camera.removed'] }).map((r) => r.event);
    expect(events).toEqual([
      expect.objectContaining({ type: 'camera.changed', by: 'supervisor', camera: expect.objectContaining({ id: 'cam-museum', bearing: 180 }) }),
      expect.objectContaining({ type: 'camera.removed', cameraId: 'cctv-cathedral-sq', by: 'supervisor' }),
    ]);
  });

  it('keeps the imported registry across a restart', async () => {
    await host.stop();
    host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, simulator: false, quiet: true }));
    const list = (await (await fetch(`${host.url}/api/cameras`)).json()) as { value: CameraView[] };
    expect(list.value.map((c) => c.id)).toEqual(expect.arrayContaining(['cam-museum', 'cam-market', 'cam-geo']));
    expect(list.value.find((c) => c.id === 'cam-museum')?.bearing).toBe(180);
    expect(list.value.some((c) => c.id === 'cctv-cathedral-sq')).toBe(false);
  });
});

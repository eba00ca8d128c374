import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../shared/domain/alarms.js';
import type { Incident } from '../../shared/domain/incidents.js';
import type { Unit } from '../../shared/domain/units.js';
import type { Health } from '../../shared/contract.js';
import type { AlarmSurroundings } from '../../shared/safety/nearby.js';
import type { BwvLogEntry, ReplayFrame, Track } from '../../shared/safety/tracks.js';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { shortReport, longReport } from '../fixtures/lip-encoder.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { until } from '../support/until.js';
import { fetchAsOperator, supervisorFetch } from '../support/sessions.js';

type Answer<T> = { ok: true; value: T } | { ok: false; error: string };
const call = async <T>(host: ConsoleHost, method: 'GET' | 'POST', p: string, body?: unknown): Promise<Answer<T>> => {
  // An act "by" someone is made from their own session: the host believes nothing else.
  const as = (body as { operator?: string } | undefined)?.operator;
  const res = await (as ? fetchAsOperator(host, as) : supervisorFetch(() => host))(host.url + p, { method, ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  return (await res.json()) as Answer<T>;
};
const value = <T>(a: Answer<T>): T => {
  if (!a.ok) throw new Error(a.error);
  return a.value;
};


const skip = hasMosquitto() ? null : 'mosquitto is not installed (apt-get install mosquitto): these tests publish through a real broker';
if (skip) console.warn(`skipped: ${skip}`);

describe.skipIf(skip !== null)('officer safety through a real broker and a real journal', () => {
  let broker: Mosquitto;
  let host: ConsoleHost;
  let dir: string;
  let pub: mqtt.MqttClient;
  const start = () => startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttUrl: broker.url, simulator: false, quiet: true, batchMs: 20 }));
  const unit = async (id: string) => value(await call<Unit[]>(host, 'GET', '/api/units')).find((u) => u.id === id)!;
  const alarms = async () => value(await call<Alarm[]>(host, 'GET', '/api/alarms'));

  beforeAll(async () => {
    broker = await Mosquitto.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-safety-it-'));
    host = await start();
    pub = await mqtt.connectAsync(broker.url);
  });
  afterAll(async () => {
    await pub?.endAsync();
    await host?.stop();
    await broker?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('emergency → alarm → acknowledge → stand-down, across host restarts', async () => {
    const t = Date.now();
    await pub.publishAsync('beacon/v1/units/pc03/location', JSON.stringify({ ts: t - 2000, lat: 52.5726, lon: -0.2421 }));
    await pub.publishAsync('beacon/v1/units/cs02/location', JSON.stringify({ ts: t - 2000, lat: 52.5731, lon: -0.2425 }));
    await pub.publishAsync('beacon/v1/units/pc03/emergency', JSON.stringify({ ts: t, active: true, lat: 52.5727, lon: -0.2422 }));
    const alarm = await until('the alarm', async () => (await alarms()).find((a) => a.unitId === 'pc03' && a.stoodDownAt === null));
    expect(alarm).toMatchObject({ source: 'device', lat: 52.5727, acknowledgedAt: null });

    // A second, simultaneous alarm raised by a dispatcher: both stay open.
    const second = value(await call<Alarm>(host, 'POST', '/api/units/cs02/emergency', { operator: 'Disp Ahmed' }));
    expect((await alarms()).filter((a) => a.stoodDownAt === null).map((a) => a.unitId).sort()).toEqual(['cs02', 'pc03']);

    const near = value(await call<AlarmSurroundings>(host, 'GET', `/api/alarms/${encodeURIComponent(alarm.id)}/nearby`));
    // CS02 is nearest, but in an emergency of their own: never listed as help.
    expect(near.units.map((u) => u.callsign)).not.toContain('CS02');
    expect(near.cameras[0]!.camera.name).toBe('Cathedral Square');

    expect(await call(host, 'POST', `/api/alarms/${encodeURIComponent(alarm.id)}/stand-down`, { operator: 'Disp Ahmed' })).toMatchObject({ ok: false });
    const acked = value(await call<Alarm>(host, 'POST', `/api/alarms/${encodeURIComponent(alarm.id)}/acknowledge`, { operator: 'Disp Ahmed' }));
    expect(acked.acknowledgedBy).toBe('disp.ahmed');

    await host.stop();
    host = await start();
    const afterRestart = (await alarms()).find((a) => a.id === alarm.id)!;
    expect(afterRestart).toMatchObject({ acknowledgedBy: 'disp.ahmed', stoodDownAt: null });
    expect((await alarms()).find((a) => a.id === second.id)!.stoodDownAt).toBeNull();

    const down = value(await call<Alarm>(host, 'POST', `/api/alarms/${encodeURIComponent(alarm.id)}/stand-down`, { operator: 'Insp Cole' }));
    expect(down.stoodDownBy).toBe('insp.cole');
    await host.stop();
    host = await start();
    expect((await alarms()).find((a) => a.id === alarm.id)).toMatchObject({ stoodDownBy: 'insp.cole', acknowledgedBy: 'disp.ahmed' });
    expect((await unit('pc03')).emergency).toMatchObject({ active: false });
  });

  it('OwnTracks samples in, positions out; other OwnTracks types ignored without a rejection', async () => {
    const tst = Math.floor(Date.now() / 1000) - 5;
    // Shape of OwnTracks' own Android test payload (booklet tech/json fields); tst moved to now.
    const sample = { _type: 'location', acc: 20, al: 0, batt: 64, bs: 0, conn: 'w', created_at: tst, lat: 52.5745, lon: -0.2440, tid: 'e3', tst, vac: 40, vel: 18, cog: 135 };
    const rejectedBefore = value(await call<Health>(host, 'GET', '/api/health')).telemetry.rejectedTotal;
    await pub.publishAsync('owntracks/eo03/phone', JSON.stringify({ _type: 'transition', wtst: tst, lat: 52.57, lon: -0.24, tst, acc: 10, event: 'enter' }));
    await pub.publishAsync('owntracks/eo03/phone', JSON.stringify(sample));
    const u = await until('EO03 to move', async () => {
      const x = await unit('eo03');
      return x.fix?.lat === 52.5745 && x;
    });
    expect(u.fix).toMatchObject({ ts: tst * 1000, lon: -0.244, acc: 20, hdg: 135, spd: 5 });
    expect(u.battery).toBe(64);
    await pub.publishAsync('owntracks/eo03/phone', JSON.stringify({ _type: 'lwt', tst }));
    const health = await until('the last will to be seen', async () => {
      const h = value(await call<Health>(host, 'GET', '/api/health'));
      return h.gateways?.ownTracks.lastWills === 1 && h;
    });
    expect(health.gateways!.ownTracks).toMatchObject({ ignored: 1, locations: 1, offline: [{ unitId: 'eo03' }] });
    expect(health.telemetry.rejectedTotal).toBe(rejectedBefore);
  });

  it('TETRA LIP samples in, positions out; a radio emergency raises an alarm; bad frames are counted', async () => {
    const pc05 = await unit('pc05');
    const issi = pc05.issi!;
    await pub.publishAsync(`beacon/v1/radio/${issi}/lip`, JSON.stringify({ issi, pdu: shortReport({ lat: 52.5702, lon: -0.2419, kmh: 36, direction: 8, positionError: 1 }) }));
    const u = await until('PC05 to move', async () => {
      const x = await unit('pc05');
      return x.fix && Math.abs(x.fix.lat - 52.5702) < 1e-4 ? x : false;
    });
    expect(u.fix).toMatchObject({ acc: 20, hdg: 180 });
    // 36 km/h lies between two codes of the non-linear scale (36.35 km/h is the nearest).
    expect(u.fix!.spd!).toBeCloseTo(10.1, 1);
    expect(u.fix!.lon).toBeCloseTo(-0.2419, 4);

    const now = new Date();
    await pub.publishAsync(
      `beacon/v1/radio/${issi}/lip`,
      JSON.stringify({
        ts: now.toISOString(),
        pdu: longReport({
          lat: 52.5712,
          lon: -0.2415,
          time: { day: now.getUTCDate(), hour: now.getUTCHours(), minute: now.getUTCMinutes(), second: now.getUTCSeconds() },
          kmh: 0,
          reason: 2,
        }),
      }),
    );
    const alarm = await until('the radio alarm', async () => (await alarms()).find((a) => a.unitId === 'pc05' && a.stoodDownAt === null));
    expect(alarm).toMatchObject({ source: 'radio', raisedBy: `radio ISSI ${issi}` });

    const before = value(await call<Health>(host, 'GET', '/api/health')).telemetry.rejected;
    await pub.publishAsync(`beacon/v1/radio/${issi}/lip`, JSON.stringify({ pdu: '0A1B' }));
    await pub.publishAsync(`beacon/v1/radio/${issi}/lip`, JSON.stringify({ pdu: 'not hex at all' }));
    await pub.publishAsync('beacon/v1/radio/4242/lip', JSON.stringify({ pdu: shortReport({ lat: 52.57, lon: -0.24 }) }));
    const after = await until('three rejections', async () => {
      const r = value(await call<Health>(host, 'GET', '/api/health')).telemetry.rejected;
      return r.truncated_frame > before.truncated_frame && r.corrupt_frame > before.corrupt_frame && r.unknown_unit > before.unknown_unit && r;
    });
    expect(after.truncated_frame - before.truncated_frame).toBe(1);
    expect(after.corrupt_frame - before.corrupt_frame).toBe(1);
  });

  it('logs body-worn video against the officer\'s incident and replays tracks from the journal', async () => {
    const inc = value(await call<Incident>(host, 'POST', '/api/incidents', { category: 'disorder', description: 'fight outside', location: { lat: 52.5726, lon: -0.2421 }, operator: 'disp' }));
    value(await call<Incident>(host, 'POST', `/api/incidents/${inc.id}/allocations`, { unitId: 'pc07', operator: 'disp' }));
    const t = Date.now();
    for (let i = 0; i < 5; i++) await pub.publishAsync('beacon/v1/units/pc07/location', JSON.stringify({ ts: t - 5000 + i * 1000, lat: 52.57 + i * 1e-4, lon: -0.24 }));
    await pub.publishAsync('beacon/v1/units/pc07/bwv', JSON.stringify({ ts: t, recording: true }));
    await pub.publishAsync('beacon/v1/units/pc07/bwv', JSON.stringify({ ts: t + 1, recording: false }));
    const log = await until('two BWV entries', async () => {
      const l = value(await call<BwvLogEntry[]>(host, 'GET', `/api/incidents/${inc.id}/bwv`));
      return l.length === 2 && l;
    });
    expect(log.map((e) => [e.callsign, e.recording])).toEqual([
      ['PC07', true],
      ['PC07', false],
    ]);
    // The journal keeps a breadcrumb per unit every 5 s of its own clock: this burst leaves one.
    const track = value(await call<Track>(host, 'GET', '/api/units/pc07/track'));
    expect(track.points.length).toBeGreaterThanOrEqual(1);
    expect(track.points[0]!.lat).toBeCloseTo(52.57, 6);
    const frame = value(await call<ReplayFrame>(host, 'GET', `/api/replay?at=${Date.now()}`));
    expect(frame.positions.find((p) => p.unitId === 'pc07')!.fix.lat).toBeCloseTo(52.57, 3);
    const before = value(await call<ReplayFrame>(host, 'GET', `/api/replay?at=${inc.createdAt - 60_000}`));
    expect(before.positions.find((p) => p.unitId === 'pc07')).toBeUndefined();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import type { IntakeHealth } from '../../shared/contract.js';
import type { Incident } from '../../shared/domain/incidents.js';
import type { Unit } from '../../shared/domain/units.js';
import { distanceMetres } from '../../shared/geo/geometry.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { until } from '../support/until.js';
import { supervisorFetch } from '../support/sessions.js';

const skip = hasMosquitto() ? null : 'mosquitto is not installed (apt-get install -y mosquitto); the dispatch MQTT tests need a real broker';
if (skip) console.warn(`Skipping dispatch MQTT tests: ${skip}`);

const CENTRE = { lat: 52.5725, lon: -0.2425 };

const api = async <T>(host: ConsoleHost, p: string, body?: unknown): Promise<T> => {
  const r = await supervisorFetch(() => host)(host.url + p, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = (await r.json()) as { ok: boolean; value: T; error?: string };
  if (!j.ok) throw new Error(j.error);
  return j.value;
};

describe.skipIf(!!skip)('dispatch over a real broker (mosquitto)', () => {
  let broker: Mosquitto;
  let host: ConsoleHost;
  let dir: string;
  let device: mqtt.MqttClient;

  beforeAll(async () => {
    broker = await Mosquitto.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-dispatch-mqtt-'));
    host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttUrl: broker.url, simulator: false, quiet: true, ackTimeoutS: 1 }));
    device = await mqtt.connectAsync(broker.url, { clientId: 'test-devices' });
  });
  afterAll(async () => {
    await device?.endAsync();
    await host?.stop();
    await broker?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes partner reports from beacon/v1/intake into the queue, links repeats, and counts what it refuses', async () => {
    const report = { ts: Date.now(), category: 'graffiti', lat: CENTRE.lat, lon: CENTRE.lon, description: 'Tag on the library wall', partner: 'cross-keys-homes' };
    await device.publishAsync('beacon/v1/intake', JSON.stringify(report), { qos: 1 });
    const created = await until('the intake incident', async () => (await api<Incident[]>(host, '/api/incidents')).find((i) => i.source === 'mqtt'));
    expect(created).toMatchObject({ category: 'graffiti', description: 'Tag on the library wall', createdBy: 'cross-keys-homes', reports: 1, sector: expect.any(String) });
    await device.publishAsync('beacon/v1/intake', JSON.stringify({ ...report, ts: Date.now(), lat: CENTRE.lat + 0.0002, description: 'again' }), { qos: 1 });
    await until('the repeat to be linked', async () => (await api<Incident>(host, `/api/incidents/${created.id}`)).reports === 2);

    const seq = host.service.journal.lastSeq();
    await device.publishAsync('beacon/v1/intake', 'not json', { qos: 1 });
    await device.publishAsync('beacon/v1/intake', JSON.stringify({ ...report, category: 'pothole' }), { qos: 1 });
    await device.publishAsync('beacon/v1/intake', JSON.stringify({ ...report, lat: 91 }), { qos: 1 });
    await device.publishAsync('beacon/v1/intake', JSON.stringify({ ...report, ts: Date.now() + 3600_000 }), { qos: 1 });
    await device.publishAsync('beacon/v1/intake', JSON.stringify({ ...report, description: 'x'.repeat(5000) }), { qos: 1 });
    const h = await until('rejects to be counted', async () => {
      const v = await api<IntakeHealth>(host, '/api/intake/health');
      const n = Object.values(v.mqtt.rejected).reduce((a, b) => a + b, 0);
      return n >= 5 && v;
    });
    expect(h.mqtt).toMatchObject({ accepted: 1, linked: 1, rejected: { bad_json: 1, unknown_category: 1, invalid_payload: 1, bad_timestamp: 1, too_large: 1 } });
    expect(host.service.journal.lastSeq()).toBe(seq);
    // Nothing of this reached the telemetry counters either.
    expect(host.health().telemetry.rejectedTotal).toBe(0);
  });

  it('sends an allocation to the device at QoS 1, records its acknowledgement, and escalates the one never acknowledged', async () => {
    const got: { topic: string; body: Record<string, unknown>; qos: number }[] = [];
    await device.subscribeAsync('beacon/v1/units/+/assignment', { qos: 1 });
    device.on('message', (topic, payload, packet) => {
      if (topic.endsWith('/assignment')) got.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown>, qos: packet.qos });
    });
    const inc = await api<Incident>(host, '/api/incidents', { category: 'begging', location: CENTRE, description: 'outside the station' });
    const other = await api<Incident>(host, '/api/incidents', { category: 'littering', location: { lat: 52.59, lon: -0.26 } });
    await api<Incident>(host, `/api/incidents/${inc.id}/allocations`, { unitId: 'cs01', operator: 'op1' });
    await api<Incident>(host, `/api/incidents/${other.id}/allocations`, { unitId: 'eo01', operator: 'op1' });
    await until('both assignments on the devices', async () => got.length >= 2);
    const cs01 = got.find((m) => m.topic === 'beacon/v1/units/cs01/assignment')!;
    expect(cs01.qos).toBe(1);
    expect(cs01.body).toMatchObject({ incidentId: inc.id, ref: inc.ref, category: 'begging', priority: 3, location: CENTRE, description: 'outside the station', ts: expect.any(Number) });

    await device.publishAsync('beacon/v1/units/cs01/assignment/ack', JSON.stringify({ ts: Date.now(), incidentId: inc.id }), { qos: 1 });
    const acked = await until('the acknowledgement', async () => {
      const i = await api<Incident>(host, `/api/incidents/${inc.id}`);
      return i.allocations[0]!.ackedAt !== null && i;
    });
    expect(acked.allocations[0]!.escalatedAt ?? null).toBeNull();
    const escalated = await until('escalation after --ack-timeout 1', async () => {
      const i = await api<Incident>(host, `/api/incidents/${other.id}`);
      return i.allocations[0]!.escalatedAt ? i : null;
    }, 5000);
    expect(escalated.allocations[0]).toMatchObject({ unitId: 'eo01', ackedAt: null });
    // The ack topic is dispatch's, not telemetry: nothing was rejected as a bad topic.
    expect(host.health().telemetry.rejected.bad_topic).toBe(0);
    // An acknowledgement the console cannot read is counted where rejected telemetry is.
    await device.publishAsync('beacon/v1/units/eo01/assignment/ack', JSON.stringify({ ts: Date.now(), incident: other.id }), { qos: 1 });
    const health = await until('the unreadable acknowledgement counted', async () => {
      const h = host.health().telemetry;
      return h.rejected.bad_ack === 1 && h;
    });
    expect(health.lastRejected[0]).toMatchObject({ reason: 'bad_ack', topic: 'beacon/v1/units/eo01/assignment/ack', detail: expect.stringMatching(/incidentId/) });
    const records = [...host.service.journal.readAfter(0)].map((r) => r.event.type);
    expect(records).toContain('allocation.acknowledged');
    expect(records).toContain('allocation.escalated');
  });
});

describe.skipIf(!!skip)('the demo simulator answers assignments', () => {
  it('acknowledges and moves the allocated officer towards the incident', async () => {
    const broker = await Mosquitto.start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-dispatch-sim-'));
    const host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttUrl: broker.url, simulator: true, quiet: true }));
    try {
      const pc = await until('a police officer on duty to report', async () =>
        (await api<Unit[]>(host, '/api/units')).find((u) => u.agency === 'police' && u.fix && u.status === 'available'),
      );
      const target = { lat: pc.fix!.lat + 0.003, lon: pc.fix!.lon };
      const inc = await api<Incident>(host, '/api/incidents', { category: 'needs_police', location: target });
      await api<Incident>(host, `/api/incidents/${inc.id}/allocations`, { unitId: pc.id });
      await until('the simulated device to acknowledge', async () => (await api<Incident>(host, `/api/incidents/${inc.id}`)).allocations[0]!.ackedAt !== null);
      const start = distanceMetres(pc.fix!, target);
      await until(`${pc.callsign} to close in`, async () => {
        const u = (await api<Unit[]>(host, '/api/units')).find((x) => x.id === pc.id)!;
        return distanceMetres(u.fix!, target) < start - 20;
      }, 8000);
    } finally {
      await host.stop();
      await broker.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps an allocated officer on the incident across a console restart: en route, then on scene, never freed', async () => {
    const broker = await Mosquitto.start();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-dispatch-sim-restart-'));
    const start = () => startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttUrl: broker.url, simulator: true, quiet: true }));
    let host = await start();
    try {
      const pc = await until('a police officer on foot to report', async () =>
        (await api<Unit[]>(host, '/api/units')).find((u) => u.agency === 'police' && u.mode === 'foot' && u.fix && u.status === 'available'),
      );
      // About 55 m away: a few seconds' walk once within the scene's 25 m.
      const target = { lat: pc.fix!.lat + 0.0005, lon: pc.fix!.lon };
      const inc = await api<Incident>(host, '/api/incidents', { category: 'needs_police', location: target });
      await api<Incident>(host, `/api/incidents/${inc.id}/allocations`, { unitId: pc.id });
      await until('the device to report en route', async () => (await api<Incident>(host, `/api/incidents/${inc.id}`)).state === 'en_route');

      await host.stop();
      host = await start();
      const officer = async () => (await api<Unit[]>(host, '/api/units')).find((x) => x.id === pc.id)!;
      const seen = new Set<string>();
      const arrived = await until(
        `${pc.callsign} on scene after the restart`,
        async () => {
          const u = await officer();
          seen.add(`${u.status}:${u.incidentId}`);
          return u.status === 'on_scene' && u;
        },
        60_000,
      );
      // Never "available", never taken off the incident, in between.
      expect([...seen].every((s) => s === `en_route:${inc.id}` || s === `on_scene:${inc.id}`)).toBe(true);
      expect(arrived.incidentId).toBe(inc.id);
      expect(distanceMetres(arrived.fix!, target)).toBeLessThan(1);
      const after = await api<Incident>(host, `/api/incidents/${inc.id}`);
      expect(after.state).toBe('on_scene');
      expect(after.history.at(-1)).toMatchObject({ action: 'on_scene', by: pc.callsign });
      // And stays there.
      await new Promise((r) => setTimeout(r, 3000));
      const later = await officer();
      expect(later).toMatchObject({ status: 'on_scene', incidentId: inc.id });
      expect(distanceMetres(later.fix!, target)).toBeLessThan(1);
    } finally {
      await host.stop();
      await broker.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

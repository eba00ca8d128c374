import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { Health } from '../../shared/contract.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { HostProcess } from '../support/host-process.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { until } from '../support/until.js';

const skip = hasMosquitto() ? null : 'mosquitto is not installed (apt-get install -y mosquitto): the outbox test needs a real broker to stop and restart';
if (skip) console.warn(`skipped: ${skip}`);

const untilLong: typeof until = (what, fn, ms = 30_000) => until(what, fn, ms);
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe.skipIf(skip !== null)('assignments queued during a broker outage, across kill -9', () => {
  it('are delivered once each after the host restarts and the broker returns', async () => {
    const broker = await Mosquitto.start(undefined, { persistence: true });
    cleanup.push(() => broker.stop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-outbox-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    // The officers' handsets: one persistent QoS 1 session, so what the broker takes while they are
    // away waits for them; they come back only after the console has restarted.
    const received: { unit: string; incidentId: string; assignmentId: string }[] = [];
    const handsets = await mqtt.connectAsync(broker.url, { clientId: 'handsets', clean: false, reconnectPeriod: 0 });
    cleanup.push(() => handsets.endAsync(true));
    await handsets.subscribeAsync('beacon/v1/units/+/assignment', { qos: 1 });
    handsets.on('message', (topic, payload) => {
      const m = JSON.parse(payload.toString()) as { incidentId: string; assignmentId: string };
      received.push({ unit: topic.split('/')[3]!, incidentId: m.incidentId, assignmentId: m.assignmentId });
    });

    const args = ['--data-dir', dir, '--port', '0', '--mqtt', broker.url, '--no-simulator', '--quiet'];
    const host = await HostProcess.start(args);
    cleanup.push(() => host.kill9());
    await broker.stop();
    await untilLong('the host to see the broker gone', async () => (await host.get<Health>('/api/health')).broker.connected === false);

    const jobs = [
      { unitId: 'pc01', category: 'disorder', location: { lat: 52.5725, lon: -0.2425 } },
      { unitId: 'cs01', category: 'begging', location: { lat: 52.5735, lon: -0.2415 } },
      { unitId: 'eo01', category: 'littering', location: { lat: 52.59, lon: -0.26 } },
    ];
    const allocated: string[] = [];
    for (const j of jobs) {
      const created = await host.post('/api/incidents', { category: j.category, location: j.location, description: `for ${j.unitId}` });
      expect(created.status).toBe(201);
      const incident = ((await created.json()) as { value: Incident }).value;
      const r = await host.post(`/api/incidents/${incident.id}/allocations`, { unitId: j.unitId, operator: 'op1' });
      expect(r.status).toBe(200);
      allocated.push(incident.id);
    }
    expect((await host.get<Health>('/api/health')).broker.queuedOutgoing).toBe(3);
    await host.kill9();

    const again = await HostProcess.start(args);
    cleanup.push(() => again.stop());
    await broker.resume();
    await untilLong('the restarted host to reach the broker', async () => (await again.get<Health>('/api/health')).broker.connected);
    await untilLong('the broker to confirm all three', async () =>
      (await again.get<Incident[]>('/api/incidents')).every((i) => i.allocations.every((a) => typeof a.sentAt === 'number')),
    );
    handsets.reconnect();
    await untilLong('three assignments', () => received.length >= 3);
    await new Promise((r) => setTimeout(r, 2000)); // a duplicate would arrive in this time
    expect(received.map((m) => m.incidentId).sort()).toEqual([...allocated].sort());
    expect(received.map((m) => m.unit).sort()).toEqual(['cs01', 'eo01', 'pc01']);
    expect(new Set(received.map((m) => m.assignmentId)).size).toBe(3);

    // Confirmed by the broker and journaled as sent: a second restart sends nothing again.
    await again.stop();
    const third = await HostProcess.start(args);
    cleanup.push(() => third.stop());
    await untilLong('the third host to reach the broker', async () => (await third.get<Health>('/api/health')).broker.connected);
    await new Promise((r) => setTimeout(r, 2000));
    expect(received).toHaveLength(3);
    await third.stop();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { until } from '../support/until.js';


const skip = hasMosquitto() ? null : 'mosquitto is not installed (apt-get install mosquitto): the broker outage test needs a real broker to stop and restart';
if (skip) console.warn(`skipped: ${skip}`);

// Broker restarts and TLS handshakes take longer than the usual ten seconds on a loaded machine.
const untilLong: typeof until = (what, fn, ms = 20_000) => until(what, fn, ms);

describe.skipIf(skip !== null)('broker outage mid-session (mosquitto)', () => {
  let broker: Mosquitto;
  let host: ConsoleHost;
  let dir: string;
  let device: mqtt.MqttClient;
  const received: string[] = [];

  beforeAll(async () => {
    broker = await Mosquitto.start(undefined, { persistence: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-outage-'));
    host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttUrl: broker.url, simulator: false, quiet: true }));
    // An officer's handset: a persistent QoS 1 session, so assignments sent while it is away wait
    // for it on the broker. It reconnects only when the test says, after the console has delivered.
    device = await mqtt.connectAsync(broker.url, { clientId: 'handset-pc01', clean: false, reconnectPeriod: 0 });
    await device.subscribeAsync('beacon/v1/units/pc01/assignment', { qos: 1 });
    device.on('message', (_t, p) => received.push(p.toString()));
  });

  afterAll(async () => {
    await device?.endAsync(true);
    await host?.stop();
    await broker?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps working while the broker is down, shows it, and delivers queued assignments once, in order', async () => {
    await host.telemetry.publish('beacon/v1/units/pc01/assignment', 'before', { qos: 1 });
    await untilLong('the first assignment', () => received.includes('before'));

    await broker.stop();
    await untilLong('health to show the broker down', () => host.health().broker.connected === false);
    expect(host.health().status).toBe('degraded');

    // The console keeps working on what it has: an incident can still be created and journaled.
    const created = await host.handlers.createIncident({ category: 'disorder', description: 'during outage', location: { lat: 52.5726, lon: -0.242 }, operator: 'disp' } as never);
    expect(created.ok).toBe(true);

    const sent = ['a1', 'a2', 'a3', 'a4', 'a5'].map((p) => host.telemetry.publish('beacon/v1/units/pc01/assignment', p, { qos: 1 }));
    expect(host.health().broker.queuedOutgoing).toBe(5);

    await new Promise((r) => setTimeout(r, 1500)); // long enough for a reconnect attempt to fail and back off
    await broker.resume();
    // Resolves when the broker has acknowledged each one (QoS 1).
    await Promise.all(sent);
    await untilLong('the host to reconnect', () => host.health().broker.connected);
    expect(received).toEqual(['before']);
    device.reconnect();
    await untilLong('all five assignments', () => received.length >= 6);
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive in this time
    expect(received).toEqual(['before', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(host.health().broker.queuedOutgoing).toBe(0);
  });
});

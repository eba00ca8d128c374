import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { Health } from '../../shared/contract.js';
import type { Unit } from '../../shared/domain/units.js';
import { buildHost, HostProcess } from '../support/host-process.js';
import { until } from '../support/until.js';
import { freePort } from '../support/free-port.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe('the embedded broker keeps its port across a restart', () => {
  it('listens on the same port after a restart on the same data folder, and a gateway reconnects to it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-mqtt-port-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const mqttPort = await freePort();
    const args = ['--data-dir', dir, '--port', '0', '--mqtt-port', String(mqttPort), '--no-simulator', '--quiet'];

    let host = await HostProcess.start(args);
    cleanup.push(() => host.kill9());
    const first = (await host.get<Health>('/api/health')).broker;
    expect(first).toMatchObject({ embedded: true, url: `mqtt://127.0.0.1:${mqttPort}` });

    // A gateway configured once with the console's broker address, reconnecting as gateways do.
    const gateway = mqtt.connect(first.url, { clientId: 'gateway-eo01', reconnectPeriod: 200 });
    cleanup.push(() => void gateway.end(true));
    await until('the gateway to connect', () => gateway.connected);

    await host.stop();
    await until('the gateway to lose the broker', () => !gateway.connected);
    host = await HostProcess.start(args);
    expect((await host.get<Health>('/api/health')).broker.url).toBe(`mqtt://127.0.0.1:${mqttPort}`);

    await until('the gateway to reconnect by itself', () => gateway.connected);
    // The host's own subscription may land a moment after it says it is ready: keep reporting, as a device does.
    await until('its fix after the restart', async () => {
      gateway.publish('beacon/v1/units/eo01/location', JSON.stringify({ ts: Date.now(), lat: 52.5731, lon: -0.2412 }), { qos: 1 });
      return (await host.get<Unit[]>('/api/units')).find((u) => u.id === 'eo01')?.fix?.lat === 52.5731;
    });
  });

  it('says clearly that the port is taken, and what to do', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    cleanup.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const taken = (blocker.address() as net.AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-mqtt-taken-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));

    const r = spawnSync(process.execPath, [buildHost(), '--data-dir', dir, '--port', '0', '--mqtt-port', String(taken), '--no-simulator', '--quiet'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Beacon could not start: the embedded MQTT broker's port ${taken} on 127.0.0.1 is already in use`);
    expect(r.stderr).toContain('--mqtt-port N');
    // Not mistaken for the console's own HTTP port.
    expect(r.stderr).not.toMatch(/choose another with --port N/);
  });
});

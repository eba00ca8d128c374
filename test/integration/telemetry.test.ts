import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Health } from '../../shared/contract.js';
import type { Unit } from '../../shared/domain/units.js';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { until } from '../support/until.js';
import { supervisorFetch } from '../support/sessions.js';

const get = async <T>(host: ConsoleHost, p: string): Promise<T> => {
  const body = (await (await supervisorFetch(() => host)(host.url + p)).json()) as { ok: boolean; value: T };
  return body.value;
};


const unit = async (host: ConsoleHost, id: string) => (await get<Unit[]>(host, '/api/units')).find((u) => u.id === id);

function suite(name: string, brokerFor: () => { url: string | null }, skip: string | null) {
  describe.skipIf(skip !== null)(name, () => {
    let host: ConsoleHost;
    let dir: string;
    let pub: mqtt.MqttClient;
    const now = Date.now();

    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-it-'));
      host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttUrl: brokerFor().url, simulator: false, quiet: true, batchMs: 20 }));
      pub = await mqtt.connectAsync(host.brokerUrl);
    });
    afterAll(async () => {
      await pub?.endAsync();
      await host?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('shows a unit published with MQTT.js in /api/units', async () => {
      await pub.publishAsync('beacon/v1/units/pc01/location', JSON.stringify({ ts: now, lat: 52.5731, lon: -0.2411, acc: 4, hdg: 270, spd: 1.3, bat: 77 }));
      await pub.publishAsync('beacon/v1/units/pc01/status', JSON.stringify({ ts: now, status: 'busy' }));
      const u = await until('pc01 to move', async () => {
        const x = await unit(host, 'pc01');
        return x?.fix?.lat === 52.5731 && x.status === 'busy' && x;
      });
      expect(u).toMatchObject({ battery: 77, fix: { lon: -0.2411, hdg: 270 } });
    });

    it('counts malformed messages by reason and changes nothing else', async () => {
      const before = await unit(host, 'pc01');
      const h0 = await get<Health>(host, '/api/health');
      const bad: [string, string | Buffer][] = [
        ['beacon/v1/units/pc01/location', '{not json'],
        ['beacon/v1/units/pc01/location', JSON.stringify({ ts: now + 1, lat: 91, lon: 0 })],
        ['beacon/v1/units/nobody/location', JSON.stringify({ ts: now + 1, lat: 52, lon: 0 })],
        ['beacon/v1/units/pc01/location', JSON.stringify({ ts: now + 86_400_000, lat: 52, lon: 0 })],
        ['beacon/v1/units/pc01/location', Buffer.alloc(1024 * 1024, 32)],
        ['beacon/v1/units/pc01/location', JSON.stringify({ ts: now - 60_000, lat: 52.1, lon: 0 })],
        ['beacon/v1/units/pc01/teleport', JSON.stringify({ ts: now + 1 })],
      ];
      for (const [t, p] of bad) await pub.publishAsync(t, p);
      const h = await until('7 rejections', async () => {
        const x = await get<Health>(host, '/api/health');
        return x.telemetry.rejectedTotal - h0.telemetry.rejectedTotal >= 7 && x;
      });
      const d = (r: keyof Health['telemetry']['rejected']) => h.telemetry.rejected[r] - h0.telemetry.rejected[r];
      expect([d('bad_json'), d('out_of_range'), d('unknown_unit'), d('future_timestamp'), d('too_large'), d('out_of_order'), d('bad_topic')]).toEqual([1, 1, 1, 1, 1, 1, 1]);
      expect(h.telemetry.accepted).toBe(h0.telemetry.accepted);
      expect(await unit(host, 'pc01')).toEqual(before);
      expect(h.telemetry.lastRejected[0]).toMatchObject({ reason: 'bad_topic' });
      expect(h.status).not.toBe('failed');
    });

    it.skipIf(!hasMosquitto())('accepts mosquitto_pub from the command line', async () => {
      const port = new URL(host.brokerUrl).port;
      // Asynchronously: the embedded broker runs on this very event loop.
      await promisify(execFile)('mosquitto_pub', ['-h', '127.0.0.1', '-p', port, '-t', 'beacon/v1/units/eo01/location', '-m', JSON.stringify({ ts: new Date().toISOString(), lat: 52.58, lon: -0.25 })]);
      const u = await until('eo01 from mosquitto_pub', async () => (await unit(host, 'eo01'))?.fix ?? false);
      expect(u).toMatchObject({ lat: 52.58, lon: -0.25 });
    });
  });
}

let mosquitto: Mosquitto | null = null;
beforeAll(async () => {
  if (hasMosquitto()) mosquitto = await Mosquitto.start();
});
afterAll(async () => {
  await mosquitto?.stop();
});

suite('telemetry through mosquitto', () => ({ url: mosquitto!.url }), hasMosquitto() ? null : 'mosquitto is not installed (apt-get install mosquitto)');
suite('telemetry through the embedded aedes broker', () => ({ url: null }), null);
if (!hasMosquitto()) console.warn('Skipping the mosquitto suite: mosquitto is not installed (apt-get install mosquitto mosquitto-clients).');

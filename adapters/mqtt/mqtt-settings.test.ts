import { describe, expect, it } from 'vitest';
import { mqttClientOptions, reconnectDelay } from './mqtt-telemetry-source.js';

const files: Record<string, string> = { '/etc/beacon/ca.pem': 'CA', '/etc/beacon/console.pem': 'CERT', '/etc/beacon/console.key': 'KEY' };
const read = (f: string) => {
  if (!(f in files)) throw new Error('ENOENT: no such file');
  return Buffer.from(files[f]!);
};

describe('MQTT settings → MQTT.js options', () => {
  it('maps TLS files, credentials, client id and a persistent session', () => {
    const o = mqttClientOptions(
      {
        url: 'mqtts://broker.example:8883',
        topics: [],
        clientId: 'beacon-control-1',
        persistentSession: true,
        username: 'console',
        password: 's3cret',
        caFile: '/etc/beacon/ca.pem',
        certFile: '/etc/beacon/console.pem',
        keyFile: '/etc/beacon/console.key',
      },
      read,
    );
    expect(o).toMatchObject({ clientId: 'beacon-control-1', clean: false, username: 'console', password: 's3cret', rejectUnauthorized: true, resubscribe: true });
    expect(String(o.ca)).toBe('CA');
    expect(String(o.cert)).toBe('CERT');
    expect(String(o.key)).toBe('KEY');
  });

  it('defaults to a clean session with a generated client id and no TLS material', () => {
    const o = mqttClientOptions({ url: 'mqtt://127.0.0.1:1883', topics: [] }, read);
    expect(o.clean).toBe(true);
    expect(o.clientId).toMatch(/^beacon-console-/);
    expect(o.ca).toBeUndefined();
    expect(o.username).toBeUndefined();
  });

  it('says which file it cannot read and refuses half a client certificate', () => {
    expect(() => mqttClientOptions({ url: 'mqtts://x', topics: [], caFile: '/nope.pem' }, read)).toThrow(/CA file \/nope.pem/);
    expect(() => mqttClientOptions({ url: 'mqtts://x', topics: [], certFile: '/etc/beacon/console.pem' }, read)).toThrow(/both --mqtt-cert and --mqtt-key/);
    expect(() => mqttClientOptions({ url: 'mqtt://x', topics: [], persistentSession: true }, read)).toThrow(/client id/);
  });
});

describe('reconnect backoff', () => {
  it('doubles from the first wait to the ceiling', () => {
    const mid = () => 0.5; // no jitter
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => reconnectDelay(a, 1000, 30_000, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
  it('jitters by at most a fifth and never passes the ceiling', () => {
    expect(reconnectDelay(2, 1000, 30_000, () => 0)).toBe(3200);
    expect(reconnectDelay(2, 1000, 30_000, () => 1)).toBe(4800);
    expect(reconnectDelay(9, 1000, 30_000, () => 1)).toBe(30_000);
  });
});

describe('command line → MQTT.js options', () => {
  it('carries every --mqtt-* flag through to the client', async () => {
    const { parseArgs, defaultConfig } = await import('../../electron/host/config.js');
    const { mqttSettingsFor } = await import('../../electron/host/mqtt-settings.js');
    const config = parseArgs(
      [
        '--mqtt', 'mqtts://broker.example:8883',
        '--mqtt-ca', '/etc/beacon/ca.pem',
        '--mqtt-cert', '/etc/beacon/console.pem',
        '--mqtt-key', '/etc/beacon/console.key',
        '--mqtt-username', 'console',
        '--mqtt-password', 's3cret',
        '--mqtt-client-id', 'beacon-control-1',
        '--mqtt-qos', '1',
      ],
      defaultConfig(),
    );
    const settings = mqttSettingsFor(config, config.mqttUrl!, ['beacon/v1/units/+/+']);
    expect(settings).toMatchObject({ url: 'mqtts://broker.example:8883', qos: 1, persistentSession: true, clientId: 'beacon-control-1' });
    const o = mqttClientOptions(settings, read);
    expect(o).toMatchObject({ clean: false, clientId: 'beacon-control-1', username: 'console', password: 's3cret' });
    expect([String(o.ca), String(o.cert), String(o.key)]).toEqual(['CA', 'CERT', 'KEY']);
    expect(() => parseArgs(['--mqtt-qos', '2'], defaultConfig())).toThrow(/0 or 1/);
  });
});

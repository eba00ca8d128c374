import { describe, expect, it } from 'vitest';
import { defaultConfig, parseArgs } from '../../electron/host/config.js';

describe('host command line', () => {
  it('takes the documented flags', () => {
    const c = parseArgs(['--data-dir', '/tmp/x', '--port', '0', '--mqtt', 'mqtt://10.0.0.5:1883', '--no-simulator'], defaultConfig());
    expect(c).toMatchObject({ dataDir: '/tmp/x', port: 0, mqttUrl: 'mqtt://10.0.0.5:1883', simulator: false });
    expect(parseArgs(['--port=9000']).port).toBe(9000);
  });
  it('defaults to the embedded broker, the simulator and loopback', () => {
    expect(parseArgs([])).toMatchObject({ mqttUrl: null, simulator: true, host: '127.0.0.1', prefix: 'beacon/v1' });
  });
  it('runs the embedded broker on a fixed port unless told otherwise; 0 picks a free one', () => {
    expect(parseArgs([]).mqttPort).toBe(8621);
    expect(parseArgs(['--mqtt-port', '1883']).mqttPort).toBe(1883);
    expect(parseArgs(['--mqtt-port', '0']).mqttPort).toBe(0);
    expect(() => parseArgs(['--mqtt-port', '70000'])).toThrow(/--mqtt-port must be a number from 0 to 65535/);
  });
  it('takes the map detail for desks without a GPU, auto by default', () => {
    expect(parseArgs([]).mapDetail).toBeNull();
    expect(parseArgs(['--map-detail', 'auto']).mapDetail).toBeNull();
    expect(parseArgs(['--map-detail', 'full']).mapDetail).toBe('full');
    expect(parseArgs(['--map-detail', 'reduced']).mapDetail).toBe('reduced');
    expect(() => parseArgs(['--map-detail', 'high'])).toThrow(/--map-detail must be auto, full or reduced/);
  });
  it('explains bad flags', () => {
    expect(() => parseArgs(['--port', 'eighty'])).toThrow(/--port must be a number/);
    expect(() => parseArgs(['--mqtt', 'localhost'])).toThrow(/broker URL/);
    expect(() => parseArgs(['--data-dir'])).toThrow(/--data-dir needs a value/);
    expect(() => parseArgs(['--frobnicate'])).toThrow(/Unknown option --frobnicate/);
  });
  it('refuses to bind beyond loopback without an access token', () => {
    expect(() => parseArgs(['--host', '0.0.0.0'])).toThrow(/access token/);
    expect(parseArgs(['--host', '0.0.0.0', '--token', 's3cret']).token).toBe('s3cret');
  });
  it('takes names for a LAN deployment with --allowed-host, repeatable', () => {
    expect(parseArgs([]).allowedHosts).toEqual([]);
    expect(parseArgs(['--allowed-host', 'Beacon.Control-Room.lan', '--allowed-host=10.0.0.5:8620', '--allowed-host', '[fe80::1]']).allowedHosts).toEqual([
      'beacon.control-room.lan',
      '10.0.0.5:8620',
      '[fe80::1]',
    ]);
    expect(() => parseArgs(['--allowed-host', 'http://beacon.lan/'])).toThrow(/--allowed-host must be a host name/);
  });
  it('remembers where the token came from, so it can say so without printing it', () => {
    expect(parseArgs(['--token', 's3cret']).tokenSource).toBe('--token');
    process.env.BEACON_TOKEN = 'from-env';
    try {
      expect(parseArgs([])).toMatchObject({ token: 'from-env', tokenSource: 'BEACON_TOKEN' });
    } finally {
      delete process.env.BEACON_TOKEN;
    }
  });
});

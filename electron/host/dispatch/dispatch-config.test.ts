import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, parseArgs } from '../config.js';
import { defaultOpen311KeysFile } from './open311-routes.js';

describe('dispatch flags', () => {
  it('reads --ack-timeout and --open311-keys, with defaults of 60 s and the data folder', () => {
    expect(defaultConfig().ackTimeoutS).toBe(60);
    expect(defaultConfig().open311KeysFile).toBeNull();
    expect(defaultOpen311KeysFile('/data')).toBe(path.join('/data', 'open311-keys.json'));
    const c = parseArgs(['--ack-timeout', '15', '--open311-keys', 'keys.json']);
    expect(c.ackTimeoutS).toBe(15);
    expect(c.open311KeysFile).toBe(path.resolve('keys.json'));
    expect(parseArgs(['--ack-timeout=0.5']).ackTimeoutS).toBe(0.5);
    expect(parseArgs(['--link-radius', '250', '--link-window', '30'])).toMatchObject({ linkRadiusM: 250, linkWindowMin: 30 });
    expect(() => parseArgs(['--link-radius', 'far'])).toThrow(/--link-radius must be a number above 0/);
  });
  it('refuses a timeout that is not a positive number, naming the flag', () => {
    expect(() => parseArgs(['--ack-timeout', 'soon'])).toThrow(/--ack-timeout must be a number of seconds above 0, not "soon"/);
    expect(() => parseArgs(['--ack-timeout', '-5'])).toThrow(/--ack-timeout/);
  });
  it('reads numbers in flags in decimal only', () => {
    expect(() => parseArgs(['--ack-timeout', '0x3c'])).toThrow(/--ack-timeout must be a number of seconds above 0, not "0x3c"/);
    expect(() => parseArgs(['--link-radius', '1e3'])).toThrow(/--link-radius must be a number above 0/);
    expect(() => parseArgs(['--stale-after', '0b1111'])).toThrow(/--stale-after/);
    expect(() => parseArgs(['--port', '0x1F90'])).toThrow(/--port must be a number from 0 to 65535, not "0x1F90"/);
    expect(() => parseArgs(['--port', ''])).toThrow(/--port/);
    expect(parseArgs(['--port', '8080', '--stale-after', '90.5'])).toMatchObject({ port: 8080, staleAfterS: 90.5 });
  });
});

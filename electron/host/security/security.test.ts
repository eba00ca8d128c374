import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { AllowedHosts } from './hosts.js';
import { hidePasswords, withoutPassword } from '../../../shared/services/secrets.js';
import { tokensMatch } from './token.js';

describe('the names the console answers to', () => {
  it('on a loopback bind: the loopback names with the port', () => {
    const h = new AllowedHosts('127.0.0.1', 8620);
    expect(['127.0.0.1:8620', 'localhost:8620', '[::1]:8620'].map((n) => h.check(n))).toEqual(['127.0.0.1:8620', 'localhost:8620', '[::1]:8620']);
    expect(h.check('127.0.0.1')).toBeNull();
    expect(h.check('10.0.0.5:8620')).toBeNull();
    expect(h.check(undefined)).toBeNull();
  });
  it('on a wildcard bind: every address of this machine too; on an address: that address only', () => {
    const own = Object.values(os.networkInterfaces()).flat().find((a) => a?.family === 'IPv4' && !a.internal)?.address;
    const wild = new AllowedHosts('0.0.0.0', 8620);
    expect(wild.check('localhost:8620')).not.toBeNull();
    expect(wild.check('0.0.0.0:8620')).not.toBeNull();
    if (own) expect(wild.check(`${own}:8620`)).not.toBeNull();
    const lan = new AllowedHosts('10.1.2.3', 80, ['beacon.lan', 'wall.lan:9000']);
    expect(['10.1.2.3', '10.1.2.3:80', 'beacon.lan', 'beacon.lan:80', 'wall.lan:9000'].every((n) => lan.check(n))).toBe(true);
    expect(lan.check('localhost:80')).toBeNull();
    expect(lan.check('wall.lan:80')).toBeNull();
  });
});

describe('secrets', () => {
  it('keeps the broker user and drops its password', () => {
    expect(withoutPassword('mqtts://console:p%40ss@broker.lan:8883')).toBe('mqtts://console@broker.lan:8883');
    expect(withoutPassword('mqtt://127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883');
    expect(withoutPassword('wss://u:p@broker.lan/mqtt')).toBe('wss://u@broker.lan/mqtt');
    expect(hidePasswords('connect failed to mqtt://u:secret@h:1 (refused)')).toBe('connect failed to mqtt://u@h:1 (refused)');
  });
  it('compares tokens of any length', () => {
    expect(tokensMatch('abc', 'abc')).toBe(true);
    expect(tokensMatch('abcd', 'abc')).toBe(false);
    expect(tokensMatch('', 'abc')).toBe(false);
    expect(tokensMatch(null, 'abc')).toBe(false);
  });
});

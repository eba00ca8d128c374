import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IPC } from '../../shared/contract.js';
import { isTrustedSender } from '../../electron/main/window-security.js';

describe('Electron bridge', () => {
  it('the sandboxed preload uses exactly the contract IPC channels', () => {
    const src = fs.readFileSync('electron/preload/preload.ts', 'utf8');
    for (const ch of Object.values(IPC)) expect(src).toContain(`'${ch}'`);
    // A sandboxed preload can require only 'electron'; anything else fails at run time.
    const imports = [...src.matchAll(/^import (?!type).* from '([^']+)'/gm)].map((m) => m[1]);
    expect(imports).toEqual(['electron']);
  });

  it('main answers only the console page loaded from disk', () => {
    const dir = '/opt/beacon/dist/renderer';
    expect(isTrustedSender('file:///opt/beacon/dist/renderer/index.html', dir)).toBe(true);
    expect(isTrustedSender('file:///opt/beacon/dist/renderer/index.html#/incidents', dir)).toBe(true);
    expect(isTrustedSender('https://evil.example/index.html', dir)).toBe(false);
    expect(isTrustedSender('file:///tmp/other.html', dir)).toBe(false);
    expect(isTrustedSender('file:///opt/beacon/dist/renderer/index.html.evil', dir)).toBe(false);
    expect(isTrustedSender(undefined, dir)).toBe(false);
  });

  it('the window keeps the security defaults', () => {
    const src = fs.readFileSync('electron/main/main.ts', 'utf8');
    expect(src).toMatch(/contextIsolation: true/);
    expect(src).toMatch(/sandbox: true/);
    expect(src).toMatch(/nodeIntegration: false/);
    expect(src).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(src).toMatch(/will-navigate/);
  });
});

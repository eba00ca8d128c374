import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IPC } from '../../shared/contract.js';
import { consoleFile, isTrustedSender, tornOffPanel } from '../../electron/main/window-security.js';

describe('Electron bridge', () => {
  it('the sandboxed preload uses exactly the contract IPC channels', () => {
    const src = fs.readFileSync('electron/preload/preload.ts', 'utf8');
    for (const ch of Object.values(IPC)) expect(src).toContain(`'${ch}'`);
    // A sandboxed preload can require only 'electron'; anything else fails at run time.
    const imports = [...src.matchAll(/^import (?!type).* from '([^']+)'/gm)].map((m) => m[1]);
    expect(imports).toEqual(['electron']);
  });

  it('main answers only the console page on its own scheme', () => {
    expect(isTrustedSender('beacon://console/index.html')).toBe(true);
    expect(isTrustedSender('beacon://console/index.html#/incidents')).toBe(true);
    expect(isTrustedSender('https://evil.example/index.html')).toBe(false);
    expect(isTrustedSender('file:///opt/beacon/dist/renderer/index.html')).toBe(false);
    expect(isTrustedSender('beacon://consolex/index.html')).toBe(false);
    expect(isTrustedSender('not a url')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });

  it('opens a window only for a panel of the console torn off, never for anything else', () => {
    expect(tornOffPanel('beacon://console/index.html?panel=queue')).toBe('queue');
    expect(tornOffPanel('beacon://console/?panel=map&theme=light')).toBe('map');
    expect(tornOffPanel('beacon://console/index.html?panel=settings')).toBeNull();
    expect(tornOffPanel('beacon://console/index.html')).toBeNull();
    expect(tornOffPanel('https://evil.example/index.html?panel=queue')).toBeNull();
    expect(tornOffPanel('beacon://elsewhere/index.html?panel=queue')).toBeNull();
    expect(tornOffPanel('beacon://console/other.html?panel=queue')).toBeNull();
    expect(tornOffPanel('not a url')).toBeNull();
    // The video wall is a window of its own too (on another display), and nothing else by that path.
    expect(tornOffPanel('beacon://console/wall')).toBe('wall');
    expect(tornOffPanel('beacon://elsewhere/wall')).toBeNull();
    expect(tornOffPanel('beacon://console/wall/x')).toBeNull();
  });

  it('serves only files inside the built renderer', () => {
    const dir = '/opt/beacon/dist/renderer';
    expect(consoleFile('beacon://console/index.html', dir)).toBe('/opt/beacon/dist/renderer/index.html');
    expect(consoleFile('beacon://console/', dir)).toBe('/opt/beacon/dist/renderer/index.html');
    expect(consoleFile('beacon://console/basemap/roads.geojson', dir)).toBe('/opt/beacon/dist/renderer/basemap/roads.geojson');
    expect(consoleFile('beacon://console/../../etc/passwd', dir)).toBe('/opt/beacon/dist/renderer/etc/passwd');
    for (const sneaky of ['beacon://console/%2e%2e/%2e%2e/etc/passwd', 'beacon://console/..%2f..%2fetc%2fpasswd', 'beacon://console/%2F..%2F..%2Fetc/passwd']) {
      const f = consoleFile(sneaky, dir);
      expect(f === null || f.startsWith(dir + '/')).toBe(true);
    }
    expect(consoleFile('beacon://console/wall', dir)).toBe('/opt/beacon/dist/renderer/index.html');
    expect(consoleFile('beacon://other/index.html', dir)).toBeNull();
    expect(consoleFile('https://console/index.html', dir)).toBeNull();
  });

  it('the window keeps the security defaults', () => {
    const src = fs.readFileSync('electron/main/main.ts', 'utf8');
    expect(src).toMatch(/contextIsolation: true/);
    expect(src).toMatch(/sandbox: true/);
    expect(src).toMatch(/nodeIntegration: false/);
    // Only torn-off console panels open windows (tornOffPanel, tested above); anything else is denied.
    expect(src).toMatch(/if \(!panel\) return \{ action: 'deny' \}/);
    expect(src).toMatch(/will-navigate/);
  });
});

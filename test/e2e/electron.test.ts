import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';

function electronBinary(): { path: string } | { why: string } {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p };
    return { why: 'the electron package is installed but its binary is missing' };
  } catch {
    // The package's index throws when its binary was never downloaded: installed for its types only.
    return { why: 'the electron package is installed for its types, without its binary (not downloaded on this machine)' };
  }
}

const bin = electronBinary();
if ('why' in bin) console.warn(`Skipping the Electron end-to-end test: ${bin.why}. The same renderer is tested in Chromium against the headless host.`);

describe.skipIf('why' in bin)('Electron shell', () => {
  it('opens the console window with a sandboxed, isolated renderer that reaches the host through the bridge', async () => {
    const { spawnSync } = await import('node:child_process');
    spawnSync(process.execPath, ['scripts/build-electron.mjs'], { stdio: 'inherit' });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-electron-'));
    const app = await electron.launch({
      executablePath: (bin as { path: string }).path,
      args: ['dist-electron/main.mjs', '--data-dir', dataDir, '--port', '0', '--mqtt-port', '0', '--no-simulator'],
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      const health = await page.evaluate(() => (window as unknown as { beacon: { call(n: string, i: unknown): Promise<{ ok: boolean }> } }).beacon.call('getHealth', {}));
      expect(health.ok).toBe(true);
      const bad = await page.evaluate(() => (window as unknown as { beacon: { call(n: string, i: unknown): Promise<{ ok: boolean; error: string }> } }).beacon.call('createIncident', { category: 'nope' }));
      expect(bad.ok).toBe(false);
      await page.screenshot({ path: 'test-results/electron.png' });
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

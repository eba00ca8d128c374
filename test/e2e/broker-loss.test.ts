import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHost } from '../../electron/host/console-host.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { type Browser, browserUnavailable, ensureRendererBuilt, fetchAs, launchBrowser, openConsole, signInBrowser, startHost, tempDir } from './support/console.js';
import { expectContainsText, expectCount } from './support/expect.js';

const skip = browserUnavailable() ?? (hasMosquitto() ? null : 'mosquitto is not installed: the broker-loss test stops and restarts a real broker');
if (skip) console.warn(`Skipping the broker-loss e2e test: ${skip}`);

describe.skipIf(!!skip)('losing the broker, in Chromium', () => {
  let broker: Mosquitto;
  let host: ConsoleHost;
  const signedIn = { token: '' };
  const fetch = fetchAs(signedIn);
  let browser: Browser;
  const dataDir = tempDir('beacon-e2e-broker-loss-');

  beforeAll(async () => {
    ensureRendererBuilt();
    broker = await Mosquitto.start(undefined, { persistence: true });
    host = await startHost({ dataDir, mqttUrl: broker.url });
    browser = await launchBrowser();
    signedIn.token = (await signInBrowser(browser.context, host.url)).token;
  });
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await broker?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('says so across the screen, and an allocation made meanwhile is shown queued, then sent', async () => {
    const { page } = browser;
    await openConsole(page, host.url);
    const r = await fetch(`${host.url}/api/incidents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'disorder', location: { lat: 52.5738, lon: -0.2463 } }),
    });
    const inc = ((await r.json()) as { value: Incident }).value;
    await expectCount(page.locator('[data-testid="broker-loss"]'), 0);

    await broker.stop();
    const banner = page.locator('[data-testid="broker-loss"]');
    await expectContainsText(banner, 'positions and emergency buttons are NOT arriving', 20_000);

    // The dispatcher allocates by keyboard meanwhile: kept, and shown as not yet sent.
    await page.locator('body').press('Escape');
    await page.keyboard.press('q');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('a');
    await page.keyboard.type('pc01');
    await page.keyboard.press('Enter');
    const assignment = page.locator('.incident-view [data-assignment="pc01"]');
    await expectContainsText(assignment, 'queued, not yet sent');
    expect(host.service.incident(inc.id)!.allocations.map((a) => a.unitId)).toEqual(['pc01']);

    await broker.resume();
    await expectCount(banner, 0, 30_000);
    await expectContainsText(assignment, 'sent, awaiting acknowledgement');
  });
});

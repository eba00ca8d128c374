import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents.js';
import { browserUnavailable, openConsole, useConsoleSession } from './support/console.js';
import { expectAttribute, expectCount } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the tear-off e2e test: ${skip}`);

describe.skipIf(!!skip)('panels torn off into windows of their own, in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-tear-off-');

  it('tears the queue off; choosing an incident there shows it in the main window; the desk remembers; closing puts it back', async () => {
    const { page, context } = s.browser;
    await openConsole(page, s.host.url);
    const created = await s.host.handlers.createIncident({ category: 'graffiti', location: { lat: 52.5726, lon: -0.2421 }, description: 'Tag on the bridge', operator: 'd' });
    if (!created.ok) throw new Error(created.error);
    const inc: Incident = created.value;
    await expectCount(page.locator(`.queue-row[data-incident-id="${inc.id}"]`), 1);

    // Alt+Shift+Q: the queue goes to a window of its own (another monitor), the main window says where.
    const popupOpened = context.waitForEvent('page');
    await page.keyboard.press('Alt+Shift+Q');
    const queueWindow = await popupOpened;
    expect(new URL(queueWindow.url()).searchParams.get('panel')).toBe('queue');
    await expectCount(page.locator('.torn-off[data-torn-off="queue"]'), 1);
    await expectCount(page.locator('#incident-queue'), 0);
    const row = queueWindow.locator(`.queue-row[data-incident-id="${inc.id}"]`);
    await expectCount(row, 1, 30_000);
    expect(await queueWindow.title()).toBe('Incident queue · Beacon');

    // Choose the incident in the torn-off queue, by keyboard: the main window shows it.
    await queueWindow.keyboard.press('q');
    await queueWindow.keyboard.press('ArrowDown');
    await expectAttribute(row, 'aria-selected', 'true');
    await expectAttribute(page.locator('.incident-view'), 'data-incident-id', inc.id);
    await expectAttribute(page.locator('.incident-view'), 'aria-label', `Incident ${inc.ref}`);

    // The desk remembers: a reload of the main window keeps the queue in its own window.
    await page.reload();
    await expectCount(page.locator('.torn-off[data-torn-off="queue"]'), 1, 30_000);
    expect(await page.evaluate(() => localStorage.getItem('beacon.workspace.tornOff'))).toBe('["queue"]');

    // Closing the queue's window puts the queue back in the main window.
    const closed = queueWindow.waitForEvent('close');
    // The window closes under the click: that is the point, not a failure.
    await queueWindow
      .getByRole('button', { name: /Put back in the main window/ })
      .click()
      .catch((e: unknown) => {
        if (!queueWindow.isClosed()) throw e;
      });
    await closed;
    await expectCount(page.locator('#incident-queue'), 1);
    await expectCount(page.locator('.torn-off'), 0);
    expect(await page.evaluate(() => localStorage.getItem('beacon.workspace.tornOff'))).toBe('[]');
  });

  it('draws each panel on its own in a window of its own: map, incident, units, alarms', async () => {
    const { context } = s.browser;
    const page = await context.newPage();
    try {
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto(`${s.host.url}/?panel=map`);
      await page.waitForFunction(() => !!window.__beaconMap?.isStyleLoaded(), null, { timeout: 60_000 });
      const canvas = await page.locator('.map canvas').boundingBox();
      expect(canvas!.width).toBeGreaterThan(1200);
      expect(canvas!.height).toBeGreaterThan(600);
      await expectCount(page.locator('.status-bar, #incident-queue'), 0);
      fs.mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: path.join('test-results', 'torn-off-map.png') });

      await page.goto(`${s.host.url}/?panel=units`);
      await expectCount(page.locator('#unit-board'), 1, 30_000);
      await page.goto(`${s.host.url}/?panel=alarms`);
      await expectCount(page.locator('.panel-window-alarms .empty', { hasText: 'No open alarm.' }), 1, 30_000);
      expect((await s.host.handlers.raiseEmergency({ id: 'pc01', operator: 'd' })).ok).toBe(true);
      await expectCount(page.locator('.alarm[data-unit-id="pc01"]'), 1);
      await page.goto(`${s.host.url}/?panel=incident`);
      await expectCount(page.locator('.panel-window-incident .empty', { hasText: 'Select an incident' }), 1, 30_000);
    } finally {
      await page.close();
    }
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHost } from '../../electron/host/console-host.js';
import { type Browser, browserUnavailable, connectMqtt, ensureRendererBuilt, launchBrowser, openConsole, publishFix, startHost, tempDir } from './support/console.js';
import { eventually, expectCount, expectFocused } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the layout e2e test: ${skip}`);

const SIZES = [
  [1920, 1080],
  [1600, 900],
  [1280, 720],
] as const;
const SPOT = { lat: 52.5738, lon: -0.2463 };

/** Whether each element is on screen, inside the window, and the topmost thing at its centre (nothing over it). */
async function unobstructed(page: Browser['page'], selectors: string[]) {
  return page.evaluate((sels) => {
    const out: Record<string, string> = {};
    for (const sel of sels) {
      const el = document.querySelector<HTMLElement>(sel);
      if (!el) {
        out[sel] = 'missing';
        continue;
      }
      el.scrollIntoView({ block: 'nearest' });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      const top = document.elementFromPoint(x, y);
      const inWindow = r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5;
      out[sel] = !inWindow ? `outside the window (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)})` : top && (top === el || el.contains(top)) ? 'ok' : `covered by ${top?.className || top?.tagName}`;
    }
    return out;
  }, selectors);
}

/** Panels that spill over the next one: a section whose content runs past its own box, or into its neighbour. */
async function overlaps(page: Browser['page']) {
  return page.evaluate(() => {
    const bad: string[] = [];
    const name = (el: Element) => (el as HTMLElement).className.split(' ').slice(0, 2).join('.');
    for (const pane of document.querySelectorAll('.side-pane')) {
      const kids = [...pane.children].filter((k) => (k as HTMLElement).offsetHeight > 0);
      for (let i = 1; i < kids.length; i++) {
        const a = kids[i - 1]!.getBoundingClientRect();
        const b = kids[i]!.getBoundingClientRect();
        if (a.bottom > b.top + 1) bad.push(`${name(kids[i - 1]!)} runs into ${name(kids[i]!)}`);
      }
      for (const list of pane.querySelectorAll('.queue-rows, .board-rows')) {
        const box = list.closest('section')!.getBoundingClientRect();
        const r = list.getBoundingClientRect();
        if (r.bottom > box.bottom + 1) bad.push(`${name(list)} runs past its panel`);
      }
    }
    return bad;
  });
}

describe.skipIf(!!skip)('the workspace at control-room screen sizes', () => {
  let host: ConsoleHost;
  const dataDir = tempDir('beacon-e2e-layout-');
  beforeAll(async () => {
    ensureRendererBuilt();
    host = await startHost({ dataDir });
    // Officers on duty near the incidents, so each can have one allocated.
    const gateway = await connectMqtt(host.brokerUrl);
    const officers = ['pc01', 'pc02', 'pc03', 'eo01', 'eo02', 'cs01', 'cs02'];
    for (const [k, id] of officers.entries()) await publishFix(gateway, id, { lat: SPOT.lat - 0.001 - k * 0.0003, lon: SPOT.lon + 0.001 });
    await gateway.endAsync();
    const busy = new Set<string>();
    for (const [i, category] of (['disorder', 'graffiti', 'fly_tipping', 'needs_police'] as const).entries()) {
      const r = await host.handlers.createIncident({
        category,
        location: { lat: SPOT.lat + i * 0.001, lon: SPOT.lon },
        address: 'Bridge Street, Central Ward (searched "bridge st")',
        description: 'A caller’s account long enough to wrap onto a second line in the queue',
        operator: 'dispatcher',
      });
      if (!r.ok) throw new Error(r.error);
      // An incident as a dispatcher sees it mid-shift: more reports, notes, an officer on it.
      const id = r.value.id;
      await host.handlers.linkReport({ id, description: 'Second caller: the same, seen from the bus stop opposite', operator: 'dispatcher' });
      await host.handlers.addIncidentNote({ id, text: 'Caller rang back: the group has moved towards the river', operator: 'dispatcher' });
      for (const unitId of officers.filter((o) => !busy.has(o)))
        if ((await host.handlers.allocateUnit({ id, unitId, operator: 'dispatcher' })).ok) {
          busy.add(unitId);
          break;
        }
    }
  });
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [width, height] of SIZES) {
    it(`${width}×${height}: no form clipped, nothing over a button, the selected row in view`, async () => {
      const browser = await launchBrowser({ width, height });
      try {
        const { page } = browser;
        await openConsole(page, host.url);
        await page.locator('body').press('Escape');
        await page.keyboard.press('q');
        for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
        // The log is read from the journal: received, the second report, the note, the allocation.
        await page.locator('.incident-view [data-field="log"] li').nth(3).waitFor();
        const checks = [
          '.queue-row.selected',
          '.incident-view h2',
          '.incident-view [data-field="log"] li:last-child',
          '.unit-board .panel-head',
          '.board-row',
          '.replay-panel .panel-head',
          '.status-bar .clock',
          'button.primary',
        ];
        expect(await unobstructed(page, checks)).toEqual(Object.fromEntries(checks.map((c) => [c, 'ok'])));
        expect(await overlaps(page)).toEqual([]);
        fs.mkdirSync('test-results', { recursive: true });
        await page.screenshot({ path: path.join('test-results', `layout-${width}x${height}-queue.png`) });

        await page.keyboard.press('n');
        await expectFocused(page, '#new-incident-category');
        const form = ['#new-incident-category', '#new-incident-priority', '#new-incident-where', '#new-incident-description', '.new-incident button[type="submit"]'];
        expect(await unobstructed(page, form)).toEqual(Object.fromEntries(form.map((c) => [c, 'ok'])));
        expect(await overlaps(page)).toEqual([]);
        await page.screenshot({ path: path.join('test-results', `layout-${width}x${height}-new-incident.png`) });
        await page.keyboard.press('Escape');

        await page.keyboard.press('q');
        await page.keyboard.press('a');
        await expectFocused(page, '#allocate-search');
        const alloc = ['#allocate-search', '.allocate-rows li.selected'];
        await expectCount(page.locator('.allocate-rows li.selected'), 1);
        expect(await unobstructed(page, alloc)).toEqual(Object.fromEntries(alloc.map((c) => [c, 'ok'])));
        await page.screenshot({ path: path.join('test-results', `layout-${width}x${height}-allocate.png`) });
        await page.keyboard.press('Escape');
      } finally {
        await browser.close();
      }
    });
  }

  it('scrolls the selected row into view however it was chosen: a new call in a long queue', async () => {
    const browser = await launchBrowser({ width: 1280, height: 720 });
    try {
      const { page } = browser;
      await openConsole(page, host.url);
      await page.locator('body').press('Escape');
      await page.keyboard.press('n');
      await page.keyboard.type('Littering');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.type(`${SPOT.lat}, ${SPOT.lon}`);
      await page.keyboard.press('Tab');
      await page.keyboard.type('Cans thrown from a car');
      await page.keyboard.press('Enter');
      await expectCount(page.locator('.queue-row.selected', { hasText: 'Littering' }), 1);
      await eventually(async () => {
        const inView = await page.evaluate(() => {
          const row = document.querySelector('.queue-row.selected')!.getBoundingClientRect();
          const list = document.querySelector('.queue-rows')!.getBoundingClientRect();
          return row.top >= list.top - 1 && row.bottom <= list.bottom + 1;
        });
        expect(inView).toBe(true);
      });
    } finally {
      await browser.close();
    }
  });

  it('keeps the panel sizes a dispatcher sets, per desk, across a reload', async () => {
    const browser = await launchBrowser({ width: 1600, height: 900 });
    try {
      const { page } = browser;
      await openConsole(page, host.url);
      const sideWidth = () => page.locator('.side-column').evaluate((el) => Math.round(el.getBoundingClientRect().width));
      const before = await sideWidth();
      // The divider takes the keyboard: arrows move it.
      await page.locator('.divider.vertical').focus();
      for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
      await eventually(async () => expect(await sideWidth()).toBeGreaterThan(before + 50));
      const widened = await sideWidth();
      await page.waitForTimeout(300);
      await openConsole(page, host.url);
      await eventually(async () => expect(Math.abs((await sideWidth()) - widened)).toBeLessThanOrEqual(2));
    } finally {
      await browser.close();
    }
  });
});


import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Browser, browserUnavailable, useConsoleSession, openConsole, publishFix, renderedFeatures, startHost, UNIT_MARKERS, waitForRenderedFeature } from './support/console.js';
import { eventually, expectAttribute, expectContainsText, expectCount, expectFocused, expectText, expectValue } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the console e2e test: ${skip}`);

const CENTRE = { lat: 52.5725, lon: -0.2425 };

async function clickOnMap(page: Browser['page'], at: { lat: number; lon: number }) {
  const box = (await page.locator('.map canvas').boundingBox())!;
  const p = await page.evaluate(([lat, lon]) => window.__beaconMap!.project([lon!, lat!]), [at.lat, at.lon]);
  await page.mouse.click(box.x + p.x, box.y + p.y);
}

describe.skipIf(!!skip)('dispatcher console in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-console-');

  it('loads, shows live units on the board and the map, marks a stale one, and keeps an allocated incident across a restart', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);
    await expectText(page.locator('[data-status="broker"]'), /connected/);
    await expectText(page.locator('[data-status="journal"]'), /healthy/);

    // Units report over MQTT: two live with headings, one whose last fix is ten minutes old.
    await publishFix(s.mqtt, 'pc01', { lat: CENTRE.lat + 0.002, lon: CENTRE.lon, hdg: 90, bat: 81 });
    await publishFix(s.mqtt, 'cs01', { lat: CENTRE.lat - 0.002, lon: CENTRE.lon + 0.003, hdg: 200 });
    await publishFix(s.mqtt, 'ce01', { lat: CENTRE.lat, lon: CENTRE.lon - 0.004, ts: Date.now() - 10 * 60_000 });

    // At city zoom units are status-coloured dots; agency icons take over at street zoom.
    const pc01 = await waitForRenderedFeature(page, 'units-dot', 'pc01');
    expect(pc01).toMatchObject({ callsign: 'PC01', agency: 'police', status: 'available', stale: false });
    await waitForRenderedFeature(page, UNIT_MARKERS, 'cs01', (p) => p.agency === 'pcso');
    const stale = await waitForRenderedFeature(page, UNIT_MARKERS, 'ce01');
    expect(stale.stale).toBe(true);
    // Heading arrows are drawn at street zoom for live units that sent one, never for stale ones.
    await page.evaluate(() => window.__beaconMap!.jumpTo({ zoom: 14 }));
    await waitForRenderedFeature(page, 'units-icon', 'cs01', (p) => p.icon === 'unit-pcso-available');
    await eventually(async () => {
      const arrows = (await renderedFeatures(page, 'units-heading')).map((p) => p.id);
      expect(arrows).toEqual(expect.arrayContaining(['pc01', 'cs01']));
      expect(arrows).not.toContain('ce01');
    });

    // The unit board: search with "/", arrow onto the row, the card opens and the map flies there.
    await page.locator('body').press('Escape');
    await page.keyboard.press('/');
    await expectFocused(page, '#unit-search');
    await page.keyboard.type('pc01');
    await expectCount(page.locator('.board-row'), 1);
    await page.keyboard.press('ArrowDown');
    await expectFocused(page, '#unit-board');
    await expectText(page.locator('.unit-card h2'), 'PC01');
    await expectContainsText(page.locator('.unit-card'), '81 %');
    await expectContainsText(page.locator('.unit-card'), 'Power of arrest');
    await page.waitForFunction(([lat, lon]) => {
      const c = window.__beaconMap!.getCenter();
      return Math.abs(c.lat - lat!) < 1e-3 && Math.abs(c.lng - lon!) < 1e-3;
    }, [CENTRE.lat + 0.002, CENTRE.lon]);
    await page.locator('#unit-search').fill('');
    await page.locator('#unit-search').press('Escape');

    // Clicking a unit on the map opens its card; the stale one says so.
    await page.evaluate(() => document.getElementById('unit-board')!.focus());
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.__beaconMap!.jumpTo({ zoom: 15 }));
    await clickOnMap(page, { lat: CENTRE.lat, lon: CENTRE.lon - 0.004 });
    await expectText(page.locator('.unit-card h2'), 'CE01');
    await expectContainsText(page.locator('.unit-card [data-field="fix-age"]'), 'stale');
    await page.keyboard.press('Escape');
    await expectCount(page.locator('.unit-card'), 0);

    // The host's settings reach the console (no --map-style: the bundled basemap).
    const settings = await page.evaluate(async () => (await fetch('api/settings')).json());
    expect(settings).toEqual({ ok: true, value: { mapStyleUrl: null, staleAfterS: 120, mapDetail: null } });

    // A new incident, entirely from the keyboard.
    await page.locator('#incident-queue').focus();
    await page.keyboard.press('n');
    await expectFocused(page, '#new-incident-category');
    await page.keyboard.type('Graf'); // type-ahead in the category list
    await expectValue(page.locator('#new-incident-category'), 'graffiti');
    await page.keyboard.press('Tab'); // priority: keep the default
    await page.keyboard.press('Tab');
    await expectFocused(page, '#new-incident-where');
    // Alt+M then a click on the map fills the location; typing over it works too.
    await page.keyboard.press('Alt+m');
    await clickOnMap(page, { lat: CENTRE.lat - 0.003, lon: CENTRE.lon + 0.002 });
    await eventually(async () => {
      const [lat, lon] = (await page.locator('#new-incident-where').inputValue()).split(',').map(Number);
      expect(Math.abs(lat! - (CENTRE.lat - 0.003))).toBeLessThan(1e-4); // one pixel at zoom 15 is ~3e-6°
      expect(Math.abs(lon! - (CENTRE.lon + 0.002))).toBeLessThan(1e-4);
    });
    await waitForRenderedFeature(page, 'incidents-draft', 'draft');
    await page.locator('#new-incident-where').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type(`${CENTRE.lat + 0.001}, ${CENTRE.lon - 0.001}`);
    await page.keyboard.press('Tab'); // straight on to the description: the map pick is Alt+M
    await page.keyboard.type('Tag on the underpass wall');
    await page.keyboard.press('Enter');

    const row = page.locator('.queue-row', { hasText: 'Graffiti' });
    await expectCount(row, 1);
    await expectContainsText(row, 'Received');
    await expectFocused(page, '#incident-queue');
    const incidentId = (await row.getAttribute('data-incident-id'))!;
    await waitForRenderedFeature(page, 'incidents-circle', incidentId, (p) => p.priority === 4);
    // The age ticks.
    const age1 = await row.locator('.age').textContent();
    await page.waitForTimeout(2100);
    expect(await row.locator('.age').textContent()).not.toBe(age1);

    // Allocate with A: the dialog lists PC01 first (available and nearest); Enter allocates.
    await page.keyboard.press('a');
    await expectFocused(page, '#allocate-search');
    await expectAttribute(page.locator('.allocate-rows li').first(), 'data-unit-id', 'pc01');
    await page.keyboard.press('Enter');
    await expectContainsText(row, 'Allocated');
    await expectText(row.locator('.alloc'), 'PC01');
    await expectFocused(page, '#incident-queue');
    // The unit's status follows, on the board and on the map.
    await page.locator('#unit-search').fill('pc01');
    await expectText(page.locator('.board-row[data-unit-id="pc01"] .col-status'), 'En route');
    await waitForRenderedFeature(page, UNIT_MARKERS, 'pc01', (p) => p.status === 'en_route');
    await page.locator('#unit-search').fill('');

    fs.mkdirSync('test-results', { recursive: true });
    await page.locator('#incident-queue').focus();
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.__beaconMap!.jumpTo({ zoom: 14.2 }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join('test-results', 'console.png') });
    // T switches to the light theme (and back): same console, daylight colours.
    await page.keyboard.press('t');
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join('test-results', 'console-light.png') });
    await page.keyboard.press('t');

    // Restart the host on the same data folder: the incident and its allocation are still there.
    await s.host.stop();
    await expectText(page.locator('[data-status="link"]'), /lost|connecting/, 10_000);
    s.host = await startHost({ dataDir: s.dataDir });
    await openConsole(page, s.host.url);
    const again = page.locator(`.queue-row[data-incident-id="${incidentId}"]`);
    await expectContainsText(again, 'Graffiti');
    await expectContainsText(again, 'Allocated');
    await expectText(again.locator('.alloc'), 'PC01');
    await waitForRenderedFeature(page, 'incidents-circle', incidentId);
  });
});

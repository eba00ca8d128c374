import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, type ConsoleHost } from '../../electron/host/console-host.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES, REAL_WARDS } from '../support/mapdata.js';
import { type Browser, browserUnavailable, ensureRendererBuilt, launchBrowser, openConsole, startHost, tempDir } from './support/console.js';
import { expectContainsText, expectFocused } from './support/expect.js';

const skip = browserUnavailable() ?? (hasMapData ? null : 'the real map data is not at ../shared/mapdata');
if (skip) console.warn(`Skipping the map import e2e test: ${skip}`);

describe.skipIf(!!skip)('importing a map from the console, in Chromium', () => {
  let dataDir: string;
  let host: ConsoleHost;
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    dataDir = tempDir('beacon-e2e-map-import-');
    host = await startHost({ dataDir });
    browser = await launchBrowser({ width: 1280, height: 800 });
  });
  afterAll(async () => {
    if (process.env.E2E_DEBUG) console.log(browser?.log.join('\n'));
    await browser?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a supervisor gives the files, sees a bad one refused with its line, then imports and the map switches', async () => {
    const { page } = browser;
    await openConsole(page, host.url);
    const streetStyle = () => page.evaluate(() => !!window.__beaconMap?.getLayer('road-name-minor'));
    expect(await streetStyle()).toBe(false);

    await page.keyboard.press('Alt+I');
    const dialog = page.getByRole('dialog', { name: 'Map data' });
    await expectFocused(page, '#map-data-tiles');
    await page.keyboard.type(REAL_TILES);
    const bad = path.join(dataDir, 'pe-bad.csv');
    fs.writeFileSync(bad, '"PE1 1HA",10,519240,298462,"E92000001","E19000001","E18000006","","E06000031","E05010807"\n"PE1 1HB",10,east,298462,"E92000001","E19000001","E18000006","","E06000031","E05010807"\n');
    await page.locator('#map-data-postcodes').fill(bad);
    await page.keyboard.press('Enter');
    await expectContainsText(dialog.getByRole('alert'), `Refused: ${bad} line 2: easting "east" is not a number. The previous map stays in use.`, 60_000);
    expect(await streetStyle()).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'map.mbtiles'))).toBe(false);

    await page.locator('#map-data-postcodes').fill(REAL_POSTCODES);
    await page.locator('#map-data-wards').fill(REAL_WARDS);
    await page.locator('#map-data-postcodes').press('Enter');
    const progress = dialog.getByRole('log', { name: 'Import progress' });
    await expectContainsText(progress, 'Tiles: 500 checked and copied…', 60_000);
    await expectContainsText(dialog, 'Imported: the map and place search use the new data.', 60_000);
    await expectContainsText(progress, 'Postcodes: 25,000 lines read…');
    // The map redraws from the imported tiles, and search finds the new places.
    await page.waitForFunction(() => !!window.__beaconMap?.getLayer('road-name-minor') && window.__beaconMap.isStyleLoaded(), null, { timeout: 60_000 });
    fs.mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'map-import-dialog.png') });
    await page.keyboard.press('Escape');
    await expectContainsText(page.locator('.map-data-open'), 'Map data');
    await page.keyboard.press('w');
    await page.keyboard.type('pe11ha');
    await expectContainsText(page.getByRole('listbox', { name: 'Places found' }).getByRole('option').first(), 'PE1 1HA');
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'map-import.png') });
  }, 180_000);
});

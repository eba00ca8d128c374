import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMap } from '../../adapters/map-import/import-map.js';
import { REPO_ROOT, type ConsoleHost } from '../../electron/host/console-host.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES, REAL_WARDS } from '../support/mapdata.js';
import {
  type Browser,
  browserUnavailable,
  connectMqtt,
  ensureRendererBuilt,
  fetchAs,
  launchBrowser,
  signInBrowser,
  openConsole,
  publishFix,
  renderedFeatures,
  startHost,
  tempDir,
  UNIT_MARKERS,
} from './support/console.js';
import { eventually, expectContainsText, expectFocused, expectValue } from './support/expect.js';

const skip = browserUnavailable() ?? (hasMapData ? null : 'the real map data is not at ../shared/mapdata');
if (skip) console.warn(`Skipping the places e2e test: ${skip}`);

const SHOTS = path.join(REPO_ROOT, 'test-results');

describe.skipIf(!!skip)('the real street map and place search in Chromium', () => {
  let dataDir: string;
  let host: ConsoleHost;
  const signedIn = { token: '' };
  const fetch = fetchAs(signedIn);
  let browser: Browser;

  beforeAll(async () => {
    ensureRendererBuilt();
    dataDir = tempDir('beacon-e2e-places-');
    await importMap({ tiles: REAL_TILES, postcodes: REAL_POSTCODES, wards: REAL_WARDS, dataDir });
    host = await startHost({ dataDir });
    browser = await launchBrowser({ width: 1280, height: 720 });
    signedIn.token = (await signInBrowser(browser.context, host.url)).token;
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    if (process.env.E2E_DEBUG) console.log(browser?.log.join('\n'));
    await browser?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Waits until the imported street style (not the schematic) is on screen and idle. */
  const streetMapIdle = async () => {
    await browser.page.waitForFunction(() => !!window.__beaconMap?.getLayer('road-name-minor') && window.__beaconMap.isStyleLoaded(), null, { timeout: 60_000 });
    await browser.page.evaluate(() => new Promise<void>((resolve) => (window.__beaconMap!.loaded() ? resolve() : window.__beaconMap!.once('idle', () => resolve()))));
  };

  it('a dispatcher types a postcode, then a street, picks it, and creates the incident there', async () => {
    const { page } = browser;
    await openConsole(page, host.url);
    await streetMapIdle();
    await page.keyboard.press('n');
    const where = page.locator('#new-incident-where');
    await where.focus();
    await where.pressSequentially('pe11ha');
    const options = page.getByRole('listbox', { name: 'Places found' }).getByRole('option');
    await expectContainsText(options.first(), 'PE1 1HA');
    await expectContainsText(options.first(), 'Central Ward');

    await where.fill('');
    await where.pressSequentially('bridge st');
    await expectContainsText(options.first(), 'Bridge Street');
    await expectContainsText(options.first(), 'street');
    await expectContainsText(options.first(), 'Central Ward');
    // Both Bridge Streets are offered, the one by the map's centre first.
    await eventually(async () => expect(await page.getByRole('option', { name: /^Bridge Street/ }).count()).toBeGreaterThanOrEqual(2));
    await page.keyboard.press('Enter');
    await expectValue(where, '52.57119, -0.24247');
    await expectContainsText(page.locator('.place-chosen'), 'Bridge Street, Central Ward (searched "bridge st")');
    await page.locator('#new-incident-description').fill('Shoplifter detained by store security');
    await page.keyboard.press('Enter');

    await eventually(async () => {
      const r = (await (await fetch(`${host.url}/api/incidents`)).json()) as { value: Incident[] };
      expect(r.value).toHaveLength(1);
      expect(r.value[0]).toMatchObject({ location: { lat: 52.57119, lon: -0.24247 }, address: 'Bridge Street, Central Ward (searched "bridge st")', sector: expect.any(String) });
    });
    await expectFocused(page, '#incident-queue');
  });

  it('G goes to a place; the street map is drawn at street level with names, buildings, units and its credits', async () => {
    const { page } = browser;
    // Officers on foot round the incident: they must stay readable over the busier map.
    const mqtt = await connectMqtt(host.brokerUrl);
    const around: [string, number, number][] = [['pc01', 52.5716, -0.2431], ['cs01', 52.5722, -0.2418], ['ce01', 52.5708, -0.2416], ['eo05', 52.5705, -0.244]];
    for (const [id, lat, lon] of around) await publishFix(mqtt, id, { lat, lon, hdg: 90 });
    await mqtt.endAsync();

    await page.keyboard.press('w');
    await expectFocused(page, '#go-to-place');
    await page.keyboard.type('bridge st');
    await expectContainsText(page.getByRole('listbox', { name: 'Places found' }).getByRole('option').first(), 'Bridge Street');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window.__beaconMap?.getZoom() ?? 0) >= 16.9 && !window.__beaconMap?.isMoving(), null, { timeout: 20_000 });
    await streetMapIdle();

    const streets = new Set((await renderedFeatures(page, ['road-name-minor', 'road-name-major'])).map((p) => p['name:latin']));
    // Street names round Bridge Street, read from name:latin and drawn in the host's own font.
    expect(streets.size).toBeGreaterThanOrEqual(5);
    expect([...streets]).toEqual(expect.arrayContaining(['Priestgate', 'Bourges Boulevard']));
    expect((await renderedFeatures(page, 'building')).length).toBeGreaterThan(20);
    await eventually(async () => expect((await renderedFeatures(page, 'incidents-circle')).length).toBe(1));
    await eventually(async () => expect([...new Set((await renderedFeatures(page, UNIT_MARKERS)).map((p) => String(p.id)))].sort()).toEqual(['ce01', 'cs01', 'eo05', 'pc01']), 5000).catch(async (e: unknown) => {
      await page.screenshot({ path: path.join(SHOTS, 'places-units-missing.png') });
      throw e;
    });
    await expectContainsText(page.locator('.maplibregl-ctrl-attrib'), '© OpenStreetMap contributors, © OpenMapTiles');
    await expectContainsText(page.locator('.maplibregl-ctrl-attrib'), 'Contains OS data © Crown copyright');
    expect(browser.log.filter((l) => /pageerror|http [45]\d\d/.test(l))).toEqual([]);
    await page.locator('#go-to-place').blur();
    await page.screenshot({ path: path.join(SHOTS, 'places-street-1280x720-dark.png') });

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.keyboard.press('t');
    await eventually(async () => expect(await page.evaluate(() => window.__beaconMap!.getPaintProperty('land', 'background-color'))).toBe('#efece6'));
    await streetMapIdle();
    await page.screenshot({ path: path.join(SHOTS, 'places-street-1920x1080-light.png') });
  });

  it('allocating the nearest officer draws their way in along the streets', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.locator('.queue-row').first().click();
    await page.locator('#incident-queue').focus();
    await page.keyboard.press('a');
    await expectFocused(page, '#allocate-search');
    await page.keyboard.press('Enter');
    await expectContainsText(page.locator('.queue-row').first(), 'Allocated');
    const [incident] = ((await (await fetch(`${host.url}/api/incidents`)).json()) as { value: Incident[] }).value;
    const unit = incident!.allocations[0]!.unitId;
    await page.evaluate(() => window.__beaconMap!.jumpTo({ center: [-0.2425, 52.5715], zoom: 16.5 }));
    await streetMapIdle();
    const routes = await eventually(async () => {
      const found = await renderedFeatures(page, 'routes-roads');
      expect(found.map((p) => p.id)).toContain(unit);
      return found;
    }, 10_000);
    // The pointer says a unit is under it: the units layer is hit-tested on screen.
    const box = (await page.locator('.map canvas').boundingBox())!;
    const cs01 = await page.evaluate(() => window.__beaconMap!.project([-0.2418, 52.5722]));
    const cursor = () => page.evaluate(() => window.__beaconMap!.getCanvas().style.cursor);
    await page.mouse.move(box.x + cs01.x, box.y + cs01.y);
    await eventually(async () => expect(await cursor()).toBe('pointer'));
    await page.mouse.move(box.x + cs01.x + 80, box.y + cs01.y + 40);
    await eventually(async () => expect(await cursor()).toBe(''));
    expect(routes[0]!.label).toMatch(/^[A-Z]{2}\d{2} · \d+ (s|min)$/);
    await page.screenshot({ path: path.join(SHOTS, 'places-route-1280x720.png') });
  });
});

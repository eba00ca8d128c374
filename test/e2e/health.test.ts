import { describe, expect, it } from 'vitest';
import { browserUnavailable, openConsole, useConsoleSession } from './support/console.js';
import { expectContainsText, expectCount } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the health view e2e test: ${skip}`);

describe.skipIf(!!skip)('health view in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-health-', {}, undefined, { width: 1400, height: 900 });

  it('shows why telemetry was rejected, by reason, with the latest samples', async () => {
    const { page } = s.browser;
    const { mqtt } = s;
    await openConsole(page, s.host.url);
    await mqtt.publishAsync('beacon/v1/units/pc01/location', '{"ts": oops');
    await mqtt.publishAsync('beacon/v1/units/pc01/location', JSON.stringify({ ts: Date.now(), lat: 91, lon: 0 }));
    await mqtt.publishAsync('beacon/v1/units/ghost/location', JSON.stringify({ ts: Date.now(), lat: 52.5, lon: -0.2 }));
    await expectContainsText(page.locator('[data-status="rejected"]'), 'Rejected telemetry: 3');
    await page.keyboard.press('h');
    const panel = page.getByTestId('health-panel');
    await expectContainsText(panel.locator('[data-reason="bad_json"]'), 'Not JSON');
    await expectContainsText(panel.locator('[data-reason="out_of_range"]'), '1');
    await expectContainsText(panel.locator('[data-reason="unknown_unit"]'), 'Unit not on the roster');
    await expectContainsText(panel, 'unit "ghost" is not on the roster');
    await expectContainsText(panel, 'Journal');
    // This browser rasterises WebGL on the CPU: the console says so and draws the map at reduced resolution.
    await expectContainsText(panel.getByTestId('map-rendering'), 'software rendering, no GPU');
    await expectContainsText(panel.getByTestId('map-rendering'), '¾ resolution');
    expect(await page.evaluate(() => window.__beaconMap!.getPixelRatio())).toBe(0.75);
    await page.screenshot({ path: 'test-results/health.png' });
    await page.keyboard.press('h');
    await expectCount(page.getByTestId('health-panel'), 0);
  });

  it('draws the map at full resolution when the setting asks for it, even without a GPU', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url, '?mapDetail=full');
    expect(await page.evaluate(() => window.__beaconMap!.getPixelRatio())).toBe(1);
    await page.keyboard.press('h');
    await expectContainsText(page.getByTestId('map-rendering'), 'full resolution');
  });
});

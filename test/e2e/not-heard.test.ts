import { describe, expect, it } from 'vitest';
import { browserUnavailable, openConsole, publishFix, renderedFeatures, UNIT_MARKERS, useConsoleSession, waitForRenderedFeature } from './support/console.js';
import { expectAttribute, expectContainsText, expectCount, expectText } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the not-heard-from e2e test: ${skip}`);

describe.skipIf(!!skip)('an officer never heard from, in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-not-heard-');

  it('is "Not heard from" on the board and the card and absent from the map, until the device speaks', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);

    // The roster lists HO01 as available, but nothing has come from their radio or phone.
    await page.keyboard.press('/');
    await page.keyboard.type('ho01');
    await expectCount(page.locator('.board-row'), 1);
    const status = page.locator('.board-row[data-unit-id="ho01"] .col-status');
    await expectText(status, 'Not heard from');
    await expectAttribute(status.locator('.dot'), 'class', 'dot not-heard');
    await page.keyboard.press('ArrowDown');
    await expectText(page.locator('.unit-card h2'), 'HO01');
    await expectContainsText(page.locator('.unit-card'), 'Not heard from');
    await expectCount(page.locator('.unit-card .dot.not-heard'), 1);
    expect((await renderedFeatures(page, UNIT_MARKERS)).some((p) => p.id === 'ho01')).toBe(false);

    // The device reports a status: heard from, and shown as what it says.
    await s.mqtt.publishAsync('beacon/v1/units/ho01/status', JSON.stringify({ ts: Date.now(), status: 'available' }), { qos: 1 });
    await expectText(status, 'Available');
    await expectContainsText(page.locator('.unit-card'), 'Available');
    await expectCount(page.locator('.unit-card .dot.not-heard'), 0);

    // And a fix puts the officer on the map, green.
    await publishFix(s.mqtt, 'ho01', { lat: 52.5725, lon: -0.2425 });
    const drawn = await waitForRenderedFeature(page, UNIT_MARKERS, 'ho01');
    expect(drawn).toMatchObject({ status: 'available', stale: false });
  });
});

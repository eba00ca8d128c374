import { describe, expect, it } from 'vitest';
import { unitId } from '../../shared/domain/ids.js';
import { browserUnavailable, useConsoleSession, openConsole, publishFix, renderedFeatures, waitForRenderedFeature } from './support/console.js';
import { eventually, expectAttribute, expectContainsText, expectCount } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the alarm e2e test: ${skip}`);

const SQUARE = { lat: 52.5726, lon: -0.2421 };

describe.skipIf(!!skip)('emergency alarm in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-alarm-');

  it('shows a banner that only acknowledgement quiets and only stand-down removes, with the officer pinned on the map', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);
    await publishFix(s.mqtt, 'pc01', { ...SQUARE, ts: Date.now() - 4000 });
    await publishFix(s.mqtt, 'cs01', { lat: SQUARE.lat + 0.0008, lon: SQUARE.lon });
    await s.mqtt.publishAsync('beacon/v1/units/pc01/emergency', JSON.stringify({ ts: Date.now(), active: true, ...SQUARE }), { qos: 1 });

    const banner = page.locator('.alarm-banner');
    const pc01 = page.locator('.alarm[data-unit-id="pc01"]');
    await expectContainsText(pc01, 'EMERGENCY · PC01');
    await expectContainsText(pc01.locator('.alarm-units'), 'CS01');
    await expectContainsText(pc01.locator('.alarm-cameras'), 'Cathedral Square');
    await expectContainsText(pc01.locator('[data-field="alarm-position"]'), 'fix');
    expect(['playing', 'blocked']).toContain(await banner.getAttribute('data-tone'));

    // Pinned and labelled with its fix age on the map, on its own layer.
    const alarmId = (await pc01.getAttribute('data-alarm-id'))!;
    const drawn = await waitForRenderedFeature(page, 'alarms-core', alarmId);
    expect(drawn).toMatchObject({ callsign: 'PC01', acknowledged: false });
    expect(String(drawn.label)).toMatch(/^PC01 · fix \d+ s ago$/);
    // The pulse ring grows and shrinks while unacknowledged.
    const radii = new Set<number>();
    for (let i = 0; i < 6; i++) {
      radii.add(await page.evaluate(() => window.__beaconMap!.getPaintProperty('alarms-pulse', 'circle-radius') as number));
      await page.waitForTimeout(70);
    }
    expect(radii.size).toBeGreaterThan(1);

    // Nothing but acknowledging makes it go: no close control, Esc and clicks elsewhere do nothing.
    expect(await banner.locator('button[aria-label*="lose"], button:has-text("×")').count()).toBe(0);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
    await page.mouse.click(400, 600);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    await expectCount(page.locator('.alarm.unacknowledged'), 1);

    // A second alarm raised at the same time is shown too.
    const second = await s.host.handlers.raiseEmergency({ id: 'cs01', operator: 'Sgt Khan' });
    expect(second.ok).toBe(true);
    await expectCount(page.locator('.alarm'), 2);
    await expectAttribute(banner, 'data-alarm-count', '2');

    // F8 acknowledges the oldest unacknowledged alarm; the tone keeps going for the other one.
    await page.keyboard.press('F8');
    await expectContainsText(pc01.locator('[data-field="acknowledged"]'), 'Acknowledged by supervisor');
    await expectCount(page.locator('.alarm.unacknowledged'), 1);
    expect(await banner.getAttribute('data-tone')).not.toBe('off');

    await page.locator('.alarm[data-unit-id="cs01"] button.acknowledge').click();
    await expectCount(page.locator('.alarm.unacknowledged'), 0);
    await expectAttribute(banner, 'data-tone', 'off');
    // Acknowledged alarms stay on screen, and on the map, until stood down.
    await expectCount(page.locator('.alarm.acknowledged'), 2);
    await waitForRenderedFeature(page, 'alarms-core', alarmId, (p) => p.acknowledged === true);

    // Stand-down asks first: the first Shift+F8 (or click) asks, the second does it.
    await page.keyboard.press('Shift+F8');
    await expectContainsText(page.locator('[data-field="stand-down-confirm"]'), 'Stand down PC01’s alarm?');
    await expectCount(page.locator('.alarm'), 2);
    await page.keyboard.press('Shift+F8');
    await expectCount(page.locator('.alarm'), 1);
    await page.locator('.alarm button.stand-down').click();
    await page.locator('.alarm button.stand-down').click();
    await expectCount(page.locator('.alarm-banner'), 0);
    await eventually(async () => expect(await renderedFeatures(page, 'alarms-core')).toHaveLength(0));

    const alarms = [...s.host.service.state.alarms.values()];
    expect(alarms.map((a) => [a.unitId, a.acknowledgedBy, a.stoodDownBy]).sort()).toEqual([
      [unitId('cs01'), 'supervisor', 'supervisor'],
      [unitId('pc01'), 'supervisor', 'supervisor'],
    ]);
  });

  it('draws a unit\'s breadcrumbs with B and replays where units were with the time slider', async () => {
    const { page } = s.browser;
    await page.locator('body').press('Escape');
    await page.keyboard.press('/');
    await page.keyboard.type('pc01');
    await page.keyboard.press('ArrowDown');
    await expectContainsText(page.locator('.unit-card h2'), 'PC01');
    await page.keyboard.press('b');
    await expectContainsText(page.locator('[data-field="track"]'), 'Track: PC01');
    await waitForRenderedFeature(page, 'track-dots', 'pc01-0');

    await page.keyboard.press('r');
    const slider = page.locator('input[aria-label="Replay time"]');
    await slider.focus();
    await page.keyboard.press('End');
    const drawn = await waitForRenderedFeature(page, 'replay-dots', 'pc01');
    expect(drawn).toMatchObject({ callsign: 'PC01' });
    await expectContainsText(page.locator('[data-field="replay-time"]'), 'units');
    await page.getByRole('button', { name: 'Back to live' }).click();
    await eventually(async () => expect(await renderedFeatures(page, 'replay-dots')).toHaveLength(0));
  });

  it('takes three alarms at once: oldest waiting first, F8 acknowledges them in that order, acknowledged ones compact', async () => {
    const { page } = s.browser;
    for (const [id, dLat] of [['pc02', 0.001], ['cs01', 0.002], ['pc01', 0.003]] as const) {
      await publishFix(s.mqtt, id, { lat: SQUARE.lat + dLat, lon: SQUARE.lon });
      expect((await s.host.handlers.raiseEmergency({ id, operator: 'd' })).ok).toBe(true);
      await page.waitForTimeout(20);
    }
    await expectCount(page.locator('.alarm.unacknowledged'), 3);
    const order = () => page.locator('.alarm').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.unitId));
    expect(await order()).toEqual(['pc02', 'cs01', 'pc01']);
    for (const [n, next] of [[2, 'cs01'], [1, 'pc01'], [0, null]] as const) {
      await page.keyboard.press('F8');
      await expectCount(page.locator('.alarm.unacknowledged'), n);
      if (next) expect(await page.locator('.alarm.unacknowledged').first().getAttribute('data-unit-id')).toBe(next);
    }
    await expectCount(page.locator('.alarm.compact'), 3);
    const acked = [...s.host.service.state.alarms.values()].filter((a) => a.stoodDownAt === null).sort((a, b) => a.raisedAt - b.raisedAt);
    expect(acked.map((a) => a.acknowledgedAt)).toEqual([...acked.map((a) => a.acknowledgedAt)].sort((a, b) => a! - b!));
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+F8');
      await page.keyboard.press('Shift+F8');
      await expectCount(page.locator('.alarm'), 2 - i);
    }
  });

  it('Alt+F8 picks which of several alarms to acknowledge and stand down, from the keyboard', async () => {
    const { page } = s.browser;
    for (const id of ['pc02', 'cs01', 'pc01']) {
      expect((await s.host.handlers.raiseEmergency({ id, operator: 'd' })).ok).toBe(true);
      await page.waitForTimeout(20);
    }
    await expectCount(page.locator('.alarm.unacknowledged'), 3);
    // The newest, PC01, is the one this dispatcher has on the radio: the third in the list.
    await page.keyboard.press('Alt+F8');
    const list = page.getByRole('listbox', { name: /Choose an alarm/ });
    await expectCount(list.getByRole('option'), 3);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expectAttribute(list, 'aria-activedescendant', `alarm-pick-${openAlarmOf('pc01')}`);
    await page.keyboard.press('Enter');
    await expectCount(page.locator('.alarm.unacknowledged'), 2);
    await expectAttribute(page.locator('.alarm[data-unit-id="pc01"]'), 'class', 'alarm acknowledged compact');
    await expectCount(list, 0);

    // Stand PC01 down from the list: Enter asks, Enter again does it.
    await page.keyboard.press('Alt+F8');
    await page.keyboard.press('End');
    await expectAttribute(list, 'aria-activedescendant', `alarm-pick-${openAlarmOf('pc01')}`);
    await page.keyboard.press('Enter');
    await expectCount(page.locator('.alarm[data-unit-id="pc01"] [data-field="stand-down-confirm"]'), 1);
    await page.keyboard.press('Enter');
    await expectCount(page.locator('.alarm'), 2);
    expect([...s.host.service.state.alarms.values()].filter((a) => a.stoodDownAt === null).map((a) => a.unitId).sort()).toEqual(['cs01', 'pc02']);
  });

  /** The open alarm's id for a unit, from the host. */
  const openAlarmOf = (unit: string) => [...s.host.service.state.alarms.values()].find((a) => a.unitId === unit && a.stoodDownAt === null)!.id;
});

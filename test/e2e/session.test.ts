import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents.js';
import { browserUnavailable, operatorSession, publishFix, SUPERVISOR_PASSWORD, useConsoleSession } from './support/console.js';
import { eventually, expectContainsText, expectCount, expectFocused, expectText } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the sign-in and lock e2e test: ${skip}`);

// Cathedral Square: inside the central sector, seen by cameras.
const SQUARE = { lat: 52.5726, lon: -0.2421 };

/**
 * Where `selector` is drawn against the lock screen (an opaque cover): `under` it, `clear` of it,
 * or `partly` under. Measured by boxes: the console behind a lock is inert, so hit-testing skips it.
 */
const againstLock = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const lock = document.querySelector('.lock-screen')?.getBoundingClientRect();
    const r = document.querySelector(sel)!.getBoundingClientRect();
    const box = { top: Math.max(r.top, 0), left: Math.max(r.left, 0), bottom: Math.min(r.bottom, innerHeight), right: Math.min(r.right, innerWidth) };
    if (box.bottom <= box.top || box.right <= box.left) return 'off screen';
    if (!lock || box.bottom <= lock.top || box.top >= lock.bottom || box.right <= lock.left || box.left >= lock.right) return 'clear';
    return box.top >= lock.top && box.bottom <= lock.bottom && box.left >= lock.left && box.right <= lock.right ? 'under' : 'partly';
  }, selector);

const shoot = async (page: Page, name: string) => {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(200);
    await page.screenshot({ path: `test-results/${name}-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1600, height: 900 });
};

describe.skipIf(!!skip)('operators at the console in Chromium: sign-in, lock, hand-over, roles', () => {
  const s = useConsoleSession('beacon-e2e-session-', {}, undefined, undefined, { signIn: false });
  const post = async <T>(path: string, body: unknown): Promise<T> => {
    const r = await s.api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const j = (await r.json()) as { ok: boolean; value: T; error?: string };
    if (!j.ok) throw new Error(`${path}: ${j.error}`);
    return j.value;
  };
  const consoleLive = async (page: Page) => {
    await page.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 20_000 });
    await page.waitForFunction(() => !!window.__beaconMap?.isStyleLoaded(), null, { timeout: 60_000 });
  };

  it('opens on the sign-in form; a wrong password is refused in words, the right one opens the console by keyboard alone', async () => {
    const { page } = s.browser;
    await page.goto(s.host.url + '/');
    await expectCount(page.locator('.sign-in-screen'), 1);
    await expectFocused(page, '#sign-in-username');
    await page.keyboard.type('supervisor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await expectContainsText(page.locator('.sign-in-screen [role="alert"]'), 'Sign-in refused: that username and password do not match an operator.');
    await expectFocused(page, '#sign-in-password');
    await shoot(page, 'sign-in');

    await page.keyboard.type(SUPERVISOR_PASSWORD);
    await page.keyboard.press('Enter');
    await consoleLive(page);
    await expectCount(page.locator('.sign-in-screen'), 0);
    await expectText(page.locator('[data-status="operator"] [data-field="operator"]'), 'supervisor');
    await expectContainsText(page.locator('[data-status="operator"] [data-field="roles"]'), 'supervisor');
  });

  it('Alt+K locks the desk: the incident is hidden, an alarm raised meanwhile shows above the lock, and only the same password unlocks', async () => {
    const { page } = s.browser;
    const inc = await post<Incident>('/api/incidents', { category: 'disorder', priority: 2, location: SQUARE, description: 'Fight outside the Guildhall' });
    const row = page.locator(`.queue-row[data-incident-id="${inc.id}"]`);
    await row.click();
    await expectContainsText(page.locator('.incident-view [data-field="account"]'), 'Fight outside the Guildhall');
    await page.locator('body').press('Escape');

    await page.keyboard.press('Alt+KeyK');
    await expectCount(page.locator('.lock-screen'), 1);
    await expectFocused(page, '#unlock-password');
    expect(await againstLock(page, '.incident-view')).toBe('under');
    expect(await againstLock(page, '.incident-queue')).toBe('under');
    // A letter at a locked desk opens nothing behind the lock.
    await page.locator('.lock-screen h1').click();
    await page.keyboard.press('n');
    await expectCount(page.locator('form.new-incident'), 0);

    // The stream keeps coming: an officer's emergency raised now is on screen, above the lock.
    await publishFix(s.mqtt, 'pc01', SQUARE);
    await s.mqtt.publishAsync('beacon/v1/units/pc01/emergency', JSON.stringify({ ts: Date.now(), active: true, ...SQUARE }), { qos: 1 });
    await expectContainsText(page.locator('.alarm[data-unit-id="pc01"]'), 'EMERGENCY · PC01');
    expect(await againstLock(page, '.alarm[data-unit-id="pc01"]')).toBe('clear');
    await expectText(page.locator('.alarm[data-unit-id="pc01"] [data-field="locked-hint"]'), 'Unlock the desk to acknowledge');
    await expectCount(page.locator('.lock-screen'), 1);
    await page.locator('#unlock-password').focus();
    await shoot(page, 'lock-screen');

    await page.keyboard.type('someone else’s password');
    await page.keyboard.press('Enter');
    await expectContainsText(page.locator('.lock-screen [role="alert"]'), "That is not supervisor's password");
    await expectCount(page.locator('.lock-screen'), 1);
    await page.keyboard.type(SUPERVISOR_PASSWORD);
    await page.keyboard.press('Enter');
    await expectCount(page.locator('.lock-screen'), 0);
    await expectCount(page.locator('.console-content[inert]'), 0);
    await expectCount(page.locator('.alarm[data-unit-id="pc01"] .acknowledge'), 1);
    expect(await againstLock(page, '.incident-view')).toBe('clear');
    await expectContainsText(page.locator('.incident-view [data-field="account"]'), 'Fight outside the Guildhall');
  });

  it('Alt+O hands the desk over: the new operator shows, and the selected incident, the map and the alarm stay as they were', async () => {
    const { page } = s.browser;
    await operatorSession(s.host.url, s.session, 'dana', ['dispatcher'], 'dana-password-1');
    const before = await page.evaluate(() => {
      (window as unknown as { handOverMark: number }).handOverMark = 1;
      const c = window.__beaconMap!.getCenter();
      return { incident: document.querySelector('.incident-view')!.getAttribute('data-incident-id'), lat: c.lat, lon: c.lng, zoom: window.__beaconMap!.getZoom() };
    });

    await page.keyboard.press('Alt+KeyO');
    await expectFocused(page, '#switch-username');
    await page.keyboard.type('dana');
    await page.keyboard.press('Tab');
    await page.keyboard.type('dana-password-1');
    await page.keyboard.press('Enter');
    await expectText(page.locator('[data-status="operator"] [data-field="operator"]'), 'dana');
    await expectCount(page.locator('.switch-operator'), 0);
    // The old session's stream was closed by the host: the console reconnects on dana's, without reloading.
    await page.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 20_000 });
    const after = await page.evaluate(() => {
      const c = window.__beaconMap!.getCenter();
      return {
        mark: (window as unknown as { handOverMark?: number }).handOverMark,
        incident: document.querySelector('.incident-view')!.getAttribute('data-incident-id'),
        lat: c.lat,
        lon: c.lng,
        zoom: window.__beaconMap!.getZoom(),
      };
    });
    expect(after).toEqual({ ...before, mark: 1 });
    await expectCount(page.locator('.alarm[data-unit-id="pc01"]'), 1);
    // The incoming dispatcher acts in their own name.
    await page.keyboard.press('l');
    await page.keyboard.type('Handed over at shift change');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await page.locator('.incident-log li', { hasText: 'Handed over at shift change' }).locator('.by').textContent()).toBe('dana'));
  });

  it('a CCTV operator is offered no allocation: A says why instead of opening the list', async () => {
    const { page } = s.browser;
    await operatorSession(s.host.url, s.session, 'cathy', ['cctv_operator'], 'cathy-password-1');
    await page.keyboard.press('Alt+KeyO');
    await expectFocused(page, '#switch-username');
    await page.keyboard.type('cathy');
    await page.keyboard.press('Tab');
    await page.keyboard.type('cathy-password-1');
    await page.keyboard.press('Enter');
    await expectText(page.locator('[data-status="operator"] [data-field="roles"]'), 'CCTV');
    await page.locator('body').press('Escape');
    await page.keyboard.press('a');
    await expectText(page.locator('.notice'), /Allocate an officer: not part of your role\. cathy is signed in as CCTV operator\./);
    await expectCount(page.locator('.allocate'), 0);
    expect(await page.locator('.status-bar .shortcuts').textContent()).not.toContain('Allocate');
    expect(await page.locator('.alarm .acknowledge').count()).toBe(0);
  });
  it('a lock reaches the desk’s torn-off windows too: the incident view on another monitor is covered until the desk is unlocked', async () => {
    const { page, context } = s.browser;
    const opened = context.waitForEvent('page');
    await page.keyboard.press('Alt+Shift+V');
    const incidentWindow = await opened;
    await expectCount(incidentWindow.locator('.panel-window-incident'), 1, 30_000);
    // An incident chosen in the main window's queue is shown in the torn-off one.
    const tag = await post<Incident>('/api/incidents', { category: 'graffiti', location: SQUARE, description: 'Tag on the Guildhall' });
    await page.locator(`.queue-row[data-incident-id="${tag.id}"]`).click();
    await expectContainsText(incidentWindow.locator('.incident-view [data-field="account"]'), 'Tag on the Guildhall');
    await expectCount(incidentWindow.locator('.lock-screen'), 0);

    await page.keyboard.press('Alt+KeyK');
    await expectCount(page.locator('.lock-screen'), 1);
    // The other window hears of it from the desk's channel, without a call of its own refused.
    await expectCount(incidentWindow.locator('.lock-screen'), 1);
    expect(await againstLock(incidentWindow, '.incident-view')).toBe('under');

    await page.locator('#unlock-password').fill('cathy-password-1');
    await page.keyboard.press('Enter');
    await expectCount(page.locator('.lock-screen'), 0);
    await expectCount(incidentWindow.locator('.lock-screen'), 0);
    await incidentWindow.close();
  });
  it('a session a supervisor ends brings the sign-in form back over the console, saying why; signing in again carries on where it was', async () => {
    const { page } = s.browser;
    const selected = await page.locator('.incident-view').getAttribute('data-incident-id');
    const sessions = (await (await s.api('/api/sessions')).json()) as { value: { sessionId: string; operator: string; desk: string }[] };
    const desk = sessions.value.find((x) => x.operator === 'cathy' && x.desk.startsWith('browser'))!;
    await post(`/api/sessions/${desk.sessionId}/end`, { id: desk.sessionId });
    // The host closes the desk's stream at once; the console asks and finds the session gone.
    await expectCount(page.locator('.sign-in-screen'), 1);
    await expectContainsText(page.locator('.sign-in-screen [role="status"]'), 'Your session has ended');
    await expectFocused(page, '#sign-in-username');
    await page.keyboard.type('cathy');
    await page.keyboard.press('Tab');
    await page.keyboard.type('cathy-password-1');
    await page.keyboard.press('Enter');
    await expectCount(page.locator('.sign-in-screen'), 0);
    await page.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 20_000 });
    expect(await page.locator('.incident-view').getAttribute('data-incident-id')).toBe(selected);
  });
  it('the video wall signs in with its own read-only identity: it shows the wall, and nothing it may change', async () => {
    await operatorSession(s.host.url, s.session, 'wall1', ['wall'], 'wall1-password-1');
    const wallContext = await s.browser.context.browser()!.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      const wall = await wallContext.newPage();
      await wall.goto(s.host.url + '/wall');
      await expectCount(wall.locator('.sign-in-screen'), 1);
      await expectFocused(wall, '#sign-in-username');
      await wall.keyboard.type('wall1');
      await wall.keyboard.press('Tab');
      await wall.keyboard.type('wall1-password-1');
      await wall.keyboard.press('Enter');
      await expectCount(wall.locator('.sign-in-screen'), 0);
      await expectCount(wall.locator('.cctv-tile[data-tile="1"]'), 1);
      // The same identity at the console: everything to read, no control to change anything.
      await wall.goto(s.host.url + '/');
      await wall.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 20_000 });
      await expectText(wall.locator('[data-status="operator"] [data-field="roles"]'), /wall/i);
      await expectCount(wall.getByRole('button', { name: /New incident/ }), 0);
      await wall.locator('body').press('n');
      await expectText(wall.locator('.notice'), /not part of your role\. wall1 is signed in as read-only wall\./);
      await expectCount(wall.locator('.new-incident'), 0);
      // And the host agrees, whatever a page might try.
      const status = await wall.evaluate(async () => (await fetch('/api/incidents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'graffiti', location: { lat: 52.5726, lon: -0.2421 } }) })).status);
      expect(status).toBe(403);
    } finally {
      await wallContext.close();
    }
  });
});

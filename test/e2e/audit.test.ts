import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents.js';
import { browserUnavailable, fetchAs, openConsole, operatorSession, type TestSession, useConsoleSession } from './support/console.js';
import { eventually, expectCount, expectFocused, expectText } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the audit view e2e test: ${skip}`);

const SQUARE = { lat: 52.5726, lon: -0.2421 };
const BRIDGE = { lat: 52.5695, lon: -0.2417 };

/** The audit table as read on screen: operator and what, line by line. */
const auditLines = (page: Page) =>
  page.locator('[data-table="audit"] tbody tr').evaluateAll((rows) => rows.map((r) => `${r.children[1]!.textContent} | ${r.children[2]!.textContent}`));

describe.skipIf(!!skip)('the audit view answers who did what on a scripted shift, in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-audit-');
  let amy: TestSession;
  let ben: TestSession;
  let fight: Incident;
  const as = async <T>(who: TestSession, path: string, body: unknown): Promise<T> => {
    const r = await fetchAs(who)(s.host.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const j = (await r.json()) as { ok: boolean; value: T; error?: string };
    if (!j.ok) throw new Error(`${who.operator} ${path}: ${j.error}`);
    return j.value;
  };

  it('a shift: two dispatchers at their own desks, each acting in their own name, one of them watching a camera', async () => {
    amy = await operatorSession(s.host.url, s.session, 'amy', ['dispatcher'], 'amy-password-1');
    ben = await operatorSession(s.host.url, s.session, 'ben', ['dispatcher', 'cctv_operator'], 'ben-password-1');
    // What a client claims as the operator is not believed: the session says who acted.
    fight = await as<Incident>(amy, '/api/incidents', { category: 'disorder', priority: 2, location: SQUARE, description: 'Fight outside the Guildhall', operator: 'ben' });
    await as(amy, `/api/incidents/${fight.id}/allocations`, { id: fight.id, unitId: 'pc01' });
    await as(ben, `/api/incidents/${fight.id}/notes`, { id: fight.id, text: 'Camera shows two men, one on the ground' });
    await as<Incident>(ben, '/api/incidents', { category: 'graffiti', priority: 4, location: BRIDGE, description: 'Tag on the bridge' });
    // Opening a camera is journaled by the host's video route as it starts and stops; here it is recorded as that route would.
    for (const [by, started] of [
      ['ben', true],
      ['ben', false],
      ['amy', true],
    ] as const)
      await s.host.service.commit({ type: 'camera.viewed', cameraId: 'cam-square', at: Date.now(), by, started, where: 'desk' });
    expect(fight.createdBy).toBe('amy');
  });

  it('a supervisor asks, by keyboard: who did what to this incident, what did ben do this shift, who watched the camera; and exports the answer as CSV', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);
    await page.locator(`.queue-row[data-incident-id="${fight.id}"]`).click();

    await page.keyboard.press('Alt+KeyT');
    await expectCount(page.locator('#audit-view'), 1);
    await expectFocused(page, '#audit-operator');
    // Who did what to this incident, and when.
    await page.locator('#audit-this-incident').click();
    await eventually(async () =>
      expect(await auditLines(page)).toEqual([
        `amy | created incident ${fight.ref} (disorder, P2) from dispatcher`,
        'amy | allocated pc01',
        'ben | noted: Camera shows two men, one on the ground',
        // Selecting the incident showed the supervisor its body-worn video log: a sensitive read, recorded.
        `supervisor | viewed bwv ${fight.id}`,
      ]),
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: 'test-results/audit-1280x720.png' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: 'test-results/audit-1920x1080.png' });
    await page.setViewportSize({ width: 1600, height: 900 });

    // What ben did this shift.
    await page.locator('#audit-operator').fill('ben');
    await page.locator('#audit-this-shift').click();
    await eventually(async () => {
      const lines = await auditLines(page);
      expect(lines.every((l) => l.startsWith('ben | '))).toBe(true);
      expect(lines).toEqual(expect.arrayContaining(['ben | noted: Camera shows two men, one on the ground', expect.stringMatching(/^ben \| created incident .* \(graffiti, P4\)/)]));
    });

    // Who watched camera X: the camera alone, typed and asked with Enter.
    await page.locator('#audit-operator').fill('');
    await page.locator('#audit-from').fill('');
    await page.locator('#audit-incident').fill('');
    await page.locator('#audit-camera').focus();
    await page.keyboard.type('cam-square');
    await page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await auditLines(page)).toEqual([
        'ben | started watching camera cam-square (desk)',
        'ben | stopped watching camera cam-square (desk)',
        'amy | started watching camera cam-square (desk)',
      ]),
    );
    await expectText(page.locator('[data-field="audit-count"]'), '3 lines, oldest first.');

    const download = page.waitForEvent('download');
    await page.locator('#audit-export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^beacon-audit-\d{12}\.csv$/);
    const csv = fs.readFileSync((await file.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('seq,time_utc,operator,action,summary,incident,unit,camera');
    expect(csv.slice(1).map((l) => l.split(',')[2])).toEqual(['ben', 'ben', 'amy']);

    // Esc closes the view, and asking the audit was itself recorded.
    await page.keyboard.press('Escape');
    await expectCount(page.locator('#audit-view'), 0);
    const viewed = s.host.service.journal.readRange(0, Number.MAX_SAFE_INTEGER, { types: ['record.viewed'] }).map((r) => r.event);
    expect(viewed).toEqual(expect.arrayContaining([expect.objectContaining({ what: 'audit_export', subject: 'camera=cam-square', by: 'supervisor' })]));
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents.js';
import type { IncidentLogEntry } from '../../shared/domain/incident-log.js';
import { browserUnavailable, openConsole, publishFix, useConsoleSession } from './support/console.js';
import { eventually, expectAttribute, expectContainsText, expectCount, expectFocused, expectText } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the dispatcher's shift e2e test: ${skip}`);

// Westgate, by the Brewery Tap: inside the central sector.
const SPOT = { lat: 52.5738, lon: -0.2463 };

describe.skipIf(!!skip)('a dispatcher’s shift in Chromium, by keyboard', () => {
  const s = useConsoleSession('beacon-e2e-shift-');
  const api = async <T,>(p: string, body?: unknown): Promise<T> => {
    const r = await s.api(`${p}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const j = (await r.json()) as { ok: boolean; value: T; error?: string };
    if (!j.ok) throw new Error(`${p}: ${j.error}`);
    return j.value;
  };
  /** Presses a key that opens an action on the selected incident, fills its words, confirms with Enter. */
  const act = async (key: string, words?: string) => {
    const { page } = s.browser;
    await page.keyboard.press(key);
    await expectCount(page.locator('form.incident-action'), 1);
    if (words) await page.keyboard.type(words);
    await page.keyboard.press('Enter');
    await expectCount(page.locator('form.incident-action'), 0);
  };

  it('takes a call and sees the incident through to closed with the keyboard alone, every step in its log', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);
    await publishFix(s.mqtt, 'pc01', { lat: SPOT.lat + 0.0005, lon: SPOT.lon });
    await page.locator('body').press('Escape');

    await page.keyboard.press('n');
    await expectFocused(page, '#new-incident-category');
    await page.keyboard.type('Disorder');
    await expect(page.locator('#new-incident-category').inputValue()).resolves.toBe('disorder');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expectFocused(page, '#new-incident-where');
    await page.keyboard.type(`${SPOT.lat}, ${SPOT.lon}`);
    await page.keyboard.press('Tab');
    await expectFocused(page, '#new-incident-description');
    await page.keyboard.type('Two men fighting outside the Brewery Tap');
    await page.keyboard.press('Enter');

    const view = page.locator('.incident-view');
    await expectContainsText(view.locator('h2'), 'P2 Disorder');
    await expectContainsText(view.locator('[data-field="coordinates"]'), '52.57380, -0.24630');
    await expectContainsText(view.locator('[data-field="account"]'), 'Two men fighting outside the Brewery Tap');
    await expectFocused(page, '#incident-queue');
    const id = (await view.getAttribute('data-incident-id'))!;

    await act('g');
    await expectText(view.locator('[data-field="state"]'), 'Triaged');
    // P: the new priority first (type-ahead in the list), then Tab to the reason.
    await page.keyboard.press('p');
    await expectFocused(page, '#incident-action-priority');
    await page.keyboard.type('P1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('bottle seen');
    await page.keyboard.press('Enter');
    await expectContainsText(view.locator('h2'), 'P1 Disorder');
    await page.keyboard.press('a');
    await expectFocused(page, '#allocate-search');
    await page.keyboard.type('pc01');
    await expectAttribute(page.locator('.allocate-rows li').first(), 'data-unit-id', 'pc01');
    await page.keyboard.press('Enter');
    await expectText(view.locator('[data-field="state"]'), 'Allocated');
    await act('e');
    await act('s');
    await expectText(view.locator('[data-field="state"]'), 'On scene');
    await act('l', 'Ambulance not needed');
    await act('f', 'Words of advice, both men left');
    await expectText(view.locator('[data-field="state"]'), 'Resolved');
    await act('c');
    await expectText(view.locator('[data-field="state"]'), 'Closed');

    const want = ['created', 'transition', 'amended', 'allocated', 'transition', 'transition', 'note', 'transition', 'transition'];
    await expectCount(view.locator('[data-field="log"] li'), want.length);
    expect(await view.locator('[data-field="log"] li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.kind))).toEqual(want);
    await expectContainsText(view.locator('[data-field="log"] li[data-kind="note"]'), 'dispatcher Note: Ambulance not needed');
    const log = await api<IncidentLogEntry[]>(`/api/incidents/${id}/log`);
    expect(log.map((l) => l.text)).toEqual([
      'Received by phone (dispatcher): P2 Disorder',
      'Now triaged',
      'Changed priority to P1: bottle seen',
      'PC01 allocated',
      'Now en route',
      'Now on scene',
      'Note: Ambulance not needed',
      'Now resolved: Words of advice, both men left',
      'Now closed',
    ]);
    expect(log.every((l) => l.by === 'dispatcher' && l.at > 0)).toBe(true);
    expect((await api<Incident>(`/api/incidents/${id}`)).state).toBe('closed');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'shift-closed.png') });
  });

  it('reassigns an incident from one officer to another with Shift+A', async () => {
    const { page } = s.browser;
    await publishFix(s.mqtt, 'pc02', { lat: SPOT.lat - 0.0005, lon: SPOT.lon });
    const inc = await api<Incident>('/api/incidents', { category: 'disorder', location: SPOT, description: 'Shouting in the street' });
    await api<Incident>(`/api/incidents/${inc.id}/allocations`, { unitId: 'pc01' });
    await expectCount(page.locator(`.queue-row[data-incident-id="${inc.id}"]`), 1);
    await page.keyboard.press('q');
    await page.keyboard.press('ArrowDown');
    await expectAttribute(page.locator(`.queue-row[data-incident-id="${inc.id}"]`), 'aria-selected', 'true');
    await page.keyboard.press('Shift+A');
    await expectFocused(page, '#allocate-search');
    await expectContainsText(page.locator('.allocate h2'), `Replace PC01 on ${inc.ref}`);
    await page.keyboard.type('pc02');
    await page.keyboard.press('Enter');
    const row = page.locator(`.queue-row[data-incident-id="${inc.id}"]`);
    await expectText(row.locator('.alloc'), 'PC02');
    await expectContainsText(page.locator('.incident-view [data-withdrawn="pc01"]'), 'de-allocated by dispatcher');
    await expectContainsText(page.locator('.incident-view [data-field="log"]'), 'PC01 de-allocated: reassigned to PC02');
    const after = await api<Incident>(`/api/incidents/${inc.id}`);
    expect(after.allocations.filter((a) => !a.withdrawnAt).map((a) => a.unitId)).toEqual(['pc02']);
    expect(s.host.service.unit('pc01' as never)!.incidentId).toBeNull();
  });

  it('fires no shortcut while typing in any field of the new-incident form, and refuses swapped coordinates with the reason', async () => {
    const { page } = s.browser;
    await page.keyboard.press('Escape');
    const theme = await page.evaluate(() => document.documentElement.dataset.theme);
    const before = (await api<Incident[]>('/api/incidents')).length;
    await page.keyboard.press('n');
    for (const f of ['#new-incident-category', '#new-incident-priority', '#new-incident-where', '#new-incident-description']) {
      await page.locator(f).focus();
      await page.keyboard.type('nagdescxopklqutbrh?/');
      await expectFocused(page, f);
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await expectCount(page.locator('.shortcut-sheet, .incident-action, .allocate, .health-panel'), 0);
      await expectCount(page.locator('form.new-incident'), 1);
    }
    await page.locator('#new-incident-where').fill('');
    await page.locator('#new-incident-where').focus();
    // Longitude first: off the Horn of Africa, not in Peterborough.
    await page.keyboard.type(`${SPOT.lon}, ${SPOT.lat}`);
    await page.keyboard.press('Enter');
    await expectContainsText(page.locator('.new-incident [role="alert"]'), 'latitude and longitude look swapped');
    expect((await api<Incident[]>('/api/incidents')).length).toBe(before);
    // Esc asks before the call is thrown away; the second Esc discards it.
    await page.keyboard.press('Escape');
    await expectContainsText(page.locator('[data-testid="discard-confirm"]'), 'Discard this call?');
    await page.keyboard.press('Escape');
    await expectCount(page.locator('form.new-incident'), 0);
  });

  it('lists every shortcut on ?', async () => {
    const { page } = s.browser;
    await page.keyboard.press('?');
    const sheet = page.locator('.shortcut-sheet');
    for (const k of ['G', 'Shift+A', 'D', 'E', 'S', 'F', 'C', 'X', 'O', 'P', 'K', 'L', 'F8']) await expectCount(sheet.locator('kbd', { hasText: new RegExp(`^${k.replace('+', '\\+')}$`) }), 1);
    await page.keyboard.press('Escape');
    await expectCount(sheet, 0);
  });

  it('draws the light theme with AA contrast: P3, P4 and "Received" readable on the queue', async () => {
    const { page } = s.browser;
    const p4 = await api<Incident>('/api/incidents', { category: 'graffiti', location: SPOT });
    const p3 = await api<Incident>('/api/incidents', { category: 'fly_tipping', location: SPOT });
    await expectCount(page.locator(`.queue-row[data-incident-id="${p4.id}"], .queue-row[data-incident-id="${p3.id}"]`), 2);
    await page.locator('body').press('Escape');
    await page.keyboard.press('t');
    await eventually(async () => expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light'));
    const ratios = await page.evaluate(() => {
      const rgb = (c: string) => c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)) as [number, number, number];
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a: string, b: string) => {
        const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
        return (hi + 0.05) / (lo + 0.05);
      };
      const bg = getComputedStyle(document.querySelector('.incident-queue')!).backgroundColor;
      const panel = bg === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.querySelector('.side-column')!).backgroundColor : bg;
      const colour = (sel: string) => getComputedStyle(document.querySelector(sel)!).color;
      const border = (sel: string) => getComputedStyle(document.querySelector(sel)!).borderLeftColor;
      return {
        p3: ratio(colour('.queue-row.p3 .prio'), panel),
        p4: ratio(colour('.queue-row.p4 .prio'), panel),
        received: ratio(colour('.queue-row .state.s-received'), panel),
        p4Shape: ratio(border('.queue-row.p4'), panel),
      };
    });
    expect(ratios.p3).toBeGreaterThanOrEqual(4.5);
    expect(ratios.p4).toBeGreaterThanOrEqual(4.5);
    expect(ratios.received).toBeGreaterThanOrEqual(4.5);
    expect(ratios.p4Shape).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: path.join('test-results', 'shift-light.png') });
    await page.keyboard.press('t');
  });

  it('never lists an officer in an emergency of their own as help for another', async () => {
    const { page } = s.browser;
    const SQUARE = { lat: 52.5726, lon: -0.2421 };
    await publishFix(s.mqtt, 'pc01', SQUARE);
    await publishFix(s.mqtt, 'cs01', { lat: SQUARE.lat + 0.0002, lon: SQUARE.lon });
    await publishFix(s.mqtt, 'pc02', { lat: SQUARE.lat + 0.003, lon: SQUARE.lon });
    await eventually(() => expect(s.host.service.unit('cs01' as never)?.fix?.lat).toBeCloseTo(SQUARE.lat + 0.0002, 6));
    expect((await s.host.handlers.raiseEmergency({ id: 'cs01', operator: 'd' })).ok).toBe(true);
    expect((await s.host.handlers.raiseEmergency({ id: 'pc01', operator: 'd' })).ok).toBe(true);
    const pc01 = page.locator('.alarm[data-unit-id="pc01"]');
    await expectContainsText(pc01.locator('.alarm-units'), 'PC02');
    expect(await pc01.locator('.alarm-units').textContent()).not.toContain('CS01');
    const alarmId = (await pc01.getAttribute('data-alarm-id'))!;
    const near = await api<{ units: { callsign: string }[] }>(`/api/alarms/${encodeURIComponent(alarmId)}/nearby`);
    expect(near.units.map((u) => u.callsign)).not.toContain('CS01');
    expect(near.units.map((u) => u.callsign)).toContain('PC02');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents.js';
import type { Recommendation } from '../../shared/dispatch/ranking.js';
import { browserUnavailable, useConsoleSession, openConsole, publishFix } from './support/console.js';
import { eventually, expectAttribute, expectContainsText, expectCount, expectFocused, expectText } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the dispatch e2e test: ${skip}`);

// Cathedral Square, inside the city-centre PSPO.
const SPOT = { lat: 52.5722, lon: -0.2405 };
const KEY = 'e2e-partner-key-123';

describe.skipIf(!!skip)('central intake and dispatch in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-dispatch-', { ackTimeoutS: 3 }, (dataDir) =>
    fs.writeFileSync(path.join(dataDir, 'open311-keys.json'), JSON.stringify({ [KEY]: 'FixMyStreet' })),
  );

  const open311 = async (body: Record<string, string>) => {
    const r = await s.api(`/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: KEY, ...body }).toString(),
    });
    expect(r.status).toBe(200);
    return ((await r.json()) as { service_request_id: string; service_notice: string }[])[0]!;
  };

  it('takes an Open311 report, links the duplicate, and allocates the recommended officer with the keyboard', async () => {
    const { page } = s.browser;
    await openConsole(page, s.host.url);
    // Officers on the ground: a civil parking officer closest of all (no fly-tipping power), a council
    // enforcement officer round the corner, and a PCSO further off. Nobody else has a position.
    await publishFix(s.mqtt, 'ce01', { lat: SPOT.lat + 0.0002, lon: SPOT.lon });
    await publishFix(s.mqtt, 'eo01', { lat: SPOT.lat + 0.0008, lon: SPOT.lon });
    await publishFix(s.mqtt, 'cs01', { lat: SPOT.lat - 0.006, lon: SPOT.lon + 0.004 });

    // A member of the public reports fly-tipping through FixMyStreet (Open311)…
    const first = await open311({ service_code: 'fly_tipping', lat: String(SPOT.lat), long: String(SPOT.lon), description: 'Sofa and bin bags dumped by the bench' });
    const row = page.locator(`.queue-row[data-incident-id="${first.service_request_id}"]`);
    await expectCount(row, 1);
    await expectContainsText(row, 'Fly-tipping');
    // …and a second person reports the same pile: linked, not opened twice.
    const second = await open311({ service_code: 'fly_tipping', lat: String(SPOT.lat + 0.0003), long: String(SPOT.lon + 0.0002), description: 'Rubbish dumped in the square' });
    expect(second.service_request_id).toBe(first.service_request_id);
    expect(second.service_notice).toMatch(/matches a report we already have/);
    await expectCount(page.locator('.queue-row', { hasText: 'Fly-tipping' }), 1);
    await expectText(row.locator('[data-badge="reports"]'), '×2');
    await expectText(row.locator('[data-badge="pspo"]'), 'PSPO');

    // The dispatcher selects it from the queue with the keyboard: two reports, PSPO prohibition shown.
    await page.locator('#incident-queue').focus();
    await page.keyboard.press('ArrowDown');
    await expectAttribute(row, 'aria-selected', 'true');
    const card = page.locator(`.dispatch-card[data-incident-id="${first.service_request_id}"]`);
    await expectContainsText(card, '2 reports');
    await expectContainsText(card.locator('[data-field="prohibitions"]'), 'No drinking alcohol (City centre PSPO, all day)');

    // A third caller rings in: the new-incident form offers to link instead (Alt+L).
    await page.keyboard.press('n');
    await expectFocused(page, '#new-incident-category');
    await page.locator('#new-incident-category').selectOption('fly_tipping');
    await page.locator('#new-incident-where').fill(`${SPOT.lat + 0.0001}, ${SPOT.lon}`);
    await page.locator('#new-incident-description').fill('Caller on the phone about the same dumped sofa');
    await expectContainsText(page.locator('[data-testid="repeat-offer"]'), 'Link to');
    await page.keyboard.press('Alt+l');
    await expectContainsText(card, '3 reports');
    await expectCount(page.locator('.queue-row', { hasText: 'Fly-tipping' }), 1);

    // What the host recommends: EO01, nearest with the power; CE01 (closer) lacks it.
    const rec = ((await (await s.api(`/api/incidents/${first.service_request_id}/recommendations`)).json()) as { value: Recommendation }).value;
    expect(rec.candidates[0]!.callsign).toBe('EO01');
    expect(rec.excluded.find((e) => e.callsign === 'CE01')?.reason).toBe('missing_power');

    // A opens the allocation with the ranked list; Enter allocates the top one.
    await page.locator('#incident-queue').focus();
    await page.keyboard.press('a');
    await expectFocused(page, '#allocate-search');
    const top = page.locator('.allocate-rows li').first();
    await expectAttribute(top, 'data-unit-id', 'eo01');
    await expectAttribute(top.locator('.rec-reasons'), 'data-rank', '1');
    await expectContainsText(top, 'best: shortest estimated arrival');
    await expectContainsText(page.locator('[data-testid="recommendation"]'), 'lack the power');
    fs.mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: path.join('test-results', 'dispatch-allocate.png') });
    await page.keyboard.press('Enter');
    await expectText(row.locator('.alloc'), 'EO01');
    const inc = ((await (await s.api(`/api/incidents/${first.service_request_id}`)).json()) as { value: Incident }).value;
    expect(inc.allocations.map((a) => a.unitId)).toEqual(['eo01']);
    expect(inc.reports).toBe(3);

    // Nobody acknowledges on EO01's device: after --ack-timeout the dispatcher is told.
    await expectContainsText(page.locator('.escalations'), 'EO01 has not acknowledged', 10_000);
    await expectContainsText(card.locator('[data-assignment="eo01"]'), 'NOT acknowledged');
    await expectText(row.locator('[data-badge="unacknowledged"]'), 'no ack');

    await page.screenshot({ path: path.join('test-results', 'dispatch.png') });
  });

  it('lets a supervisor withdraw a power on the unit card, and the officer drops out of the ranking', async () => {
    const { page } = s.browser;
    const r = await s.api(`/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ category: 'street_drinking', location: SPOT }) });
    const inc = ((await r.json()) as { value: Incident }).value;
    await page.locator('#unit-search').fill('cs01');
    await page.locator('.board-row[data-unit-id="cs01"]').click();
    await expectText(page.locator('.unit-card h2'), 'CS01');
    await page.locator('.unit-card select[aria-label="Power to withdraw or restore"]').selectOption('alcohol_designated_place');
    await page.locator('.unit-card input[aria-label="Reason"]').fill('Accreditation under review');
    await page.locator('.unit-card .accreditation button').click();
    await expectContainsText(page.locator('.unit-card .powers li.withdrawn'), 'Require surrender of alcohol');
    await eventually(async () => {
      const rec = ((await (await s.api(`/api/incidents/${inc.id}/recommendations`)).json()) as { value: Recommendation }).value;
      expect(rec.excluded.find((e) => e.callsign === 'CS01')?.reason).toBe('power_withdrawn');
    });
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserUnavailable, openConsole, renderedFeatures, useConsoleSession, waitForRenderedFeature } from './support/console.js';
import { expectContainsText, expectCount, expectFocused } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the major-incident e2e test: ${skip}`);

describe.skipIf(!!skip)("the coordinator's major-incident layout in Chromium", () => {
  const s = useConsoleSession('beacon-e2e-major-', {}, undefined, { width: 1280, height: 720 });

  it('declares from the selected incident, sends an update, logs two decisions, commits a unit, stands down and opens the debrief', async () => {
    const { page } = s.browser;
    fs.mkdirSync('test-results', { recursive: true });
    const created = await s.host.handlers.createIncident({ category: 'disorder', description: 'Roof fallen in at the bus station', location: { lat: 52.5739, lon: -0.2406 }, operator: 'dispatcher' });
    if (!created.ok) throw new Error(created.error);
    await openConsole(page, s.host.url);
    await page.locator(`[data-incident-id="${created.value.id}"]`).click();

    // M: the coordinator's layout; routine dispatch is one key away.
    await page.keyboard.press('m');
    const ws = page.locator('section.major-workspace');
    await expectContainsText(ws, 'No major incident');
    await page.locator('#major-declare').click();
    const form = page.getByRole('form', { name: 'Declare a major incident' });
    await expectContainsText(form, `From incident ${created.value.ref}`);
    await page.fill('#methane-exactLocation', 'Queensgate bus station, Westgate entrance');
    await page.fill('#methane-type', 'Building collapse');
    await page.fill('#methane-hazards', 'Unstable structure; gas leak suspected');
    await page.fill('#methane-access', 'From Bourges Boulevard; RVP Westgate car park');
    // A line left out is refused, naming it.
    await page.fill('#methane-emergencyServices', 'Police and fire on scene; ambulance HART requested');
    await page.locator('#methane-emergencyServices').press('Enter');
    await expectContainsText(form.getByRole('alert'), 'N (number and severity of casualties) must be given');
    await page.fill('#methane-casualties', '3 P1, 10 P3');
    await page.locator('#methane-casualties').press('Enter');
    await expectContainsText(ws.locator('pre.radio'), 'N — NUMBER AND SEVERITY OF CASUALTIES: 3 P1, 10 P3');
    const id = [...s.host.service.state.majors.keys()][0]!;
    expect(s.host.service.state.majors.get(id)!.incidentId).toBe(created.value.id);

    // The update: version 2, with what changed shown against version 1.
    await page.locator('#major-update-methane').click();
    await page.fill('#methane-casualties', '4 P1, 12 P3');
    await page.locator('#methane-casualties').press('Enter');
    await expectContainsText(ws.getByRole('heading', { name: /METHANE/ }), 'version 2');
    await expectContainsText(ws.getByRole('list', { name: 'Changed since the last version' }), '3 P1, 10 P3 → 4 P1, 12 P3');
    // The printable page of the current version, in the standard order and wording; Esc closes it.
    await page.locator('#methane-printable').focus();
    await page.keyboard.press('Enter');
    const sheet = page.frameLocator('iframe.methane-frame');
    await expectContainsText(sheet.locator('#methane-header'), 'VERSION 2');
    expect(await sheet.locator('#methane-lines th.letter').allInnerTexts()).toEqual(['M', 'E', 'T', 'H', 'A', 'N', 'E']);
    await expectContainsText(sheet.locator('#methane-lines tr.changed'), 'was: 3 P1, 10 P3');
    await page.screenshot({ path: path.join('test-results', 'major-methane-page.png') });
    await page.keyboard.press('Escape');
    await expectCount(page.locator('.methane-viewer'), 0);

    // Two decisions, the second superseding the first: both stay.
    const decide = async (text: string, supersedes?: string, reviewInMin = '30') => {
      await page.locator('#major-log-decision').click();
      await page.fill('#decision-situation', 'Crowd building at the outer cordon');
      await page.fill('#decision-assessment', 'Risk of crush at the east gate');
      await page.fill('#decision-powers', 'Section 14 Public Order Act considered');
      await page.fill('#decision-options', 'Widen the cordon; hold the line');
      await page.fill('#decision-decision', text);
      await page.fill('#decision-rationale', 'Keeps the access route clear for ambulances');
      await page.fill('#decision-review', reviewInMin);
      if (supersedes) await page.selectOption('#decision-supersedes', supersedes);
      await page.getByRole('button', { name: 'Log decision', exact: true }).click();
    };
    await decide('Widen the outer cordon by 100 m');
    await expectCount(ws.locator('ol.decisions li'), 1);
    await decide('Widen the outer cordon by 200 m', 'D1');
    await expectCount(ws.locator('ol.decisions li'), 2);
    await expectContainsText(ws.locator('li[data-decision="D1"]'), 'superseded by D2');

    await page.selectOption('#major-commit-unit', 'pc01');
    await ws.getByRole('button', { name: 'Commit' }).click();
    await expectContainsText(ws.locator('table.committed'), 'PC01');
    // Heard on the radio with the broker down: entered by hand, and marked so.
    await ws.getByRole('button', { name: 'By hand…' }).click();
    await page.selectOption('#manual-status', 'on_scene');
    await page.fill('#manual-position', '52.5741, -0.2409');
    await page.locator('#manual-save').click();
    await expectContainsText(ws.locator('table.committed'), 'on scene');
    await expectContainsText(ws.locator('table.committed'), 'position by hand');
    expect(s.host.service.state.units.get('pc01' as never)).toMatchObject({ status: 'on_scene', statusBy: 'supervisor', fix: { lat: 52.5741, by: 'supervisor' } });

    // The scene: an outer cordon about it, and a rendezvous point picked on the map.
    await page.fill('#scene-outer', '400');
    await ws.getByRole('button', { name: 'Pick on map' }).first().click();
    const box = (await page.locator('.map-column canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await expect.poll(() => page.inputValue('#scene-rvp')).toMatch(/^\d+\.\d+, -?\d+\.\d+$/);
    await page.fill('#scene-route', '52.5770, -0.2500; 52.5755, -0.2450; 52.5745, -0.2415');
    // The inner cordon drawn freehand, as it runs round the collapsed block: corners clicked on the
    // map, Enter finishes it and draws the scene.
    const corners = [
      { lat: 52.5748, lon: -0.2422 },
      { lat: 52.5749, lon: -0.2395 },
      { lat: 52.5735, lon: -0.2388 },
      { lat: 52.5729, lon: -0.2405 },
      { lat: 52.5733, lon: -0.2424 },
    ];
    await page.locator('#scene-inner-draw').focus();
    await page.keyboard.press('Enter');
    await expectContainsText(ws.getByRole('status'), 'Click the corners of the inner cordon');
    await expectContainsText(page.locator('.pick-hint'), 'Click the corners of the inner cordon · Enter to finish');
    for (const c of corners) {
      const at = await page.evaluate(({ lat, lon }) => window.__beaconMap!.project([lon, lat]), c);
      await page.mouse.click(box.x + at.x, box.y + at.y);
      await expect.poll(() => page.inputValue('#scene-inner-corners')).toMatch(new RegExp(`(; .*){${corners.indexOf(c)}}$`));
    }
    // Shown on the map as it grows.
    await expect.poll(async () => (await renderedFeatures(page, 'major-draft-corners')).length).toBe(corners.length);
    await page.screenshot({ path: path.join('test-results', 'major-drawing-cordon.png') });
    await page.keyboard.press('Enter');
    await waitForRenderedFeature(page, 'major-cordons-line', 'outer-cordon');
    await waitForRenderedFeature(page, 'major-cordons-line', 'inner-cordon', (p) => p.freehand === true);
    const inner = s.host.service.state.majors.get(id)!.scene!.features.find((f) => f.properties.kind === 'inner-cordon')!;
    const ring = inner.geometry.type === 'Polygon' ? inner.geometry.coordinates[0]! : [];
    expect(ring).toHaveLength(corners.length + 1);
    ring.slice(0, -1).forEach(([lon, lat], i) => {
      expect(Math.abs(lat - corners[i]!.lat)).toBeLessThan(0.0001);
      expect(Math.abs(lon - corners[i]!.lon)).toBeLessThan(0.0001);
    });
    await waitForRenderedFeature(page, 'major-points', 'rvp');
    await waitForRenderedFeature(page, 'major-access-route', 'access-route');
    await expectContainsText(ws.locator('[data-field="units-inside"]'), 'Units inside');
    await expectContainsText(ws.locator('[data-field="cameras-inside"]'), 'Long Causeway');

    // A decision to be reviewed in 3 s: when it falls due the host's stream raises the reminder.
    await decide('Keep the east gate closed', undefined, '0.05');
    const reminder = page.getByRole('alert', { name: 'Decision reviews due' });
    await expectContainsText(reminder, `${id} D3`);
    await expectContainsText(ws.locator('li[data-decision="D3"] .tag.due'), 'review due');

    // The timeline, from the journal, filtered to decisions.
    await page.selectOption('#timeline-kind', 'decision');
    await expectCount(ws.locator('.timeline-list li'), 3);
    await page.selectOption('#timeline-kind', '');
    await page.screenshot({ path: path.join('test-results', 'major-1280x720.png') });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: path.join('test-results', 'major-1920x1080.png') });

    // The reminder shows in the dispatcher's layout too, where F9 reaches it from the keyboard:
    // the decision stands, said and journaled.
    await page.locator('body').focus();
    await page.keyboard.press('m');
    await expectCount(ws, 0);
    await expectContainsText(reminder, 'Keep the east gate closed');
    await page.keyboard.press('F9');
    await expectFocused(page, '#review-note');
    await page.keyboard.press('Escape');
    await expectCount(page.locator('#review-note'), 0);
    await expectContainsText(reminder, 'D3');
    await page.keyboard.press('F9');
    await page.keyboard.type('Crowd still at the east side');
    await page.keyboard.press('Enter');
    await expectCount(reminder, 0);
    expect(s.host.service.state.majors.get(id)!.decisions[2]!.reviews).toEqual([expect.objectContaining({ by: 'supervisor', note: 'Crowd still at the east side' })]);
    await page.keyboard.press('m');
    await expectContainsText(ws.locator('.timeline-list'), 'Review of D3 acknowledged');

    await page.locator('#major-stand-down').click();
    await page.locator('#major-stand-down-confirm').click();
    await expectContainsText(ws.locator('.stood-down'), 'Stood down');

    // The debrief, through the contract (as in Electron's window), shown in the console.
    await page.locator('#major-debrief').click();
    const report = page.frameLocator('iframe.debrief-frame');
    await expectContainsText(report.locator('h1'), `Major incident ${id}`);
    await expectContainsText(report.locator('#decisions'), 'Widen the outer cordon by 200 m');
    await expectContainsText(report.locator('#units'), 'PC01');
    await expectContainsText(report.locator('#chain'), 'SHA-256');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('#debrief-pdf').click()]);
    expect(pdf.suggestedFilename()).toBe(`debrief-${id}.pdf`);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    await page.screenshot({ path: path.join('test-results', 'major-debrief.png') });
    await page.keyboard.press('Escape');
    await expectCount(page.locator('.debrief-viewer'), 0);

    // And back to routine dispatch with one key.
    await page.keyboard.press('m');
    await expectCount(page.locator('section.major-workspace'), 0);
  });
});

import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/domain/incidents.js';
import { browserUnavailable, openConsole, useConsoleSession } from './support/console.js';
import { eventually, expectAttribute, expectContainsText, expectCount } from './support/expect.js';

const skip = browserUnavailable();
if (skip) console.warn(`Skipping the new-work e2e test: ${skip}`);

const SPOT = { lat: 52.5738, lon: -0.2463 };

/** Records every note the page plays through Web Audio: its oscillator type, frequency and loudest gain. */
const AUDIO_STUB = `
  window.__sounds = [];
  class StubAudioContext {
    constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
    resume() { return Promise.resolve(); }
    suspend() { return Promise.resolve(); }
    close() { return Promise.resolve(); }
    createGain() {
      const g = { peak: 0 };
      return { _g: g, gain: { setValueAtTime() {}, exponentialRampToValueAtTime(v) { g.peak = Math.max(g.peak, v); } }, connect(d) { return d; } };
    }
    createOscillator() {
      const o = { type: 'sine', frequency: { value: 0 }, gainNode: null,
        connect(g) { o.gainNode = g; return g; },
        start() { window.__sounds.push({ type: o.type, freq: o.frequency.value, peak: o.gainNode ? o.gainNode._g.peak : 0 }); },
        stop() {} };
      return o;
    }
  }
  window.AudioContext = StubAudioContext;
`;

type Sound = { type: string; freq: number; peak: number };

describe.skipIf(!!skip)('new work arriving in Chromium', () => {
  const s = useConsoleSession('beacon-e2e-new-work-', { ackTimeoutS: 2 });
  const api = async <T,>(p: string, body?: unknown): Promise<T> => {
    const r = await s.api(`${p}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const j = (await r.json()) as { ok: boolean; value: T; error?: string };
    if (!j.ok) throw new Error(`${p}: ${j.error}`);
    return j.value;
  };
  const sounds = () => s.browser.page.evaluate(() => (window as unknown as { __sounds: Sound[] }).__sounds.splice(0));

  it('sounds a new incident, a new P1 and an unacknowledged assignment differently, flashes them and counts them in the title', async () => {
    const { page, context } = s.browser;
    await context.addInitScript({ content: AUDIO_STUB });
    await openConsole(page, s.host.url);
    const base = await page.title();
    expect(await sounds()).toEqual([]);

    const graffiti = await api<Incident>('/api/incidents', { category: 'graffiti', location: SPOT, description: 'Tag on the bus shelter' });
    await expectAttribute(page.locator(`.queue-row[data-incident-id="${graffiti.id}"]`), 'data-new-work', 'incident');
    let heard: Sound[] = [];
    await eventually(async () => expect((heard = await sounds())).toHaveLength(1));
    expect(heard[0]).toMatchObject({ type: 'sine', freq: 660 });
    await eventually(async () => expect(await page.title()).toBe(`(1) ${base}`));

    const p1 = await api<Incident>('/api/incidents', { category: 'needs_police', location: SPOT, description: 'Man with a knife' });
    await expectAttribute(page.locator(`.queue-row[data-incident-id="${p1.id}"]`), 'data-new-work', 'p1');
    await eventually(async () => expect((heard = await sounds())).toHaveLength(3));
    expect(heard.map((h) => [h.type, h.freq])).toEqual([
      ['triangle', 1175],
      ['triangle', 1175],
      ['triangle', 1175],
    ]);
    await eventually(async () => expect(await page.title()).toBe(`(2) ${base}`));

    // Looking at it is noticing it: the row stops flashing and the count goes down.
    await page.locator(`.queue-row[data-incident-id="${p1.id}"]`).click();
    await eventually(async () => expect(await page.title()).toBe(`(1) ${base}`));
    await page.locator(`.queue-row[data-incident-id="${graffiti.id}"]`).click();
    await eventually(async () => expect(await page.title()).toBe(base));

    // Nobody acknowledges on the officer's device: after --ack-timeout a third, different sound.
    await api<Incident>(`/api/incidents/${graffiti.id}/allocations`, { unitId: 'cs01' });
    await expectContainsText(page.locator('.escalations'), 'CS01 has not acknowledged', 10_000);
    await eventually(async () => expect((heard = await sounds())).toHaveLength(2));
    expect(heard.map((h) => [h.type, h.freq])).toEqual([
      ['sine', 587],
      ['sine', 440],
    ]);
    await eventually(async () => expect(await page.title()).toBe(`(1) ${base}`));

    // Every one quieter than the emergency alarm, whose peak the same stub measures.
    expect((await s.host.handlers.raiseEmergency({ id: 'pc01', operator: 'd' })).ok).toBe(true);
    let alarm: Sound[] = [];
    await eventually(async () => expect((alarm = await sounds())).not.toHaveLength(0));
    const alarmPeak = Math.max(...alarm.map((a) => a.peak));
    expect(alarmPeak).toBeGreaterThan(0);
    expect(Math.max(...heard.map((h) => h.peak))).toBeLessThan(alarmPeak);
    await page.keyboard.press('F8');
    await expectCount(page.locator('.alarm.acknowledged'), 1);
    await page.keyboard.press('Shift+F8');
    await page.keyboard.press('Shift+F8');
    await expectCount(page.locator('.alarm'), 0);
  });

  it('finds a closed incident by reference, place and date', async () => {
    const { page } = s.browser;
    const inc = await api<Incident>('/api/incidents', { category: 'disorder', location: SPOT, description: 'Shouting outside the Brewery Tap' });
    await api<Incident>(`/api/incidents/${inc.id}/transition`, { action: 'cancelled', note: 'caller withdrew' });
    const row = page.locator(`.queue-row[data-incident-id="${inc.id}"]`);
    await expectCount(row, 0);
    await page.locator('body').press('Escape');
    await page.keyboard.press('i');
    for (const q of [inc.ref, 'brewery tap', new Date(inc.createdAt).toLocaleDateString('en-CA')]) {
      await page.locator('#queue-search').fill(q);
      await expectCount(row, 1);
      await expectContainsText(row, 'Cancelled');
    }
    await page.locator('#queue-search').fill('no such place');
    await expectCount(row, 0);
    await expectContainsText(page.locator('.queue-rows'), 'No incident matches the filter.');
  });
});

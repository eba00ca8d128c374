// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sectorId, unitId } from '../../../shared/domain/ids.js';
import type { Incident } from '../../../shared/domain/incidents.js';
import { IncidentQueue } from '../incidents/IncidentQueue.js';
import { ALARM_PEAK_GAIN } from '../safety/alarmTone.js';
import { createConsoleStore } from '../store/store.js';
import { incident } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { ageingOf, DEFAULT_TARGETS, loadTargets, TARGETS_KEY } from './ageing.js';
import { filterQueue, NO_FILTER } from './filters.js';
import { ALERTS_KEY, announcedFrom, attentionCount, loadAlertSettings, newWork } from './newWork.js';
import { useNewWorkAlerts } from './useNewWorkAlerts.js';
import { WORK_GAIN_CEILING, WORK_SOUNDS } from './workTone.js';

const T = Date.UTC(2026, 10, 24, 21, 0, 0);
const list: Incident[] = [
  incident('p1-old', { ref: '20261124-0001', priority: 1, category: 'needs_police', createdAt: T - 10 * 60_000, sector: sectorId('central'), address: 'Bridge Street' }),
  incident('p3', { ref: '20261124-0002', priority: 3, category: 'fly_tipping', source: 'open311', createdAt: T - 60_000, sector: sectorId('north') }),
  incident('closed', { ref: '20261123-0009', priority: 2, state: 'closed', category: 'disorder', createdAt: Date.UTC(2026, 10, 23, 12), description: 'Fight outside the Brewery Tap' }),
];
const byId = Object.fromEntries(list.map((i) => [i.id, i]));

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('queue filters and search', () => {
  it('filters by status, priority, sector, category and source', () => {
    const ids = (f: Partial<typeof NO_FILTER>) => filterQueue(byId, { ...NO_FILTER, ...f }).map((i) => i.id);
    expect(ids({})).toEqual(['p1-old', 'p3']);
    expect(ids({ status: 'closed' })).toEqual(['closed']);
    expect(ids({ priority: '3' })).toEqual(['p3']);
    expect(ids({ sector: 'central' })).toEqual(['p1-old']);
    expect(ids({ category: 'fly_tipping' })).toEqual(['p3']);
    expect(ids({ source: 'open311' })).toEqual(['p3']);
  });

  it('finds closed incidents by reference, place and date, after the open ones', () => {
    const ids = (search: string) => filterQueue(byId, { ...NO_FILTER, search }).map((i) => i.id);
    expect(ids('20261123-0009')).toEqual(['closed']);
    expect(ids('brewery tap')).toEqual(['closed']);
    expect(ids('bridge')).toEqual(['p1-old']);
    expect(ids('2026-11-23')).toEqual(['closed']);
    expect(ids('2026112')).toEqual(['p1-old', 'p3', 'closed']);
  });
});

describe('ageing against a target per priority', () => {
  it('marks an unallocated P1 past its target overdue, not an allocated one; targets are configurable per desk', () => {
    expect(ageingOf(list[0]!, T, DEFAULT_TARGETS)).toMatchObject({ ageS: 600, targetS: 300, overdue: true, used: 1 });
    expect(ageingOf({ ...list[0]!, state: 'allocated' }, T, DEFAULT_TARGETS).overdue).toBe(false);
    localStorage.setItem(TARGETS_KEY, JSON.stringify({ 1: 900, 2: 'soon' }));
    const t = loadTargets();
    expect(t).toEqual({ ...DEFAULT_TARGETS, 1: 900 });
    expect(ageingOf(list[0]!, T, t).overdue).toBe(false);
  });

  it('shows an overdue P1 so it cannot look like new work, and finds a closed incident from the search box', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T);
    const store = createConsoleStore();
    store.setState({ incidents: byId });
    renderConsole(<IncidentQueue />, { store });
    const row = (id: string) => document.querySelector<HTMLElement>(`.queue-row[data-incident-id="${id}"]`);
    expect(row('p1-old')!.className).toContain('overdue');
    expect(row('p1-old')!.querySelector('[data-badge="overdue"]')!.textContent).toBe('OVERDUE: no officer after 10 min 00 (target 5 min)');
    expect(row('p3')!.className).not.toContain('overdue');
    vi.useRealTimers();
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: /Find incidents/ }), '2026-11-23');
    expect([...document.querySelectorAll<HTMLElement>('.queue-row')].map((r) => r.dataset.incidentId)).toEqual(['closed']);
    expect(within(row('closed')!).getByText('Closed')).toBeTruthy();
  });
});

describe('new work', () => {
  it('announces a new incident, a new P1 (or one raised to P1) and an unacknowledged assignment once each', () => {
    const seen = announcedFrom(byId);
    expect(newWork(seen, byId)).toEqual([]);
    const fresh = incident('new', { priority: 3 });
    const urgent = incident('urgent', { priority: 1 });
    expect(newWork(seen, { ...byId, new: fresh, urgent })).toEqual([
      { kind: 'incident', incidentId: 'new' },
      { kind: 'p1', incidentId: 'urgent' },
    ]);
    const raised = { ...fresh, priority: 1 as const };
    const escalated = { ...list[1]!, state: 'allocated' as const, allocations: [{ unitId: unitId('eo01'), at: T, by: 'd', ackedAt: null, escalatedAt: T + 1 }] };
    const next = { ...byId, new: raised, urgent, p3: escalated };
    expect(newWork(seen, next)).toEqual([
      { kind: 'unacknowledged', incidentId: 'p3' },
      { kind: 'p1', incidentId: 'new' },
    ]);
    expect(newWork(seen, next)).toEqual([]);
    expect(attentionCount({ new: 'p1' }, next)).toBe(2);
  });

  it('has a distinct sound for each kind, every one quieter than the emergency alarm, and per-desk settings', () => {
    const sounds = Object.values(WORK_SOUNDS).map((s) => `${s.type}:${s.freqs.join(',')}`);
    expect(new Set(sounds).size).toBe(3);
    for (const s of Object.values(WORK_SOUNDS)) expect(Math.min(s.gain, WORK_GAIN_CEILING)).toBeLessThan(ALARM_PEAK_GAIN);
    localStorage.setItem(ALERTS_KEY, JSON.stringify({ sound: { incident: false }, volume: 0.5 }));
    expect(loadAlertSettings()).toEqual({ sound: { incident: false, p1: true, unacknowledged: true }, volume: 0.5 });
  });

  it('plays the kind’s sound, flashes the row and counts it in the title until the dispatcher looks at it', async () => {
    const played: { type: string; freq: number; peak: number }[] = [];
    class FakeAudio {
      state = 'running';
      currentTime = 0;
      destination = {};
      resume = async () => {};
      close = async () => {};
      createOscillator() {
        const o = { type: '', frequency: { value: 0 }, connect: (g: unknown) => g, start: () => played.push({ type: o.type, freq: o.frequency.value, peak: gain }), stop: () => {} };
        return o;
      }
      createGain() {
        return { gain: { setValueAtTime: () => {}, exponentialRampToValueAtTime: (v: number) => (gain = Math.max(gain, v)) }, connect: (d: unknown) => d };
      }
    }
    let gain = 0;
    vi.stubGlobal('AudioContext', FakeAudio);
    function Desk() {
      useNewWorkAlerts(store);
      return <IncidentQueue />;
    }
    const store = createConsoleStore();
    store.setState({ incidents: byId, seq: 1 });
    renderConsole(<Desk />, { store });
    const base = document.title;
    expect(played).toEqual([]);
    await act(async () => store.getState().upsertIncidents([incident('urgent', { priority: 1, createdAt: Date.now() })]));
    expect(played.map((p) => p.freq)).toEqual(WORK_SOUNDS.p1.freqs);
    expect(played.every((p) => p.peak < ALARM_PEAK_GAIN)).toBe(true);
    expect(document.querySelector('.queue-row[data-incident-id="urgent"]')!.className).toContain('new-p1');
    expect(document.title).toBe(`(1) ${base}`);
    act(() => store.getState().selectIncident('urgent'));
    expect(document.querySelector('.queue-row[data-incident-id="urgent"]')!.className).not.toContain('new-work');
    expect(document.title).toBe(base);
  });
});

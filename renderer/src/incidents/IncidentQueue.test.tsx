// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { incidentId, unitId } from '../../../shared/domain/ids.js';
import type { Incident } from '../../../shared/domain/incidents.js';
import { createConsoleStore } from '../store/store.js';
import { incident, unit } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { IncidentDesk } from './IncidentDesk.testing.js';
import { IncidentQueue } from './IncidentQueue.js';

const T = Date.UTC(2025, 5, 14, 22, 30, 0);
const seeded = (now: number): Incident[] => [
  incident('graffiti-old', { ref: 'PB-0001', priority: 4, createdAt: now - 3 * 3600_000 - 5 * 60_000 }),
  incident('disorder', { ref: 'PB-0002', priority: 2, category: 'disorder', createdAt: now - 65_000, description: 'Fight outside the Brewery Tap' }),
  incident('assault', { ref: 'PB-0003', priority: 1, category: 'needs_police', createdAt: now - 59_000 }),
  incident('asb-older', { ref: 'PB-0004', priority: 2, category: 'anti_social_behaviour', createdAt: now - 600_000 }),
  incident('closed', { ref: 'PB-0005', priority: 1, state: 'closed', createdAt: now - 1000 }),
  incident('resolved', { ref: 'PB-0006', priority: 1, state: 'resolved', createdAt: now - 1000 }),
  incident('cancelled', { ref: 'PB-0007', priority: 1, state: 'cancelled', createdAt: now - 1000 }),
];

function queue(now = Date.now(), ui = <IncidentQueue />) {
  const store = createConsoleStore();
  store.setState({ incidents: Object.fromEntries(seeded(now).map((i) => [i.id, i])) });
  return renderConsole(ui, { store });
}
const list = () => screen.getByRole('listbox', { name: /Open incidents/ });
const rows = () => within(list()).queryAllByRole('option');
const refs = () => rows().map((r) => r.querySelector('.ref')!.textContent);
const row = (id: string) => rows().find((r) => r.dataset.incidentId === id)!;
const age = (id: string) => row(id).querySelector('.age')!.textContent;

afterEach(() => {
  vi.useRealTimers();
});

describe('<IncidentQueue>', () => {
  it('lists open incidents only, most urgent first and oldest first within a priority, with a count', () => {
    queue();
    expect(refs()).toEqual(['PB-0003', 'PB-0004', 'PB-0002', 'PB-0001']);
    expect(screen.getByRole('heading', { name: /Incidents/ }).textContent).toContain('4 open');
    expect(row('disorder').querySelector('.prio')!.textContent).toBe('P2');
    expect(within(row('disorder')).getByText('Disorder')).toBeTruthy();
    expect(within(row('disorder')).getByText('Fight outside the Brewery Tap')).toBeTruthy();
    expect(within(row('disorder')).getByText('Received')).toBeTruthy();
  });

  it('ages tick every second against the host clock', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(T);
    const { store } = queue(T);
    expect(age('assault')).toBe('59 s');
    expect(age('disorder')).toBe('1 min 05');
    expect(age('graffiti-old')).toBe('3 h 05');

    act(() => vi.advanceTimersByTime(1000));
    expect(age('assault')).toBe('1 min 00');
    expect(age('disorder')).toBe('1 min 06');

    act(() => vi.advanceTimersByTime(60_000));
    expect(age('assault')).toBe('2 min 00');

    // The host stamped createdAt; with its clock 30 s ahead of ours, ages count from its time.
    act(() => store.setState({ clockSkewMs: 30_000 }));
    expect(age('assault')).toBe('2 min 30');
  });

  it('shows a just-created incident as 0 s old, never a negative age', () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(T);
    const { store } = queue(T);
    // The create answer lands between two ticks, stamped a little after the queue last looked at the clock.
    act(() => store.getState().upsertIncidents([incident('fresh', { ref: 'PB-0010', priority: 1, createdAt: T + 400 })]));
    expect(age('fresh')).toBe('0 s');
  });

  it('names the units allocated and still committed to each incident', () => {
    const store = createConsoleStore();
    const allocated = incident('disorder', {
      ref: 'PB-0002',
      priority: 2,
      state: 'allocated',
      allocations: [
        { unitId: unitId('pc12'), at: 1, by: 'dispatcher', ackedAt: null },
        { unitId: unitId('cs4'), at: 1, by: 'dispatcher', ackedAt: null },
        { unitId: unitId('pc9'), at: 1, by: 'dispatcher', ackedAt: null },
      ],
    });
    store.setState({
      incidents: { disorder: allocated, quiet: incident('quiet', { ref: 'PB-0008' }) },
      units: {
        pc12: unit('pc12', { callsign: 'PC12', incidentId: incidentId('disorder') }),
        cs4: unit('cs4', { callsign: 'CS4', incidentId: incidentId('disorder') }),
        // Released and gone to another job: no longer shown against this one.
        pc9: unit('pc9', { callsign: 'PC9', incidentId: incidentId('elsewhere') }),
      },
    });
    renderConsole(<IncidentQueue />, { store });
    expect(row('disorder').querySelector('.alloc')!.textContent).toBe('PC12, CS4');
    expect(within(row('disorder')).getByText('Allocated')).toBeTruthy();
    expect(row('quiet').querySelector('.alloc')!.textContent).toBe('—');
  });

  it('focusing the queue selects the top row; arrows move the selection and fly the map; Enter opens allocation', async () => {
    const user = userEvent.setup();
    const { store } = queue();
    // Past the header's controls and the filters, the list itself.
    while (document.activeElement !== list()) await user.tab();
    expect(store.getState().selectedIncidentId).toBe('assault');
    expect(list().getAttribute('aria-activedescendant')).toBe('incident-row-assault');

    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(store.getState().selectedIncidentId).toBe('disorder');
    expect(list().getAttribute('aria-activedescendant')).toBe('incident-row-disorder');
    expect(row('disorder').getAttribute('aria-selected')).toBe('true');
    expect(row('assault').getAttribute('aria-selected')).toBe('false');
    expect(store.getState().flyTo).toMatchObject({ lat: 52.57, lon: -0.24 });

    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(store.getState().selectedIncidentId).toBe('graffiti-old');
    await user.keyboard('{ArrowUp}');
    expect(store.getState().selectedIncidentId).toBe('disorder');

    expect(store.getState().mode).toBe('idle');
    await user.keyboard('{Enter}');
    expect(store.getState().mode).toBe('allocate');
  });

  it('selects a row on click; the New incident button opens the form', async () => {
    const user = userEvent.setup();
    const { store } = queue();
    await user.click(row('asb-older'));
    expect(store.getState().selectedIncidentId).toBe('asb-older');
    expect(row('asb-older').className).toContain('selected');
    await user.click(screen.getByRole('button', { name: /New incident/ }));
    expect(store.getState().mode).toBe('new-incident');
  });

  it('an empty queue says how to start, and Enter does nothing', () => {
    const { store } = renderConsole(<IncidentQueue />);
    expect(screen.getByText('No open incidents. Press N to create one.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Incidents/ }).textContent).toContain('0 open');
    fireEvent.keyDown(list(), { key: 'Enter' });
    expect(store.getState().mode).toBe('idle');
  });

  it('Q brings the keyboard back to the queue from anywhere that is not a text field', async () => {
    const user = userEvent.setup();
    queue(Date.now(), <IncidentDesk />);
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('q');
    expect(document.activeElement).toBe(list());
  });
});

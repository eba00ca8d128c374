// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { EXCLUSION_REASONS, type Candidate, type Recommendation } from '../../../shared/dispatch/ranking.js';
import { incidentId, sectorId, unitId } from '../../../shared/domain/ids.js';
import { createConsoleStore } from '../store/store.js';
import { incident, unit } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { IncidentDesk } from './IncidentDesk.testing.js';

const now = Date.now();
// Incidents sit at 52.57, -0.24 (fixture default).
const fight = incident('fight', { ref: 'PB-0042', priority: 2, category: 'disorder', createdAt: now - 120_000 });
const tagging = incident('tagging', { ref: 'PB-0040', priority: 4, createdAt: now - 900_000 });
const units = Object.fromEntries(
  [
    unit('pc1', { callsign: 'PC1', status: 'available', fix: { ts: now, lat: 52.571, lon: -0.24 } }),
    unit('pc2', { callsign: 'PC2', status: 'available', fix: { ts: now, lat: 52.58, lon: -0.24 } }),
    unit('pc3', { callsign: 'PC3', status: 'busy', fix: { ts: now, lat: 52.5701, lon: -0.24 } }),
    unit('pc5', { callsign: 'PC5', status: 'available', sector: sectorId('north') }),
    unit('cs1', { callsign: 'CS1', agency: 'pcso', status: 'off_duty', fix: { ts: now, lat: 52.57, lon: -0.24 } }),
    unit('pc4', { callsign: 'PC4', status: 'en_route', incidentId: incidentId('fight'), fix: { ts: now, lat: 52.57, lon: -0.24 } }),
  ].map((u) => [u.id, u]),
);

const candidate = (id: string, over: Partial<Candidate> = {}): Candidate => ({
  unitId: unitId(id),
  callsign: id.toUpperCase(),
  agency: 'police',
  sector: sectorId('central'),
  mode: 'foot',
  status: 'available',
  distanceM: 1112,
  roadM: null,
  etaBasis: 'straight line',
  etaS: 1000,
  score: 1000,
  sameSector: true,
  busyWith: null,
  fixAgeS: 3,
  reasons: ['same sector', 'has the power'],
  ...over,
});
const recommendation = (candidates: Candidate[]): Recommendation => ({
  incidentId: fight.id,
  ref: fight.ref,
  category: fight.category,
  priority: fight.priority,
  requiredPowers: [],
  policeOnly: false,
  computedAt: now,
  candidates,
  excluded: [],
  excludedCounts: Object.fromEntries(EXCLUSION_REASONS.map((r) => [r, 0])) as Recommendation['excludedCounts'],
  considered: 5,
  rosterSize: 6,
});

const allocating = (host: FakeHost) =>
  host.answer('allocateUnit', (input) => ({
      ok: true,
      value: { ...fight, state: 'allocated', allocations: [{ unitId: unitId(input.unitId), at: now, by: 'dispatcher', ackedAt: null }] },
    }));

/** Recommends PC2; allocations succeed unless the test gives its own host. */
function desk(host = allocating(new FakeHost())) {
  host.answer('recommendUnits', () => ({ ok: true, value: recommendation([candidate('pc2')]) }));
  const store = createConsoleStore();
  store.setState({ incidents: { fight, tagging }, units });
  return { user: userEvent.setup(), ...renderConsole(<IncidentDesk />, { store, host }) };
}
const dialog = () => screen.queryByRole('region', { name: /Allocate a unit to/ });
const search = () => screen.getByLabelText('Filter units to allocate') as HTMLInputElement;
const options = () => within(screen.getByRole('listbox', { name: 'Units to allocate' })).queryAllByRole('option');
const callsigns = () => options().map((o) => o.querySelector('.callsign')!.textContent);
const queue = () => screen.getByRole('listbox', { name: /Open incidents/ });

describe('<AllocateDialog>', () => {
  it('A opens allocation for the most urgent unallocated incident; Enter allocates the recommended officer', async () => {
    const { user, host, store } = desk();
    // Nothing selected: A takes the P2 over the older P4.
    await user.keyboard('a');

    expect(dialog()).not.toBeNull();
    expect(screen.getByRole('heading', { name: /Allocate to/ }).textContent).toBe('Allocate to PB-0042 · P2 Disorder');
    expect(document.activeElement).toBe(search());
    expect(host.callsTo('recommendUnits')).toEqual([{ id: 'fight', limit: 5 }]);

    await screen.findByTestId('recommendation');
    // Recommended first, then free units nearest first, then busy; off duty and already allocated left out.
    await waitFor(() => expect(callsigns()).toEqual(['PC2', 'PC1', 'PC5', 'PC3']));
    expect(within(options()[0]!).getByText(/#1/)).toBeTruthy();
    expect(options()[0]!.getAttribute('aria-selected')).toBe('true');
    expect(search().getAttribute('aria-activedescendant')).toBe('alloc-pc2');

    await user.keyboard('{Enter}');
    await waitFor(() => expect(dialog()).toBeNull());
    expect(host.callsTo('allocateUnit')).toStrictEqual([{ id: 'fight', unitId: 'pc2' }]);
    expect(store.getState().notice).toMatchObject({ text: 'PC2 allocated to PB-0042.', kind: 'info' });
    expect(store.getState().incidents.fight!.state).toBe('allocated');
    expect(store.getState().mode).toBe('idle');
    await waitFor(() => expect(document.activeElement).toBe(queue()));
  });

  it('keeps the cursor on the officer chosen before the recommendations arrive', async () => {
    let release: () => void = () => {};
    const host = allocating(new FakeHost());
    const { user, store } = desk(host);
    // Ranking is slow this time: the plain list shows first, nearest free officer on top.
    host.answer('recommendUnits', () => new Promise((resolve) => (release = () => resolve({ ok: true, value: recommendation([candidate('pc2')]) }))));
    store.getState().selectIncident('fight');
    await user.keyboard('a');
    expect(callsigns()).toEqual(['PC1', 'PC2', 'PC5', 'PC3']);
    await user.keyboard('{ArrowDown}');
    expect(search().getAttribute('aria-activedescendant')).toBe('alloc-pc2');
    release();
    // PC2 moves to the top as the recommended officer; the cursor moves with PC2.
    await waitFor(() => expect(callsigns()).toEqual(['PC2', 'PC1', 'PC5', 'PC3']));
    expect(search().getAttribute('aria-activedescendant')).toBe('alloc-pc2');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(dialog()).toBeNull());
    expect(host.callsTo('allocateUnit')).toStrictEqual([{ id: 'fight', unitId: 'pc2' }]);
  });

  it('arrows choose another officer; Enter allocates exactly the one highlighted', async () => {
    const { user, host, store } = desk();
    store.getState().selectIncident('fight');
    await user.keyboard('a');
    await waitFor(() => expect(callsigns()).toEqual(['PC2', 'PC1', 'PC5', 'PC3']));
    await user.keyboard('{ArrowDown}');
    expect(search().getAttribute('aria-activedescendant')).toBe('alloc-pc1');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(search().getAttribute('aria-activedescendant')).toBe('alloc-pc5');
    expect(options()[2]!.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(dialog()).toBeNull());
    expect(host.callsTo('allocateUnit')).toStrictEqual([{ id: 'fight', unitId: 'pc5' }]);
  });

  it('shows how far each officer is, and allocates on click', async () => {
    const { user, host, store } = desk();
    store.getState().selectIncident('fight');
    await user.keyboard('a');
    await waitFor(() => expect(callsigns()[0]).toBe('PC2'));
    const dist = (id: string) => options().find((o) => o.dataset.unitId === id)!.querySelector('.dist')!.textContent;
    expect(dist('pc1')).toBe('111 m');
    expect(dist('pc2')).toBe('1.1 km');
    expect(dist('pc5')).toBe('no fix');
    await user.click(screen.getByText('PC3'));
    await waitFor(() => expect(dialog()).toBeNull());
    expect(host.callsTo('allocateUnit')).toStrictEqual([{ id: 'fight', unitId: 'pc3' }]);
  });

  it('filters by callsign, agency or sector; says when nothing matches and then sends nothing', async () => {
    const { user, host, store } = desk();
    store.getState().selectIncident('fight');
    await user.keyboard('a');
    await waitFor(() => expect(callsigns()[0]).toBe('PC2'));
    await user.keyboard('{ArrowDown}north');
    expect(callsigns()).toEqual(['PC5']);
    // A new search puts the cursor back on the first row.
    expect(search().getAttribute('aria-activedescendant')).toBe('alloc-pc5');
    await user.clear(search());
    await user.keyboard('pcso');
    expect(screen.getByText('No unit matches.')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(host.callsTo('allocateUnit')).toEqual([]);
    expect(dialog()).not.toBeNull();
  });

  it('shows the host refusing, stays open on the same choice, and allocates on a second try', async () => {
    const host = new FakeHost();
    let refuse = true;
    host.answer('allocateUnit', (input) =>
      refuse
        ? { ok: false, error: 'PC2 is already committed to a P1: release them first.' }
        : { ok: true, value: { ...fight, state: 'allocated', allocations: [{ unitId: unitId(input.unitId), at: now, by: 'dispatcher', ackedAt: null }] } },
    );
    const { user, store } = desk(host);
    store.getState().selectIncident('fight');
    await user.keyboard('a');
    await waitFor(() => expect(callsigns()[0]).toBe('PC2'));
    await user.keyboard('{Enter}');

    expect((await screen.findByRole('alert')).textContent).toBe('PC2 is already committed to a P1: release them first.');
    expect(dialog()).not.toBeNull();
    expect(store.getState()).toMatchObject({ mode: 'allocate', selectedIncidentId: 'fight', notice: null });
    expect(store.getState().incidents.fight!.state).toBe('received');
    expect(search().getAttribute('aria-activedescendant')).toBe('alloc-pc2');

    refuse = false;
    await user.keyboard('{Enter}');
    await waitFor(() => expect(dialog()).toBeNull());
    expect(host.callsTo('allocateUnit')).toStrictEqual([
      { id: 'fight', unitId: 'pc2' },
      { id: 'fight', unitId: 'pc2' },
    ]);
  });

  it('when ranking fails, says so and still offers the plain list nearest first', async () => {
    const host = new FakeHost();
    const { user, store } = desk(host);
    host.answer('recommendUnits', () => ({ ok: false, error: 'Ranking unavailable: choose from the list.' }));
    store.getState().selectIncident('fight');
    await user.keyboard('a');
    expect((await screen.findByRole('alert')).textContent).toBe('Ranking unavailable: choose from the list.');
    expect(callsigns()).toEqual(['PC1', 'PC2', 'PC5', 'PC3']);
  });

  it('Esc cancels: nothing allocated, the queue and its selection kept, focus back on the queue', async () => {
    const { user, host, store } = desk();
    queue().focus();
    expect(store.getState().selectedIncidentId).toBe('fight');
    await user.keyboard('a');
    expect(document.activeElement).toBe(search());
    await user.keyboard('pc');
    await user.keyboard('{Escape}');

    expect(dialog()).toBeNull();
    expect(host.callsTo('allocateUnit')).toEqual([]);
    expect(store.getState()).toMatchObject({ mode: 'idle', selectedIncidentId: 'fight' });
    expect(within(queue()).getAllByRole('option').map((o) => o.dataset.incidentId)).toEqual(['fight', 'tagging']);
    await waitFor(() => expect(document.activeElement).toBe(queue()));
  });

  it('puts officers who may not be sent last, each marked with why, before Enter', async () => {
    const host = allocating(new FakeHost()).answer('recommendUnits', () => ({ ok: false, error: 'down' }));
    const store = createConsoleStore();
    store.setState({
      incidents: { fight },
      units: {
        ...units,
        // Nearest of all, but pressing their own emergency button.
        pc8: unit('pc8', { callsign: 'PC8', status: 'available', emergency: { active: true, ts: now }, fix: { ts: now, lat: 52.57, lon: -0.24 } }),
      },
    });
    const { user } = { user: userEvent.setup(), ...renderConsole(<IncidentDesk />, { store, host }) };
    await user.keyboard('a');
    await waitFor(() => expect(callsigns()).toEqual(['PC1', 'PC2', 'PC5', 'PC3', 'PC8']));
    const last = options().at(-1)!;
    expect(last.getAttribute('aria-disabled')).toBe('true');
    expect(last.querySelector('[data-field="refusal"]')!.textContent).toBe('may not be sent: PC8 has an active emergency of their own and cannot be sent.');
    expect(options()[0]!.querySelector('[data-field="refusal"]')).toBeNull();
  });
});

// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { IncidentLogEntry } from '../../../shared/domain/incident-log.js';
import { incidentId, unitId } from '../../../shared/domain/ids.js';
import type { Incident } from '../../../shared/domain/incidents.js';
import type { IncidentState } from '../../../shared/domain/lifecycle.js';
import { INCIDENT_SHORTCUTS } from '../keyboard/shortcuts.js';
import { createConsoleStore } from '../store/store.js';
import { incident, unit } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { IncidentDesk } from './IncidentDesk.testing.js';

const now = Date.now();
const fight = incident('fight', {
  ref: 'PB-0042',
  priority: 2,
  category: 'disorder',
  createdAt: now - 120_000,
  description: 'Two men fighting outside the Brewery Tap',
  address: 'Westgate, by the Brewery Tap',
});
const LOG: IncidentLogEntry[] = [
  { seq: 1, at: now - 120_000, by: 'amy', kind: 'created', text: 'Received by phone (dispatcher): P2 Disorder', report: { source: 'dispatcher', words: 'Two men fighting outside the Brewery Tap' } },
  { seq: 2, at: now - 60_000, by: 'FixMyStreet', kind: 'report', text: 'Further report linked (Open311 partner)', report: { source: 'open311', words: 'Fight on Westgate' } },
  { seq: 3, at: now - 30_000, by: 'amy', kind: 'note', text: 'Note: one has a bottle' },
];

/** A host that applies what it is asked to the one incident, as the real one would answer. */
function desk(start: Partial<Incident> = {}) {
  let current: Incident = { ...fight, ...start };
  const host = new FakeHost()
    .answer('getIncidentLog', () => ({ ok: true, value: LOG }))
    .answer('transitionIncident', (i) => ({ ok: true, value: (current = { ...current, state: (i.action === 'reopened' ? 'triaged' : i.action) as IncidentState }) }))
    .answer('amendIncident', (i) => ({ ok: true, value: (current = { ...current, ...(i.priority && { priority: i.priority }) }) }))
    .answer('addIncidentNote', () => ({ ok: true, value: current }))
    .answer('deallocateUnit', () => ({ ok: true, value: (current = { ...current, allocations: [] }) }))
    .answer('reassignUnit', (i) => ({ ok: true, value: (current = { ...current, allocations: [{ unitId: unitId(i.unitId), at: now, by: 'd', ackedAt: null }] }) }))
    .answer('recommendUnits', () => ({ ok: false, error: 'not ranked here' }));
  const store = createConsoleStore();
  store.setState({
    incidents: { [current.id]: current },
    units: {
      pc1: unit('pc1', { status: 'en_route', incidentId: incidentId('fight'), fix: { ts: now, lat: 52.571, lon: -0.24 } }),
      pc2: unit('pc2', { status: 'available', fix: { ts: now, lat: 52.572, lon: -0.24 } }),
    },
  });
  store.getState().selectIncident('fight');
  const r = renderConsole(<IncidentDesk />, { store, host });
  screen.getByRole('listbox', { name: /Open incidents/ }).focus();
  return { user: userEvent.setup(), ...r, current: () => current };
}
const actionForm = () => screen.queryByRole('form', { name: /PB-0042/ });

describe('the selected incident, by keyboard', () => {
  it('leads with category, priority, place, the callers’ words with their source, and the log from the host', async () => {
    desk();
    const view = screen.getByRole('region', { name: 'Incident PB-0042' });
    expect(within(view).getByRole('heading', { level: 2, name: /P2 Disorder Received/ })).toBeTruthy();
    expect(view.querySelector('[data-field="address"]')!.textContent).toContain('Westgate, by the Brewery Tap (as given)');
    expect(view.querySelector('[data-field="coordinates"]')!.textContent).toBe('52.57000, -0.24000');
    await waitFor(() => expect(view.querySelectorAll('[data-field="log"] li')).toHaveLength(3));
    const reports = [...view.querySelectorAll('[data-field="reports"] li')].map((li) => li.textContent);
    expect(reports[0]).toMatch(/phone \(dispatcher\) · amy:.*Two men fighting/);
    expect(reports[1]).toMatch(/Open311 partner · FixMyStreet:.*Fight on Westgate/);
    expect(view.querySelector('[data-field="log"] li[data-kind="note"]')!.textContent).toMatch(/amy.*Note: one has a bottle/);
  });

  it('G triages after Enter; F asks for the result and will not resolve without one', async () => {
    const { user, host, store } = desk();
    await user.keyboard('g');
    expect(actionForm()?.dataset.action).toBe('triaged');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(actionForm()).toBeNull());
    expect(host.callsTo('transitionIncident')).toStrictEqual([{ id: 'fight', action: 'triaged' }]);

    // Not allowed from triaged: said in words, nothing opened.
    await user.keyboard('f');
    expect(actionForm()).toBeNull();
    expect(store.getState().notice?.text).toMatch(/PB-0042: An incident that is triaged cannot be resolved/);

    // The officer arrives (the stream brings the incident on scene).
    store.getState().upsertIncidents([{ ...store.getState().incidents.fight!, state: 'on_scene' }]);
    await user.keyboard('f');
    expect(actionForm()?.dataset.action).toBe('resolved');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toMatch(/Result is needed/);
    await user.keyboard('Words of advice given{Enter}');
    await waitFor(() => expect(actionForm()).toBeNull());
    expect(host.callsTo('transitionIncident').at(-1)).toStrictEqual({ id: 'fight', action: 'resolved', note: 'Words of advice given' });
  });

  it('P changes priority with a reason; L adds a note; X cancels with a reason', async () => {
    const { user, host } = desk();
    await user.keyboard('p');
    await user.selectOptions(screen.getByLabelText('New priority'), '1');
    await user.click(screen.getByLabelText('Reason'));
    await user.keyboard('weapon seen{Enter}');
    await waitFor(() => expect(actionForm()).toBeNull());
    expect(host.callsTo('amendIncident')).toStrictEqual([{ id: 'fight', priority: 1, reason: 'weapon seen' }]);

    await user.keyboard('l');
    await user.keyboard('Caller rang back{Enter}');
    await waitFor(() => expect(actionForm()).toBeNull());
    expect(host.callsTo('addIncidentNote')).toStrictEqual([{ id: 'fight', text: 'Caller rang back' }]);

    await user.keyboard('x');
    await user.keyboard('{Enter}');
    expect(host.callsTo('transitionIncident')).toEqual([]);
    await user.keyboard('Caller withdrew the report{Enter}');
    await waitFor(() => expect(actionForm()).toBeNull());
    expect(host.callsTo('transitionIncident')).toStrictEqual([{ id: 'fight', action: 'cancelled', note: 'Caller withdrew the report' }]);
  });

  it('D de-allocates the chosen officer; Shift+A reassigns the only one through the allocation list', async () => {
    const allocated: Partial<Incident> = { state: 'allocated', allocations: [{ unitId: unitId('pc1'), at: now, by: 'd', ackedAt: now }] };
    const one = desk(allocated);
    await one.user.keyboard('{Shift>}A{/Shift}');
    const dialog = await screen.findByRole('region', { name: /Reassign PC1's place on PB-0042/ });
    await waitFor(() => expect(dialog.querySelector('li[data-unit-id="pc2"]')).not.toBeNull());
    await one.user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('region', { name: /Reassign/ })).toBeNull());
    expect(one.host.callsTo('reassignUnit')).toStrictEqual([{ id: 'fight', fromUnitId: 'pc1', unitId: 'pc2' }]);
    one.unmount();

    const two = desk(allocated);
    await two.user.keyboard('d');
    expect(actionForm()?.dataset.action).toBe('deallocate');
    await two.user.keyboard('{Enter}');
    await waitFor(() => expect(actionForm()).toBeNull());
    expect(two.host.callsTo('deallocateUnit')).toStrictEqual([{ id: 'fight', unitId: 'pc1' }]);
  });

  it('? opens a sheet listing every shortcut, incident actions included; Esc closes it', async () => {
    const { user } = desk();
    await user.keyboard('?');
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const listed = [...sheet.querySelectorAll('kbd')].map((k) => k.textContent);
    for (const s of INCIDENT_SHORTCUTS) expect(listed).toContain(s.keys);
    for (const k of ['N', '/', 'Q', 'U', 'T', 'H', 'Alt+M', 'Alt+L', 'F8', 'Shift+F8', 'B', 'R', 'Esc', '?']) expect(listed).toContain(k);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listbox', { name: /Open incidents/ })));
  });
});


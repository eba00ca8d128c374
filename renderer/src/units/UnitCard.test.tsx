// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { incidentId, unitId } from '../../../shared/domain/ids.js';
import type { Unit } from '../../../shared/domain/units.js';
import type { ConsoleState } from '../store/slices.js';
import { createConsoleStore } from '../store/store.js';
import { incident, unit } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { UnitCard } from './UnitCard.js';

const now = Date.now();

function card(u: Unit | null, extra: Partial<ConsoleState> = {}) {
  const store = createConsoleStore();
  store.setState({ units: u ? { [u.id]: u } : {}, selectedUnitId: u?.id ?? null, incidents: { 'inc-7': incident('inc-7', { ref: 'PB-2024-0007', state: 'on_scene' }) } });
  store.setState(extra);
  return renderConsole(<UnitCard />, { store });
}
const field = (term: string) => {
  const dt = [...document.querySelectorAll('dt')].find((d) => d.textContent === term)!;
  return dt.nextElementSibling!.textContent;
};

describe('<UnitCard>', () => {
  it("shows the selected officer: callsign, agency, status, fix age, battery, camera and current incident", () => {
    card(
      unit('pc7', {
        callsign: 'PC7',
        status: 'on_scene',
        fix: { ts: now - 42_000, lat: 52.57, lon: -0.24 },
        battery: 63.6,
        bwv: { recording: true, ts: now - 1_000 },
        incidentId: incidentId('inc-7'),
      }),
    );
    const aside = screen.getByRole('complementary', { name: 'Unit PC7' });
    expect(within(aside).getByRole('heading', { level: 2 }).textContent).toBe('PC7');
    expect(field('Agency')).toBe('Police constable');
    expect(field('Status')).toBe('On scene');
    expect(field('Last fix')).toMatch(/^4[2-3] s ago$/);
    expect(field('Battery')).toBe('64 %');
    expect(field('Body-worn video')).toBe('● Recording');
    expect(field('Incident')).toBe('PB-2024-0007 (on scene)');
    expect(field('Sector · travel')).toBe('central · on foot');
  });

  it('shows an officer never heard from as "Not heard from" with a hollow ring, not as a green "Available"', () => {
    card(unit('eo9', { callsign: 'EO9', status: 'available' }));
    expect(field('Status')).toBe('Not heard from');
    const dot = document.querySelector('dt + dd .dot') as HTMLElement;
    expect(dot.className).toBe('dot not-heard');
    expect(dot.style.background).toBe('');
    expect(field('Last fix')).toBe('never located');
  });

  it('shows the status once the device has spoken, even with no fix yet; a stale fix is still heard from', () => {
    card(unit('eo9', { callsign: 'EO9', status: 'available', heardAt: now - 5_000 }));
    expect(field('Status')).toBe('Available');
    expect((document.querySelector('dt + dd .dot') as HTMLElement).className).toBe('dot');
  });

  it('keeps a stale officer\'s status: stale is about the fix, not about never hearing', () => {
    card(unit('eo9', { callsign: 'EO9', status: 'available', fix: { ts: now - 3_600_000, lat: 52.57, lon: -0.24 } }));
    expect(field('Status')).toBe('Available');
    expect(field('Last fix')).toMatch(/ago — stale$/);
  });

  it('lists the powers and marks the ones a supervisor withdrew', () => {
    card(unit('cs3', { callsign: 'CS3', agency: 'pcso', powers: ['graffiti', 'pn_disorder'], withdrawnPowers: ['pn_disorder'] }));
    expect(field('Agency')).toBe('PCSO');
    const items = within(screen.getByRole('heading', { name: 'Powers' }).nextElementSibling as HTMLElement).getAllByRole('listitem');
    expect(items.map((li) => [li.textContent, li.className])).toEqual([
      ['Graffiti investigation and penalty notice', ''],
      ['Penalty notice for disorder', 'withdrawn'],
    ]);
    expect(items[1]!.title).toBe('Withdrawn by a supervisor');
    expect(screen.getByText('Struck-through powers are withdrawn.')).toBeTruthy();
  });

  it('says when a unit has no powers, no withdrawn ones, no reports', () => {
    card(unit('cam1', { callsign: 'CAM1', agency: 'cctv', powers: [] }));
    expect(screen.getByText('None recorded')).toBeTruthy();
    expect(screen.queryByText('Struck-through powers are withdrawn.')).toBeNull();
    expect(field('Last fix')).toBe('never located');
    expect(field('Battery')).toBe('unknown');
    expect(field('Body-worn video')).toBe('No report');
    expect(field('Incident')).toBe('None');
  });

  it('marks a stale fix, against the configured threshold', () => {
    card(unit('pc7', { fix: { ts: now - 300_000, lat: 52.57, lon: -0.24 }, bwv: { recording: false, ts: now }, mode: 'vehicle' }), { staleAfterS: 120 });
    const fix = document.querySelector('[data-field="fix-age"]')!;
    expect(fix.textContent).toMatch(/^5 min 0\d ago — stale$/);
    expect(fix.className).toBe('stale');
    expect(field('Body-worn video')).toBe('Not recording');
    expect(field('Sector · travel')).toBe('central · vehicle');
  });

  it('keeps a fresh fix unmarked', () => {
    card(unit('pc7', { fix: { ts: now - 300_000, lat: 52.57, lon: -0.24 } }), { staleAfterS: 600 });
    const fix = document.querySelector('[data-field="fix-age"]')!;
    expect(fix.textContent).toMatch(/^5 min 0\d ago$/);
    expect(fix.className).toBe('');
  });

  it('shows an incident id the console has not loaded rather than nothing', () => {
    card(unit('pc7', { incidentId: incidentId('inc-unknown') }));
    expect(field('Incident')).toBe('inc-unknown');
  });

  it('follows the unit as telemetry changes it', () => {
    const { store } = card(unit('pc7', { battery: 80 }));
    act(() => store.setState((s) => ({ units: { ...s.units, pc7: { ...s.units.pc7!, battery: 12, status: 'busy', heardAt: Date.now() } } })));
    expect(field('Battery')).toBe('12 %');
    expect(field('Status')).toBe('Busy');
  });

  it('shows nothing when no unit is selected, and closes with its button', async () => {
    const user = userEvent.setup();
    const { store, container } = card(unit('pc7', { callsign: 'PC7' }));
    await user.click(screen.getByRole('button', { name: 'Close unit card (Esc)' }));
    expect(store.getState().selectedUnitId).toBeNull();
    expect(container.textContent).toBe('');
    act(() => store.setState({ selectedUnitId: unitId('nobody') }));
    expect(container.textContent).toBe('');
  });
});

// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { sectorId } from '../../../shared/domain/ids.js';
import { unit } from '../testing/fixtures.js';
import { renderConsole } from '../testing/render.js';
import { createConsoleStore } from '../store/store.js';
import { UnitBoard } from './UnitBoard.js';

const now = Date.now();
const units = Object.fromEntries(
  [
    unit('pc10', { callsign: 'PC10', status: 'busy', fix: { ts: now - 5_000, lat: 52.57, lon: -0.24 } }),
    unit('pc2', { callsign: 'PC2', status: 'available', fix: { ts: now - 3_000, lat: 52.58, lon: -0.25 } }),
    unit('cs01', { callsign: 'CS01', agency: 'pcso', sector: sectorId('north'), fix: { ts: now - 600_000, lat: 52.6, lon: -0.26 } }),
  ].map((u) => [u.id, u]),
);

function board() {
  const store = createConsoleStore();
  store.setState({ units });
  return renderConsole(<UnitBoard />, { store });
}
const rows = () => within(screen.getByRole('listbox')).queryAllByRole('option');
const row = (id: string) => rows().find((o) => o.dataset.unitId === id)!;
const callsigns = () => rows().map((o) => o.querySelector('.col-callsign')!.textContent);

describe('<UnitBoard>', () => {
  it('lists every unit in callsign order, PC2 before PC10, with a count', () => {
    board();
    expect(callsigns()).toEqual(['CS01', 'PC2', 'PC10']);
    expect(screen.getByRole('heading', { name: /Units/ }).textContent).toContain('3 / 3');
  });

  it('filters by agency and by typed search, and says when nothing matches', async () => {
    const user = userEvent.setup();
    board();
    await user.selectOptions(screen.getByLabelText('Filter by agency'), 'pcso');
    expect(callsigns()).toEqual(['CS01']);
    expect(screen.getByRole('heading', { name: /Units/ }).textContent).toContain('1 / 3');
    await user.selectOptions(screen.getByLabelText('Filter by agency'), '');
    await user.type(screen.getByLabelText('Search units'), 'pc1');
    expect(callsigns()).toEqual(['PC10']);
    await user.clear(screen.getByLabelText('Search units'));
    await user.type(screen.getByLabelText('Search units'), 'nobody');
    expect(screen.getByText('No unit matches these filters.')).toBeTruthy();
  });

  it('sorts by a column and reverses on a second click', async () => {
    const user = userEvent.setup();
    board();
    const status = screen.getByRole('columnheader', { name: /Status/ });
    await user.click(status);
    expect(status.getAttribute('aria-sort')).toBe('ascending');
    expect(callsigns()).toEqual(['CS01', 'PC2', 'PC10']);
    await user.click(status);
    expect(status.getAttribute('aria-sort')).toBe('descending');
    expect(callsigns()).toEqual(['PC10', 'PC2', 'CS01']);
  });

  it('moves the selection with the arrow keys and flies the map to the unit', async () => {
    const user = userEvent.setup();
    const { store } = board();
    // Enter in the search box hands the keyboard to the list, on its first row.
    await user.type(screen.getByLabelText('Search units'), '{Enter}');
    const list = screen.getByRole('listbox');
    expect(document.activeElement).toBe(list);
    expect(store.getState().selectedUnitId).toBe('cs01');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(store.getState().selectedUnitId).toBe('pc2');
    expect(list.getAttribute('aria-activedescendant')).toBe('unit-row-pc2');
    expect(store.getState().flyTo).toMatchObject({ lat: 52.58, lon: -0.25 });
    fireEvent.keyDown(list, { key: 'End' });
    expect(store.getState().selectedUnitId).toBe('pc10');
  });

  it('selects a unit on click and marks a stale one', async () => {
    const user = userEvent.setup();
    const { store } = board();
    store.setState({ staleAfterS: 120 });
    expect(row('cs01').className).toContain('stale');
    expect(within(row('cs01')).getByTitle('Stale: no recent fix').textContent).toContain('⚠');
    expect(row('pc2').className).not.toContain('stale');
    await user.click(row('pc10'));
    expect(store.getState().selectedUnitId).toBe('pc10');
    expect(row('pc10').getAttribute('aria-selected')).toBe('true');
  });
  it('shows an officer never heard from as "Not heard from", not green "Available", and not as stale', () => {
    const store = createConsoleStore();
    store.setState({ units: { ...units, ho01: unit('ho01', { callsign: 'HO01', agency: 'housing', status: 'available' }) } });
    renderConsole(<UnitBoard />, { store });
    const silent = row('ho01').querySelector('.col-status')!;
    expect(silent.textContent).toBe('Not heard from');
    expect(silent.querySelector('.dot')!.className).toBe('dot not-heard');
    expect(row('ho01').querySelector('.col-fixAge')!.textContent).toBe('never');
    // A stale officer keeps their status, on a greyed row.
    expect(row('cs01').querySelector('.col-status')!.textContent).toBe('Available');
    expect(row('cs01').className).toContain('stale');
    expect(row('pc2').querySelector('.col-status')!.textContent).toBe('Available');
  });
});

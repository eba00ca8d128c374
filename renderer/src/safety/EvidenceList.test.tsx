// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { incidentId, unitId } from '../../../shared/domain/ids.js';
import type { BwvLogEntry } from '../../../shared/safety/tracks.js';
import { createConsoleStore } from '../store/store.js';
import { incident, unit } from '../testing/fixtures.js';
import { FakeHost, renderConsole } from '../testing/render.js';
import { EvidenceList } from './EvidenceList.js';

const at = (h: number, m: number, s: number) => new Date(2024, 5, 1, h, m, s).getTime();
const entry = (seq: number, recording: boolean, ts: number): BwvLogEntry => ({ seq, recordedAt: ts, ts, unitId: unitId('pc7'), callsign: 'PC7', recording, incidentId: incidentId('inc-7') });
const inc = incident('inc-7', { ref: 'PB-2024-0007', state: 'on_scene', allocations: [{ unitId: unitId('pc7') } as never] });

function list(host: FakeHost, selected: string | null = 'inc-7') {
  const store = createConsoleStore();
  store.setState({ units: { pc7: unit('pc7', { callsign: 'PC7' }) }, incidents: { 'inc-7': inc }, selectedIncidentId: selected });
  return renderConsole(<EvidenceList />, { store, host });
}
const items = () => within(screen.getByRole('region', { name: 'Body-worn video for PB-2024-0007' })).getAllByRole('listitem').map((li) => li.textContent);

describe('<EvidenceList>', () => {
  it("reads the selected incident's body-worn video log from the host, in order", async () => {
    const host = new FakeHost().answer('listBwvEvents', () => ({ ok: true, value: [entry(11, true, at(14, 2, 5)), entry(19, false, at(14, 31, 40))] }));
    list(host);
    expect(items()).toEqual(['Loading…']);
    await act(async () => {});
    expect(host.callsTo('listBwvEvents')).toEqual([{ id: 'inc-7' }]);
    expect(items()).toEqual(['● Started PC7 at 14:02:05', '■ Stopped PC7 at 14:31:40']);
  });

  it('says when nothing was recorded', async () => {
    list(new FakeHost().answer('listBwvEvents', () => ({ ok: true, value: [] })));
    await act(async () => {});
    expect(items()).toEqual(['No recordings logged against this incident.']);
  });

  it('says the log could not be read, never that nothing was recorded, when the host refuses', async () => {
    list(new FakeHost().answer('listBwvEvents', () => ({ ok: false, error: 'The journal is unavailable.' })));
    await act(async () => {});
    expect(screen.getByRole('alert').textContent).toBe('The body-worn video log could not be read: The journal is unavailable.');
    expect(screen.queryByText('No recordings logged against this incident.')).toBeNull();
  });

  it("asks again when an allocated officer's camera starts or stops", async () => {
    let log = [entry(11, true, at(14, 2, 5))];
    const host = new FakeHost().answer('listBwvEvents', () => ({ ok: true, value: log }));
    const { store } = list(host);
    await act(async () => {});
    log = [...log, entry(19, false, at(14, 31, 40))];
    await act(async () => store.setState((s) => ({ units: { ...s.units, pc7: { ...s.units.pc7!, bwv: { recording: false, ts: at(14, 31, 40) } } } })));
    expect(host.callsTo('listBwvEvents')).toHaveLength(2);
    expect(items()).toEqual(['● Started PC7 at 14:02:05', '■ Stopped PC7 at 14:31:40']);
  });

  it('shows nothing without a selected incident', () => {
    const host = new FakeHost();
    const { container } = list(host, null);
    expect(container.textContent).toBe('');
    expect(host.calls).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { sectorId } from '../../../shared/domain/ids.js';
import { unit } from '../testing/fixtures.js';
import { boardRows } from './boardModel.js';

const units = Object.fromEntries(
  [
    unit('pc10', { callsign: 'PC10', status: 'busy', fix: { ts: 9_000, lat: 0, lon: 0 } }),
    unit('pc2', { callsign: 'PC2', status: 'available', fix: { ts: 5_000, lat: 0, lon: 0 } }),
    // Heard from (a status message) but never located.
    unit('cs01', { callsign: 'CS01', agency: 'pcso', status: 'available', sector: sectorId('north'), heardAt: 1_000 }),
    unit('eo01', { callsign: 'EO01', agency: 'council_enforcement', status: 'en_route', incidentId: 'INC-7' as never, heardAt: 2_000 }),
  ].map((u) => [u.id, u]),
);
const none = { agency: '', status: '', sector: '', search: '' } as const;
const ids = (rows: { id: string }[]) => rows.map((u) => u.id);

describe('unit board rows', () => {
  it('sorts callsigns naturally (PC2 before PC10) and reverses', () => {
    expect(ids(boardRows(units, none, { key: 'callsign', dir: 1 }, 10_000))).toEqual(['cs01', 'eo01', 'pc2', 'pc10']);
    expect(ids(boardRows(units, none, { key: 'callsign', dir: -1 }, 10_000))).toEqual(['pc10', 'pc2', 'eo01', 'cs01']);
  });
  it('sorts by status in working order, callsign breaking ties', () => {
    expect(ids(boardRows(units, none, { key: 'status', dir: 1 }, 10_000))).toEqual(['cs01', 'pc2', 'eo01', 'pc10']);
  });
  it('sorts by fix age with never-located units last', () => {
    expect(ids(boardRows(units, none, { key: 'fixAge', dir: 1 }, 10_000))).toEqual(['pc10', 'pc2', 'cs01', 'eo01']);
  });
  it('filters by agency, status, sector and free text (callsign, incident)', () => {
    expect(ids(boardRows(units, { ...none, agency: 'police' }, { key: 'callsign', dir: 1 }, 0))).toEqual(['pc2', 'pc10']);
    expect(ids(boardRows(units, { ...none, status: 'available' }, { key: 'callsign', dir: 1 }, 0))).toEqual(['cs01', 'pc2']);
    expect(ids(boardRows(units, { ...none, sector: 'north' }, { key: 'callsign', dir: 1 }, 0))).toEqual(['cs01']);
    expect(ids(boardRows(units, { ...none, search: ' inc-7 ' }, { key: 'callsign', dir: 1 }, 0))).toEqual(['eo01']);
    expect(ids(boardRows(units, { ...none, search: 'pcso' }, { key: 'callsign', dir: 1 }, 0))).toEqual(['cs01']);
  });
  it('never counts an officer never heard from as available, and sorts them after every status', () => {
    const withSilent = { ...units, ho01: unit('ho01', { callsign: 'HO01', agency: 'housing', status: 'available' }) };
    expect(ids(boardRows(withSilent, { ...none, status: 'available' }, { key: 'callsign', dir: 1 }, 0))).toEqual(['cs01', 'pc2']);
    expect(ids(boardRows(withSilent, none, { key: 'status', dir: 1 }, 10_000))).toEqual(['cs01', 'pc2', 'eo01', 'pc10', 'ho01']);
  });
});

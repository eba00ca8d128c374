import { describe, expect, it } from 'vitest';
import { sectorId, unitId } from '../../../shared/domain/ids.js';
import { alarm } from '../testing/fixtures.js';
import { unitFromRoster, type Unit } from '../../../shared/domain/units.js';
import { ageText, alarmFeatures, openAlarms } from './alarmModel.js';

const unit = (id: string, fix: Unit['fix']): Unit => ({
  ...unitFromRoster({ id: unitId(id), callsign: id.toUpperCase(), agency: 'police', powers: [], sector: sectorId('central'), mode: 'foot' }),
  fix,
});

describe('alarm model', () => {
  it('lists open alarms, unacknowledged first, oldest first, and leaves out stood-down ones', () => {
    const list = openAlarms({
      a: alarm('a', 'pc01', 30, { acknowledgedAt: 31, acknowledgedBy: 'd' }),
      b: alarm('b', 'pc02', 20),
      c: alarm('c', 'pc03', 10),
      d: alarm('d', 'pc04', 5, { acknowledgedAt: 6, acknowledgedBy: 'd', stoodDownAt: 7, stoodDownBy: 'd' }),
    });
    expect(list.map((a) => a.id)).toEqual(['c', 'b', 'a']);
  });

  it('pins each alarm at the newest known position, labelled with the age of that fix', () => {
    const now = 100_000;
    const units = { pc01: unit('pc01', { ts: 90_000, lat: 52.58, lon: -0.25 }), pc02: unit('pc02', null) };
    const fc = alarmFeatures([alarm('a', 'pc01', 80_000, { lat: 52.57, lon: -0.24 }), alarm('b', 'pc02', 95_000, { lat: 52.5, lon: -0.2 }), alarm('c', 'pc03', 1)], units, now);
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [-0.25, 52.58] });
    expect(fc.features[0]!.properties).toMatchObject({ id: 'a', label: 'PC01 · fix 10 s ago', acknowledged: false });
    expect(fc.features[1]!.properties).toMatchObject({ id: 'b', fixAgeS: 5 });
  });

  it('says ages the way a dispatcher reads them', () => {
    expect([ageText(5), ageText(125), ageText(7260)]).toEqual(['5 s', '2 min 5 s', '2 h 1 min']);
  });
});

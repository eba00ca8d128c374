import { describe, expect, it } from 'vitest';
import type { IncidentId, UnitId } from '../domain/ids.js';
import type { Incident } from '../domain/incidents.js';
import type { Unit } from '../domain/units.js';
import { CATHEDRAL, incident, officer } from '../../test/fixtures/dispatch.js';
import { canBeSent, mayGoToHelp } from './eligibility.js';
import { recommendUnits } from './ranking.js';
import { UnitGrid } from './unit-grid.js';

const NOW = 1_000_000;
const near = (dLat: number) => ({ lat: CATHEDRAL.lat + dLat, lon: CATHEDRAL.lon });

describe('who may be sent', () => {
  const fly = incident('0001', 'fly_tipping', CATHEDRAL);
  const p1 = incident('0002', 'needs_police', CATHEDRAL);
  const officers: Unit[] = [
    officer('eo01', 'council_enforcement', near(0.001)),
    officer('eo02', 'council_enforcement', near(0.0011), { emergency: { active: true, ts: NOW } }),
    officer('eo03', 'council_enforcement', near(0.0012), { status: 'off_duty' }),
    officer('eo04', 'council_enforcement', near(0.0013), { withdrawnPowers: ['fly_tipping'] }),
    officer('ce01', 'civil_parking', near(0.0002)),
    officer('pc01', 'police', near(0.002)),
    officer('pc02', 'police', near(0.0021), { emergency: { active: true, ts: NOW } }),
    officer('cs01', 'pcso', near(0.003)),
    officer('cc01', 'cctv', near(0.0001)),
  ];

  it('never sends, or sends to help, an officer in an emergency of their own', () => {
    const inTrouble = officers.find((u) => u.id === 'eo02')!;
    expect(canBeSent(fly, inTrouble)).toEqual({ reason: 'emergency', detail: 'EO02 has an active emergency of their own and cannot be sent.' });
    expect(mayGoToHelp(inTrouble)).toBe(false);
    expect(mayGoToHelp(officers[0]!)).toBe(true);
    expect(mayGoToHelp(officers.find((u) => u.id === 'eo03')!)).toBe(false);
  });

  it('agrees with ranking about every officer: those ranking leaves out are those canBeSent refuses, for the same reason', () => {
    for (const inc of [fly, p1] as Incident[]) {
      const grid = new UnitGrid();
      grid.sync(officers);
      const r = recommendUnits(inc, new Map(officers.map((u) => [u.id as UnitId, u])), new Map<IncidentId, Incident>(), grid, NOW, { limit: 50 });
      const excluded = Object.fromEntries(r.excluded.map((e) => [e.unitId, e.reason]));
      for (const u of officers) {
        const verdict = canBeSent(inc, u);
        expect([u.id, excluded[u.id] ?? null]).toEqual([u.id, verdict?.reason ?? null]);
      }
      expect(r.candidates.map((c) => c.unitId).sort()).toEqual(officers.filter((u) => !canBeSent(inc, u)).map((u) => u.id).sort());
    }
  });
});

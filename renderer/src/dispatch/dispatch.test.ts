import { describe, expect, it } from 'vitest';
import { unitId } from '../../../shared/domain/ids.js';
import { allocationCandidates } from '../incidents/AllocateDialog.js';
import { incident, unit } from '../testing/fixtures.js';
import { enforcersFor, escalatedAssignments } from './IncidentDispatchCard.js';

describe('dispatch views', () => {
  it('puts the host-ranked officers first in the allocation list, in rank order', () => {
    const units = {
      a: unit('a', { fix: { ts: 0, lat: 52.5701, lon: -0.24 } }),
      b: unit('b', { fix: { ts: 0, lat: 52.58, lon: -0.24 } }),
      c: unit('c', { fix: { ts: 0, lat: 52.59, lon: -0.24 } }),
    };
    const inc = incident('I1');
    expect(allocationCandidates(units, inc, '').map((c) => c.unit.id)).toEqual(['a', 'b', 'c']);
    expect(allocationCandidates(units, inc, '', ['c', 'b']).map((c) => c.unit.id)).toEqual(['c', 'b', 'a']);
  });

  it('lists open incidents whose assignment went unacknowledged, oldest first', () => {
    const alloc = (u: string, ackedAt: number | null, escalatedAt: number | null) => ({ unitId: unitId(u), at: 0, by: 'op', ackedAt, escalatedAt });
    const incidents = {
      I1: incident('I1', { allocations: [alloc('a', null, 20)] }),
      I2: incident('I2', { allocations: [alloc('b', 5, null), alloc('c', null, 10)] }),
      I3: incident('I3', { state: 'closed', allocations: [alloc('d', null, 1)] }),
      I4: incident('I4', { allocations: [alloc('e', 30, 25)] }),
    };
    expect(escalatedAssignments(incidents).map((e) => [e.incident.id, e.unitId])).toEqual([
      ['I2', 'c'],
      ['I1', 'a'],
    ]);
  });

  it('names the nearest free officers who can enforce a PSPO prohibition', () => {
    const p = { zoneId: 'z', zoneName: 'Z', behaviour: 'alcohol', from: '00:00', to: '24:00', label: 'No drinking alcohol', category: 'street_drinking' as const, enforcedWith: ['alcohol_designated_place' as const] };
    const near = unit('near', { fix: { ts: 0, lat: 52.5701, lon: -0.24 } });
    const far = unit('far', { fix: { ts: 0, lat: 52.58, lon: -0.24 } });
    const withdrawn = unit('w', { fix: { ts: 0, lat: 52.57, lon: -0.24 }, withdrawnPowers: ['alcohol_designated_place'] });
    const busy = unit('busy', { fix: { ts: 0, lat: 52.57, lon: -0.24 }, status: 'on_scene' });
    expect(enforcersFor({ near, far, withdrawn, busy }, incident('I1'), p).map((u) => u.id)).toEqual(['near', 'far']);
  });
});

import { describe, expect, it } from 'vitest';
import { anIncident } from '../test/fixtures/incident.js';
import { eo01, pc01 } from '../test/fixtures/roster.js';
import { incidentId, unitId } from './domain/ids.js';
import { neverHeardFrom } from './domain/units.js';
import type { Incident } from './domain/incidents.js';
import type { JournalEvent } from './events.js';
import { applyEvent, emptyChanges, emptyState, fromSnapshot, positionOnly, toSnapshot } from './projection.js';

const T = Date.parse('2026-11-24T12:00:00Z');
const incident = (): Incident =>
  anIncident('INC-1', 'fly_tipping', {
    ref: '20261124-0001',
    description: 'sofa',
    sector: null,
    createdAt: T,
    createdBy: 'op1',
    updatedAt: T,
    history: [{ action: 'received', state: 'received', at: T, by: 'op1' }],
  });

function replay(events: JournalEvent[]) {
  const s = emptyState();
  const c = emptyChanges();
  events.forEach((e, i) => applyEvent(s, i + 1, e, c));
  return { s, c };
}

describe('projection', () => {
  it('builds units from the roster and moves them with telemetry', () => {
    const { s, c } = replay([
      { type: 'unit.added', entry: pc01 },
      { type: 'unit.location', unitId: pc01.id, fix: { ts: T, lat: 52.5, lon: -0.2 }, bat: 90 },
    ]);
    expect(s.units.get(pc01.id)).toMatchObject({ callsign: 'PC01', fix: { lat: 52.5 }, battery: 90, status: 'available' });
    expect([...c.units]).toEqual([pc01.id]);
    expect(s.seq).toBe(2);
  });

  it("hears from an officer only through their own devices: a dispatcher's allocation or alarm is not hearing from them", () => {
    const { s } = replay([
      { type: 'unit.added', entry: pc01 },
      { type: 'unit.added', entry: eo01 },
      { type: 'incident.created', incident: incident() },
      { type: 'allocation.created', incidentId: incidentId('INC-1'), unitId: pc01.id, at: T, by: 'op1' },
      { type: 'unit.emergency', unitId: pc01.id, ts: T + 1, active: true, source: 'dispatcher', by: 'op1' },
      { type: 'unit.status', unitId: eo01.id, ts: T + 2, status: 'available' },
    ]);
    expect(neverHeardFrom(s.units.get(pc01.id)!)).toBe(true);
    expect(neverHeardFrom(s.units.get(eo01.id)!)).toBe(false);
    expect(s.units.get(eo01.id)!.heardAt).toBe(T + 2);
    applyEvent(s, 7, { type: 'unit.bwv', unitId: pc01.id, ts: T + 3, recording: true, incidentId: null });
    expect(neverHeardFrom(s.units.get(pc01.id)!)).toBe(false);
  });

  it('tells position-only changes apart from other changes to a unit', () => {
    const s = emptyState();
    applyEvent(s, 1, { type: 'unit.added', entry: pc01 });
    applyEvent(s, 2, { type: 'unit.added', entry: { ...pc01, id: unitId('pc02'), callsign: 'PC02' } });
    const c = emptyChanges();
    applyEvent(s, 3, { type: 'unit.location', unitId: pc01.id, fix: { ts: T, lat: 52.5, lon: -0.2 } }, c);
    applyEvent(s, 4, { type: 'unit.location', unitId: pc01.id, fix: { ts: T + 1000, lat: 52.51, lon: -0.2 } }, c);
    expect([...c.units]).toEqual([]);
    expect(positionOnly(c)).toEqual([pc01.id]);

    // A status change after a move, or a move after a status change: the unit goes whole.
    applyEvent(s, 5, { type: 'unit.status', unitId: pc01.id, ts: T + 1, status: 'busy' }, c);
    applyEvent(s, 6, { type: 'unit.status', unitId: unitId('pc02'), ts: T + 1, status: 'busy' }, c);
    applyEvent(s, 7, { type: 'unit.location', unitId: unitId('pc02'), fix: { ts: T, lat: 52.6, lon: -0.3 } }, c);
    expect(new Set(c.units)).toEqual(new Set([pc01.id, unitId('pc02')]));
    expect(positionOnly(c)).toEqual([]);

    // A report older than the unit's fix changes nothing, so nothing is sent.
    const later = emptyChanges();
    applyEvent(s, 8, { type: 'unit.location', unitId: pc01.id, fix: { ts: T, lat: 1, lon: 1 } }, later);
    expect(positionOnly(later)).toEqual([]);
  });

  it('never moves a unit back in time', () => {
    const { s } = replay([
      { type: 'unit.added', entry: pc01 },
      { type: 'unit.location', unitId: pc01.id, fix: { ts: T + 5000, lat: 52.6, lon: -0.2 } },
      { type: 'unit.location', unitId: pc01.id, fix: { ts: T, lat: 52.1, lon: -0.2 } },
      { type: 'unit.status', unitId: pc01.id, ts: T + 10, status: 'busy' },
      { type: 'unit.status', unitId: pc01.id, ts: T, status: 'off_duty' },
    ]);
    expect(s.units.get(pc01.id)!.fix!.lat).toBe(52.6);
    expect(s.units.get(pc01.id)!.status).toBe('busy');
  });

  it('ignores telemetry for units it does not know, so replay never throws', () => {
    const { s } = replay([{ type: 'unit.location', unitId: unitId('ghost'), fix: { ts: T, lat: 1, lon: 1 } }]);
    expect(s.units.size).toBe(0);
  });

  it('allocation moves the incident to allocated and the unit en route; resolving releases it', () => {
    const { s } = replay([
      { type: 'unit.added', entry: pc01 },
      { type: 'incident.created', incident: incident() },
      { type: 'allocation.created', incidentId: incidentId('INC-1'), unitId: pc01.id, at: T + 1, by: 'op1' },
    ]);
    expect(s.incidents.get(incidentId('INC-1'))).toMatchObject({ state: 'allocated', allocations: [{ unitId: 'pc01', ackedAt: null }] });
    expect(s.units.get(pc01.id)).toMatchObject({ status: 'en_route', incidentId: 'INC-1' });
    applyEvent(s, 4, { type: 'incident.transition', incidentId: incidentId('INC-1'), action: 'resolved', to: 'resolved', at: T + 2, by: 'op1' });
    expect(s.units.get(pc01.id)).toMatchObject({ status: 'available', incidentId: null });
    expect(s.incidents.get(incidentId('INC-1'))!.history.map((h) => h.state)).toEqual(['received', 'allocated', 'resolved']);
  });

  it('marks the allocation whose assignment the broker took, and no other', () => {
    const { s } = replay([
      { type: 'unit.added', entry: pc01 },
      { type: 'incident.created', incident: incident() },
      { type: 'allocation.created', incidentId: incidentId('INC-1'), unitId: pc01.id, at: T + 1, by: 'op1' },
      { type: 'allocation.sent', incidentId: incidentId('INC-1'), unitId: pc01.id, allocatedAt: T + 99, at: T + 2 },
    ]);
    expect(s.incidents.get(incidentId('INC-1'))!.allocations[0]!.sentAt ?? null).toBeNull();
    applyEvent(s, 5, { type: 'allocation.sent', incidentId: incidentId('INC-1'), unitId: pc01.id, allocatedAt: T + 1, at: T + 3 });
    applyEvent(s, 6, { type: 'allocation.sent', incidentId: incidentId('INC-1'), unitId: pc01.id, allocatedAt: T + 1, at: T + 4 });
    expect(s.incidents.get(incidentId('INC-1'))!.allocations[0]!.sentAt).toBe(T + 3);
  });

  it('opens one alarm per emergency until it is stood down', () => {
    const { s } = replay([
      { type: 'unit.added', entry: eo01 },
      { type: 'unit.emergency', unitId: eo01.id, ts: T, active: true, lat: 52.5, lon: -0.2, source: 'device', by: 'eo01' },
      { type: 'unit.emergency', unitId: eo01.id, ts: T + 1, active: true, source: 'device', by: 'eo01' },
    ]);
    expect(s.alarms.size).toBe(1);
    const [a] = [...s.alarms.values()];
    applyEvent(s, 4, { type: 'alarm.acknowledged', alarmId: a!.id, at: T + 2, by: 'op1' });
    applyEvent(s, 5, { type: 'alarm.stood_down', alarmId: a!.id, at: T + 3, by: 'op1' });
    expect(s.alarms.get(a!.id)).toMatchObject({ acknowledgedBy: 'op1', stoodDownBy: 'op1' });
    applyEvent(s, 6, { type: 'unit.emergency', unitId: eo01.id, ts: T + 4, active: true, source: 'radio', by: 'eo01' });
    expect(s.alarms.size).toBe(2);
  });

  it('round-trips through a snapshot unchanged', () => {
    const { s } = replay([
      { type: 'unit.added', entry: pc01 },
      { type: 'incident.created', incident: incident() },
      { type: 'unit.accreditation', unitId: pc01.id, power: 'pcn_parking', withdrawn: true, at: T, by: 'sgt' },
    ]);
    const back = fromSnapshot(JSON.parse(JSON.stringify(toSnapshot(s))));
    expect(toSnapshot(back)).toEqual(toSnapshot(s));
    expect(back.units.get(pc01.id)!.withdrawnPowers).toEqual(['pcn_parking']);
  });
});

describe('entries made by hand from radio traffic', () => {
  const T0 = Date.parse('2026-11-30T10:00:00Z');
  const fix = (ts: number, lat: number): JournalEvent => ({ type: 'unit.location', unitId: pc01.id, fix: { ts, lat, lon: -0.24 } });

  it('are marked, and telemetry older than them, flushed when the broker is back, does not overwrite them', () => {
    const { s } = replay([
      { type: 'unit.added', entry: pc01 },
      fix(T0, 52.50),
      { type: 'unit.manual', unitId: pc01.id, at: T0 + 60_000, by: 'Insp Ward', status: 'on_scene', position: { lat: 52.57, lon: -0.24 } },
      // Queued on the officer's device while the broker was down, delivered after the entry.
      fix(T0 + 30_000, 52.51),
      { type: 'unit.status', unitId: pc01.id, ts: T0 + 30_000, status: 'en_route' },
    ]);
    const u = s.units.get(pc01.id)!;
    expect(u.fix).toEqual({ ts: T0 + 60_000, lat: 52.57, lon: -0.24, by: 'Insp Ward' });
    expect(u).toMatchObject({ status: 'on_scene', statusBy: 'Insp Ward' });
  });

  it('give way to telemetry newer than them, which clears the mark', () => {
    const { s } = replay([
      { type: 'unit.added', entry: pc01 },
      { type: 'unit.manual', unitId: pc01.id, at: T0, by: 'Insp Ward', status: 'busy', position: { lat: 52.57, lon: -0.24 } },
      fix(T0 + 5000, 52.58),
      { type: 'unit.status', unitId: pc01.id, ts: T0 + 5000, status: 'available' },
    ]);
    const u = s.units.get(pc01.id)!;
    expect(u.fix).toEqual({ ts: T0 + 5000, lat: 52.58, lon: -0.24 });
    expect(u.status).toBe('available');
    expect(u.statusBy).toBeUndefined();
  });
});

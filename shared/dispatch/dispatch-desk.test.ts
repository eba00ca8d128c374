import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { sectorId, unitId } from '../domain/ids.js';
import type { PspoZoneCollection } from './pspo.js';
import type { OperationHandlers } from '../contract.js';
import { ConsoleService } from '../services/console-service.js';
import { createOperationHandlers } from '../services/operations.js';
import { DispatchDesk } from './dispatch-desk.js';
import { invoke, TEST_CALLER } from '../../test/support/invoke.js';
import { rosterEntry } from '../../test/fixtures/roster.js';

const T = Date.parse('2026-11-24T12:00:00Z'); // 12:00 in Peterborough (GMT)
const CENTRE = { lat: 52.5725, lon: -0.2425 };
const square = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]] as [number, number][][];
const ZONES: PspoZoneCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'city-centre', name: 'City centre PSPO', rules: [{ behaviour: 'alcohol', from: '00:00', to: '24:00' }, { behaviour: 'busking', from: '20:00', to: '08:00' }] },
      geometry: { type: 'Polygon', coordinates: square(-0.25, 52.565, -0.235, 52.58) },
    },
  ],
};
const entry = rosterEntry;
const ROSTER = [entry('pc01', 'police', 'vehicle'), entry('cs01', 'pcso'), entry('eo01', 'council_enforcement'), entry('ho01', 'housing')];

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function openDesk(dir: string, clock: { now: number }, ackTimeoutMs = 60_000) {
  const service = new ConsoleService(SqliteJournal.open(dir), { batchMs: 10_000, snapshotEvery: 1_000_000, now: () => clock.now });
  service.ensureRoster(ROSTER);
  const sent: { topic: string; payload: string; qos: number }[] = [];
  const rejected: { reason: string; detail: string; topic: string }[] = [];
  const desk = new DispatchDesk({
    service,
    defaultZones: ZONES,
    prefix: 'beacon/v1',
    publish: async (topic, payload, o) => void sent.push({ topic, payload, qos: o.qos }),
    ackTimeoutMs,
    rejectTelemetry: (reason, detail, topic) => void rejected.push({ reason, detail, topic }),
  });
  const handlers = createOperationHandlers({
    service,
    health: () => ({}) as never,
    sectors: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: sectorId('central'), name: 'Central' }, geometry: { type: 'Polygon', coordinates: square(-0.3, 52.5, -0.2, 52.62) } }] },
    pspoZones: { type: 'FeatureCollection', features: [] },
    settings: { mapStyleUrl: null, staleAfterS: 120 },
    dispatch: desk,
  } as Parameters<typeof createOperationHandlers>[0]);
  desk.start();
  return { service, desk, handlers, sent, rejected };
}

/** Called as the operator the input names would be: signed in, their session's operator is who acted. */
const call = async <K extends keyof OperationHandlers>(h: OperationHandlers, name: K, input: unknown) =>
  invoke(h, name, input, { ...TEST_CALLER, operator: (input as { operator?: string }).operator ?? TEST_CALLER.operator }) as ReturnType<OperationHandlers[K]>;
const place = (s: ConsoleService, id: string, dLat: number, dLon: number) => {
  s.enqueueTelemetry({ type: 'unit.location', unitId: unitId(id), fix: { ts: s.now(), lat: CENTRE.lat + dLat, lon: CENTRE.lon + dLon } });
  s.flush();
};
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-desk-'));
  dirs.push(d);
  return d;
};

describe('dispatch desk on the host', () => {
  it('tags a new incident with the PSPO prohibition in force and who can enforce it', async () => {
    const { handlers, service } = openDesk(tmp(), { now: T });
    const r = await call(handlers, 'createIncident', { category: 'street_drinking', location: CENTRE, operator: 'op1' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.pspoZones).toEqual(['city-centre']);
    expect(r.value.prohibitions!.map((p) => p.label)).toEqual(['No drinking alcohol (City centre PSPO, all day)']);
    expect(r.value.prohibitions![0]!.enforcedWith).toContain('alcohol_designated_place');
    service.close();
  });

  it('loads new PSPO zones as a journaled event, refuses bad ones and keeps them across a restart', async () => {
    const dir = tmp();
    const clock = { now: T };
    let d = openDesk(dir, clock);
    const bad = await call(d.handlers, 'loadPspoZones', { zones: { type: 'FeatureCollection', features: [{ type: 'Feature' }] }, operator: 'sgt1' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid' });
    const moved = structuredClone(ZONES);
    moved.features[0]!.properties.rules = [{ behaviour: 'begging', from: '09:00', to: '17:00' }];
    const r = await call(d.handlers, 'loadPspoZones', { zones: moved, operator: 'sgt1' });
    expect(r.ok).toBe(true);
    d.service.close();
    d = openDesk(dir, clock);
    const zones = await call(d.handlers, 'getPspoZones', {});
    expect(zones.ok && zones.value.features[0]!.properties.rules[0]!.behaviour).toBe('begging');
    const inc = await call(d.handlers, 'createIncident', { category: 'begging', location: CENTRE });
    expect(inc.ok && inc.value.prohibitions!.map((p) => p.behaviour)).toEqual(['begging']);
    d.service.close();
  });

  it('refuses a PSPO behaviour named like an object property, and keeps working in zones journaled with one', async () => {
    const dir = tmp();
    const clock = { now: T };
    let d = openDesk(dir, clock);
    const withBehaviours = (...names: string[]) => {
      const z = structuredClone(ZONES);
      z.features[0]!.properties.rules = names.map((behaviour) => ({ behaviour, from: '00:00', to: '24:00' }));
      return z;
    };
    const seq = d.service.journal.lastSeq();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await call(d.handlers, 'loadPspoZones', { zones: withBehaviours('alcohol', name), operator: 'sgt1' });
      expect(r).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/features\.0\.properties\.rules\.1\.behaviour: .*(reserved word|not a behaviour name)/) });
    }
    expect(d.service.journal.lastSeq()).toBe(seq);
    // An older console accepted such names: the journal replays them at every start.
    d.service.commit({ type: 'pspo.zones_loaded', zones: withBehaviours('constructor', '__proto__', 'alcohol'), at: T, by: 'sgt1' });
    d.service.close();
    d = openDesk(dir, clock);
    place(d.service, 'eo01', 0.001, 0);
    const inc = await call(d.handlers, 'createIncident', { category: 'street_drinking', location: CENTRE });
    if (!inc.ok) throw new Error(inc.error);
    expect(inc.value.prohibitions!.map((p) => [p.behaviour, p.category, p.enforcedWith])).toEqual([
      ['constructor', 'pspo_breach', ['pspo_enforcement']],
      ['__proto__', 'pspo_breach', ['pspo_enforcement']],
      ['alcohol', 'street_drinking', ['alcohol_designated_place', 'pspo_enforcement']],
    ]);
    const again = await call(d.handlers, 'getIncident', { id: inc.value.id });
    expect(again.ok && JSON.parse(JSON.stringify(again.value)).prohibitions[0].enforcedWith).toEqual(['pspo_enforcement']);
    const rec = await call(d.handlers, 'recommendUnits', { id: inc.value.id });
    expect(rec.ok && rec.value.candidates.map((c) => c.unitId)).toContain('eo01');
    d.service.close();
  });

  it('offers a repeat report for linking, counts linked reports and flags repeat locations', async () => {
    const clock = { now: T };
    const { handlers, service } = openDesk(tmp(), clock);
    const first = await call(handlers, 'createIncident', { category: 'fly_tipping', location: CENTRE, description: 'mattress' });
    if (!first.ok) throw new Error(first.error);
    clock.now += 30 * 60_000;
    const offered = await call(handlers, 'findRepeatReports', { category: 'fly_tipping', lat: String(CENTRE.lat + 0.0003), lon: String(CENTRE.lon) });
    expect(offered.ok && offered.value.map((c) => c.incidentId)).toEqual([first.value.id]);
    const linked = await call(handlers, 'linkReport', { id: first.value.id, description: 'second caller', operator: 'op2' });
    expect(linked.ok && linked.value.reports).toBe(2);
    const hex = await call(handlers, 'findRepeatReports', { category: 'fly_tipping', lat: '0x34', lon: String(CENTRE.lon) });
    expect(hex).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/lat.*decimal/) });
    const other = await call(handlers, 'findRepeatReports', { category: 'graffiti', lat: CENTRE.lat, lon: CENTRE.lon });
    expect(other.ok && other.value).toEqual([]);
    await call(handlers, 'createIncident', { category: 'graffiti', location: CENTRE });
    const third = await call(handlers, 'createIncident', { category: 'begging', location: CENTRE });
    expect(third.ok && third.value.repeatLocation).toEqual({ incidents: 3, radiusM: 50, days: 28 });
    service.close();
  });

  it('withdraws and restores accreditation: journaled, attributed, and the officer is never recommended or allocated meanwhile', async () => {
    const dir = tmp();
    const clock = { now: T };
    let d = openDesk(dir, clock);
    place(d.service, 'eo01', 0.0005, 0);
    place(d.service, 'cs01', 0.004, 0);
    const inc = await call(d.handlers, 'createIncident', { category: 'street_drinking', location: CENTRE });
    if (!inc.ok) throw new Error(inc.error);
    const before = await call(d.handlers, 'recommendUnits', { id: inc.value.id });
    expect(before.ok && before.value.candidates[0]!.callsign).toBe('EO01');
    const w = await call(d.handlers, 'withdrawAccreditation', { id: 'eo01', power: 'alcohol_designated_place', reason: 'under review', operator: 'sgt1' });
    expect(w.ok && w.value.withdrawnPowers).toEqual(['alcohol_designated_place']);
    const after = await call(d.handlers, 'recommendUnits', { id: inc.value.id });
    if (!after.ok) throw new Error(after.error);
    expect(after.value.candidates.map((c) => c.callsign)).not.toContain('EO01');
    expect(after.value.excluded.find((e) => e.callsign === 'EO01')).toMatchObject({ reason: 'power_withdrawn' });
    const refused = await call(d.handlers, 'allocateUnit', { id: inc.value.id, unitId: 'eo01' });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', error: expect.stringMatching(/withdrawn/) });
    expect(await call(d.handlers, 'withdrawAccreditation', { id: 'eo01', power: 'alcohol_designated_place' })).toMatchObject({ ok: false, code: 'conflict' });
    // The withdrawal is in the journal with who and why, and survives a restart.
    const rec = [...d.service.journal.readAfter(0)].map((x) => x.event).find((e) => e.type === 'unit.accreditation');
    expect(rec).toMatchObject({ unitId: 'eo01', power: 'alcohol_designated_place', withdrawn: true, by: 'sgt1', reason: 'under review', at: T });
    d.service.close();
    d = openDesk(dir, clock);
    expect(d.service.unit(unitId('eo01'))!.withdrawnPowers).toEqual(['alcohol_designated_place']);
    const back = await call(d.handlers, 'restoreAccreditation', { id: 'eo01', power: 'alcohol_designated_place', operator: 'sgt1' });
    expect(back.ok && back.value.withdrawnPowers).toEqual([]);
    const again = await call(d.handlers, 'recommendUnits', { id: inc.value.id });
    expect(again.ok && again.value.candidates[0]!.callsign).toBe('EO01');
    d.service.close();
  });

  it('keeps its ranking current as officers move and are allocated', async () => {
    const clock = { now: T };
    const { handlers, service } = openDesk(tmp(), clock);
    place(service, 'eo01', 0.003, 0);
    place(service, 'cs01', 0.006, 0);
    const inc = await call(handlers, 'createIncident', { category: 'graffiti', location: CENTRE });
    if (!inc.ok) throw new Error(inc.error);
    const first = await call(handlers, 'recommendUnits', { id: inc.value.id });
    expect(first.ok && first.value.candidates.map((c) => c.callsign).slice(0, 2)).toEqual(['EO01', 'CS01']);
    clock.now += 1000;
    place(service, 'cs01', 0.0002, 0);
    const moved = await call(handlers, 'recommendUnits', { id: inc.value.id });
    expect(moved.ok && moved.value.candidates[0]!.callsign).toBe('CS01');
    await call(handlers, 'allocateUnit', { id: inc.value.id, unitId: 'cs01' });
    const after = await call(handlers, 'recommendUnits', { id: inc.value.id });
    expect(after.ok && after.value.candidates[0]!.callsign).toBe('EO01');
    expect(after.ok && after.value.excluded.find((e) => e.callsign === 'CS01')?.reason).toBe('already_allocated');
    // Cancelling the incident frees CS01 for other work straight away.
    await call(handlers, 'transitionIncident', { id: inc.value.id, action: 'cancelled' });
    const other = await call(handlers, 'createIncident', { category: 'graffiti', location: CENTRE });
    if (!other.ok) throw new Error(other.error);
    const next = await call(handlers, 'recommendUnits', { id: other.value.id });
    expect(next.ok && next.value.candidates[0]!.callsign).toBe('CS01');
    service.close();
  });

  it('refuses to allocate a non-police officer to police-only work', async () => {
    const { handlers, service } = openDesk(tmp(), { now: T });
    const inc = await call(handlers, 'createIncident', { category: 'needs_police', location: CENTRE, description: 'assault' });
    if (!inc.ok) throw new Error(inc.error);
    const r = await call(handlers, 'allocateUnit', { id: inc.value.id, unitId: 'cs01' });
    expect(r).toMatchObject({ ok: false, code: 'forbidden', error: expect.stringMatching(/police only/) });
    expect(service.incident(inc.value.id)!.allocations).toEqual([]);
    expect((await call(handlers, 'allocateUnit', { id: inc.value.id, unitId: 'pc01' })).ok).toBe(true);
    service.close();
  });

  it('sends the assignment at QoS 1, records the acknowledgement, and escalates one never acknowledged', async () => {
    const clock = { now: T };
    const { handlers, service, desk, sent } = openDesk(tmp(), clock, 150);
    const a = await call(handlers, 'createIncident', { category: 'graffiti', location: CENTRE, description: 'tag on bus shelter' });
    const b = await call(handlers, 'createIncident', { category: 'littering', location: { lat: 52.58, lon: -0.25 } });
    if (!a.ok || !b.ok) throw new Error('create failed');
    await call(handlers, 'allocateUnit', { id: a.value.id, unitId: 'eo01', operator: 'op1' });
    await call(handlers, 'allocateUnit', { id: b.value.id, unitId: 'cs01', operator: 'op1' });
    expect(sent.map((m) => [m.topic, m.qos])).toEqual([
      ['beacon/v1/units/eo01/assignment', 1],
      ['beacon/v1/units/cs01/assignment', 1],
    ]);
    expect(JSON.parse(sent[0]!.payload)).toMatchObject({ incidentId: a.value.id, ref: a.value.ref, category: 'graffiti', priority: 4, location: CENTRE, description: 'tag on bus shelter', ts: T });
    // eo01's device answers; cs01's never does.
    const took = desk.handleMessage({ topic: 'beacon/v1/units/eo01/assignment/ack', payload: Buffer.from(JSON.stringify({ ts: T, incidentId: a.value.id })) });
    expect(took).toBe(true);
    expect(desk.handleMessage({ topic: 'beacon/v1/units/eo01/assignment', payload: Buffer.from('{}') })).toBe(true);
    expect(desk.handleMessage({ topic: 'beacon/v1/units/eo01/location', payload: Buffer.from('{}') })).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    const ia = service.incident(a.value.id)!;
    const ib = service.incident(b.value.id)!;
    expect(ia.allocations[0]).toMatchObject({ unitId: 'eo01', ackedAt: T });
    expect(ia.allocations[0]!.escalatedAt ?? null).toBeNull();
    expect(ib.allocations[0]).toMatchObject({ unitId: 'cs01', ackedAt: null, escalatedAt: T });
    expect(desk.health().assignments).toMatchObject({ sent: 2, acknowledged: 1, escalated: 1, awaitingAck: 0 });
    desk.stop();
    service.close();
  });

  it('counts acknowledgements it cannot read as rejected (bad_ack), and they acknowledge nothing', async () => {
    const clock = { now: T };
    const { handlers, service, desk, rejected } = openDesk(tmp(), clock);
    const a = await call(handlers, 'createIncident', { category: 'graffiti', location: CENTRE });
    if (!a.ok) throw new Error(a.error);
    await call(handlers, 'allocateUnit', { id: a.value.id, unitId: 'eo01' });
    const topic = 'beacon/v1/units/eo01/assignment/ack';
    const bad = ['not json', '[1]', 'null', JSON.stringify({ ts: T }), JSON.stringify({ ts: T, incidentId: 42 }), JSON.stringify({ incidentId: a.value.id, pad: 'x'.repeat(2000) })];
    for (const payload of bad) expect(desk.handleMessage({ topic, payload: Buffer.from(payload) })).toBe(true);
    expect(rejected.map((r) => [r.reason, r.topic])).toEqual(bad.map(() => ['bad_ack', topic]));
    expect(rejected.map((r) => r.detail)).toEqual([
      'not JSON',
      expect.stringMatching(/not a JSON object/),
      expect.stringMatching(/not a JSON object/),
      expect.stringMatching(/"incidentId" must be/),
      expect.stringMatching(/"incidentId" must be/),
      expect.stringMatching(/over the 1024-byte limit/),
    ]);
    expect(service.incident(a.value.id)!.allocations[0]!.ackedAt).toBeNull();
    // A readable one still counts as the acknowledgement, and is not a rejection.
    desk.handleMessage({ topic, payload: Buffer.from(JSON.stringify({ ts: T, incidentId: a.value.id })) });
    // The acknowledgement counts once its event is committed.
    await vi.waitFor(() => expect(service.incident(a.value.id)!.allocations[0]!.ackedAt).toBe(T));
    expect(rejected).toHaveLength(bad.length);
    desk.stop();
    service.close();
  });

  it('re-arms escalation after a restart for assignments still unacknowledged', async () => {
    const dir = tmp();
    const clock = { now: T };
    let d = openDesk(dir, clock, 60_000);
    const inc = await call(d.handlers, 'createIncident', { category: 'graffiti', location: CENTRE });
    if (!inc.ok) throw new Error(inc.error);
    await call(d.handlers, 'allocateUnit', { id: inc.value.id, unitId: 'eo01' });
    d.desk.stop();
    d.service.close();
    clock.now = T + 61_000;
    d = openDesk(dir, clock, 60_000);
    // Escalated at once, and answered once its commit is done.
    for (let i = 0; i < 100 && !d.service.incident(inc.value.id)!.allocations[0]!.escalatedAt; i++) await new Promise((r) => setTimeout(r, 20));
    expect(d.service.incident(inc.value.id)!.allocations[0]!.escalatedAt).toBe(T + 61_000);
    d.desk.stop();
    d.service.close();
  });

  it('walks the lifecycle with every step timestamped and attributed, refusing invalid steps', async () => {
    const clock = { now: T };
    const { handlers, service } = openDesk(tmp(), clock);
    const inc = await call(handlers, 'createIncident', { category: 'graffiti', location: CENTRE, operator: 'op1' });
    if (!inc.ok) throw new Error(inc.error);
    const steps = [
      ['triaged', 'op1'],
      ['allocated', 'op2'],
      ['en_route', 'op2'],
      ['on_scene', 'op3'],
      ['resolved', 'op3'],
      ['closed', 'sgt1'],
      ['reopened', 'sgt1'],
      ['cancelled', 'op1'],
    ] as const;
    for (const [action, operator] of steps) {
      clock.now += 60_000;
      const r = await call(handlers, 'transitionIncident', { id: inc.value.id, action, operator });
      expect(r.ok, `${action}: ${!r.ok && r.error}`).toBe(true);
    }
    const h = service.incident(inc.value.id)!.history;
    expect(h.map((x) => [x.action, x.state, x.by, x.at - T])).toEqual([
      ['received', 'received', 'op1', 0],
      ['triaged', 'triaged', 'op1', 60_000],
      ['allocated', 'allocated', 'op2', 120_000],
      ['en_route', 'en_route', 'op2', 180_000],
      ['on_scene', 'on_scene', 'op3', 240_000],
      ['resolved', 'resolved', 'op3', 300_000],
      ['closed', 'closed', 'sgt1', 360_000],
      ['reopened', 'triaged', 'sgt1', 420_000],
      ['cancelled', 'cancelled', 'op1', 480_000],
    ]);
    const bad = await call(handlers, 'transitionIncident', { id: inc.value.id, action: 'on_scene' });
    expect(bad).toMatchObject({ ok: false, code: 'conflict', error: 'An incident that is cancelled cannot be on scene; allowed next: reopened.' });
    const journaled = [...service.journal.readAfter(0)].filter((r) => r.event.type === 'incident.transition').length;
    expect(journaled).toBe(steps.length);
    service.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { unitId } from '../domain/ids.js';
import type { Camera } from './cameras.js';
import { ConsoleService } from '../services/console-service.js';
import { TelemetryIngest } from '../services/telemetry-ingest.js';
import { createSafetyHandlers } from './safety-operations.js';
import { anIncident } from '../../test/fixtures/incident.js';
import { rosterEntry } from '../../test/fixtures/roster.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-safety-'));
  dirs.push(d);
  return d;
};

const entry = rosterEntry;
const ROSTER = [entry('pc01'), entry('pc02'), entry('cs01', 'pcso'), entry('eo01', 'council_enforcement')];
const CAMERAS: Camera[] = [
  { id: 'cam-sq', name: 'Cathedral Square', lat: 52.5727, lon: -0.2421, ptz: true, bearing: 0, fov: 60, range: 250 },
  { id: 'cam-far', name: 'Far away', lat: 52.62, lon: -0.3, ptz: false, bearing: 90, fov: 60, range: 150 },
  { id: 'cam-bridge', name: 'Bridge Street', lat: 52.5716, lon: -0.2422, ptz: true, bearing: 0, fov: 60, range: 250 },
];
const T0 = Date.parse('2026-11-24T21:00:00Z');

function rig(dir = tmp()) {
  let now = T0;
  const service = new ConsoleService(SqliteJournal.open(dir), { batchMs: 10_000, snapshotEvery: 1_000_000, now: () => now });
  service.ensureRoster(ROSTER);
  const h = createSafetyHandlers({ service, cameras: () => CAMERAS });
  const at = (ms: number) => (now = ms);
  const fix = (id: string, ts: number, lat: number, lon: number) => {
    now = ts;
    service.enqueueTelemetry({ type: 'unit.location', unitId: unitId(id), fix: { ts, lat, lon } });
    service.flush();
  };
  return { service, h, at, fix, dir };
}

describe('alarms', () => {
  it('raise → acknowledge → stand down, each attributed and timestamped; stand-down needs an acknowledgement', async () => {
    const { service, h, at, fix } = rig();
    fix('pc01', T0, 52.5726, -0.242);
    at(T0 + 1000);
    const raised = await h.raiseEmergency({ id: 'pc01', operator: 'Sgt Khan' });
    expect(raised.ok).toBe(true);
    if (!raised.ok) return;
    expect(raised.value).toMatchObject({ unitId: 'pc01', source: 'dispatcher', raisedBy: 'Sgt Khan', raisedAt: T0 + 1000, lat: 52.5726, acknowledgedAt: null });
    expect(await h.raiseEmergency({ id: 'pc01', operator: 'x' })).toMatchObject({ ok: false, code: 'conflict' });

    const early = await h.standDownAlarm({ id: raised.value.id, operator: 'Sgt Khan' });
    expect(early).toMatchObject({ ok: false, code: 'conflict' });
    if (!early.ok) expect(early.error).toMatch(/Acknowledge/);

    at(T0 + 5000);
    const ack = await h.acknowledgeAlarm({ id: raised.value.id, operator: 'Disp Patel' });
    expect(ack).toMatchObject({ ok: true, value: { acknowledgedAt: T0 + 5000, acknowledgedBy: 'Disp Patel', stoodDownAt: null } });
    expect(await h.acknowledgeAlarm({ id: raised.value.id, operator: 'again' })).toMatchObject({ ok: false, code: 'conflict' });

    at(T0 + 60_000);
    const down = await h.standDownAlarm({ id: raised.value.id, operator: 'Insp Reid' });
    expect(down).toMatchObject({ ok: true, value: { stoodDownAt: T0 + 60_000, stoodDownBy: 'Insp Reid', acknowledgedBy: 'Disp Patel' } });
    expect(service.unit(unitId('pc01'))!.emergency).toMatchObject({ active: false });
    const types = [...service.journal.readAfter(0)].map((r) => r.event.type);
    expect(types.filter((t) => t.startsWith('alarm.') || t === 'unit.emergency')).toEqual(['unit.emergency', 'alarm.acknowledged', 'alarm.stood_down', 'unit.emergency']);
    // A new emergency after stand-down is a new alarm, not the old one reopened.
    at(T0 + 70_000);
    const again = await h.raiseEmergency({ id: 'pc01', operator: 'Sgt Khan' });
    expect(again.ok && again.value.id).not.toBe(raised.value.id);
  });

  it('after a stand-down, a device emergency older than it is history, a newer one a new alarm', async () => {
    const { service, h, at } = rig();
    const ingest = new TelemetryIngest(service, { prefix: 'beacon/v1', openRoster: false });
    const press = (ts: number) => {
      ingest.handle({ topic: 'beacon/v1/units/pc02/emergency', payload: new TextEncoder().encode(JSON.stringify({ ts, active: true })) });
      service.flush();
    };
    at(T0 + 10_000);
    press(T0 + 1000);
    const first = [...service.state.alarms.values()][0]!;
    await h.acknowledgeAlarm({ id: first.id, operator: 'd' });
    at(T0 + 20_000);
    await h.standDownAlarm({ id: first.id, operator: 'd' });
    press(T0 + 5000);
    expect(ingest.rejected.out_of_order).toBe(1);
    expect([...service.state.alarms.values()].filter((a) => a.stoodDownAt === null)).toHaveLength(0);
    at(T0 + 30_000);
    press(T0 + 25_000);
    expect([...service.state.alarms.values()].filter((a) => a.stoodDownAt === null).map((a) => a.raisedAt)).toEqual([T0 + 25_000]);
  });

  it('refuses unknown units and alarms with not_found', async () => {
    const { h } = rig();
    expect(await h.raiseEmergency({ id: 'nobody', operator: 'x' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await h.acknowledgeAlarm({ id: 'pc01@1', operator: 'x' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('keeps several alarms open at once and survives a restart until stood down', async () => {
    const { service, h, at, dir } = rig();
    at(T0 + 1);
    const a = await h.raiseEmergency({ id: 'pc01', operator: 'd1' });
    at(T0 + 2);
    const b = await h.raiseEmergency({ id: 'cs01', operator: 'd1' });
    if (!a.ok || !b.ok) throw new Error('raise failed');
    await h.acknowledgeAlarm({ id: a.value.id, operator: 'd2' });
    service.close();

    const back = rig(dir);
    const open = [...back.service.state.alarms.values()].filter((x) => x.stoodDownAt === null);
    expect(open.map((x) => x.unitId).sort()).toEqual(['cs01', 'pc01']);
    expect(back.service.state.alarms.get(a.value.id)).toMatchObject({ acknowledgedBy: 'd2' });
    expect(await back.h.standDownAlarm({ id: a.value.id, operator: 'd3' })).toMatchObject({ ok: true });
    back.service.close();
    const third = rig(dir);
    expect(third.service.state.alarms.get(a.value.id)!.stoodDownBy).toBe('d3');
    expect(third.service.state.alarms.get(b.value.id)!.stoodDownAt).toBeNull();
    third.service.close();
  });

  it('lists the nearest officers and cameras to the officer in trouble', async () => {
    const { h, fix, at } = rig();
    fix('pc01', T0, 52.5726, -0.242);
    fix('pc02', T0 + 1, 52.5800, -0.25);
    fix('cs01', T0 + 2, 52.5730, -0.2425);
    fix('eo01', T0 - 3_600_000 + 3, 52.5727, -0.2421); // an hour-old fix says nothing about now
    at(T0 + 10_000);
    const a = await h.raiseEmergency({ id: 'pc01', operator: 'd' });
    if (!a.ok) throw new Error(a.error);
    const near = await h.getAlarmSurroundings({ id: a.value.id });
    if (!near.ok) throw new Error(near.error);
    expect(near.value.units.map((u) => u.callsign)).toEqual(['CS01', 'PC02']);
    expect(near.value.units[0]!.distanceM).toBeLessThan(100);
    expect(near.value.units[0]!.fixAgeS).toBe(10);
    expect(near.value.cameras.map((c) => c.camera.id)).toEqual(['cam-sq', 'cam-bridge']);
  });

  it('never lists as help an officer who is in an emergency of their own', async () => {
    const { h, fix, at } = rig();
    fix('pc01', T0, 52.5726, -0.242);
    fix('cs01', T0 + 1, 52.5727, -0.2421); // nearest of all, but in trouble too
    fix('pc02', T0 + 2, 52.58, -0.25);
    at(T0 + 5_000);
    const theirs = await h.raiseEmergency({ id: 'cs01', operator: 'd' });
    if (!theirs.ok) throw new Error(theirs.error);
    const a = await h.raiseEmergency({ id: 'pc01', operator: 'd' });
    if (!a.ok) throw new Error(a.error);
    const near = await h.getAlarmSurroundings({ id: a.value.id });
    if (!near.ok) throw new Error(near.error);
    expect(near.value.units.map((u) => u.callsign)).toEqual(['PC02']);
  });
});

describe('tracks, replay and body-worn video evidence', () => {
  it('gives a unit its breadcrumbs for a period (one per 5 s kept by the journal), thinned on request', async () => {
    const { h, fix } = rig();
    for (let i = 0; i < 50; i++) fix('pc01', T0 + i * 1000, 52.57 + i * 1e-4, -0.24);
    fix('pc02', T0 + 100, 52.6, -0.2);
    const t = await h.getTrack({ id: 'pc01', from: T0 + 10_000, to: T0 + 20_000 });
    if (!t.ok) throw new Error(t.error);
    expect(t.value.points.map((p) => p.ts)).toEqual([T0 + 10_000, T0 + 15_000]);
    const all = await h.getTrack({ id: 'pc01', from: T0, to: T0 + 60_000 });
    expect(all.ok && all.value.points.length).toBe(10);
    const thin = await h.getTrack({ id: 'pc01', from: T0, to: T0 + 60_000, maxPoints: 5 });
    expect(thin.ok && thin.value.points.length).toBe(5);
    expect(thin.ok && thin.value.thinned).toBe(true);
    expect(thin.ok && thin.value.points[0]!.ts).toBe(T0);
    expect(thin.ok && thin.value.points[4]!.ts).toBe(T0 + 45_000);
    expect(await h.getTrack({ id: 'pc01', from: T0 + 5, to: T0 })).toMatchObject({ ok: false });
  });

  it('replays who was where at a past moment, leaving out units with no recent fix', async () => {
    const { h, fix, service } = rig();
    fix('pc01', T0, 52.57, -0.24);
    fix('pc01', T0 + 60_000, 52.58, -0.25);
    fix('pc02', T0 + 30_000, 52.59, -0.26);
    fix('cs01', T0 - 3_600_000, 52.5, -0.2);
    service.enqueueTelemetry({ type: 'unit.status', unitId: unitId('pc02'), ts: T0 + 20_000, status: 'busy' });
    service.flush();
    const r = await h.replayAt({ at: T0 + 45_000 });
    if (!r.ok) throw new Error(r.error);
    const where = Object.fromEntries(r.value.positions.map((p) => [p.unitId, p]));
    expect(Object.keys(where).sort()).toEqual(['pc01', 'pc02']);
    expect(where.pc01!.fix.lat).toBe(52.57);
    expect(where.pc02!.status).toBe('busy');
    const later = await h.replayAt({ at: T0 + 61_000 });
    expect(later.ok && later.value.positions.find((p) => p.unitId === 'pc01')!.fix.lat).toBe(52.58);
  });

  it('lists body-worn video starts and stops logged against an incident', async () => {
    const { h, service, at } = rig();
    const inc = anIncident('INC-1', 'disorder', { ref: '20261124-0001', priority: 1, createdAt: T0, createdBy: 'd', updatedAt: T0 });
    await service.commit({ type: 'incident.created', incident: inc });
    at(T0 + 1000);
    service.enqueueTelemetry({ type: 'unit.bwv', unitId: unitId('pc01'), ts: T0 + 1000, recording: true, incidentId: inc.id });
    service.enqueueTelemetry({ type: 'unit.bwv', unitId: unitId('pc02'), ts: T0 + 1500, recording: true, incidentId: null });
    service.enqueueTelemetry({ type: 'unit.bwv', unitId: unitId('pc01'), ts: T0 + 9000, recording: false, incidentId: inc.id });
    const r = await h.listBwvEvents({ id: inc.id });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((e) => [e.callsign, e.recording, e.ts])).toEqual([
      ['PC01', true, T0 + 1000],
      ['PC01', false, T0 + 9000],
    ]);
    expect(await h.listBwvEvents({ id: 'INC-nope' })).toMatchObject({ ok: false, code: 'not_found' });
  });
});

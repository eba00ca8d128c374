import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import type { OperationHandlers } from '../contract.js';
import { sectorId, unitId } from '../domain/ids.js';
import type { Incident } from '../domain/incidents.js';
import { ConsoleService } from './console-service.js';
import { invoke, TEST_CALLER } from '../../test/support/invoke.js';
import { createOperationHandlers } from './operations.js';
import { rosterEntry } from '../../test/fixtures/roster.js';

const T = Date.parse('2026-11-24T12:00:00Z');
const CENTRE = { lat: 52.5725, lon: -0.2425 };
const square = (w: number, s: number, e: number, n: number) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]] as [number, number][][];
const entry = rosterEntry;

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function rig(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-incident-ops-'))) {
  dirs.push(dir);
  const clock = { now: T };
  const service = new ConsoleService(SqliteJournal.open(dir), { batchMs: 10_000, snapshotEvery: 1_000_000, now: () => clock.now });
  service.ensureRoster([entry('pc01', 'police'), entry('pc02', 'police'), entry('cs01', 'pcso')]);
  const handlers = createOperationHandlers({
    service,
    health: () => ({}) as never,
    // Peterborough's sector patch, roughly: the service area is its box plus a margin.
    sectors: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { id: sectorId('central'), name: 'Central' }, geometry: { type: 'Polygon', coordinates: square(-0.33, 52.5, -0.16, 52.63) } }] },
    pspoZones: { type: 'FeatureCollection', features: [] },
    settings: { mapStyleUrl: null, staleAfterS: 120 },
  });
  const call = async <K extends keyof OperationHandlers>(name: K, input: unknown) => {
    clock.now += 1000;
    // As the operator the input names would be: signed in, their session's operator is who acted.
    return invoke(handlers, name, input, { ...TEST_CALLER, operator: (input as { operator?: string }).operator ?? TEST_CALLER.operator }) as ReturnType<OperationHandlers[K]>;
  };
  const value = async <K extends keyof OperationHandlers>(name: K, input: unknown) => {
    const r = (await call(name, input)) as { ok: boolean; value?: unknown; error?: string };
    if (!r.ok) throw new Error(`${name}: ${r.error}`);
    return r.value as Incident;
  };
  return { service, call, value, dir };
}

describe('an incident from report to closed through the host', () => {
  it('journals every transition, note, change and allocation, with operator and time, and reads them back as its log', async () => {
    const { call, value, service } = rig();
    const inc = await value('createIncident', { category: 'disorder', location: CENTRE, description: 'Group fighting outside the Brewery Tap', operator: 'amy' });
    await value('transitionIncident', { id: inc.id, action: 'triaged', operator: 'amy' });
    await value('amendIncident', { id: inc.id, priority: 1, reason: 'weapon seen', operator: 'amy' });
    await value('addIncidentNote', { id: inc.id, text: 'Caller rang back: two men, one with a bottle', operator: 'amy' });
    await value('allocateUnit', { id: inc.id, unitId: 'pc01', operator: 'amy' });
    await value('transitionIncident', { id: inc.id, action: 'en_route', operator: 'amy' });
    await value('transitionIncident', { id: inc.id, action: 'on_scene', operator: 'amy' });
    await value('transitionIncident', { id: inc.id, action: 'resolved', note: 'Words of advice, group dispersed', operator: 'ben' });
    const closed = await value('transitionIncident', { id: inc.id, action: 'closed', operator: 'ben' });
    expect(closed.state).toBe('closed');
    expect(closed.priority).toBe(1);
    expect(closed.notes).toBe(1);
    expect(service.unit(unitId('pc01'))!.status).toBe('available');

    const log = await call('getIncidentLog', { id: inc.id });
    if (!log.ok) throw new Error(log.error);
    expect(log.value.map((l) => [l.kind, l.by, l.text])).toEqual([
      ['created', 'amy', 'Received by phone (dispatcher): P2 Disorder'],
      ['transition', 'amy', 'Now triaged'],
      ['amended', 'amy', 'Changed priority to P1: weapon seen'],
      ['note', 'amy', 'Note: Caller rang back: two men, one with a bottle'],
      ['allocated', 'amy', 'PC01 allocated'],
      ['transition', 'amy', 'Now en route'],
      ['transition', 'amy', 'Now on scene'],
      ['transition', 'ben', 'Now resolved: Words of advice, group dispersed'],
      ['transition', 'ben', 'Now closed'],
    ]);
    expect(log.value[0]!.report).toEqual({ source: 'dispatcher', words: 'Group fighting outside the Brewery Tap' });
    // Times are the host's, one second apart here, in order.
    expect(log.value.map((l) => l.at)).toEqual([...log.value.map((l) => l.at)].sort((a, b) => a - b));
  });

  it('refuses a change that changes nothing, and one without a reason', async () => {
    const { call, value } = rig();
    const inc = await value('createIncident', { category: 'disorder', location: CENTRE });
    expect(await call('amendIncident', { id: inc.id, priority: 2, reason: 'same' })).toMatchObject({ ok: false, error: expect.stringMatching(/already P2/) });
    expect(await call('amendIncident', { id: inc.id, category: 'graffiti', reason: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/say why/) });
    expect((await value('amendIncident', { id: inc.id, category: 'graffiti', reason: 'caller clarified' })).category).toBe('graffiti');
  });

  it('de-allocates an officer (free again, incident back in the queue) and reassigns in one act', async () => {
    const { call, value, service, dir } = rig();
    const inc = await value('createIncident', { category: 'disorder', location: CENTRE });
    await value('allocateUnit', { id: inc.id, unitId: 'pc01' });
    const back = await value('deallocateUnit', { id: inc.id, unitId: 'pc01', reason: 'needed at a P1' });
    expect(back.state).toBe('triaged');
    expect(service.unit(unitId('pc01'))).toMatchObject({ status: 'available', incidentId: null });
    expect(await call('deallocateUnit', { id: inc.id, unitId: 'pc01' })).toMatchObject({ ok: false, error: 'PC01 is not allocated to ' + inc.ref + '.' });

    await value('allocateUnit', { id: inc.id, unitId: 'pc01' });
    const moved = await value('reassignUnit', { id: inc.id, fromUnitId: 'pc01', unitId: 'pc02', reason: 'closer' });
    expect(moved.state).toBe('allocated');
    expect(moved.allocations.filter((a) => !a.withdrawnAt).map((a) => a.unitId)).toEqual(['pc02']);
    expect(service.unit(unitId('pc01'))!.incidentId).toBeNull();
    expect(service.unit(unitId('pc02'))!.incidentId).toBe(inc.id);
    // A PCSO cannot take a police-only job: the reassignment is refused and nothing changes.
    const p1 = await value('createIncident', { category: 'needs_police', location: CENTRE });
    await value('allocateUnit', { id: p1.id, unitId: 'pc01' });
    expect(await call('reassignUnit', { id: p1.id, fromUnitId: 'pc01', unitId: 'cs01' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(service.unit(unitId('pc01'))!.incidentId).toBe(p1.id);

    const log = await call('getIncidentLog', { id: inc.id });
    expect(log.ok && log.value.filter((l) => l.kind === 'withdrawn').map((l) => l.text)).toEqual(['PC01 de-allocated: needed at a P1', 'PC01 de-allocated: reassigned to PC02: closer']);
    // The journal replays to the same state after a restart.
    service.close();
    const again = rig(dir);
    expect(again.service.incident(inc.id)!.allocations.filter((a) => !a.withdrawnAt).map((a) => a.unitId)).toEqual(['pc02']);
    expect(again.service.unit(unitId('pc02'))!.incidentId).toBe(inc.id);
    again.service.close();
  });

  it('never allocates an officer who is in an emergency of their own', async () => {
    const { call, value, service } = rig();
    const inc = await value('createIncident', { category: 'disorder', location: CENTRE });
    service.commit({ type: 'unit.emergency', unitId: unitId('pc01'), ts: T, active: true, source: 'device', by: 'pc01' });
    const r = await call('allocateUnit', { id: inc.id, unitId: 'pc01' });
    expect(r).toMatchObject({ ok: false, error: 'PC01 has an active emergency of their own and cannot be sent.' });
  });
});

describe('the incident follows its officers', () => {
  it('moves on to en route and on scene when the allocated officer’s device says so, journaled in the officer’s name', async () => {
    const { value, call, service } = rig();
    const inc = await value('createIncident', { category: 'disorder', location: CENTRE });
    await value('allocateUnit', { id: inc.id, unitId: 'pc01' });
    const status = async (id: string, s: 'en_route' | 'on_scene') => {
      service.enqueueTelemetry({ type: 'unit.status', unitId: unitId(id), ts: service.now(), status: s });
      service.flush();
      await new Promise((r) => setTimeout(r, 0));
      // The transition it caused is committed on the journal's thread: wait for it, not for luck.
      service.flush();
    };
    await status('pc01', 'en_route');
    expect(service.incident(inc.id)!.state).toBe('en_route');
    // An officer not on the incident changes nothing.
    await status('pc02', 'on_scene');
    expect(service.incident(inc.id)!.state).toBe('en_route');
    await status('pc01', 'on_scene');
    expect(service.incident(inc.id)!.state).toBe('on_scene');
    const log = await call('getIncidentLog', { id: inc.id });
    expect(log.ok && log.value.slice(-2).map((l) => [l.by, l.text])).toEqual([
      ['PC01', "Now en route: reported by PC01's device"],
      ['PC01', "Now on scene: reported by PC01's device"],
    ]);
  });
});

describe('the service area', () => {
  it('refuses swapped latitude and longitude with the reason, and a far-off place unless the dispatcher confirms it', async () => {
    const { call } = rig();
    const swapped = await call('createIncident', { category: 'graffiti', location: { lat: -0.2425, lon: 52.5725 } });
    expect(swapped).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/latitude and longitude look swapped/) });
    const far = await call('createIncident', { category: 'graffiti', location: { lat: 51.5, lon: -0.12 } });
    expect(far).toMatchObject({ ok: false, error: expect.stringMatching(/outside the service area \(latitude 52\.40 to 52\.73/) });
    const confirmed = await call('createIncident', { category: 'graffiti', location: { lat: 52.45, lon: -0.4 }, outsideServiceAreaConfirmed: true });
    expect(confirmed.ok).toBe(true);
  });
});

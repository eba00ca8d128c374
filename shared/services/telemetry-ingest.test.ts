import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { pc01 } from '../../test/fixtures/roster.js';
import { DEFAULT_POWERS } from '../domain/agencies.js';
import { sectorId, unitId } from '../domain/ids.js';
import { ConsoleService } from './console-service.js';
import { DispatchDesk } from '../dispatch/dispatch-desk.js';
import { TelemetryIngest } from './telemetry-ingest.js';

const T = Date.parse('2026-11-24T12:00:00Z');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const service = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-ingest-'));
  dirs.push(d);
  return new ConsoleService(SqliteJournal.open(d), { batchMs: 10, snapshotEvery: 1e9, now: () => T });
};
const location = (unit: string, ts: number) => ({
  topic: `beacon/v1/units/${unit}/location`,
  payload: new TextEncoder().encode(JSON.stringify({ ts, lat: 52.57, lon: -0.24 })),
});

describe('intake rates are bounded per source', () => {
  it('takes a burst from one handset, then refuses its flood as rate_limited without starving the others', () => {
    const s = service();
    s.ensureRoster([pc01, { ...pc01, id: unitId('pc02'), callsign: 'PC02' }]);
    const ingest = new TelemetryIngest(s, { prefix: 'beacon/v1', openRoster: false });
    for (let i = 0; i < 1000; i++) ingest.handle(location('pc01', T - 100_000 + i));
    ingest.handle(location('pc02', T - 1000));
    expect(ingest.accepted).toBe(21);
    expect(ingest.rejected.rate_limited).toBe(980);
    s.flush();
    expect(s.unit(unitId('pc02'))!.fix).not.toBeNull();
    s.close();
  });

  it('bounds how fast an open roster grows from made-up unit ids', () => {
    const s = service();
    const ingest = new TelemetryIngest(s, { prefix: 'beacon/v1', openRoster: true });
    for (let i = 0; i < 5000; i++) ingest.handle(location(`x${i}`, T - 1000));
    s.flush();
    expect(s.state.units.size).toBe(500);
    expect(ingest.rejected.rate_limited).toBe(4500);
    s.close();
  });

  it('bounds MQTT intake reports per partner and in all', async () => {
    const s = service();
    s.ensureRoster([{ id: unitId('eo01'), callsign: 'EO01', agency: 'council_enforcement', powers: [...DEFAULT_POWERS.council_enforcement], sector: sectorId('central'), mode: 'foot' }]);
    const desk = new DispatchDesk({ service: s, defaultZones: { type: 'FeatureCollection', features: [] }, prefix: 'beacon/v1', publish: async () => {}, ackTimeoutMs: 60_000 });
    let n = 0;
    desk.reports.useIncidentBuilder((input, source) => ({ id: `INC-${++n}`, ref: `R${n}`, ...input, source }) as never);
    const report = (partner: string, i: number) => ({
      topic: 'beacon/v1/intake',
      payload: new TextEncoder().encode(JSON.stringify({ ts: T, category: 'graffiti', lat: 52.57 + i / 100, lon: -0.24, partner })),
    });
    for (let i = 0; i < 200; i++) desk.handleMessage(report('cross-keys-homes', i));
    for (let i = 0; i < 1000; i++) desk.handleMessage(report(`made-up-${i}`, i));
    s.flush();
    await new Promise((r) => setTimeout(r, 50));
    const h = desk.health().mqtt;
    expect(h.rejected.rate_limited).toBe(1200 - 200);
    expect(h.accepted + h.linked).toBe(200);
    s.close();
  });
});

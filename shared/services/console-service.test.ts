import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { eo01, pc01 } from '../../test/fixtures/roster.js';
import { toSnapshot } from '../projection.js';
import { ConsoleService } from './console-service.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-service-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const T = Date.parse('2026-11-24T12:00:00Z');
const open = (dir: string, snapshotEvery = 1_000_000) => new ConsoleService(SqliteJournal.open(dir), { batchMs: 10_000, snapshotEvery, now: () => T });

describe('ConsoleService', () => {
  it('does not apply telemetry until its batch is committed', () => {
    // maxPending 1: the event is handed to the journal at once, without waiting for it.
    const s = new ConsoleService(SqliteJournal.open(tmp()), { batchMs: 10_000, snapshotEvery: 1e6, maxPending: 1, now: () => T });
    s.ensureRoster([pc01]);
    s.enqueueTelemetry({ type: 'unit.location', unitId: pc01.id, fix: { ts: T, lat: 52.5, lon: -0.2 } });
    expect(s.unit(pc01.id)!.fix).toBeNull();
    expect(s.journal.lastSeq()).toBe(2);
    expect(s.pendingCount).toBe(1);
    s.flush();
    expect(s.unit(pc01.id)!.fix!.lat).toBe(52.5);
    expect(s.journal.committedSeq()).toBe(2);
    expect(s.pendingCount).toBe(0);
    s.close();
  });

  it('commits queued telemetry before a durable event, keeping the order things happened in', async () => {
    const dir = tmp();
    const s = open(dir);
    s.ensureRoster([pc01]);
    s.enqueueTelemetry({ type: 'unit.location', unitId: pc01.id, fix: { ts: T, lat: 52.5, lon: -0.2 } });
    const r = await s.commit({ type: 'unit.accreditation', unitId: pc01.id, power: 'arrest', withdrawn: true, at: T, by: 'sgt' });
    expect(r).toEqual({ ok: true, value: 3 });
    expect([...s.journal.readAfter(0)].map((x) => x.event.type)).toEqual(['unit.added', 'unit.location', 'unit.accreditation']);
    s.close();
  });

  it('restores the same state from the journal alone, and from a snapshot plus the tail', () => {
    const dir = tmp();
    const s = open(dir, 5);
    s.ensureRoster([pc01, eo01]);
    for (let i = 0; i < 12; i++) {
      s.enqueueTelemetry({ type: 'unit.location', unitId: pc01.id, fix: { ts: T + i, lat: 52 + i / 100, lon: -0.2 } });
      s.flush();
    }
    const before = toSnapshot(s.state);
    s.journal.close(); // a crash: no final snapshot
    const again = open(dir);
    expect(again.restoreReport.fromSnapshotSeq).toBeGreaterThan(0);
    expect(again.restoreReport.replayed).toBeLessThan(12);
    expect(toSnapshot(again.state)).toEqual(before);
    again.close();
  });

  it('refuses new work with the reason once the journal fails, and never applies what was not written', async () => {
    const s = new ConsoleService(SqliteJournal.open(tmp(), { maxPages: 30 }), { batchMs: 10_000, snapshotEvery: 1e9, now: () => T });
    s.ensureRoster([pc01]);
    let accepted = 0;
    for (let i = 0; i < 5000 && s.enqueueTelemetry({ type: 'unit.location', unitId: pc01.id, fix: { ts: T + i, lat: 52, lon: -0.2 } }); i++) {
      accepted++;
      if (i % 10 === 9) s.flush();
    }
    s.flush();
    expect(s.journalError?.code).toBe('full');
    const r = await s.commit({ type: 'unit.accreditation', unitId: pc01.id, power: 'arrest', withdrawn: true, at: T, by: 'sgt' });
    expect(r).toMatchObject({ ok: false, code: 'unavailable' });
    if (!r.ok) expect(r.error).toMatch(/disk is full/);
    expect(s.unit(pc01.id)!.withdrawnPowers).toEqual([]);
    expect(s.unit(pc01.id)!.fix!.ts).toBe(T + s.journal.committedSeq() - 2);
    expect(accepted).toBeLessThan(5000);
  });

  it('commits durable events in groups off this thread, answering each only once its commit is done, in order', async () => {
    const s = open(tmp());
    s.ensureRoster([pc01]);
    let groups = 0;
    s.journal.onProgress(() => groups++);
    const base = s.journal.lastSeq();
    const answers: Promise<void>[] = [];
    const seen: number[] = [];
    for (let n = 0; n < 2000; n++) {
      const withdrawn = n % 2 === 0;
      answers.push(
        s.commit({ type: 'unit.accreditation', unitId: pc01.id, power: 'arrest', withdrawn, at: T + n, by: `sgt${n}` }).then((r) => {
          if (!r.ok) throw new Error(r.error);
          // Committed and applied before it is answered.
          expect(s.journal.committedSeq()).toBeGreaterThanOrEqual(r.value);
          expect(s.state.seq).toBeGreaterThanOrEqual(r.value);
          seen.push(r.value);
        }),
      );
    }
    // The burst was handed over without waiting for the disk.
    expect(s.journal.committedSeq()).toBeLessThan(base + 2000);
    await Promise.all(answers);
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => base + 1 + i));
    expect(groups).toBeLessThan(200);
    expect([...s.journal.readAfter(base)].map((r) => (r.event as { by: string }).by)).toEqual(Array.from({ length: 2000 }, (_, i) => `sgt${i}`));
    s.close();
  });

  it('takes a decision again when an event about the same officer is still being committed', async () => {
    const s = open(tmp());
    s.ensureRoster([pc01]);
    const withdraw = () =>
      s.decide(() =>
        s.unit(pc01.id)!.withdrawnPowers.includes('arrest')
          ? { ok: false, error: 'already withdrawn', code: 'conflict' }
          : { ok: true, value: [{ type: 'unit.accreditation', unitId: pc01.id, power: 'arrest', withdrawn: true, at: T, by: 'sgt' }] },
      );
    const [a, b] = await Promise.all([withdraw(), withdraw()]);
    expect([a.ok, b.ok]).toEqual([true, false]);
    expect([...s.journal.readAfter(0)].filter((r) => r.event.type === 'unit.accreditation')).toHaveLength(1);
    s.close();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { eo01, pc01 } from '../../test/fixtures/roster.js';
import type { JournalEvent } from '../../shared/events.js';
import { JOURNAL_FILE, SqliteJournal } from './sqlite-journal.js';
import { verifyJournalFile, verifyJournalInSlices } from './verify-journal.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-chain-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const loc = (ts: number, unit = pc01): JournalEvent => ({ type: 'unit.location', unitId: unit.id, fix: { ts, lat: 52.5 + ts / 1e7, lon: -0.2, spd: 1.5 } });

/** A journal with work of every shape the writer handles: single durable events, chunked and odd-sized batches, a snapshot. */
function journalWithWork(dir: string): { last: number; head: { seq: number; hash: string | null } } {
  const j = SqliteJournal.open(dir);
  j.appendDurable({ type: 'unit.added', entry: pc01 }, 1000);
  j.appendDurable({ type: 'unit.added', entry: eo01 }, 1000);
  j.appendBatch(Array.from({ length: 150 }, (_, i) => loc(2000 + i, i % 2 ? pc01 : eo01)), 2000, 'batched');
  j.appendDurable({ type: 'unit.status', unitId: pc01.id, ts: 3000, status: 'busy' }, 3000);
  j.writeSnapshot({ seq: j.lastSeq(), units: [], incidents: [], alarms: [] });
  j.appendBatch([loc(4000), loc(4001), loc(4002)], 4000);
  const last = j.lastSeq();
  const head = j.chainHead();
  j.close();
  return { last, head };
}

const open = (dir: string) => new Database(path.join(dir, JOURNAL_FILE));

describe('the journal hash chain', () => {
  it('holds on a clean journal, across reopening, and its head is the last event', async () => {
    const dir = tmp();
    const { last, head } = journalWithWork(dir);
    const j = SqliteJournal.open(dir);
    j.appendDurable({ type: 'unit.status', unitId: pc01.id, ts: 5000, status: 'available' }, 5000);
    const v = await j.verify();
    j.close();
    expect(v).toMatchObject({ ok: true, checked: last + 1, unchained: 0 });
    expect(head.seq).toBe(last);
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    const offline = verifyJournalFile(dir);
    expect(offline.ok && offline.head?.seq).toBe(last + 1);
  });

  it('names the event when one byte of one row is changed', () => {
    const dir = tmp();
    journalWithWork(dir);
    const db = open(dir);
    // One digit of one officer's latitude: still valid JSON, still a plausible fix.
    const body = db.prepare('SELECT body FROM events WHERE seq = 77').pluck().get() as string;
    const changed = body.replace('"lat":52.5', '"lat":52.6');
    expect(changed).not.toBe(body);
    db.prepare('UPDATE events SET body = ? WHERE seq = 77').run(changed);
    db.close();
    const v = verifyJournalFile(dir);
    expect(v).toMatchObject({ ok: false, seq: 77, checked: 76 });
    expect(!v.ok && v.problem).toMatch(/event 77 does not match its hash/);
  });

  it('names the event when a column other than the body is changed', () => {
    const dir = tmp();
    journalWithWork(dir);
    const db = open(dir);
    db.prepare('UPDATE events SET recorded_at = recorded_at + 1 WHERE seq = 153').run();
    db.close();
    expect(verifyJournalFile(dir)).toMatchObject({ ok: false, seq: 153 });
  });

  it('names the missing event when a row is deleted, and a cut-off tail through its snapshot', () => {
    const dir = tmp();
    const { last } = journalWithWork(dir);
    const db = open(dir);
    db.prepare('DELETE FROM events WHERE seq = 40').run();
    db.close();
    const v = verifyJournalFile(dir);
    expect(v).toMatchObject({ ok: false, seq: 40 });
    expect(!v.ok && v.problem).toMatch(/event 40 is missing/);

    const dir2 = tmp();
    journalWithWork(dir2);
    const db2 = open(dir2);
    // Everything from the snapshot's event on: the remaining events still chain, the snapshot says more existed.
    const snapAt = db2.prepare('SELECT MAX(seq) FROM snapshots').pluck().get() as number;
    expect(snapAt).toBeLessThan(last);
    db2.prepare('DELETE FROM events WHERE seq >= ?').run(snapAt);
    db2.close();
    expect(verifyJournalFile(dir2)).toMatchObject({ ok: false, seq: snapAt });
  });

  it('records in each snapshot the hash it was taken at', () => {
    const dir = tmp();
    journalWithWork(dir);
    const db = open(dir);
    const [seq, hash] = db.prepare('SELECT seq, chain_hash FROM snapshots ORDER BY seq DESC LIMIT 1').raw(true).get() as [number, string];
    expect(hash).toEqual(db.prepare('SELECT hash FROM events WHERE seq = ?').pluck().get(seq));
    db.close();
  });
});

describe('the hash chain after a failed write', () => {
  it('goes on from the last committed event, not from the rows rolled back', async () => {
    const dir = tmp();
    const j = SqliteJournal.open(dir, { maxPages: 40 });
    j.appendDurable({ type: 'unit.added', entry: pc01 }, 1);
    const big = Array.from({ length: 3000 }, (_, i) => loc(i));
    expect(() => {
      for (let i = 0; i < 50; i++) j.appendBatch(big, i);
    }).toThrow(/disk is full/);
    const committed = j.committedSeq();
    expect(j.recover()).toBe(true);
    j.appendDurable({ type: 'unit.status', unitId: pc01.id, ts: 9, status: 'busy' }, 9);
    expect(await j.verify()).toMatchObject({ ok: true, checked: committed + 1 });
    j.close();
  });
});

describe('verifying a running journal', () => {
  it('walks in slices, and finds a tail deleted below what the journal committed', async () => {
    const dir = tmp();
    const j = SqliteJournal.open(dir);
    j.appendBatch(Array.from({ length: 250 }, (_, i) => loc(i)), 1);
    expect(await j.verify()).toMatchObject({ ok: true, checked: 250, head: { seq: 250 } });
    const db = open(dir);
    // Slices of 64 rows reach the same verdict as one walk.
    expect(await verifyJournalInSlices(db, 250, 64)).toEqual(verifyJournalFile(dir));
    db.prepare('DELETE FROM events WHERE seq > 240').run();
    db.close();
    expect(await j.verify()).toMatchObject({ ok: false, seq: 241, problem: expect.stringMatching(/events from 241 to 250 are missing/) });
    j.close();
  });
});

describe('an online backup', () => {
  it('completes while the writer still has a backlog of telemetry, and holds the chain up to its last event', async () => {
    const dir = tmp();
    const j = SqliteJournal.open(dir);
    for (let i = 0; i < 20; i++) j.appendBatch(Array.from({ length: 5000 }, (_, k) => loc(i * 5000 + k)), i, 'batched');
    // Far more than the writer commits in the time the copy takes: handled as it arrives, the
    // whole backlog would go before the backup's first step.
    j.submit([loc(1e6)], 100, 'batched');
    const backup = j.backup(path.join(dir, 'backups', 'copy.sqlite'));
    for (let n = 1; n < 1500; n++) j.submit(Array.from({ length: 200 }, (_, k) => loc(1e6 + n * 200 + k)), 100 + n, 'batched');
    const r = await backup;
    const backlog = j.lastSeq() - j.committedSeq();
    expect(backlog).toBeGreaterThan(0);
    expect(r.head.seq).toBeGreaterThan(100_000);
    expect(verifyJournalFile(r.file)).toMatchObject({ ok: true, head: r.head });
    j.close();
    expect(verifyJournalFile(dir)).toMatchObject({ ok: true, head: { seq: j.lastSeq() } });
  }, 60_000);
});

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pc01 } from '../../test/fixtures/roster.js';
import type { JournalEvent } from '../../shared/events.js';
import { JournalError } from '../../shared/ports.js';
import { processStartTime } from './data-dir-lock.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from './migrations.js';
import { JOURNAL_FILE, SqliteJournal } from './sqlite-journal.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-journal-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const loc = (ts: number): JournalEvent => ({ type: 'unit.location', unitId: pc01.id, fix: { ts, lat: 52.5, lon: -0.2 } });

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
  });
  it('migration 1 creates the event log and snapshots, and re-running is a no-op', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['events', 'schema_migrations', 'snapshots']));
    migrate(db);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(LATEST_SCHEMA_VERSION);
  });
  it('refuses a journal written by a newer Beacon', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare('INSERT INTO schema_migrations VALUES (999, ?, 0)').run('future');
    expect(() => migrate(db)).toThrow(/newer Beacon/);
  });
});

describe('SqliteJournal', () => {
  it('appends durably and in batches, and reads back in order after reopening', () => {
    const dir = tmp();
    const j = SqliteJournal.open(dir);
    expect(j.appendDurable({ type: 'unit.added', entry: pc01 }, 1000)).toBe(1);
    expect(j.appendBatch([loc(1), loc(2), loc(3)], 1001)).toBe(4);
    j.close();
    const again = SqliteJournal.open(dir);
    expect(again.lastSeq()).toBe(4);
    const records = [...again.readAfter(1, 2)];
    expect(records.map((r) => r.seq)).toEqual([2, 3, 4]);
    expect(records[2]!.event).toEqual(loc(3));
    expect(again.readRange(1001, 1002, { types: ['unit.location'] })).toHaveLength(3);
    expect(again.readRange(1000, 1001)).toHaveLength(1);
    again.close();
  });

  it("keeps a unit's track at one point per five seconds, found without scanning the journal", () => {
    const j = SqliteJournal.open(tmp());
    for (let s = 0; s < 60; s++) j.appendBatch([loc(s * 1000)], 10_000 + s * 1000, 'batched');
    expect(j.committedSeq()).toBeLessThanOrEqual(60);
    j.waitForCommit(j.lastSeq());
    const track = j.readRange(0, 1e9, { types: ['unit.location'], unitId: 'pc01' });
    expect(track.map((r) => r.recordedAt)).toEqual(Array.from({ length: 12 }, (_, i) => 10_000 + i * 5000));
    expect(j.latestPerUnit('unit.location', ['pc01', 'eo01'], 32_000, 0).map((r) => r.recordedAt)).toEqual([30_000]);
    expect(j.readRange(0, 1e9, { types: ['unit.location'] })).toHaveLength(60);
    j.close();
  });

  it('reopens after batched commits with everything a crash would keep', () => {
    const dir = tmp();
    const again = SqliteJournal.open(dir);
    again.appendBatch([loc(1), loc(2)], 5, 'batched');
    expect(again.appendDurable({ type: 'unit.added', entry: pc01 }, 6)).toBe(3);
    again.close();
  });

  it('keeps the newest snapshots and returns the latest', () => {
    const j = SqliteJournal.open(tmp());
    for (const seq of [10, 20, 30]) j.writeSnapshot({ seq, units: [], incidents: [], alarms: [] });
    expect(j.latestSnapshot()!.seq).toBe(30);
    j.close();
  });

  it('runs in WAL mode with synchronous=FULL', () => {
    const dir = tmp();
    SqliteJournal.open(dir).close();
    const db = new Database(path.join(dir, JOURNAL_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('reports a full disk as a JournalError, and nothing half-written', () => {
    const j = SqliteJournal.open(tmp(), { maxPages: 40 });
    const big = Array.from({ length: 2000 }, (_, i) => loc(i));
    let err: unknown;
    try {
      for (let i = 0; i < 50; i++) j.appendBatch(big, i);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JournalError);
    expect((err as JournalError).code).toBe('full');
    expect((err as Error).message).toMatch(/disk is full/);
    expect(j.lastSeq() % 2000).toBe(0);
    j.close();
  });

  it('reports an unwritable folder plainly', () => {
    if (process.getuid?.() === 0) {
      // root ignores directory permissions, so point at a path under a regular file instead.
      const file = path.join(tmp(), 'not-a-dir');
      fs.writeFileSync(file, '');
      expect(() => SqliteJournal.open(path.join(file, 'data'))).toThrow(JournalError);
      return;
    }
    const dir = tmp();
    fs.chmodSync(dir, 0o500);
    expect(() => SqliteJournal.open(dir)).toThrow(/cannot be written/);
  });
});

describe('SqliteJournal in a process with nothing else to do', () => {
  it('keeps the process alive until a submitted write is committed, then lets it end', () => {
    const dir = tmp();
    const script = path.join(dir, 'commit-and-exit.ts');
    const journalModule = path.resolve(import.meta.dirname, 'sqlite-journal.ts');
    fs.writeFileSync(
      script,
      `import { SqliteJournal } from ${JSON.stringify(journalModule)};
const j = SqliteJournal.open(${JSON.stringify(path.join(dir, 'data'))});
const last = j.submit([{ type: 'unit.added', entry: ${JSON.stringify(pc01)} }], 1, 'full');
j.onProgress(() => { if (j.committedSeq() >= last) console.log('committed', last); });
`,
    );
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: path.resolve(import.meta.dirname, '../..'), timeout: 20_000 }).toString();
    expect(out).toContain('committed 1');
  });
});

describe('SqliteJournal batches', () => {
  it('numbers rows written in multi-row chunks exactly as one by one', () => {
    const j = SqliteJournal.open(tmp());
    const events = Array.from({ length: 64 * 3 + 7 }, (_, i) => loc(i));
    expect(j.appendBatch(events, 1)).toBe(events.length);
    const back = [...j.readAfter(0)];
    expect(back.map((r) => r.seq)).toEqual(events.map((_, i) => i + 1));
    expect(back.map((r) => r.event)).toEqual(events);
    j.close();
  });
});

describe('one console per data folder', () => {
  it('refuses a second journal on a folder in use, and takes over a lock left by a crash', () => {
    const dir = tmp();
    const j = SqliteJournal.open(dir);
    expect(() => SqliteJournal.open(dir)).toThrow(/This console already has the data folder .* open/);
    j.close();
    // A crashed host leaves its lock behind, naming a process that no longer exists.
    fs.writeFileSync(path.join(dir, 'beacon.lock'), '999999999\n');
    const again = SqliteJournal.open(dir);
    expect(fs.readFileSync(path.join(dir, 'beacon.lock'), 'utf8').trim().split(' ')[0]).toBe(String(process.pid));
    again.close();
    expect(fs.existsSync(path.join(dir, 'beacon.lock'))).toBe(false);
  });

  describe.skipIf(processStartTime(process.pid) === null)('where the system tells when a process started (Linux)', () => {
    let sleeper: ChildProcess;
    beforeAll(() => {
      sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    });
    afterAll(() => {
      sleeper.kill('SIGKILL');
    });

    it('takes over a lock whose pid now belongs to another process (the pid was reused)', () => {
      const dir = tmp();
      const started = Number(processStartTime(sleeper.pid!));
      // The crashed host had the same pid but started at another time.
      fs.writeFileSync(path.join(dir, 'beacon.lock'), `${sleeper.pid} ${started + 12345}\n`);
      const j = SqliteJournal.open(dir);
      expect(fs.readFileSync(path.join(dir, 'beacon.lock'), 'utf8')).toBe(`${process.pid} ${processStartTime(process.pid)}\n`);
      j.close();
    });

    it('refuses a folder whose holder is alive, names it, and never suggests another folder', () => {
      const dir = tmp();
      fs.writeFileSync(path.join(dir, 'beacon.lock'), `${sleeper.pid} ${processStartTime(sleeper.pid!)}\n`);
      let message = '';
      try {
        SqliteJournal.open(dir).close();
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(new RegExp(`in use by another Beacon \\(process ${sleeper.pid}\\)\\. Stop that process, or wait for it to exit`));
      expect(message).not.toMatch(/--data-dir|its own|another folder/);
      expect(fs.existsSync(path.join(dir, JOURNAL_FILE))).toBe(false);
    });
  });
});

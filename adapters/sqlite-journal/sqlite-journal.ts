import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eventSubject, type JournalEvent, type JournalRecord } from '../../shared/events.js';
import { type Journal, JournalError } from '../../shared/ports.js';
import type { StateSnapshot } from '../../shared/projection.js';
import { migrate } from './migrations.js';

export const JOURNAL_FILE = 'journal.sqlite';

/** Turns SQLite's failures into the journal's own, so the host can say what is wrong. */
export function toJournalError(err: unknown, file: string): JournalError {
  if (err instanceof JournalError) return err;
  const code = (err as { code?: string }).code ?? '';
  const msg = (err as Error).message ?? String(err);
  if (code === 'SQLITE_FULL' || /full/i.test(msg)) return new JournalError(`The journal's disk is full (${file}); new work is refused until space is freed.`, 'full');
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'EROFS')
    return new JournalError(`The journal cannot be written (${file}): ${msg}`, 'readonly');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new JournalError(`The journal file is damaged (${file}): ${msg}`, 'corrupt');
  return new JournalError(`The journal failed (${file}): ${msg}`, 'unavailable');
}

export class SqliteJournal implements Journal {
  readonly path: string;
  readonly schemaVersion: number;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertMany: (events: readonly JournalEvent[], at: number) => number;
  private seq: number;

  /** Opens (creating if needed) the journal in `dataDir`. Throws JournalError with a plain reason. */
  static open(dataDir: string, opts: { maxPages?: number } = {}): SqliteJournal {
    const file = path.join(dataDir, JOURNAL_FILE);
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.accessSync(dataDir, fs.constants.W_OK);
      return new SqliteJournal(file, opts);
    } catch (err) {
      throw toJournalError(err, file);
    }
  }

  private constructor(file: string, opts: { maxPages?: number }) {
    this.path = file;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // An incident or allocation that was acknowledged must survive power loss, not only a crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    if (opts.maxPages) this.db.pragma(`max_page_count = ${opts.maxPages}`);
    this.schemaVersion = migrate(this.db);
    this.insert = this.db.prepare('INSERT INTO events (recorded_at, type, unit_id, incident_id, body) VALUES (?, ?, ?, ?, ?)');
    this.seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM events').get() as { s: number }).s;
    this.insertMany = this.db.transaction((events: readonly JournalEvent[], at: number) => {
      let last = this.seq;
      for (const e of events) last = this.write(e, at);
      return last;
    });
  }

  private write(e: JournalEvent, at: number): number {
    const s = eventSubject(e);
    const info = this.insert.run(at, e.type, s.unitId, s.incidentId, JSON.stringify(e));
    return Number(info.lastInsertRowid);
  }

  appendDurable(event: JournalEvent, recordedAt: number): number {
    try {
      this.seq = this.write(event, recordedAt);
      return this.seq;
    } catch (err) {
      throw toJournalError(err, this.path);
    }
  }

  appendBatch(events: readonly JournalEvent[], recordedAt: number): number {
    if (events.length === 0) return this.seq;
    try {
      this.seq = this.insertMany(events, recordedAt);
      return this.seq;
    } catch (err) {
      throw toJournalError(err, this.path);
    }
  }

  lastSeq(): number {
    return this.seq;
  }

  *readAfter(seq: number, batchSize = 10_000): Iterable<JournalRecord> {
    const stmt = this.db.prepare('SELECT seq, recorded_at, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?').raw(true);
    let from = seq;
    for (;;) {
      const rows = stmt.all(from, batchSize) as [number, number, string][];
      for (const [s, at, body] of rows) yield { seq: s, recordedAt: at, event: JSON.parse(body) as JournalEvent };
      if (rows.length < batchSize) return;
      from = rows[rows.length - 1]![0];
    }
  }

  readRange(from: number, to: number, filter: { types?: JournalEvent['type'][]; unitId?: string } = {}): JournalRecord[] {
    const where = ['recorded_at >= ?', 'recorded_at < ?'];
    const args: (string | number)[] = [from, to];
    if (filter.types?.length) {
      where.push(`type IN (${filter.types.map(() => '?').join(',')})`);
      args.push(...filter.types);
    }
    if (filter.unitId) {
      where.push('unit_id = ?');
      args.push(filter.unitId);
    }
    const rows = this.db
      .prepare(`SELECT seq, recorded_at, body FROM events WHERE ${where.join(' AND ')} ORDER BY seq`)
      .raw(true)
      .all(...args) as [number, number, string][];
    return rows.map(([seq, recordedAt, body]) => ({ seq, recordedAt, event: JSON.parse(body) as JournalEvent }));
  }

  latestSnapshot(): StateSnapshot | null {
    const row = this.db.prepare('SELECT state FROM snapshots ORDER BY seq DESC LIMIT 1').get() as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as StateSnapshot) : null;
  }

  writeSnapshot(snapshot: StateSnapshot): void {
    try {
      this.db.transaction(() => {
        this.db.prepare('INSERT OR REPLACE INTO snapshots (seq, created_at, state) VALUES (?, ?, ?)').run(snapshot.seq, Date.now(), JSON.stringify(snapshot));
        // Two are kept so a snapshot torn by a crash mid-write still leaves a good one behind.
        this.db.prepare('DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT 2)').run();
      })();
    } catch (err) {
      throw toJournalError(err, this.path);
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { eventSubject, type JournalEvent, type JournalRecord } from '../../shared/events.js';
import { type Journal, JournalError } from '../../shared/ports.js';
import type { StateSnapshot } from '../../shared/projection.js';
import { migrate } from './migrations.js';

export const JOURNAL_FILE = 'journal.sqlite';
/** Breadcrumb resolution of tracks and replay. */
export const TRACK_INTERVAL_MS = 5000;
const CHUNK = 64;

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
  private readonly insertTrackPoint: Database.Statement;
  private readonly insertMany: (events: readonly JournalEvent[], at: number) => number;
  private readonly insertChunk: Database.Statement;
  private readonly chunkArgs: (string | number | null)[] = new Array(CHUNK * 5);
  /** Last track point per unit: fixes are kept for tracks at most one per TRACK_INTERVAL_MS. */
  private readonly lastTrackPoint = new Map<string, number>();
  private durability: 'full' | 'batched' = 'full';
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
    this.db.pragma('cache_size = -65536');
    this.insert = this.db.prepare('INSERT INTO events (recorded_at, type, unit_id, incident_id, body) VALUES (?, ?, ?, ?, ?)');
    this.insertTrackPoint = this.db.prepare('INSERT OR IGNORE INTO track_points (unit_id, recorded_at, seq) VALUES (?, ?, ?)');
    this.seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM events').get() as { s: number }).s;
    this.insertChunk = this.db.prepare(
      `INSERT INTO events (recorded_at, type, unit_id, incident_id, body) VALUES ${Array(CHUNK).fill('(?, ?, ?, ?, ?)').join(', ')}`,
    );
    this.insertMany = this.db.transaction((events: readonly JournalEvent[], at: number) => {
      let last = this.seq;
      let i = 0;
      // Rows go in CHUNK at a time: one call into SQLite per chunk instead of per row.
      for (; i + CHUNK <= events.length; i += CHUNK) last = this.writeChunk(events, i, at);
      for (; i < events.length; i++) last = this.write(events[i]!, at);
      return last;
    });
  }

  private write(e: JournalEvent, at: number): number {
    const s = eventSubject(e);
    const info = this.insert.run(at, e.type, s.unitId, s.incidentId, JSON.stringify(e));
    const seq = Number(info.lastInsertRowid);
    this.trackPoint(e, at, seq);
    return seq;
  }

  private writeChunk(events: readonly JournalEvent[], from: number, at: number): number {
    const args = this.chunkArgs;
    for (let k = 0; k < CHUNK; k++) {
      const e = events[from + k]!;
      const s = eventSubject(e);
      const o = k * 5;
      args[o] = at;
      args[o + 1] = e.type;
      args[o + 2] = s.unitId;
      args[o + 3] = s.incidentId;
      args[o + 4] = JSON.stringify(e);
    }
    const last = Number(this.insertChunk.run(args).lastInsertRowid);
    // A multi-row INSERT into a rowid table numbers its rows consecutively.
    for (let k = 0; k < CHUNK; k++) this.trackPoint(events[from + k]!, at, last - CHUNK + 1 + k);
    return last;
  }

  private trackPoint(e: JournalEvent, at: number, seq: number) {
    if (e.type !== 'unit.location') return;
    const last = this.lastTrackPoint.get(e.unitId);
    if (last === undefined || at - last >= TRACK_INTERVAL_MS || at < last) {
      this.insertTrackPoint.run(e.unitId, at, seq);
      this.lastTrackPoint.set(e.unitId, at);
    }
  }

  appendDurable(event: JournalEvent, recordedAt: number): number {
    try {
      if (this.durability !== 'full') {
        this.db.pragma('synchronous = FULL');
        this.durability = 'full';
      }
      this.seq = this.write(event, recordedAt);
      return this.seq;
    } catch (err) {
      throw toJournalError(err, this.path);
    }
  }

  appendBatch(events: readonly JournalEvent[], recordedAt: number, durability: 'full' | 'batched' = 'full'): number {
    if (events.length === 0) return this.seq;
    try {
      // Telemetry batches skip the fsync; the next full commit syncs the WAL and them with it.
      if (durability !== this.durability) {
        this.db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
        this.durability = durability;
      }
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

  readRange(from: number, to: number, filter: { types?: JournalEvent['type'][]; unitId?: string; incidentId?: string } = {}): JournalRecord[] {
    if (filter.unitId && filter.types?.length === 1 && filter.types[0] === 'unit.location' && !filter.incidentId) return this.trackPoints(filter.unitId, from, to);
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
    if (filter.incidentId) {
      where.push('incident_id = ?');
      args.push(filter.incidentId);
    }
    const rows = this.db
      .prepare(`SELECT seq, recorded_at, body FROM events WHERE ${where.join(' AND ')} ORDER BY seq`)
      .raw(true)
      .all(...args) as [number, number, string][];
    return rows.map(([seq, recordedAt, body]) => ({ seq, recordedAt, event: JSON.parse(body) as JournalEvent }));
  }

  /** A unit's fixes in [from, to), at most one per TRACK_INTERVAL_MS: its breadcrumbs. */
  private trackPoints(unitId: string, from: number, to: number): JournalRecord[] {
    const rows = this.db
      .prepare(
        'SELECT e.seq, e.recorded_at, e.body FROM track_points t JOIN events e ON e.seq = t.seq WHERE t.unit_id = ? AND t.recorded_at >= ? AND t.recorded_at < ? ORDER BY t.recorded_at, t.seq',
      )
      .raw(true)
      .all(unitId, from, to) as [number, number, string][];
    return rows.map(([seq, recordedAt, body]) => ({ seq, recordedAt, event: JSON.parse(body) as JournalEvent }));
  }

  latestPerUnit(type: JournalEvent['type'], unitIds: readonly string[], at: number, since: number): JournalRecord[] {
    // One index seek per unit: cheap for thousands of units, where scanning every fix in the window
    // would read millions of rows. Fixes are found through their track points.
    const sql =
      type === 'unit.location'
        ? 'SELECT e.seq, e.recorded_at, e.body FROM track_points t JOIN events e ON e.seq = t.seq WHERE t.unit_id = ? AND t.recorded_at <= ? AND t.recorded_at >= ? ORDER BY t.recorded_at DESC, t.seq DESC LIMIT 1'
        : "SELECT seq, recorded_at, body FROM events WHERE unit_id = ? AND type = ? AND type <> 'unit.location' AND recorded_at <= ? AND recorded_at >= ? ORDER BY recorded_at DESC, seq DESC LIMIT 1";
    const stmt = this.db.prepare(sql).raw(true);
    const out: JournalRecord[] = [];
    for (const id of unitIds) {
      const row = (type === 'unit.location' ? stmt.get(id, at, since) : stmt.get(id, type, at, since)) as [number, number, string] | undefined;
      if (row) out.push({ seq: row[0], recordedAt: row[1], event: JSON.parse(row[2]) as JournalEvent });
    }
    return out;
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

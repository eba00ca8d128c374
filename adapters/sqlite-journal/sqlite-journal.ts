import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { eventSubject, type JournalEvent, type JournalRecord } from '../../shared/events.js';
import { FIX_FIELDS, FIX_WIDTH, writeFix } from '../../shared/wire/fix.js';
import { type Journal, JournalError } from '../../shared/ports.js';
import type { StateSnapshot } from '../../shared/projection.js';
import type { ChainVerdict } from '../../shared/journal/chain.js';
import { lockDataDir } from './data-dir-lock.js';
import { migrate, TRACK_INTERVAL_MS } from './migrations.js';
import { verifyJournalInSlices } from './verify-journal.js';

export const JOURNAL_FILE = 'journal.sqlite';
/** Free space below which a full journal does not try again: a write would only fail once more. */
const MIN_FREE_BYTES = 256 * 1024;

/** The writer thread's script: beside this module, or beside the bundle that inlined it. */
function workerUrl(): URL {
  return new URL('./journal-writer.worker.mjs', import.meta.url);
}

/** Turns SQLite's failures into the journal's own, so the host can say what is wrong. */
function toJournalError(err: unknown, file: string): JournalError {
  if (err instanceof JournalError) return err;
  const code = (err as { code?: string }).code ?? '';
  const msg = (err as Error).message ?? String(err);
  if (code === 'SQLITE_FULL' || /full/i.test(msg)) return new JournalError(`The journal's disk is full (${file}); new work is refused until space is freed.`, 'full');
  if (code.startsWith('SQLITE_READONLY') || ['SQLITE_CANTOPEN', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST'].includes(code))
    return new JournalError(`The journal cannot be written (${file}): ${msg}`, 'readonly');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new JournalError(`The journal file is damaged (${file}): ${msg}`, 'corrupt');
  return new JournalError(`The journal failed (${file}): ${msg}`, 'unavailable');
}

export interface JournalOptions {
  /** A cap on the file's size in pages (tests of a full disk). */
  maxPages?: number;
  /** false leaves the hash chain out: for benchmarks that measure what it costs, never for a console. */
  chain?: boolean;
}

export class SqliteJournal implements Journal {
  readonly path: string;
  readonly schemaVersion: number;
  /** The reading connection: replay, tracks and snapshots. Every event is written by `writer`. */
  private readonly db: Database.Database;
  private readonly writer: Worker;
  private readonly shared = new BigInt64Array(new SharedArrayBuffer(32));
  private readonly replies: MessagePort;
  private readonly progressListeners: (() => void)[] = [];
  private failure: JournalError | null = null;
  private closed = false;
  private exited = false;
  private unlock: () => void = () => {};
  private seq: number;
  private held = false;
  private snapshotsPosted = 0;
  private readonly backups = new Map<number, (error: string | null) => void>();
  private backupIds = 0;
  private readonly maxPages: number;

  /** Opens (creating if needed) the journal in `dataDir`. Throws JournalError with a plain reason. */
  static open(dataDir: string, opts: JournalOptions = {}): SqliteJournal {
    const file = path.join(dataDir, JOURNAL_FILE);
    try {
      fs.mkdirSync(dataDir, { recursive: true });
      fs.accessSync(dataDir, fs.constants.W_OK);
    } catch (err) {
      throw toJournalError(err, file);
    }
    const unlock = lockDataDir(dataDir);
    try {
      const journal = new SqliteJournal(file, opts);
      journal.unlock = unlock;
      return journal;
    } catch (err) {
      unlock();
      throw toJournalError(err, file);
    }
  }

  private constructor(file: string, opts: JournalOptions) {
    this.path = file;
    this.maxPages = opts.maxPages ?? 0;
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // An incident or allocation that was acknowledged must survive power loss, not only a crash.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    if (opts.maxPages) this.db.pragma(`max_page_count = ${opts.maxPages}`);
    this.schemaVersion = migrate(this.db);
    this.seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM events').get() as { s: number }).s;
    Atomics.store(this.shared, 0, BigInt(this.seq));
    const channel = new MessageChannel();
    this.replies = channel.port1;
    this.writer = new Worker(workerUrl(), {
      workerData: { file, shared: this.shared.buffer, replies: channel.port2, maxPages: opts.maxPages ?? 0, trackIntervalMs: TRACK_INTERVAL_MS, fixFields: FIX_FIELDS, chain: opts.chain ?? true },
      transferList: [channel.port2],
    });
    this.writer.on('message', (m: { t: string; id?: number; error?: string }) => {
      if (m.t === 'backup') {
        const done = this.backups.get(m.id!);
        this.backups.delete(m.id!);
        if (this.backups.size === 0 && this.committedSeq() >= this.seq) this.holdOpen(false);
        return done?.(m.error ?? null);
      }
      const idle = this.committedSeq() >= this.seq && Number(Atomics.load(this.shared, 3)) >= this.snapshotsPosted && this.backups.size === 0;
      if (idle || Atomics.load(this.shared, 1) === 1n) this.holdOpen(false);
      for (const l of this.progressListeners) l();
    });
    this.writer.on('error', (err) => this.fail(toJournalError(err, this.path)));
    this.writer.on('exit', () => {
      this.exited = true;
      for (const done of this.backups.values()) done('the journal writer stopped');
      this.backups.clear();
      if (!this.closed) this.fail(new JournalError(`The journal writer stopped unexpectedly (${this.path}).`, 'unavailable'));
    });
    // A host that forgets to close must not be kept alive by its journal.
    this.writer.unref();
    this.replies.unref();
  }

  /**
   * While writes are on their way to the disk the process stays alive for their answers; an idle
   * journal does not keep a host that forgot to close it running.
   */
  private holdOpen(on: boolean) {
    if (on === this.held) return;
    this.held = on;
    if (on) this.writer.ref();
    else this.writer.unref();
  }

  private fail(err: JournalError) {
    this.failure ??= err;
    for (const l of this.progressListeners) l();
  }

  /**
   * Clears a failure the journal can come back from: a full disk once there is room again, an
   * unwritable file once it is writable. The writer drops what it had not committed, and numbering
   * resumes after the last committed event. A damaged file or a dead writer needs a restart.
   */
  recover(): boolean {
    const failure = this.failed();
    if (!failure) return true;
    if (this.closed || this.exited || failure.code === 'corrupt') return false;
    if (failure.code === 'full' && !this.hasRoom()) return false;
    this.writer.postMessage({ t: 'reset' });
    while (receiveMessageOnPort(this.replies)) {
      // Replies about the failure just cleared.
    }
    Atomics.store(this.shared, 1, 0n);
    // Everything handed to the writer after the failure is skipped by it, so nothing moves this now.
    this.seq = this.committedSeq();
    this.failure = null;
    return true;
  }

  /** Whether a write has a chance: some free space on the journal's disk, and a page under the cap. */
  private hasRoom(): boolean {
    try {
      const fsStat = fs.statfsSync(path.dirname(this.path));
      if (fsStat.bavail * fsStat.bsize < MIN_FREE_BYTES) return false;
    } catch {
      // Where free space cannot be read, the next write decides.
    }
    if (this.maxPages) {
      const pages = this.db.pragma('page_count', { simple: true }) as number;
      const free = this.db.pragma('freelist_count', { simple: true }) as number;
      if (pages >= this.maxPages && free === 0) return false;
    }
    return true;
  }

  /** The writer's failure, if any: read from shared memory and the reply port, without waiting. */
  failed(): JournalError | null {
    if (!this.failure && Atomics.load(this.shared, 1) === 1n) {
      const reply = receiveMessageOnPort(this.replies)?.message as { code: string; message: string } | undefined;
      this.failure = toJournalError(Object.assign(new Error(reply?.message ?? 'the journal writer failed'), { code: reply?.code ?? '' }), this.path);
    }
    return this.failure;
  }

  committedSeq(): number {
    return Number(Atomics.load(this.shared, 0));
  }

  onProgress(listener: () => void): void {
    this.progressListeners.push(listener);
  }

  waitForCommit(seq: number, timeoutMs = 30_000): void {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const committed = Atomics.load(this.shared, 0);
      if (Number(committed) >= seq) return;
      const failure = this.failed();
      if (failure) throw failure;
      const left = until - performance.now();
      if (left <= 0) throw new JournalError(`The journal did not confirm a write within ${timeoutMs / 1000} s (${this.path}).`, 'unavailable');
      Atomics.wait(this.shared, 0, committed, Math.min(left, 1000));
    }
  }

  /**
   * Numbers the events and hands them to the writer; returns the last sequence number at once.
   * The writer commits whatever is waiting in one transaction: `full` ones with an fsync, shared
   * with every other write in the group.
   */
  submit(events: readonly JournalEvent[], recordedAt: number, durability: 'full' | 'batched'): number {
    if (events.length === 0) return this.seq;
    const failure = this.failed();
    if (failure) throw failure;
    if (this.closed) throw new JournalError(`The journal is closed (${this.path}).`, 'unavailable');
    const n = events.length;
    const loc = new Float64Array(n * FIX_WIDTH);
    const ids: string[] = new Array(n);
    const others: [number, JournalEvent, string | null, string | null][] = [];
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      if (e.type === 'unit.location') {
        // Positions travel packed: copying them as objects cost the main thread more than the insert.
        writeFix(loc, i * FIX_WIDTH, e.fix, e.bat, NaN);
        ids[i] = e.unitId;
      } else {
        ids[i] = '';
        const s = eventSubject(e);
        others.push([i, e, s.unitId, s.incidentId]);
      }
    }
    const firstSeq = this.seq + 1;
    this.seq += n;
    this.holdOpen(true);
    this.writer.postMessage({ t: 'write', firstSeq, recordedAt, durability, n, loc, ids, others }, [loc.buffer]);
    return this.seq;
  }

  appendDurable(event: JournalEvent, recordedAt: number): number {
    return this.appendBatch([event], recordedAt, 'full');
  }

  appendBatch(events: readonly JournalEvent[], recordedAt: number, durability: 'full' | 'batched' = 'full'): number {
    const last = this.submit(events, recordedAt, durability);
    if (durability === 'full') this.waitForCommit(last);
    return last;
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
    const { sql, args } = rangeQuery(from, to, filter);
    const rows = this.db.prepare(sql).raw(true).all(...args) as [number, number, string][];
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
    // Snapshots handed to the writer are on disk before this reads.
    const until = performance.now() + 10_000;
    for (;;) {
      const written = Atomics.load(this.shared, 3);
      if (Number(written) >= this.snapshotsPosted || this.exited || performance.now() > until) break;
      Atomics.wait(this.shared, 3, written, 100);
    }
    const row = this.db.prepare('SELECT state FROM snapshots ORDER BY seq DESC LIMIT 1').get() as { state: string } | undefined;
    return row ? (JSON.parse(row.state) as StateSnapshot) : null;
  }

  /**
   * Serialised here (the state changes after this returns), written by the writer thread after
   * the events handed to it before: its commit and fsync never hold up this thread.
   */
  writeSnapshot(snapshot: StateSnapshot): void {
    const failure = this.failed();
    if (failure) throw failure;
    if (this.closed) throw new JournalError(`The journal is closed (${this.path}).`, 'unavailable');
    this.snapshotsPosted++;
    this.holdOpen(true);
    this.writer.postMessage({ t: 'snapshot', seq: snapshot.seq, createdAt: Date.now(), state: JSON.stringify(snapshot) });
  }

  /**
   * Walks the hash chain over what is committed now, in slices between which the event loop runs
   * (about 2.5 s of reading per million events). A tail missing below the committed seq is found too.
   */
  verify(): Promise<ChainVerdict> {
    return verifyJournalInSlices(this.db, this.committedSeq());
  }

  /** The last committed event and its hash: what an export carries so a recipient can check it. */
  chainHead(): { seq: number; hash: string | null } {
    const row = this.db.prepare('SELECT seq, hash FROM events WHERE seq <= ? ORDER BY seq DESC LIMIT 1').raw(true).get(this.committedSeq()) as
      | [number, string | null]
      | undefined;
    return row ? { seq: row[0], hash: row[1] } : { seq: 0, hash: null };
  }

  /**
   * Copies the journal, as committed at one moment, to `file` with SQLite's online backup while
   * the console keeps writing: the copy is written beside and renamed into place, so a folder
   * never holds half a backup under the final name.
   */
  async backup(file: string): Promise<{ file: string; bytes: number; head: { seq: number; hash: string | null } }> {
    const failure = this.failed();
    if (failure) throw failure;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    fs.rmSync(partial, { force: true });
    try {
      const id = ++this.backupIds;
      const error = await new Promise<string | null>((resolve) => {
        this.backups.set(id, resolve);
        this.holdOpen(true);
        this.writer.postMessage({ t: 'backup', id, file: partial });
      });
      if (error) throw new Error(`The backup to ${file} failed: ${error}`);
      fs.renameSync(partial, file);
    } catch (err) {
      fs.rmSync(partial, { force: true });
      throw err;
    }
    const copy = new Database(file, { readonly: true });
    try {
      const row = copy.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').raw(true).get() as [number, string | null] | undefined;
      return { file, bytes: fs.statSync(file).size, head: row ? { seq: row[0], hash: row[1] } : { seq: 0, hash: null } };
    } finally {
      copy.close();
    }
  }

  close(): void {
    if (this.closed) return;
    try {
      if (!this.failed()) this.waitForCommit(this.seq, 10_000);
    } finally {
      this.closed = true;
      this.holdOpen(false);
      this.writer.postMessage({ t: 'close' });
      if (!this.exited) Atomics.wait(this.shared, 2, 0n, 5000);
      this.replies.close();
      if (this.db.open) this.db.close();
      this.unlock();
    }
  }
}

/**
 * The query for a range of the journal. Where fixes are not asked for, it says so in a term the
 * partial indexes name (`type <> 'unit.location'`), so SQLite reads only the acts, never the fixes.
 */
export function rangeQuery(from: number, to: number, filter: { types?: JournalEvent['type'][]; unitId?: string; incidentId?: string }): { sql: string; args: (string | number)[] } {
  const where = ['recorded_at >= ?', 'recorded_at < ?'];
  const args: (string | number)[] = [from, to];
  if (filter.types?.length) {
    where.push(`type IN (${filter.types.map(() => '?').join(',')})`);
    args.push(...filter.types);
    if (!filter.types.includes('unit.location')) where.push("type <> 'unit.location'");
  }
  if (filter.unitId) {
    where.push('unit_id = ?');
    args.push(filter.unitId);
  }
  if (filter.incidentId) {
    where.push('incident_id = ?');
    args.push(filter.incidentId);
  }
  return { sql: `SELECT seq, recorded_at, body FROM events WHERE ${where.join(' AND ')} ORDER BY seq`, args };
}

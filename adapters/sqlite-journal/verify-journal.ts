import { hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type ChainedRow, type ChainStart, type ChainVerdict, ChainWalker, type Sha256, type SnapshotClaim, verifyChain } from '../../shared/journal/chain.js';

const sha256: Sha256 = (text) => hash('sha256', text, 'hex');

/** Where the journal's chain starts; a journal from before the chain existed has all its events unchained. */
function chainStart(db: Database.Database): ChainStart {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_start'").get();
  if (!hasTable) return { afterSeq: (db.prepare('SELECT COALESCE(MAX(seq), 0) FROM events').pluck().get() as number) ?? 0, startedAt: 0 };
  const row = db.prepare('SELECT after_seq, started_at FROM chain_start WHERE id = 1').raw(true).get() as [number, number] | undefined;
  return row ? { afterSeq: row[0], startedAt: row[1] } : { afterSeq: 0, startedAt: 0 };
}

function* rows(db: Database.Database): Generator<ChainedRow> {
  const it = db.prepare('SELECT seq, recorded_at, type, unit_id, incident_id, body, hash FROM events ORDER BY seq').raw(true).iterate() as IterableIterator<
    [number, number, string, string | null, string | null, string, string | null]
  >;
  for (const [seq, recordedAt, type, unitId, incidentId, body, hash] of it) yield { seq, recordedAt, type, unitId, incidentId, body, hash };
}

const snapshotClaims = (db: Database.Database, start: ChainStart, upTo = Number.MAX_SAFE_INTEGER): SnapshotClaim[] =>
  start.startedAt
    ? (db.prepare('SELECT seq, chain_hash FROM snapshots WHERE seq <= ? ORDER BY seq').raw(true).all(upTo) as [number, string | null][]).map(([seq, hash]) => ({ seq, hash }))
    : [];

/**
 * Walks a live journal's chain up to `upTo` (its last committed event) in slices, giving the
 * event loop back between them: a console verifying millions of events goes on answering. No
 * transaction is held across slices; committed events are never rewritten by Beacon, so each
 * slice reads what the one before would have.
 */
export async function verifyJournalInSlices(db: Database.Database, upTo: number, slice = 20_000): Promise<ChainVerdict> {
  const start = chainStart(db);
  const walker = new ChainWalker(sha256, start, snapshotClaims(db, start, upTo));
  const page = db.prepare('SELECT seq, recorded_at, type, unit_id, incident_id, body, hash FROM events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw(true);
  for (let from = 0; ; ) {
    const rows = page.all(from, upTo, slice) as [number, number, string, string | null, string | null, string, string | null][];
    for (const [seq, recordedAt, type, unitId, incidentId, body, hash] of rows) if (walker.add({ seq, recordedAt, type, unitId, incidentId, body, hash })) return walker.finish();
    if (rows.length < slice) break;
    from = rows[rows.length - 1]![0];
    await nextTurn();
  }
  return walker.finish(upTo);
}

/** Walks the chain of an open journal connection (a read transaction keeps the walk consistent). */
export function verifyJournalDb(db: Database.Database): ChainVerdict {
  return db.transaction(() => {
    const start = chainStart(db);
    return verifyChain(rows(db), sha256, start, snapshotClaims(db, start));
  })();
}

/**
 * Verifies a journal file read-only: a running console may keep writing it meanwhile (WAL lets
 * the walk see one consistent moment). `target` is a data folder or the journal file itself.
 */
export function verifyJournalFile(target: string): ChainVerdict {
  const file = fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, 'journal.sqlite') : target;
  if (!fs.existsSync(file)) throw new Error(`There is no journal at ${file}.`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return verifyJournalDb(db);
  } finally {
    db.close();
  }
}

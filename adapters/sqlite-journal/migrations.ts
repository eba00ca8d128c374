import type Database from 'better-sqlite3';

/** Breadcrumb resolution of tracks and replay: `track_points` keeps one fix per unit per interval. */
export const TRACK_INTERVAL_MS = 5000;

/**
 * Gives track points to the fixes journaled before `track_points` existed, with the writer
 * thread's rule: a unit's first fix, then one at least TRACK_INTERVAL_MS after the last kept (or
 * earlier than it: a clock set back). A unit's fixes from its first track point on already have
 * theirs, written by the writer.
 */
function backfillTrackPoints(db: Database.Database) {
  const firstKept = new Map<string, number>();
  for (const [unit, seq] of db.prepare('SELECT unit_id, MIN(seq) FROM track_points GROUP BY unit_id').raw(true).all() as [string, number][])
    firstKept.set(unit, seq);
  const page = db
    .prepare("SELECT seq, recorded_at, unit_id FROM events WHERE type = 'unit.location' AND seq > ? ORDER BY seq LIMIT 50000")
    .raw(true);
  const insert = db.prepare('INSERT OR IGNORE INTO track_points (unit_id, recorded_at, seq) VALUES (?, ?, ?)');
  const last = new Map<string, number>();
  let from = 0;
  for (;;) {
    const rows = page.all(from) as [number, number, string | null][];
    for (const [seq, at, unit] of rows) {
      if (unit === null || seq >= (firstKept.get(unit) ?? Infinity)) continue;
      const prev = last.get(unit);
      if (prev !== undefined && at - prev < TRACK_INTERVAL_MS && at >= prev) continue;
      insert.run(unit, at, seq);
      last.set(unit, at);
    }
    if (rows.length < 50000) return;
    from = rows[rows.length - 1]![0];
  }
}

/** Numbered, append-only. Never edit a shipped migration: add the next one. */
export const MIGRATIONS: { version: number; name: string; up: (db: Database.Database) => void }[] = [
  {
    version: 1,
    name: 'events and snapshots',
    up: (db) =>
      db.exec(`
        CREATE TABLE events (
          seq INTEGER PRIMARY KEY,
          recorded_at INTEGER NOT NULL,
          type TEXT NOT NULL,
          unit_id TEXT,
          incident_id TEXT,
          body TEXT NOT NULL
        );
        CREATE INDEX events_recorded_at ON events (recorded_at);
        CREATE TABLE snapshots (
          seq INTEGER PRIMARY KEY,
          created_at INTEGER NOT NULL,
          state TEXT NOT NULL
        );
      `),
  },
  {
    version: 2,
    name: 'indexes for tracks, replay and incident evidence',
    // Tracks and replay ask "this unit's fixes between two times"; evidence asks "this incident's
    // body-worn video events". Fixes get their own downsampled table: indexing every fix by unit
    // scatters each telemetry batch over a page per unit and cut ingest fivefold.
    up: (db) =>
      db.exec(`
        CREATE TABLE track_points (
          unit_id TEXT NOT NULL,
          recorded_at INTEGER NOT NULL,
          seq INTEGER NOT NULL,
          PRIMARY KEY (unit_id, recorded_at, seq)
        ) WITHOUT ROWID;
        CREATE INDEX events_unit_type_time ON events (unit_id, type, recorded_at) WHERE type <> 'unit.location';
        CREATE INDEX events_incident_type ON events (incident_id, type) WHERE incident_id IS NOT NULL;
      `),
  },
  {
    version: 3,
    name: 'track points for fixes journaled before version 2',
    // Version 2 created track_points empty: after an upgrade, tracks and replay lost every earlier fix.
    up: backfillTrackPoints,
  },
  {
    version: 4,
    name: 'hash chain',
    // Every event from here on carries SHA-256 over its content and the previous event's hash.
    // Events already journaled keep no hash: the chain starts after them, and `chain_start` says so,
    // so a verifier can tell "written before the chain" from "hash removed".
    up: (db) =>
      db.exec(`
        ALTER TABLE events ADD COLUMN hash TEXT;
        ALTER TABLE snapshots ADD COLUMN chain_hash TEXT;
        CREATE TABLE chain_start (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          after_seq INTEGER NOT NULL,
          started_at INTEGER NOT NULL
        );
        INSERT INTO chain_start (id, after_seq, started_at) SELECT 1, COALESCE(MAX(seq), 0), ${Date.now()} FROM events;
      `),
  },
  {
    version: 5,
    name: 'index of acts by time',
    // The audit asks "everything operators did between two times": without this, a shift's worth
    // of fixes (millions of rows) is read to find a few thousand acts.
    up: (db) => db.exec("CREATE INDEX events_acts_time ON events (recorded_at) WHERE type <> 'unit.location'"),
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** Brings the journal's schema to `target` (the latest unless a test builds an older journal). */
export function migrate(db: Database.Database, target = LATEST_SCHEMA_VERSION): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  if (current > LATEST_SCHEMA_VERSION)
    throw new Error(`The journal was written by a newer Beacon (schema ${current}); this one understands up to ${LATEST_SCHEMA_VERSION}.`);
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
  }
  return Math.max(current, Math.min(target, LATEST_SCHEMA_VERSION));
}

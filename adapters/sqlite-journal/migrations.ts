import type Database from 'better-sqlite3';

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
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export function migrate(db: Database.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
  if (current > LATEST_SCHEMA_VERSION)
    throw new Error(`The journal was written by a newer Beacon (schema ${current}); this one understands up to ${LATEST_SCHEMA_VERSION}.`);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    })();
  }
  return LATEST_SCHEMA_VERSION;
}

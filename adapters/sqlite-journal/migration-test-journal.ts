import Database from 'better-sqlite3';
import { eventSubject, type JournalEvent } from '../../shared/events.js';
import { migrate } from './migrations.js';

/** A journal as a Beacon of schema `version` left it, in memory, for the migration tests. */
export function journalAtVersion(version: number): Database.Database {
  const db = new Database(':memory:');
  migrate(db, version);
  return db;
}

/** Appends events the way every Beacon has written them: one row each, numbered in order. */
export function appendRows(db: Database.Database, rows: [recordedAt: number, event: JournalEvent][]): void {
  const insert = db.prepare('INSERT INTO events (recorded_at, type, unit_id, incident_id, body) VALUES (?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const [at, e] of rows) {
      const s = eventSubject(e);
      insert.run(at, e.type, s.unitId, s.incidentId, JSON.stringify(e));
    }
  })();
}

export const eventRows = (db: Database.Database) =>
  db.prepare('SELECT seq, recorded_at, type, unit_id, incident_id, body FROM events ORDER BY seq').raw(true).all();

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.js';

describe('migration 2: indexes for tracks, replay and incident evidence', () => {
  it('upgrades a version-1 journal in place, keeping its events', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const v1 = MIGRATIONS.find((m) => m.version === 1)!;
    v1.up(db);
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, 0)').run(v1.name);
    db.prepare("INSERT INTO events (recorded_at, type, unit_id, incident_id, body) VALUES (1, 'unit.location', 'pc01', NULL, '{}')").run();
    migrate(db);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['events_unit_type_time', 'events_incident_type']));
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBe(1);
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(2);
  });

  it('makes a unit track query an index search, not a scan of the journal', () => {
    const db = new Database(':memory:');
    migrate(db);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT seq FROM track_points WHERE unit_id = 'pc01' AND recorded_at >= 0 AND recorded_at < 10")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH track_points USING PRIMARY KEY/);
    const status = db
      .prepare("EXPLAIN QUERY PLAN SELECT seq FROM events WHERE unit_id = 'pc01' AND type = 'unit.status' AND type <> 'unit.location' AND recorded_at <= 10")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(status).toMatch(/USING (COVERING )?INDEX events_unit_type_time/);
    const evidence = db
      .prepare("EXPLAIN QUERY PLAN SELECT seq FROM events WHERE incident_id = 'INC-1' AND type = 'unit.bwv'")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(evidence).toMatch(/USING (COVERING )?INDEX events_incident_type/);
  });
});

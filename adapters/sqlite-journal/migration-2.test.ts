import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pc01 } from '../../test/fixtures/roster.js';
import { appendRows, eventRows, journalAtVersion } from './migration-test-journal.js';
import { migrate } from './migrations.js';

describe('migration 2: indexes for tracks, replay and incident evidence', () => {
  it('upgrades a version-1 journal in place, keeping its events', () => {
    const db = journalAtVersion(1);
    appendRows(db, [
      [1, { type: 'unit.added', entry: pc01 }],
      [2, { type: 'unit.location', unitId: pc01.id, fix: { ts: 2, lat: 52.5, lon: -0.2 } }],
      [3, { type: 'unit.status', unitId: pc01.id, ts: 3, status: 'busy' }],
    ]);
    const before = eventRows(db);
    expect(migrate(db, 2)).toBe(2);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['events_unit_type_time', 'events_incident_type']));
    expect(eventRows(db)).toEqual(before);
    expect(db.prepare("SELECT seq FROM events WHERE unit_id = 'pc01' AND type = 'unit.status'").pluck().all()).toEqual([3]);
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(2);
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

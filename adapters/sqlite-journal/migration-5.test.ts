import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AUDITED_TYPES } from '../../shared/auth/audit.js';
import { pc01 } from '../../test/fixtures/roster.js';
import { appendRows, eventRows, journalAtVersion } from './migration-test-journal.js';
import { migrate } from './migrations.js';
import { rangeQuery } from './sqlite-journal.js';

const plan = (db: Database.Database, q: { sql: string; args: (string | number)[] }) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 5: index of acts by time', () => {
  it('upgrades a version-4 journal in place, keeping its events', () => {
    const db = journalAtVersion(4);
    appendRows(db, [
      [1, { type: 'unit.added', entry: pc01 }],
      [2, { type: 'unit.location', unitId: pc01.id, fix: { ts: 2, lat: 52.5, lon: -0.2 } }],
    ]);
    const before = eventRows(db);
    expect(migrate(db, 5)).toBe(5);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'").pluck().all()).toContain('events_acts_time');
    expect(eventRows(db)).toEqual(before);
  });

  it("reads a shift's acts for the audit through the index, never through the fixes", () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(plan(db, rangeQuery(0, 10, { types: AUDITED_TYPES }))).toMatch(/USING INDEX events_acts_time/);
    // Asking for fixes is another matter: that query does not pretend to skip them.
    expect(rangeQuery(0, 10, { types: ['unit.location', 'unit.status'] }).sql).not.toContain("<> 'unit.location'");
  });
});

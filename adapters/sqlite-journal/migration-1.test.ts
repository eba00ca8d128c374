import { describe, expect, it } from 'vitest';
import { pc01 } from '../../test/fixtures/roster.js';
import { appendRows, eventRows, journalAtVersion } from './migration-test-journal.js';

describe('migration 1: events and snapshots', () => {
  it('makes an empty file a journal that takes events and snapshots and gives them back', () => {
    const db = journalAtVersion(1);
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(1);
    appendRows(db, [
      [1000, { type: 'unit.added', entry: pc01 }],
      [1001, { type: 'unit.location', unitId: pc01.id, fix: { ts: 1001, lat: 52.5, lon: -0.2 } }],
    ]);
    db.prepare('INSERT INTO snapshots (seq, created_at, state) VALUES (2, 0, ?)').run('{}');
    expect(eventRows(db)).toEqual([
      [1, 1000, 'unit.added', 'pc01', null, JSON.stringify({ type: 'unit.added', entry: pc01 })],
      [2, 1001, 'unit.location', 'pc01', null, JSON.stringify({ type: 'unit.location', unitId: 'pc01', fix: { ts: 1001, lat: 52.5, lon: -0.2 } })],
    ]);
    expect(db.prepare('SELECT COUNT(*) FROM snapshots').pluck().get()).toBe(1);
  });
});

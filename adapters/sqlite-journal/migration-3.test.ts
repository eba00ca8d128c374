import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eo01, pc01 } from '../../test/fixtures/roster.js';
import type { JournalEvent } from '../../shared/events.js';
import { appendRows, eventRows, journalAtVersion } from './migration-test-journal.js';
import { migrate, TRACK_INTERVAL_MS } from './migrations.js';
import { JOURNAL_FILE, SqliteJournal } from './sqlite-journal.js';

const fix = (unit: typeof pc01, at: number): [number, JournalEvent] => [at, { type: 'unit.location', unitId: unit.id, fix: { ts: at, lat: 52.5, lon: -0.2 } }];
const trackPoints = (db: Database.Database, unit: string) =>
  db.prepare('SELECT recorded_at FROM track_points WHERE unit_id = ? ORDER BY recorded_at').pluck().all(unit) as number[];

/** A minute of fixes at 1 Hz from two officers, and some work around them, as a version-1 Beacon journaled it. */
function oldJournal(): Database.Database {
  const db = journalAtVersion(1);
  const rows: [number, JournalEvent][] = [
    [0, { type: 'unit.added', entry: pc01 }],
    [0, { type: 'unit.added', entry: eo01 }],
  ];
  for (let s = 0; s < 60; s++) rows.push(fix(pc01, 10_000 + s * 1000), fix(eo01, 10_500 + s * 1000));
  rows.push([70_000, { type: 'unit.status', unitId: pc01.id, ts: 70_000, status: 'busy' }]);
  appendRows(db, rows);
  return db;
}

describe('migration 3: track points for fixes journaled before version 2', () => {
  it('gives the fixes of a journal upgraded through version 2 their track points, one per unit per interval', () => {
    const db = oldJournal();
    migrate(db, 2);
    const before = eventRows(db);
    // What version 2 left: no track points for the old fixes; the writer keeps new ones from then on.
    expect(trackPoints(db, 'pc01')).toEqual([]);
    appendRows(db, [fix(pc01, 100_000)]);
    const newSeq = db.prepare('SELECT MAX(seq) FROM events').pluck().get() as number;
    db.prepare('INSERT INTO track_points (unit_id, recorded_at, seq) VALUES (?, ?, ?)').run('pc01', 100_000, newSeq);

    migrate(db, 3);
    const every = (first: number) => Array.from({ length: 12 }, (_, i) => first + i * TRACK_INTERVAL_MS);
    expect(trackPoints(db, 'pc01')).toEqual([...every(10_000), 100_000]);
    expect(trackPoints(db, 'eo01')).toEqual(every(10_500));
    // Every track point is a fix of its unit.
    const wrong = db.prepare("SELECT COUNT(*) FROM track_points t JOIN events e ON e.seq = t.seq WHERE e.type <> 'unit.location' OR e.unit_id <> t.unit_id OR e.recorded_at <> t.recorded_at").pluck().get();
    expect(wrong).toBe(0);
    expect(eventRows(db).slice(0, before.length)).toEqual(before);
    expect(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get()).toBe(3);
  });

  it("gives an upgraded console back its officers' earlier tracks", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-migration-'));
    try {
      const file = new Database(path.join(dir, JOURNAL_FILE));
      migrate(file, 1);
      const rows: [number, JournalEvent][] = [];
      for (let s = 0; s < 30; s++) rows.push(fix(pc01, 10_000 + s * 1000));
      appendRows(file, rows);
      migrate(file, 2);
      file.close();

      const j = SqliteJournal.open(dir);
      const track = j.readRange(0, 1e9, { types: ['unit.location'], unitId: pc01.id });
      expect(track.map((r) => r.recordedAt)).toEqual([10_000, 15_000, 20_000, 25_000, 30_000, 35_000]);
      expect(j.latestPerUnit('unit.location', [pc01.id], 1e9, 0).map((r) => r.recordedAt)).toEqual([35_000]);
      j.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

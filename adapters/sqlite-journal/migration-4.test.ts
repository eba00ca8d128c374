import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { pc01 } from '../../test/fixtures/roster.js';
import { describeVerdict } from '../../shared/journal/chain.js';
import { appendRows, eventRows, journalAtVersion } from './migration-test-journal.js';
import { migrate } from './migrations.js';
import { JOURNAL_FILE, SqliteJournal } from './sqlite-journal.js';
import { verifyJournalDb, verifyJournalFile } from './verify-journal.js';

describe('migration 4: the hash chain', () => {
  it('keeps earlier events as they were and starts the chain after them, saying so', () => {
    const db = journalAtVersion(3);
    appendRows(db, [
      [1000, { type: 'unit.added', entry: pc01 }],
      [2000, { type: 'unit.status', unitId: pc01.id, ts: 2000, status: 'busy' }],
    ]);
    const before = eventRows(db);
    migrate(db, 4);
    expect(eventRows(db)).toEqual(before);
    expect(db.prepare('SELECT after_seq FROM chain_start').pluck().get()).toBe(2);
    const v = verifyJournalDb(db);
    expect(v).toMatchObject({ ok: true, checked: 0, unchained: 2, start: { afterSeq: 2 } });
    expect(describeVerdict(v)).toMatch(/starts after event 2 .*written before it existed/);
  });

  it('chains the events an upgraded console writes, from the migration on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-migration-'));
    try {
      const file = new Database(path.join(dir, JOURNAL_FILE));
      migrate(file, 3);
      appendRows(file, [[1000, { type: 'unit.added', entry: pc01 }]]);
      file.close();
      const j = SqliteJournal.open(dir);
      j.appendDurable({ type: 'unit.status', unitId: pc01.id, ts: 3000, status: 'available' }, 3000);
      j.appendDurable({ type: 'unit.status', unitId: pc01.id, ts: 4000, status: 'busy' }, 4000);
      j.close();
      expect(verifyJournalFile(dir)).toMatchObject({ ok: true, checked: 2, unchained: 1, head: { seq: 3 } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts a new journal chain at its first event', () => {
    const db = journalAtVersion(4);
    expect(db.prepare('SELECT after_seq FROM chain_start').pluck().get()).toBe(0);
  });
});

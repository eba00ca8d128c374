import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { JOURNAL_FILE, SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { pc01 } from '../../test/fixtures/roster.js';
import { runVerify } from './verify.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-verify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const npmVerify = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'verify', '--', ...args], { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../..') });

describe('npm run verify', () => {
  it('exits 0 while the chain holds and 1 naming the event once a row is changed', () => {
    const j = SqliteJournal.open(dir);
    j.appendDurable({ type: 'unit.added', entry: pc01 }, 1000);
    for (let t = 0; t < 5; t++) j.appendDurable({ type: 'unit.status', unitId: pc01.id, ts: t, status: t % 2 ? 'busy' : 'available' }, 2000 + t);
    j.close();
    const good = npmVerify('--data-dir', dir);
    expect(good.stdout).toMatch(/chain holds: 6 events checked/);
    expect(good.status).toBe(0);

    const db = new Database(path.join(dir, JOURNAL_FILE));
    db.prepare(`UPDATE events SET body = replace(body, '"busy"', '"bust"') WHERE seq = 5`).run();
    db.close();
    const bad = npmVerify('--data-dir', dir);
    expect(bad.stderr).toMatch(/broken at event 5/);
    expect(bad.status).toBe(1);
  });

  it('says what is wrong with its options or a missing journal, with status 2', () => {
    expect(runVerify(['--colour'])).toMatchObject({ status: 2, out: expect.stringMatching(/Unknown option --colour/) });
    expect(runVerify(['--data-dir', path.join(dir, 'nowhere')])).toMatchObject({ status: 2, out: expect.stringMatching(/no journal/) });
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from './config.js';
import { JournalBackups } from './journal-backups.js';

const dirs: string[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A journal whose backup writes a small file, as the real one writes the copy. */
function fakeJournal() {
  let seq = 0;
  const calls: string[] = [];
  return {
    calls,
    backup: async (file: string) => {
      calls.push(file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'copy');
      return { file, bytes: 4, head: { seq: ++seq, hash: 'ab'.repeat(32) } };
    },
  };
}

describe('journal backups', () => {
  it('runs on schedule, one at a time, and lists what the folder holds, newest first', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-backups-'));
    dirs.push(folder);
    const j = fakeJournal();
    const b = new JournalBackups(j, folder, 15);
    b.start();
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(j.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(j.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    const [x, y] = [b.backupNow(), b.backupNow()];
    expect(x).toBe(y);
    await x;
    b.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(j.calls).toHaveLength(3);
    const status = b.status();
    expect(status).toMatchObject({ folder, everyMin: 15, lastError: null });
    expect(status.backups.map((r) => r.head.seq)).toEqual([3, 2, 1]);
  });

  it('takes its folder and schedule from the command line', () => {
    expect(parseArgs(['--backup-dir', '/srv/beacon-backups', '--backup-every', '30'])).toMatchObject({ backupDir: '/srv/beacon-backups', backupEveryMin: 30 });
    expect(() => parseArgs(['--backup-every', 'hourly'])).toThrow(/--backup-every must be a number of minutes/);
  });
});

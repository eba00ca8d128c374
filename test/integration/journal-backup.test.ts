import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournalFile } from '../../adapters/sqlite-journal/verify-journal.js';
import type { ConsoleHost } from '../../electron/host/console-host.js';
import { runRestore } from '../../electron/host/restore.js';
import type { JournalEvent } from '../../shared/events.js';
import type { BackupRecord, BackupStatus, IntegrityCheck } from '../../shared/journal/integrity.js';
import { startHost, tempDir } from '../e2e/support/console.js';
import { supervisorFetch } from '../support/sessions.js';

type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

describe('online backup and restore', () => {
  let host: ConsoleHost;
  // Calls in here are a supervisor's script, signed in: every API call needs a session.
  const fetch = supervisorFetch(() => host);
  const dirs: string[] = [];
  const dir = (p: string) => {
    const d = tempDir(p);
    dirs.push(d);
    return d;
  };
  const call = async <T>(method: 'GET' | 'POST', p: string): Promise<T> => {
    const res = await fetch(host.url + p, { method, ...(method === 'POST' && { body: '{}', headers: { 'content-type': 'application/json' } }) });
    const a = (await res.json()) as Answer<T>;
    if (!a.ok) throw new Error(a.error);
    return a.value;
  };

  beforeAll(async () => {
    host = await startHost({ dataDir: dir('beacon-backup-it-'), rendererDir: null });
  });
  afterAll(async () => {
    await host?.stop();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('takes a backup during an ingest burst that restores, verifies and starts a console', async () => {
    const units = [...host.service.state.units.keys()];
    let n = 0;
    const burst = (count: number) => {
      for (let k = 0; k < count; k++, n++) {
        const e: JournalEvent = { type: 'unit.location', unitId: units[n % units.length]!, fix: { ts: Date.now() + n, lat: 52.57 + (n % 100) / 1e4, lon: -0.24 } };
        host.service.enqueueTelemetry(e);
      }
    };
    // A journal big enough that the copy takes many steps, then telemetry pouring in while it runs.
    for (let i = 0; i < 30; i++) {
      burst(5000);
      host.service.flush();
    }
    const before = host.service.journal.committedSeq();
    const pouring = setInterval(() => burst(500), 5);
    let backup: BackupRecord;
    try {
      backup = await call<BackupRecord>('POST', '/api/journal/backups');
    } finally {
      clearInterval(pouring);
    }
    host.service.flush();
    const after = host.service.journal.committedSeq();
    expect(after).toBeGreaterThan(before);
    // Writes went on while the copy was made, and those committed before it finished are in it.
    expect(backup.head.seq).toBeGreaterThan(before);
    expect(backup.head.hash).toMatch(/^[0-9a-f]{64}$/);
    const status = await call<BackupStatus>('GET', '/api/journal/backups');
    expect(status.backups.map((b) => b.file)).toContain(backup.file);
    // The running console's own chain holds through the burst.
    expect(await call<IntegrityCheck>('GET', '/api/journal/verify')).toMatchObject({ ok: true, head: { seq: after } });

    // Restoring into the folder of a running console is refused: it holds the folder.
    expect(runRestore(['--from', backup.file, '--data-dir', host.config.dataDir])).toMatchObject({ status: 2, out: expect.stringMatching(/already has the data folder|held by|in use/i) });

    const target = dir('beacon-restored-');
    fs.writeFileSync(path.join(target, 'journal.sqlite'), 'not a journal: set aside, not deleted');
    const r = runRestore(['--from', backup.file, '--data-dir', target]);
    expect(r.out).toMatch(/chain holds/);
    expect(r.status).toBe(0);
    expect(fs.readdirSync(target).some((f) => f.startsWith('journal.sqlite.before-restore-'))).toBe(true);
    expect(verifyJournalFile(target)).toMatchObject({ ok: true, head: backup.head });

    const restored = await startHost({ dataDir: target, rendererDir: null });
    try {
      expect(restored.service.state.seq).toBeGreaterThanOrEqual(backup.head.seq);
      expect(restored.service.state.units.size).toBe(units.length);
    } finally {
      await restored.stop();
    }
  });

  it('refuses a backup that does not verify, leaving the folder as it was', async () => {
    const { file } = await call<BackupRecord>('POST', '/api/journal/backups');
    const bad = path.join(dir('beacon-bad-backup-'), 'journal.sqlite');
    fs.copyFileSync(file, bad);
    const db = new Database(bad);
    db.prepare("UPDATE events SET body = replace(body, '\"lat\":52.57', '\"lat\":52.58') WHERE seq = 1000").run();
    db.close();
    const target = dir('beacon-restore-target-');
    const r = runRestore(['--from', bad, '--data-dir', target]);
    expect(r).toMatchObject({ status: 1, out: expect.stringMatching(/does not verify.*event 1000/) });
    expect(fs.readdirSync(target)).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import type { Health } from '../../shared/contract.js';
import { unitId } from '../../shared/domain/ids.js';
import type { JournalEvent } from '../../shared/events.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { HostProcess } from '../support/host-process.js';
import { until } from '../support/until.js';

// A real full disk: a small tmpfs, which needs root (or CAP_SYS_ADMIN) to mount.
const mountDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-tmpfs-'));
let skip: string | null = null;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountDir], { stdio: 'pipe' });
} catch (err) {
  skip = `cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}): the disk-full test needs root`;
  console.warn(`skipped: ${skip}`);
}

/** Writes until the disk says no: what is left is less than one small write. */
function fill(file: string) {
  const fd = fs.openSync(file, 'a');
  try {
    for (const size of [256 * 1024, 4096, 512]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw err;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

describe.skipIf(skip !== null)('a journal whose disk fills up (tmpfs)', () => {
  let host: HostProcess | null = null;
  beforeAll(() => {
    fs.mkdirSync(path.join(mountDir, 'data'));
  });
  afterAll(async () => {
    await host?.kill9();
    execFileSync('umount', [mountDir]);
    fs.rmSync(mountDir, { recursive: true, force: true });
  });

  it('refuses work while the disk is full, takes it again once space is freed, without a restart, and loses nothing acknowledged', async () => {
    const dataDir = path.join(mountDir, 'data');
    const args = ['--data-dir', dataDir, '--port', '0', '--mqtt-port', '0', '--no-simulator', '--quiet'];
    host = await HostProcess.start(args);
    const acknowledged: string[] = [];
    const create = async (n: number) => {
      const r = await host!.post('/api/incidents', { category: 'graffiti', description: `tag ${n} ${'x'.repeat(1900)}`, location: { lat: 52.57, lon: -0.24 } });
      if (r.status === 201) acknowledged.push(((await r.json()) as { value: Incident }).value.id);
      return r;
    };
    for (let n = 0; n < 5; n++) expect((await create(n)).status).toBe(201);

    const filler = path.join(mountDir, 'filler');
    fill(filler);
    let refused: Response | null = null;
    for (let n = 5; n < 500 && !refused; n++) {
      const r = await create(n);
      if (r.status !== 201) refused = r;
    }
    expect(refused?.status).toBe(503);
    expect(((await refused!.json()) as { error: string }).error).toMatch(/disk is full.*until space is freed/);
    const failed = await host.get<Health>('/api/health');
    expect(failed.journal.healthy).toBe(false);
    expect(failed.status).toBe('failed');
    // Still full: trying again changes nothing.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await host.get<Health>('/api/health')).journal.healthy).toBe(false);
    expect((await create(1000)).status).toBe(503);

    fs.rmSync(filler);
    // With no one writing, health clears by itself.
    await until('health to show the journal back', async () => (await host!.get<Health>('/api/health')).journal.healthy, 10_000);
    expect((await host.get<Health>('/api/health')).journal.error).toBeNull();
    for (let n = 2000; n < 2005; n++) expect((await create(n)).status).toBe(201);

    await host.kill9();
    host = await HostProcess.start(args);
    const ids = new Set<string>((await host.get<Incident[]>('/api/incidents')).map((i) => i.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    expect(acknowledged.length).toBe(10);
    await host.stop();
    host = null;
  });

  it("recovers the writer thread's telemetry batches too, numbering on from the last committed event", () => {
    const dataDir = path.join(mountDir, 'writer');
    const journal = SqliteJournal.open(dataDir);
    const fixes = (n: number, t: number): JournalEvent[] =>
      Array.from({ length: n }, (_, i) => ({ type: 'unit.location', unitId: unitId(`u${i}`), fix: { ts: t, lat: 52.5, lon: -0.2 } }));
    try {
      journal.appendBatch(fixes(100, 1), 1, 'batched');
      journal.waitForCommit(journal.lastSeq());
      const filler = path.join(mountDir, 'filler-writer');
      fill(filler);
      expect(() => {
        for (let t = 2; t < 1000; t++) {
          journal.appendBatch(fixes(100, t), t, 'batched');
          journal.waitForCommit(journal.lastSeq());
        }
      }).toThrow(/disk is full/);
      const committed = journal.committedSeq();
      expect(journal.recover()).toBe(false);
      fs.rmSync(filler);
      expect(journal.recover()).toBe(true);
      expect(journal.failed()).toBeNull();
      expect(journal.lastSeq()).toBe(committed);
      const last = journal.appendBatch(fixes(100, 5000), 5000, 'batched');
      journal.waitForCommit(last);
      expect(last).toBe(committed + 100);
      const seqs = [...journal.readAfter(0)].map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: committed + 100 }, (_, i) => i + 1));
    } finally {
      journal.close();
    }
  });
});

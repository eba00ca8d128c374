import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unitId } from '../../shared/domain/ids.js';
import type { JournalEvent } from '../../shared/events.js';
import { SqliteJournal } from './sqlite-journal.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('a position on its way through the writer thread', () => {
  it('comes back from the journal exactly as it went in, every field in its place and absent ones absent', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-fixrow-'));
    dirs.push(dir);
    const journal = SqliteJournal.open(dir);
    const events: JournalEvent[] = [
      { type: 'unit.location', unitId: unitId('pc01'), fix: { ts: 1000, lat: 52.57, lon: -0.24, acc: 5, hdg: 90, spd: 1.4 }, bat: 77 },
      { type: 'unit.location', unitId: unitId('pc02'), fix: { ts: 1001, lat: 52.58, lon: -0.25, spd: 0 } },
      { type: 'unit.location', unitId: unitId('pc03'), fix: { ts: 1002, lat: 52.59, lon: -0.26, hdg: 0 }, bat: 0 },
    ];
    journal.waitForCommit(journal.submit(events, 2000, 'batched'));
    expect([...journal.readAfter(0)].map((r) => r.event)).toEqual(events);
    journal.close();
  });
});

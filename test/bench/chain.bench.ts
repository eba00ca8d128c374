// The journal's hash chain: what it costs durable commits and telemetry batches (with and without
// it, alternating in the same run so load from elsewhere hits both), and how fast `npm run verify`
// walks 1,000,000 events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syntheticRoster } from '../../adapters/simulator/demo-roster.js';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { verifyJournalFile } from '../../adapters/sqlite-journal/verify-journal.js';
import { ConsoleService } from '../../shared/services/console-service.js';
import type { JournalEvent } from '../../shared/events.js';
import { fmt, runBench } from './support/bench-utils.js';

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));
const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Acknowledged durable events per second through the console service, `writers` in flight. */
async function durableCommits(chain: boolean, writers: number, ms = 2000): Promise<number> {
  const dir = tmp('beacon-bench-chain-');
  const service = new ConsoleService(SqliteJournal.open(dir, { chain }), { batchMs: 25, snapshotEvery: 50_000 });
  const roster = syntheticRoster(writers);
  service.ensureRoster(roster);
  const t0 = performance.now();
  let n = 0;
  await Promise.all(
    roster.map(async (u, k) => {
      for (let i = 0; performance.now() - t0 < ms; i++) {
        const r = await service.commit({ type: 'unit.accreditation', unitId: u.id, power: 'arrest', withdrawn: i % 2 === 0, at: Date.now(), by: `bench${k}` });
        if (!r.ok) throw new Error(r.error);
        n++;
      }
    }),
  );
  const rate = n / ((performance.now() - t0) / 1000);
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return rate;
}

const fixes = (roster: { id: string }[], from: number, n: number): JournalEvent[] =>
  Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const u = roster[i % roster.length]!;
    return { type: 'unit.location', unitId: u.id, fix: { ts: 1_700_000_000_000 + i, lat: 52.5 + (i % 1000) / 10_000, lon: -0.24, acc: 5 } } as JournalEvent;
  });

/** Telemetry as the host journals it: batches of 5,000 positions, committed without an fsync each. */
function telemetryBatches(chain: boolean, total: number, dir = tmp('beacon-bench-chain-')): { rate: number; dir: string } {
  const roster = syntheticRoster(5000);
  const j = SqliteJournal.open(dir, { chain });
  const t0 = performance.now();
  for (let i = 0; i < total; i += 5000) j.submit(fixes(roster, i, Math.min(5000, total - i)), 1_700_000_000_000 + i, 'batched');
  j.waitForCommit(j.lastSeq());
  const rate = total / ((performance.now() - t0) / 1000);
  j.close();
  return { rate, dir };
}

async function main() {
  console.log('== Journal hash chain ==');
  for (const writers of [1, 64]) {
    const on: number[] = [];
    const off: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      off.push(await durableCommits(false, writers));
      on.push(await durableCommits(true, writers));
    }
    const cost = 100 * (1 - median(on) / median(off));
    console.log(
      `Durable commits, ${writers} writer${writers > 1 ? 's' : ''} (median of ${ROUNDS}): without the chain ${fmt(median(off))} events/s, with it ${fmt(median(on))} events/s; ` +
        `the chain costs ${fmt(cost, 1)} %   (target ≤ 10 %; negative: within noise)`,
    );
  }
  const on: number[] = [];
  const off: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const a = telemetryBatches(false, 200_000);
    fs.rmSync(a.dir, { recursive: true, force: true });
    off.push(a.rate);
    const b = telemetryBatches(true, 200_000);
    fs.rmSync(b.dir, { recursive: true, force: true });
    on.push(b.rate);
  }
  console.log(
    `Telemetry batches (writer thread only, 200,000 positions, median of ${ROUNDS}): without the chain ${fmt(median(off))} events/s, with it ${fmt(median(on))} events/s; ` +
      `the chain costs ${fmt(100 * (1 - median(on) / median(off)), 1)} %`,
  );

  const big = telemetryBatches(true, 1_000_000);
  const t0 = performance.now();
  const v = verifyJournalFile(big.dir);
  const s = (performance.now() - t0) / 1000;
  if (!v.ok) throw new Error(`the chain did not hold: ${v.problem}`);
  console.log(`Verify: ${fmt(v.checked)} events in ${fmt(s, 2)} s (${fmt(v.checked / s)} events/s)`);
  fs.rmSync(big.dir, { recursive: true, force: true });
}

runBench(main);

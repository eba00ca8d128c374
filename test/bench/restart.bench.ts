// Restart after a crash, as a dispatcher meets it: the host process is killed with kill -9 while its
// journal holds 1,000,000 events, then started again the way `npm run serve` starts it; the figure
// is the time from spawn to the first 200 from /api/health. The same restart under tsx (the host
// compiled at every start, as it used to be) is printed beside it for comparison.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticRoster } from '../../adapters/simulator/demo-roster.js';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { ConsoleService } from '../../shared/services/console-service.js';
import type { JournalEvent } from '../../shared/events.js';
import { buildHost } from '../support/host-process.js';
import { fmt, runBench } from './support/bench-utils.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EVENTS = 1_000_000;
const ROUNDS = Number(process.env.BENCH_RESTARTS ?? 5);
const TARGET_MS = 1000;

/** A journal of `total` events written as the host writes them (batches, a snapshot every 50,000). */
function millionEventJournal(dataDir: string, total: number): number {
  const roster = syntheticRoster(5000);
  const service = new ConsoleService(SqliteJournal.open(dataDir), { batchMs: 1e9, snapshotEvery: 50_000 });
  service.ensureRoster(roster);
  const base = Date.now() - 3600_000;
  for (let i = service.journal.lastSeq(); i < total; ) {
    for (let k = 0; k < 10_000 && i < total; k++, i++) {
      const u = roster[i % roster.length]!;
      const e: JournalEvent = { type: 'unit.location', unitId: u.id, fix: { ts: base + i, lat: 52.5 + (i % 1000) / 10_000, lon: -0.24, acc: 5 } };
      service.enqueueTelemetry(e);
    }
    service.flush();
  }
  const last = service.journal.lastSeq();
  service.journal.close();
  return last;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** CPU seconds the process has used (all its threads), where Linux tells: steadier than wall time on a busy machine. */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Spawns the host and polls /api/health until it answers 200: the milliseconds from spawn, and the host's CPU time by then. */
async function startAndTime(argv: string[], port: number, env: NodeJS.ProcessEnv = process.env): Promise<{ proc: ChildProcess; ms: number; cpu: number }> {
  let output = '';
  const t0 = performance.now();
  const proc = spawn(process.execPath, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (b: Buffer) => (output += b));
  proc.stderr!.on('data', (b: Buffer) => (output += b));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the host exited with ${proc.exitCode}:\n${output}`);
    if (performance.now() - t0 > 60_000) throw new Error(`no answer from /api/health after 60 s:\n${output}`);
    try {
      // 401 (no session) is the host answering, its journal restored: it listens only after that.
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.status === 200 || r.status === 401) return { proc, ms: performance.now() - t0, cpu: cpuMs(proc.pid!) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

const kill9 = (proc: ChildProcess) => new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : (proc.once('exit', () => resolve()), proc.kill('SIGKILL'))));

async function restarts(label: string, entry: string[], dataDir: string, env?: NodeJS.ProcessEnv): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const port = await freePort();
  const argv = [...entry, '--data-dir', dataDir, '--port', String(port), '--mqtt-port', '0', '--no-simulator', '--quiet'];
  // The first start leaves a running host to kill; each round then crashes it and times the restart.
  let { proc } = await startAndTime(argv, port, env);
  for (let round = 0; round < ROUNDS; round++) {
    await kill9(proc);
    const r = await startAndTime(argv, port, env);
    wall.push(r.ms);
    cpu.push(r.cpu);
    proc = r.proc;
  }
  await kill9(proc);
  console.log(`  ${label}: ${wall.map((t, i) => `${fmt(t)} ms (CPU ${fmt(cpu[i]!)} ms)`).join(', ')}`);
  return { wall, cpu };
}

async function main() {
  console.log(`== Restart after kill -9 (${os.cpus().length} cores) ==`);
  const host = buildHost();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-restart-'));
  try {
    const t0 = performance.now();
    const last = millionEventJournal(dataDir, EVENTS);
    const size = fs.statSync(path.join(dataDir, 'journal.sqlite')).size;
    console.log(`Journal of ${fmt(last)} events (${fmt(size / 1e6, 1)} MB) written in ${fmt((performance.now() - t0) / 1000, 1)} s; ${ROUNDS} restarts each:`);
    const built = await restarts('built host (node dist/host/cli.mjs, as npm run serve starts it)', ['--enable-source-maps', host], dataDir);
    // tsx keeps a cache of what it compiled; without it (a first start, a cleared temp folder) is how it used to be.
    const tsx = await restarts('for comparison, compiled at start (node --import tsx electron/host/cli.ts, no tsx cache)', ['--import', 'tsx', path.join(ROOT, 'electron/host/cli.ts')], dataDir, {
      ...process.env,
      TSX_DISABLE_CACHE: '1',
    });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `Restart after kill -9 with ${fmt(last)} journal events, spawn to first /api/health 200: median ${fmt(median(built.wall))} ms, worst ${fmt(Math.max(...built.wall))} ms ` +
        `(target ≤ ${fmt(TARGET_MS)} ms${median(built.wall) <= TARGET_MS ? ', met' : ', NOT met'}); the host's CPU time by then ${fmt(median(built.cpu))} ms. ` +
        `Compiled at start: median ${fmt(median(tsx.wall))} ms (CPU ${fmt(median(tsx.cpu))} ms).`,
    );
    console.log(`  load average during the run ${fmt(os.loadavg()[0]!, 1)} on ${os.cpus().length} cores (wall times stretch on a busy machine; CPU times less so)`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);

// Ingest figures: throughput against a bare MQTT.js subscriber on the same broker in the
// same run, durable commit rate, and restart time with 1,000,000 journal events.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { syntheticRoster } from '../../adapters/simulator/demo-roster.js';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import { defaultConfig } from '../../electron/host/config.js';
import { startConsoleHost } from '../../electron/host/console-host.js';
import { ConsoleService } from '../../shared/services/console-service.js';
import type { JournalEvent } from '../../shared/events.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { fmt, percentile, publish, runBench } from './support/bench-utils.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300_000);
const UNITS = 1000;
const PUBLISHERS = 2;
const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

async function bareSubscriber(url: string): Promise<number> {
  const sub = await mqtt.connectAsync(url, { clientId: 'bench-bare' });
  await sub.subscribeAsync('beacon/v1/units/+/+');
  let n = 0;
  let first = 0;
  let last = 0;
  let sum = 0;
  sub.on('message', (_t, payload) => {
    const o = JSON.parse(payload.toString()) as { lat: number };
    sum += o.lat;
    if (n++ === 0) first = performance.now();
    last = performance.now();
  });
  await publish(url, MESSAGES, UNITS, PUBLISHERS);
  const end = Date.now() + 30_000;
  while (n < MESSAGES * 0.999 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  await sub.endAsync();
  if (sum === 0) throw new Error('nothing parsed');
  return n / ((last - first) / 1000);
}

async function hostIngest(url: string): Promise<{ rate: number; received: number }> {
  const dataDir = tmp('beacon-bench-ingest-');
  const rosterFile = path.join(dataDir, 'roster.json');
  fs.writeFileSync(rosterFile, JSON.stringify(syntheticRoster(UNITS)));
  const host = await startConsoleHost(defaultConfig({ dataDir, port: 0, mqttUrl: url, simulator: false, rosterFile, quiet: true }));
  const { ingest, service } = host;
  let first = 0;
  const watch = setInterval(() => {
    if (!first && ingest.accepted > 0) first = performance.now();
  }, 1);
  const before = ingest.accepted;
  await publish(url, MESSAGES, UNITS, PUBLISHERS);
  const end = Date.now() + 60_000;
  let lastSeen = -1;
  let lastChange = performance.now();
  // Done when everything is accepted and journaled, or nothing more has arrived for a second.
  while (Date.now() < end) {
    service.flush();
    const n = ingest.accepted - before;
    if (n !== lastSeen) {
      lastSeen = n;
      lastChange = performance.now();
    }
    if (n >= MESSAGES * 0.999 || performance.now() - lastChange > 1000) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  clearInterval(watch);
  const finished = lastChange;
  const received = ingest.accepted - before;
  if (ingest.rejectedTotal) console.log(`  (host rejected ${ingest.rejectedTotal}: ${JSON.stringify(ingest.rejected)})`);
  await host.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { rate: received / ((finished - first) / 1000), received };
}

/**
 * Acknowledged durable events per second: `writers` concurrent writers (as many API requests in
 * flight), each awaiting its commit before the next, through the console service as the API uses it.
 * Every answer is checked to come after its own commit.
 */
async function durableCommits(writers: number, ms = 3000): Promise<{ rate: number; p99: number }> {
  const dir = tmp('beacon-bench-durable-');
  const service = new ConsoleService(SqliteJournal.open(dir), { batchMs: 25, snapshotEvery: 50_000 });
  const roster = syntheticRoster(writers);
  service.ensureRoster(roster);
  const t0 = performance.now();
  const latencies: number[] = [];
  let n = 0;
  await Promise.all(
    roster.map(async (u, k) => {
      for (let i = 0; performance.now() - t0 < ms; i++) {
        const s0 = performance.now();
        const r = await service.commit({ type: 'unit.accreditation', unitId: u.id, power: 'arrest', withdrawn: i % 2 === 0, at: Date.now(), by: `bench${k}` });
        if (!r.ok) throw new Error(r.error);
        if (service.journal.committedSeq() < r.value) throw new Error('answered before its commit');
        latencies.push(performance.now() - s0);
        n++;
      }
    }),
  );
  const rate = n / ((performance.now() - t0) / 1000);
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rate, p99: percentile(latencies, 99) };
}

async function restartWithMillionEvents() {
  const dataDir = tmp('beacon-bench-restart-');
  const roster = syntheticRoster(5000);
  const service = new ConsoleService(SqliteJournal.open(dataDir), { batchMs: 1e9, snapshotEvery: 50_000 });
  service.ensureRoster(roster);
  const base = Date.now() - 3600_000;
  const t0 = performance.now();
  const TOTAL = 1_000_000;
  for (let i = service.journal.lastSeq(); i < TOTAL - 1; ) {
    const batch: JournalEvent[] = [];
    for (let k = 0; k < 10_000 && i < TOTAL - 1; k++, i++) {
      const u = roster[i % roster.length]!;
      batch.push({ type: 'unit.location', unitId: u.id, fix: { ts: base + i, lat: 52.5 + (i % 1000) / 10_000, lon: -0.24, acc: 5 } });
    }
    for (const e of batch) service.enqueueTelemetry(e);
    service.flush();
  }
  // Crash just before the next snapshot: the worst case for replay.
  const lastSeq = service.journal.lastSeq();
  service.journal.close();
  const built = performance.now() - t0;

  const r0 = performance.now();
  const host = await startConsoleHost(defaultConfig({ dataDir, port: 0, mqttPort: 0, simulator: false, quiet: true, rosterFile: null }));
  const ready = performance.now() - r0;
  const report = host.service.restoreReport;
  const restored = host.service.state.seq;
  await host.stop();

  const j = SqliteJournal.open(dataDir);
  const f0 = performance.now();
  let replayed = 0;
  for (const _ of j.readAfter(0)) replayed++;
  const fullScan = performance.now() - f0;
  j.close();
  const size = fs.statSync(path.join(dataDir, 'journal.sqlite')).size;
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { lastSeq, restored, built, ready, report, fullScan, replayed, size };
}

async function main() {
  console.log('== Ingest ==');
  let broker: Mosquitto | null = null;
  if (hasMosquitto()) broker = await Mosquitto.start();
  else console.log('mosquitto is not installed: ingest comparison skipped (apt-get install mosquitto).');
  if (broker) {
    console.log(`${fmt(MESSAGES)} location messages, ${UNITS} units, ${PUBLISHERS} publisher processes, mosquitto on loopback, ${os.cpus().length} cores`);
    // Alternating rounds, so a burst of load from elsewhere on the machine hits both sides.
    const ratios: number[] = [];
    for (let round = 1; round <= 3; round++) {
      const bare = await bareSubscriber(broker.url);
      const host = await hostIngest(broker.url);
      ratios.push(host.rate / bare);
      console.log(
        `  round ${round}: bare MQTT.js subscriber (JSON.parse only) ${fmt(bare)} msg/s; console host (validate + journal + state) ${fmt(host.rate)} msg/s ` +
          `(${fmt(host.received)} accepted); ratio ${fmt(100 * (host.rate / bare), 1)} %`,
      );
    }
    ratios.sort((a, b) => a - b);
    console.log(`  median ratio host / bare: ${fmt(100 * ratios[1]!, 1)} %   (target ≥ 80 %)`);
    await broker.stop();
  }
  for (const writers of [1, 64, 256]) {
    const d = await durableCommits(writers);
    console.log(
      `Acknowledged durable events (synchronous=FULL, group commit), ${writers} concurrent writer${writers > 1 ? 's' : ''}: ${fmt(d.rate)} events/s, ` +
        `commit latency p99 ${fmt(d.p99, 1)} ms${writers > 1 ? '   (target ≥ 10,000/s)' : ''}`,
    );
  }
  const r = await restartWithMillionEvents();
  console.log(
    `Restart with ${fmt(r.lastSeq)} journal events (${fmt(r.size / 1e6, 1)} MB): host ready in ${fmt(r.ready)} ms ` +
      `(snapshot at seq ${fmt(r.report.fromSnapshotSeq)}, replayed ${fmt(r.report.replayed)} events in ${fmt(r.report.ms)} ms; target ≤ 2000 ms)`,
  );
  console.log(`  restored seq ${fmt(r.restored)}; for comparison, reading all ${fmt(r.replayed)} events without a snapshot takes ${fmt(r.fullScan)} ms; building the journal took ${fmt(r.built / 1000, 1)} s`);
}

runBench(main);

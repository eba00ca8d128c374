// Scale figures: 5,000 units reporting at 1 Hz through the real host (broker → validation →
// journal → projection → change feed) for ~20 s. Prints accepted rate, event-loop lag, change-feed
// batch size and interval, and memory. Run: npx tsx test/bench/scale.bench.ts (or npm run bench).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { syntheticRoster } from '../../adapters/simulator/demo-roster.js';
import { defaultConfig } from '../../electron/host/config.js';
import type { UnitId } from '../../shared/domain/ids.js';
import { startConsoleHost } from '../../electron/host/console-host.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { fmt, percentile } from './support/bench-utils.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const here = path.dirname(fileURLToPath(import.meta.url));
const mb = (n: number) => `${fmt(n / 1024 / 1024, 0)} MB`;

async function main() {
  const broker = hasMosquitto() ? await Mosquitto.start() : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-scale-'));
  const rosterFile = path.join(dataDir, 'roster.json');
  fs.writeFileSync(rosterFile, JSON.stringify(syntheticRoster(UNITS)));
  const host = await startConsoleHost(defaultConfig({ dataDir, port: 0, mqttPort: 0, mqttUrl: broker?.url ?? null, simulator: false, rosterFile, quiet: true }));
  console.log(`${fmt(UNITS)} units at 1 Hz for ${SECONDS} s through ${broker ? 'mosquitto' : 'the embedded aedes broker'}; publisher in its own process.`);

  // What one connected console costs the host: every batch is serialised once, as for the WebSocket.
  // `wholeBytes`: the same batch with every moved unit sent whole, as before compact fix rows.
  const batches: { at: number; units: number; fixes: number; bytes: number; wholeBytes: number }[] = [];
  const unsubscribe = host.feed.subscribe((m) => {
    if (m.type !== 'changes') return;
    const fixes = m.fixes ?? [];
    const whole = { ...m, fixes: undefined, units: [...m.units, ...fixes.map(([id]) => host.service.state.units.get(id as UnitId)!)] };
    batches.push({ at: performance.now(), units: m.units.length, fixes: fixes.length, bytes: JSON.stringify(m).length, wholeBytes: JSON.stringify(whole).length });
  });

  const memBefore = process.memoryUsage();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const acceptedBefore = host.ingest.accepted;
  const t0 = performance.now();
  lag.enable();
  const publisher = spawn(process.execPath, [path.join(here, 'support/paced-publisher.mjs'), host.brokerUrl, String(UNITS), String(SECONDS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  publisher.stdout.on('data', (d) => (out += String(d)));
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  await new Promise<void>((resolve, reject) => publisher.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`publisher exited ${code}`)))));
  const sentAt = performance.now();
  // Let the last batch reach the journal and the feed.
  const deadline = Date.now() + 5000;
  const sent = (JSON.parse(out.trim().split('\n').pop() ?? '{"sent":0}') as { sent: number }).sent;
  while (host.ingest.accepted - acceptedBefore < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  host.service.flush();
  lag.disable();
  clearInterval(sampler);
  const t1 = performance.now();
  const accepted = host.ingest.accepted - acceptedBefore;
  const memAfter = process.memoryUsage();

  const window = batches.filter((b) => b.at >= t0 + 1000 && b.at <= sentAt);
  const intervals = window.slice(1).map((b, i) => b.at - window[i]!.at);
  const sizes = window.map((b) => b.units + b.fixes);
  console.log(`published            ${fmt(sent)} messages in ${fmt((sentAt - t0) / 1000, 1)} s`);
  console.log(`accepted             ${fmt(accepted)} (${fmt((accepted / sent) * 100, 1)} %), ${fmt(accepted / ((t1 - t0) / 1000))} msg/s; rejected ${host.ingest.rejectedTotal}`);
  console.log(`event-loop lag       p50 ${fmt(lag.percentile(50) / 1e6, 1)} ms, p99 ${fmt(lag.percentile(99) / 1e6, 1)} ms, max ${fmt(lag.max / 1e6, 1)} ms (sampled every 10 ms: an idle loop reads 10 ms)`);
  if (window.length > 1) {
    console.log(`change-feed batches  ${window.length}; interval p50 ${fmt(percentile(intervals, 50), 0)} ms, p99 ${fmt(percentile(intervals, 99), 0)} ms`);
    console.log(`                     units per batch p50 ${fmt(percentile(sizes, 50))} (as fix rows p50 ${fmt(percentile(window.map((b) => b.fixes), 50))}), max ${fmt(Math.max(...sizes))}`);
    console.log(`                     payload p50 ${fmt(percentile(window.map((b) => b.bytes), 50) / 1024, 0)} KiB (${fmt(percentile(window.map((b) => b.wholeBytes), 50) / 1024, 0)} KiB with every unit sent whole)`);
  }
  console.log(`memory               rss ${mb(memBefore.rss)} → ${mb(memAfter.rss)} (peak ${mb(peakRss)}), heap ${mb(memBefore.heapUsed)} → ${mb(memAfter.heapUsed)}`);
  console.log(`journal              ${fmt(host.service.state.seq)} events, ${mb(fs.statSync(host.service.journal.path).size)} + WAL`);

  unsubscribe();
  await host.stop();
  await broker?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (accepted < sent * 0.99) {
    console.error(`Only ${accepted} of ${sent} messages were accepted.`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

// API latency and stream gaps of a console host under steady load (5,000 units at 1 Hz and ten
// dispatchers' consoles reading and writing) and under floods (MQTT intake, open-roster
// positions from made-up units). The host runs in its own process, as in production; the load
// comes from this process and from publisher processes. Run: npx tsx test/bench/latency.bench.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { syntheticRoster } from '../../adapters/simulator/demo-roster.js';
import type { Health } from '../../shared/contract.js';
import { HostProcess } from '../support/host-process.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';
import { fmt, percentile, runBench } from './support/bench-utils.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 5000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = 10;
const FLOOD = Number(process.env.BENCH_FLOOD ?? 100_000);
const FLOOD_RATE = Number(process.env.BENCH_FLOOD_RATE ?? 10 * UNITS);
const here = path.dirname(fileURLToPath(import.meta.url));
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 * CLIENTS });
/** The consoles' session on the host being measured (its first supervisor's). */
let session = '';

function request(base: string, method: 'GET' | 'POST', p: string, body?: unknown): Promise<{ status: number; json: { ok: boolean; value?: { id: string } } }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(base + p, { method, agent, headers: { authorization: `Bearer ${session}`, ...(data ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as { ok: boolean; value?: { id: string } } }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** A console's live stream, measured from its first change batch after the opening snapshot. */
async function stream(base: string, gaps: number[], token: string): Promise<WebSocket> {
  const ws = new WebSocket(base.replace('http', 'ws') + '/api/stream', { headers: { authorization: `Bearer ${token}` } });
  let last = 0;
  await new Promise<void>((resolve) =>
    ws.on('message', () => {
      const now = performance.now();
      if (last) gaps.push(now - last);
      else resolve();
      last = now;
    }),
  );
  return ws;
}

/** One dispatcher's console: a loop of writes and reads with a short pause. */
function dispatcher(base: string, k: number, until: () => boolean, latencies: number[]): Promise<void> {
  const timed = async (method: 'GET' | 'POST', p: string, body?: unknown) => {
    const t0 = performance.now();
    const r = await request(base, method, p, body);
    latencies.push(performance.now() - t0);
    return r;
  };
  return (async () => {
    for (let n = 0; !until(); n++) {
      const created = await timed('POST', '/api/incidents', { category: 'graffiti', description: `console ${k} job ${n}`, location: { lat: 52.57 + k / 1000, lon: -0.24 + n / 10000 } });
      const id = created.json.value?.id;
      if (id) {
        await timed('GET', `/api/incidents/${id}`);
        await timed('POST', `/api/incidents/${id}/transitions`, { action: 'triaged', operator: `op${k}` });
      }
      await timed('GET', '/api/health');
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
}

function paced(url: string, seconds: number) {
  return spawn(process.execPath, [path.join(here, 'support/paced-publisher.mjs'), url, String(UNITS), String(seconds)], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function flood(url: string, kind: 'intake' | 'roster') {
  const p = spawn(process.execPath, [path.join(here, 'support/flood-publisher.mjs'), url, kind, String(FLOOD), String(FLOOD_RATE)], { stdio: ['ignore', 'ignore', 'inherit'] });
  const t0 = performance.now();
  return new Promise<number>((resolve) => p.once('exit', () => resolve(performance.now() - t0)));
}

async function phase(host: HostProcess, name: string, load: () => Promise<unknown>) {
  const latencies: number[] = [];
  const gaps: number[] = [];
  let done = false;
  session = host.session.token;
  // Consoles open before the measurement, as in a control room: the opening snapshot is not the load under test.
  const streams = await Promise.all(Array.from({ length: CLIENTS }, () => stream(host.url, gaps, host.session.token)));
  gaps.length = 0;
  const consoles = Array.from({ length: CLIENTS }, (_, k) => dispatcher(host.url, k, () => done, latencies));
  const t0 = performance.now();
  await load();
  done = true;
  await Promise.all(consoles);
  for (const ws of streams) ws.close();
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `${name.padEnd(34)} ${fmt(latencies.length / secs)} req/s; API latency p50 ${fmt(percentile(latencies, 50), 1)} ms, ` +
      `p99 ${fmt(percentile(latencies, 99), 1)} ms (target ≤ 100), max ${fmt(Math.max(...latencies))} ms; ` +
      `stream gaps p99 ${fmt(percentile(gaps, 99))} ms (target ≤ 150), max ${fmt(Math.max(...gaps))} ms`,
  );
}

async function main() {
  if (!hasMosquitto()) {
    console.log('mosquitto is not installed: latency bench skipped (apt-get install mosquitto).');
    return;
  }
  const broker = await Mosquitto.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-bench-latency-'));
  const rosterFile = path.join(dataDir, 'roster.json');
  fs.writeFileSync(rosterFile, JSON.stringify(syntheticRoster(UNITS)));
  const host = await HostProcess.start(['--data-dir', dataDir, '--port', '0', '--mqtt', broker.url, '--no-simulator', '--roster', rosterFile, '--open-roster', '--quiet']);
  console.log(`${fmt(UNITS)} units at 1 Hz, ${CLIENTS} consoles (stream + create/read/triage/health, 100 ms pause), host in its own process, ${os.cpus().length} cores`);
  try {
    await phase(host, 'steady', () => new Promise((r) => paced(broker.url, SECONDS).once('exit', r)));
    for (const kind of ['intake', 'roster'] as const) {
      const steady = paced(broker.url, SECONDS);
      let floodMs = 0;
      await phase(host, `steady + ${kind === 'intake' ? 'MQTT intake' : 'open-roster'} flood (${fmt(FLOOD)} at ${fmt(FLOOD_RATE)}/s)`, async () => {
        floodMs = await flood(broker.url, kind);
        await new Promise((r) => steady.once('exit', r));
      });
      const h = await host.get<Health>('/api/health');
      console.log(`${''.padEnd(34)} flood published in ${fmt(floodMs / 1000, 1)} s; telemetry rate_limited so far ${fmt(h.telemetry.rejected.rate_limited ?? 0)}`);
    }
  } finally {
    await host.stop();
    await broker.stop();
    agent.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

runBench(main);

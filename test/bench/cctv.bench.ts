// CCTV benchmark: glass-to-glass latency of live video in the console's tiles, and the host's CPU
// per stream, over WebRTC and over the fMP4 fallback (the same tiles, each transport in turn). Each camera is an ffmpeg publisher (640×360, 15 fps) into an in-bench RTSP server
// (UDP), with its capture time drawn into every frame as 24 boxes; the console, open in headless
// Chromium, reads them back from each frame it presents (requestVideoFrameCallback) and compares
// with its own clock (same machine). Host CPU = the host process (WebRTC's packetizing and sending
// run in it) plus its ffmpeg pulls, per stream. The fMP4 pass takes WebRTC away from the page.
// Beside it, the MJPEG re-encode path's CPU per stream (ffmpeg decoding H.264 and encoding MJPEG),
// as the ratio. Targets: p50 ≤ 300 ms and p99 ≤ 500 ms at 9 tiles; ≤ 3 % of one core per stream.
// Run: npx tsx test/bench/cctv.bench.ts   (or npm run bench -- cctv); BENCH_TILES=1,4,9,16
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { CLOCK_BITS, RtspTestServer } from '../support/rtsp.js';
import { browserUnavailable, ensureRendererBuilt, launchBrowser, signInBrowser, startHost, tempDir } from '../e2e/support/console.js';
import { fmt, percentile as pct } from './support/bench-utils.js';

const TILES = (process.env.BENCH_TILES ?? '1,4,9').split(',').map(Number);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 10_000);
const CLK_TCK = 100;

const skip = browserUnavailable();
if (skip) {
  console.log(`cctv bench skipped: ${skip}`);
  process.exit(0);
}

/** CPU seconds (user + system) of a process, from /proc; 0 once it has gone. */
function cpuSeconds(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}
/** The host's ffmpeg pulls: children of this process writing fragmented MP4. */
function pullPids(): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.split(') ')[1]!.split(' ')[1]) !== process.pid) continue;
      if (fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('frag_every_frame')) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

ensureRendererBuilt();
const maxTiles = Math.max(...TILES);
const rtsp = await RtspTestServer.start();
for (let i = 0; i < maxTiles; i++) await rtsp.publish(`cam${i}`, { clockBits: true });
const dataDir = tempDir('beacon-bench-cctv-');
const host = await startHost({ dataDir });
const csv = ['id,name,lat,lon,bearing,fov,range,ptz,rtsp_main,rtsp_sub,onvif_url,presets,transport']
  .concat(Array.from({ length: maxTiles }, (_, i) => `bench-${i},Bench ${i},52.57,-0.24,0,60,150,false,${rtsp.url(`cam${i}`)},,,,udp`))
  .join('\n');
const browser = await launchBrowser({ width: 1920, height: 1080 });
const { token } = await signInBrowser(browser.context, host.url);
await fetch(`${host.url}/api/cameras/import`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body: csv });
const page = browser.page;

console.log(`CCTV: ${maxTiles} cameras 640×360 at 15 fps over RTSP/UDP; ${MEASURE_MS / 1000} s per measurement; ${process.env.BENCH_NOTE ?? ''}`);
console.log('tiles | transport | g2g p50 | g2g p99 | frames | host CPU/stream (copy, no re-encode) | MJPEG re-encode CPU/stream | ratio');
// A page opened with ?bench-fmp4 has no WebRTC: its tiles take the fMP4 fallback.
await page.addInitScript(() => {
  if (location.search.includes('bench-fmp4')) delete (window as { RTCPeerConnection?: unknown }).RTCPeerConnection;
});
const rows: { tiles: number; transport: string; p50: number; p99: number; cpu: number }[] = [];
/** Glass-to-glass latencies and host CPU per stream for `n` tiles over one transport. */
async function measure(n: number, transport: 'webrtc' | 'fmp4') {
  const size = n === 1 ? 1 : n <= 4 ? 4 : n <= 9 ? 9 : 16;
  await page.addInitScript(
    ([layout]) => localStorage.setItem('beacon.cctv.layouts.supervisor', layout!),
    [JSON.stringify({ current: 1, slots: { 1: { size, tiles: Array.from({ length: n }, (_, i) => `bench-${i}`) } } })],
  );
  await page.goto(host.url + '/' + (transport === 'fmp4' ? '?bench-fmp4' : ''));
  await page.waitForSelector('[data-status="link"]:has-text("live")', { timeout: 30_000 });
  await page.keyboard.press('v');
  await page.waitForFunction(([k, t]) => document.querySelectorAll(`.cctv-tile[data-state="live"][data-transport="${t}"]`).length >= Number(k), [n, transport] as const, { timeout: 60_000 });
  // Read each presented frame's drawn capture time.
  await page.evaluate((b) => {
    const w = window as unknown as { __lat: number[]; __seen: WeakSet<HTMLVideoElement> };
    w.__lat = [];
    w.__seen = new WeakSet();
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 360;
    const g = canvas.getContext('2d', { willReadFrequently: true })!;
    const hook = (v: HTMLVideoElement) => {
      const onFrame = () => {
        const now = Date.now();
        if (v.videoWidth === 640) {
          g.drawImage(v, 0, 0, 640, 360);
          const row = g.getImageData(0, b.y + b.h / 2, 640, 1).data;
          let ms = 0;
          for (let k = 0; k < b.bits; k++) if (row[(b.x0 + k * b.step + b.size / 2) * 4]! > 128) ms += 2 ** k;
          const lag = (now % 2 ** b.bits) - ms;
          w.__lat.push(lag < -(2 ** 23) ? lag + 2 ** b.bits : lag);
        }
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    };
    setInterval(() => {
      for (const v of document.querySelectorAll<HTMLVideoElement>('.cctv-tile video'))
        if (!w.__seen.has(v)) {
          w.__seen.add(v);
          hook(v);
        }
    }, 200);
  }, CLOCK_BITS);
  await sleep(3000);
  await page.evaluate(() => ((window as unknown as { __lat: number[] }).__lat = []));
  const pids = pullPids();
  const cpu0 = pids.map(cpuSeconds);
  const node0 = process.cpuUsage();
  await sleep(MEASURE_MS);
  const pullCpu = pids.map(cpuSeconds).reduce((a, x, i) => a + x - cpu0[i]!, 0);
  const nodeCpu = ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(node0));
  const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
  const cpu = (pullCpu + nodeCpu) / (MEASURE_MS / 1000) / n;
  await page.keyboard.press('v');
  // Nobody watching: the pulls stop, so the next pass starts its own.
  await sleep(3000);
  return { lat, cpu };
}

for (const n of TILES) {
  const passes = { webrtc: await measure(n, 'webrtc'), fmp4: await measure(n, 'fmp4') };

  // The MJPEG path for the same streams: ffmpeg decoding H.264 and encoding MJPEG, output thrown away.
  const mjpeg = Array.from({ length: n }, (_, i) =>
    spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-rtsp_transport', 'udp', '-i', rtsp.url(`cam${i}`), '-an', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'mpjpeg', 'pipe:1'], { stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  for (const p of mjpeg) p.stdout.resume();
  await sleep(3000);
  const m0 = mjpeg.map((p) => cpuSeconds(p.pid!));
  await sleep(MEASURE_MS);
  const mCpu = mjpeg.reduce((a, p, i) => a + cpuSeconds(p.pid!) - m0[i]!, 0) / (MEASURE_MS / 1000) / n;
  for (const p of mjpeg) p.kill('SIGKILL');

  for (const [transport, { lat, cpu }] of Object.entries(passes)) {
    const row = { tiles: n, transport, p50: pct(lat, 50), p99: pct(lat, 99), cpu };
    rows.push(row);
    console.log(
      `${String(n).padStart(5)} | ${transport.padEnd(9)} | ${fmt(row.p50).padStart(5)} ms | ${fmt(row.p99).padStart(5)} ms | ${String(lat.length).padStart(6)} | ${fmt(cpu * 100, 1).padStart(5)} % of a core | ${fmt(mCpu * 100, 1).padStart(5)} % of a core | ×${fmt(mCpu / cpu, 1)}`,
    );
  }
}
for (const nine of rows.filter((r) => r.tiles === 9))
  console.log(`targets at 9 tiles over ${nine.transport}: p50 ≤ 300 ms (${fmt(nine.p50)}), p99 ≤ 500 ms (${fmt(nine.p99)}); ≤ 3 % of a core per stream (${fmt(nine.cpu * 100, 1)} %)`);

await browser.close();
await host.stop();
await rtsp.stop();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);

// Run: npx tsx test/bench/access.bench.ts
// What sessions and roles cost: a sign-in (scrypt), a refused guess, and each API call's session
// lookup, role check and audit on a real host over HTTP, against the same call made directly.
import http from 'node:http';
import os from 'node:os';
import { defaultConfig } from '../../electron/host/config.js';
import { startConsoleHost } from '../../electron/host/console-host.js';
import { signIn, SUPERVISOR_PASSWORD } from '../support/sessions.js';
import { tempDir } from '../e2e/support/console.js';
import { fmt, percentile, runBench } from './support/bench-utils.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);

function get(url: string, headers: Record<string, string>, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    http
      .get(url, { headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t0));
      })
      .on('error', reject);
  });
}

runBench(async () => {
  const host = await startConsoleHost(defaultConfig({ dataDir: tempDir('beacon-bench-access-'), port: 0, mqttPort: 0, simulator: false, quiet: true, supervisorPassword: SUPERVISOR_PASSWORD }));
  try {
    const signIns: number[] = [];
    let token = '';
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      token = (await signIn(host.url)).token;
      signIns.push(performance.now() - t0);
    }
    const t1 = performance.now();
    await fetch(host.url + '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: 'wrong' }) });
    const refused = performance.now() - t1;
    console.log(`access: sign-in (scrypt N=2^17) p50 ${fmt(percentile(signIns, 50))} ms; a first wrong password answered after ${fmt(refused)} ms (the hash plus a 250 ms wait, doubling with each one in a row)`);

    // The same read (GET /api/incidents/{id}: a small answer, so the check is a fair part of it), through the gate and directly.
    const created = await (await fetch(host.url + '/api/incidents', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ category: 'graffiti', location: { lat: 52.57, lon: -0.24 } }) })).json() as { value: { id: string } };
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const viaHttp: number[] = [];
    for (let i = 0; i < CALLS; i++) viaHttp.push(await get(`${host.url}/api/incidents/${created.value.id}`, { authorization: `Bearer ${token}` }, agent));
    const caller = host.access.resolve(token)!;
    const gate: number[] = [];
    const direct: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      let t0 = performance.now();
      await host.gate.invoke('getIncident', { id: created.value.id }, host.access.resolve(token), 'bench');
      gate.push(performance.now() - t0);
      t0 = performance.now();
      await host.handlers.getIncident({ id: created.value.id }, caller);
      direct.push(performance.now() - t0);
    }
    const us = (xs: number[], p: number) => fmt(percentile(xs, p) * 1000);
    console.log(`  per call over HTTP with a session: p50 ${fmt(percentile(viaHttp, 50), 2)} ms, p99 ${fmt(percentile(viaHttp, 99), 2)} ms (${CALLS} calls, keep-alive)`);
    console.log(`  session lookup + role check + parse + handler: p50 ${us(gate, 50)} µs, p99 ${us(gate, 99)} µs; the handler alone p50 ${us(direct, 50)} µs, p99 ${us(direct, 99)} µs`);
    console.log(`  machine load average ${fmt(os.loadavg()[0]!, 1)} on ${os.cpus().length} cores`);
    agent.destroy();
  } finally {
    await host.stop();
  }
});

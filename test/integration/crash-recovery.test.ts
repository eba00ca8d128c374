import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteJournal } from '../../adapters/sqlite-journal/sqlite-journal.js';
import type { Health } from '../../shared/contract.js';
import type { Incident } from '../../shared/domain/incidents.js';
import type { Unit } from '../../shared/domain/units.js';
import { applyEvent, emptyState } from '../../shared/projection.js';
import { HostProcess } from '../support/host-process.js';
import { hasMosquitto, Mosquitto } from '../support/mosquitto.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

describe.skipIf(!hasMosquitto())('kill -9 during an ingest burst', () => {
  it('restarts with every acknowledged incident and every committed fix', async () => {
    const broker = await Mosquitto.start();
    cleanup.push(() => broker.stop());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-crash-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const args = ['--data-dir', dir, '--port', '0', '--mqtt', broker.url, '--no-simulator', '--open-roster', '--quiet'];
    const host = await HostProcess.start(args);
    cleanup.push(() => host.kill9());

    // A burst from 200 units, and a dispatcher creating incidents, both running when the power goes.
    const pub = await mqtt.connectAsync(broker.url);
    cleanup.push(() => pub.endAsync(true));
    let publishing = true;
    let sent = 0;
    const t0 = Date.now();
    const burst = (async () => {
      while (publishing) {
        for (let i = 0; i < 200; i++) {
          sent++;
          pub.publish(`beacon/v1/units/u${i}/location`, JSON.stringify({ ts: t0 + sent, lat: 52.5 + (sent % 1000) / 10_000, lon: -0.24 }));
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const acknowledged: string[] = [];
    let creating = true;
    const dispatcher = (async () => {
      for (let n = 0; creating; n++) {
        try {
          const r = await host.post('/api/incidents', { category: 'graffiti', description: `tag ${n}`, location: { lat: 52.57, lon: -0.24 } });
          if (r.status === 201) acknowledged.push(((await r.json()) as { value: Incident }).value.id);
        } catch {
          return; // the host died mid-request: that one was never acknowledged
        }
      }
    })();

    await new Promise((r) => setTimeout(r, 1500));
    const seen = await host.get<Health>('/api/health');
    const unitsBefore = await host.get<Unit[]>('/api/units');
    await new Promise((r) => setTimeout(r, 300));
    await host.kill9();
    creating = false;
    publishing = false;
    await Promise.all([burst, dispatcher]);
    expect(seen.telemetry.accepted).toBeGreaterThan(1000);
    expect(acknowledged.length).toBeGreaterThan(5);

    const again = await HostProcess.start(args);
    cleanup.push(() => again.stop());
    const incidents = await again.get<Incident[]>('/api/incidents');
    const ids = new Set<string>(incidents.map((i) => i.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    const health = await again.get<Health>('/api/health');
    expect(health.journal.lastSeq).toBeGreaterThanOrEqual(seen.journal.lastSeq);

    // No unit went back in time, and what the host shows is exactly the journal replayed from scratch.
    const unitsAfter = new Map((await again.get<Unit[]>('/api/units')).map((u) => [u.id, u]));
    for (const u of unitsBefore) if (u.fix) expect(unitsAfter.get(u.id)!.fix!.ts).toBeGreaterThanOrEqual(u.fix.ts);
    await again.stop();
    const journal = SqliteJournal.open(dir);
    const replayed = emptyState();
    for (const r of journal.readAfter(0)) applyEvent(replayed, r.seq, r.event);
    journal.close();
    for (const [id, u] of unitsAfter) expect(replayed.units.get(id)?.fix).toEqual(u.fix);
    expect(replayed.incidents.size).toBe(incidents.length);
  });
});

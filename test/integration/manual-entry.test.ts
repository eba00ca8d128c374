import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleHost } from '../../electron/host/console-host.js';
import type { Unit } from '../../shared/domain/units.js';
import { startHost, tempDir } from '../e2e/support/console.js';
import { fetchAsOperator, supervisorFetch } from '../support/sessions.js';

type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

describe('working on by hand when the broker is gone', () => {
  let host: ConsoleHost;
  // Calls in here are a supervisor's script, signed in: every API call needs a session.
  const fetch = supervisorFetch(() => host);
  let dataDir: string;
  const post = async <T>(p: string, body: unknown): Promise<Answer<T>> =>
    (await (await ((body as { operator?: string }).operator ? fetchAsOperator(host, (body as { operator: string }).operator) : fetch)(host.url + p, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })).json()) as Answer<T>;
  const unit = async (id: string) => ((await (await fetch(`${host.url}/api/units`)).json()) as Answer<Unit[]> & { ok: true }).value.find((u) => u.id === id)!;
  const fromDevice = (id: string, kind: string, body: object) =>
    host.ingest.handle({ topic: `beacon/v1/units/${id}/${kind}`, payload: new TextEncoder().encode(JSON.stringify(body)) });

  beforeAll(async () => {
    dataDir = tempDir('beacon-manual-it-');
    host = await startHost({ dataDir, rendererDir: null });
  });
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes status and position entered by hand, marked, and keeps them against older telemetry once the broker is back', async () => {
    const id = [...host.service.state.units.keys()][0]!;
    const t0 = Date.now();
    fromDevice(id, 'location', { ts: t0 - 120_000, lat: 52.5, lon: -0.25 });
    host.service.flush();
    await host.telemetry.stop();
    expect(host.telemetry.isConnected()).toBe(false);

    expect(await post(`/api/units/${id}/manual`, {})).toMatchObject({ ok: false, error: expect.stringMatching(/a status, a position or both/) });
    const entered = await post<Unit>(`/api/units/${id}/manual`, { status: 'on_scene', position: { lat: 52.5739, lon: -0.2406 }, note: 'from radio', operator: 'Insp Ward' });
    expect(entered).toMatchObject({ ok: true, value: { status: 'on_scene', statusBy: 'insp.ward', fix: { lat: 52.5739, lon: -0.2406, by: 'insp.ward' } } });

    // The device's queue arrives when the broker is back: older than the entry, it is journaled but does not replace it.
    fromDevice(id, 'location', { ts: t0 - 60_000, lat: 52.51, lon: -0.25 });
    fromDevice(id, 'status', { ts: t0 - 60_000, status: 'en_route' });
    host.service.flush();
    expect(await unit(id)).toMatchObject({ status: 'on_scene', statusBy: 'insp.ward', fix: { lat: 52.5739, by: 'insp.ward' } });

    // A fix made after the entry is the better news: it replaces it, unmarked.
    fromDevice(id, 'location', { ts: Date.now() + 1000, lat: 52.575, lon: -0.241 });
    host.service.flush();
    const after = await unit(id);
    expect(after.fix).toMatchObject({ lat: 52.575 });
    expect(after.fix!.by).toBeUndefined();
  });
});

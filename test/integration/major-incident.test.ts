import fs from 'node:fs';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyJournalFile } from '../../adapters/sqlite-journal/verify-journal.js';
import type { Incident } from '../../shared/domain/incidents.js';
import type { DebriefPack } from '../../shared/major/debrief.js';
import type { MajorIncidentView, MethaneMessage } from '../../shared/major/view.js';
import type { ConsoleHost } from '../../electron/host/console-host.js';
import { browserUnavailable, launchBrowser, signInBrowser, startHost, tempDir } from '../e2e/support/console.js';
import { until } from '../support/until.js';
import { fetchAsOperator, supervisorFetch } from '../support/sessions.js';

type Answer<T> = { ok: true; value: T } | { ok: false; error: string; code?: string };

const METHANE = {
  location: { lat: 52.5739, lon: -0.2406 },
  majorIncidentDeclared: true,
  exactLocation: 'Queensgate bus station, Westgate entrance',
  type: 'Building collapse',
  hazards: 'Unstable structure; gas leak suspected',
  access: 'From Bourges Boulevard; RVP Westgate car park',
  casualties: '3 P1, 10 P3',
  emergencyServices: 'Police and fire on scene; ambulance HART requested',
};
const DECISION = {
  situation: 'Crowd building at the outer cordon',
  assessment: 'Risk of crush at the east gate',
  powers: 'Section 14 Public Order Act considered',
  options: 'Widen the cordon; hold the line',
  decision: 'Widen the outer cordon by 100 m',
  rationale: 'Keeps the access route clear for ambulances',
};

describe('major incidents through the host API', () => {
  let host: ConsoleHost;
  // Calls in here are a supervisor's script, signed in: every API call needs a session.
  const fetch = supervisorFetch(() => host);
  let dataDir: string;
  let sub: mqtt.MqttClient;
  const methaneMessages: { topic: string; body: Record<string, unknown> }[] = [];
  const call = async <T>(method: 'GET' | 'POST', p: string, body?: unknown): Promise<Answer<T>> => {
    // An act "by" someone is made from their own session: the host believes nothing else.
    const as = (body as { operator?: string } | undefined)?.operator;
    const send = as ? fetchAsOperator(host, as) : fetch;
    const res = await send(host.url + p, { method, ...(body !== undefined && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
    return (await res.json()) as Answer<T>;
  };
  const value = async <T>(a: Promise<Answer<T>>): Promise<T> => {
    const r = await a;
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };

  beforeAll(async () => {
    dataDir = tempDir('beacon-major-it-');
    host = await startHost({ dataDir, rendererDir: null });
    sub = await mqtt.connectAsync(host.brokerUrl);
    sub.on('message', (topic, payload) => methaneMessages.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
    await sub.subscribeAsync('beacon/v1/major/+/methane', { qos: 1 });
  });
  afterAll(async () => {
    await sub?.endAsync();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('declares from an incident, versions METHANE, logs decisions, commits units, stands down and exports a debrief that the chain vouches for', async () => {
    const incident = await value(call<Incident>('POST', '/api/incidents', { category: 'disorder', description: 'Roof fallen in at the bus station', location: METHANE.location }));
    const bad = await call('POST', '/api/major-incidents', { ...METHANE, hazards: '' });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/H \(hazards\) must be given/) });

    const declared = await value(call<MajorIncidentView>('POST', '/api/major-incidents', { ...METHANE, incidentId: incident.id, operator: 'Insp Ward' }));
    expect(declared).toMatchObject({ incidentId: incident.id, declaredBy: 'insp.ward', stoodDownAt: null });
    expect(declared.radio[1]).toBe('M — MAJOR INCIDENT DECLARED: YES — MAJOR INCIDENT DECLARED');
    const id = declared.id;
    await until('METHANE v1 published', () => methaneMessages.length === 1);
    expect(methaneMessages[0]).toMatchObject({ topic: `beacon/v1/major/${id}/methane`, body: { id, version: 1, casualties: '3 P1, 10 P3' } });

    const v2 = await value(call<MajorIncidentView>('POST', `/api/major-incidents/${id}/methane`, { ...METHANE, casualties: '4 P1, 12 P3', operator: 'Insp Ward' }));
    expect(v2.methane.map((v) => v.version)).toEqual([1, 2]);
    expect(v2.changes).toEqual([expect.objectContaining({ letter: 'N', before: '3 P1, 10 P3', after: '4 P1, 12 P3' })]);
    await until('METHANE v2 published', () => methaneMessages.length === 2);
    expect(methaneMessages[1]!.body).toMatchObject({ version: 2, casualties: '4 P1, 12 P3' });
    // Every version is kept and can be read again, as JSON or as the printable page.
    const asked = await value(call<MethaneMessage>('GET', `/api/major-incidents/${id}/methane?version=1`));
    expect(asked).toMatchObject({ version: 1, casualties: '3 P1, 10 P3', changes: [] });
    expect(asked.lines.map((l) => l.letter).join('')).toBe('METHANE');
    expect(await value(call<MethaneMessage>('GET', `/api/major-incidents/${id}/methane`))).toMatchObject({ version: 2, changes: [{ letter: 'N' }] });
    expect(await call('GET', `/api/major-incidents/${id}/methane?version=9`)).toMatchObject({ ok: false, error: expect.stringMatching(/no METHANE version 9; the latest is 2/) });

    await value(call('POST', `/api/major-incidents/${id}/decisions`, { ...DECISION, reviewAt: new Date(Date.now() + 3600_000).toISOString(), operator: 'Insp Ward' }));
    const d2 = await value(call<MajorIncidentView>('POST', `/api/major-incidents/${id}/decisions`, { ...DECISION, decision: 'Widen the outer cordon by 200 m', supersedes: 'D1', operator: 'Supt Okafor' }));
    expect(d2.decisions.map((d) => [d.id, d.supersededBy ?? null, d.by])).toEqual([
      ['D1', 'D2', 'insp.ward'],
      ['D2', null, 'supt.okafor'],
    ]);
    const units = await value(call<{ id: string }[]>('GET', '/api/units'));
    await value(call('POST', `/api/major-incidents/${id}/units`, { unitId: units[0]!.id, committed: true }));
    await value(call('POST', `/api/major-incidents/${id}/units`, { unitId: units[1]!.id, committed: true }));
    const released = await value(call<MajorIncidentView>('POST', `/api/major-incidents/${id}/units`, { unitId: units[1]!.id, committed: false }));
    expect(released.commitments.map((c) => c.releasedAt === null)).toEqual([true, false]);

    // CCTV watched meanwhile, journaled as the host's stream lifecycle does: a camera 90 m from the scene is evidence, one 1.8 km away is not.
    const viewed = (cameraId: string, started: boolean) => host.service.commit({ type: 'camera.viewed', cameraId, at: host.service.now(), by: 'cctv.op', started, where: 'tile 2' });
    for (const r of [await viewed('cctv-long-causeway', true), await viewed('cctv-millfield', true), await viewed('cctv-long-causeway', false)]) expect(r.ok).toBe(true);

    const stood = await value(call<MajorIncidentView>('POST', `/api/major-incidents/${id}/stand-down`, { operator: 'Insp Ward' }));
    expect(stood.stoodDownBy).toBe('insp.ward');
    expect(await call('POST', `/api/major-incidents/${id}/methane`, METHANE)).toMatchObject({ ok: false, code: 'conflict' });
    // Stand-down wrote the pack beside the journal.
    expect(fs.existsSync(path.join(dataDir, 'debriefs', id, 'debrief.json'))).toBe(true);

    const pack = await value(call<DebriefPack>('GET', `/api/major-incidents/${id}/debrief`));
    // The views of the near camera are in the timeline too, in their place (the far one's are not).
    expect(pack.timeline.map((t) => t.kind)).toEqual(['incident', 'declaration', 'methane', 'decision', 'decision', 'commitment', 'commitment', 'commitment', 'evidence', 'evidence', 'stand-down']);
    const timeline = await value(call<{ kind: string; text: string }[]>('GET', `/api/major-incidents/${id}/timeline`));
    expect(timeline.filter((t) => t.kind === 'evidence').map((t) => t.text)).toEqual(['cctv.op started watching Long Causeway (tile 2)', 'cctv.op stopped watching Long Causeway (tile 2)']);
    expect(pack.methane).toHaveLength(2);
    expect(pack.committedUnits).toHaveLength(2);
    expect(pack.chain.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pack.evidence).toEqual([expect.objectContaining({ kind: 'CCTV view', cameraId: 'cctv-long-causeway', camera: 'Long Causeway', by: 'cctv.op', where: 'tile 2', to: expect.any(Number) })]);
    const v = verifyJournalFile(dataDir);
    expect(v.ok).toBe(true);

    const pdf = await fetch(`${host.url}/api/major-incidents/${id}/debrief?format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(bytes.toString('latin1')).toContain(`(Journal chain head at export: event ${pack.chain.seq}`);
  });

  it.skipIf(browserUnavailable() !== null)('opens the printable debrief in Chromium and reads its content back', async () => {
    const list = await value(call<MajorIncidentView[]>('GET', '/api/major-incidents'));
    const id = list[0]!.id;
    const b = await launchBrowser({ width: 1280, height: 720 });
    try {
      await signInBrowser(b.context, host.url);
      // Read by the same session as the page: each export is journaled, which moves the chain's head.
      const pack = ((await (await b.context.request.get(`${host.url}/api/major-incidents/${id}/debrief`)).json()) as { value: DebriefPack }).value;
      await b.page.goto(`${host.url}/api/major-incidents/${id}/debrief?format=html`);
      expect(await b.page.title()).toBe(`Debrief ${id}`);
      expect(await b.page.locator('#chain').innerText()).toContain(pack.chain.hash!);
      expect(await b.page.locator('#decisions tr.superseded').count()).toBe(1);
      expect(await b.page.locator('#decisions').innerText()).toContain('Widen the outer cordon by 200 m');
      expect(await b.page.locator('.methane pre').first().innerText()).toContain('N — NUMBER AND SEVERITY OF CASUALTIES: 3 P1, 10 P3');
      expect(await b.page.locator('#timeline tr').count()).toBe(pack.timeline.length + 1);
      await b.page.goto(`${host.url}/api/major-incidents/${id}/methane?format=html`);
      expect(await b.page.title()).toBe(`METHANE ${id} v2`);
      expect(await b.page.locator('#methane-lines th.letter').allInnerTexts()).toEqual(['M', 'E', 'T', 'H', 'A', 'N', 'E']);
      expect(await b.page.locator('#methane-lines tr.changed').innerText()).toContain('was: 3 P1, 10 P3');
      await b.page.goto(`${host.url}/api/major-incidents/${id}/debrief?format=html`);
      expect(await b.page.locator('#evidence').innerText()).toContain('Long Causeway (cctv-long-causeway, 87 m from the scene), watched by cctv.op on tile 2');
    } finally {
      await b.close();
    }
  });

  it('raises a due review for every desk and takes its acknowledgement from a coordinator or supervisor only, journaled and attributed', async () => {
    const m = await value(call<MajorIncidentView>('POST', '/api/major-incidents', { ...METHANE, operator: 'Insp Ward' }));
    await value(call('POST', `/api/major-incidents/${m.id}/decisions`, { ...DECISION, reviewAt: Date.now() + 1200, operator: 'Insp Ward' }));
    const review = `/api/major-incidents/${m.id}/decisions/D1/review`;
    expect(await call('POST', review, { operator: 'Insp Ward' })).toMatchObject({ ok: false, error: expect.stringMatching(/not due yet/) });
    await until('the review of D1 falls due', async () => (await value(call<MajorIncidentView>('GET', `/api/major-incidents/${m.id}`))).reviewsDue.includes('D1'));

    // A dispatcher sees the reminder (the list is every desk's) but may not say the decision stands.
    await host.access.createOperator({ username: 'disp.only', password: 'disp.only-password-1', roles: ['dispatcher'] }, 'supervisor');
    const disp = await host.access.openTrusted('disp.only', 'test desk');
    if (!disp.ok) throw new Error(disp.error);
    const asDispatcher = (p: string, init: RequestInit = {}) => globalThis.fetch(host.url + p, { ...init, headers: { authorization: `Bearer ${disp.value.token}`, 'content-type': 'application/json' } });
    const seen = (await (await asDispatcher('/api/major-incidents')).json()) as Answer<MajorIncidentView[]>;
    expect(seen.ok && seen.value.find((x) => x.id === m.id)?.reviewsDue).toEqual(['D1']);
    const refused = await asDispatcher(review, { method: 'POST', body: JSON.stringify({ note: 'fine' }) });
    expect(refused.status).toBe(403);

    const acked = await value(call<MajorIncidentView>('POST', review, { note: 'Crowd still there', nextReviewAt: new Date(Date.now() + 3600_000).toISOString(), operator: 'Supt Okafor' }));
    expect(acked.reviewsDue).toEqual([]);
    expect(acked.decisions[0]!.reviews).toEqual([expect.objectContaining({ by: 'supt.okafor', note: 'Crowd still there' })]);
    const audit = await value(call<{ operator: string; action: string; summary: string }[]>('GET', `/api/audit?incident=${m.id}`));
    expect(audit.filter((a) => a.action === 'major.review_acknowledged')).toEqual([expect.objectContaining({ operator: 'supt.okafor', summary: expect.stringMatching(/review of D1: it stands \(Crowd still there\)/) })]);
    const pack = await value(call<DebriefPack>('GET', `/api/major-incidents/${m.id}/debrief`));
    expect(pack.timeline.at(-1)).toMatchObject({ kind: 'decision', by: 'supt.okafor', text: expect.stringMatching(/^Review of D1 acknowledged/) });
    expect(verifyJournalFile(dataDir).ok).toBe(true);
  });

  it('takes cordons drawn freehand as polygons on the public scene route, validated by the schema, beside the circle form', async () => {
    const m = await value(call<MajorIncidentView>('POST', '/api/major-incidents', { ...METHANE, operator: 'Insp Ward' }));
    const scene = `/api/major-incidents/${m.id}/scene`;
    const inner = [
      { lat: 52.573, lon: -0.242 },
      { lat: 52.573, lon: -0.239 },
      { lat: 52.575, lon: -0.239 },
      { lat: 52.575, lon: -0.242 },
    ];
    expect(await call('POST', scene, { innerCordon: inner.slice(0, 2) })).toMatchObject({ ok: false, error: 'Invalid request: innerCordon: a cordon needs three corners or more' });
    expect(await call('POST', scene, { innerCordon: inner, innerRadiusM: 100 })).toMatchObject({ ok: false, error: 'The inner cordon is a circle or a polygon, not both.' });
    const drawn = await value(call<MajorIncidentView>('POST', scene, { innerCordon: inner, outerRadiusM: 600 }));
    expect(drawn.scene!.features.map((f) => [f.properties.kind, f.properties.freehand ?? f.properties.radiusM])).toEqual([
      ['outer-cordon', 600],
      ['inner-cordon', true],
    ]);
    expect(drawn.scene!.features[1]!.geometry.coordinates).toEqual([[...inner, inner[0]!].map((p) => [p.lon, p.lat])]);
  });
});

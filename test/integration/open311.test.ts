import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { hashPartnerKey } from '../../adapters/open311/partner-keys.js';
import { parseXml } from '../support/xml.js';
import { supervisorFetch } from '../support/sessions.js';

// Open311 GeoReport v2 against the real host and a real SQLite journal, using the request and
// response shapes of the specification's examples (wiki.open311.org/GeoReport_v2). The spec's
// examples are for San Francisco with codes like "001"; service codes and coordinates here are
// Peterborough's, every other field is as the spec gives it.
const KEY = 'fms-partner-key-0001';
const CENTRE = { lat: 52.5725, lon: -0.2425 };

// POST Service Request, the spec's example body (form-encoded).
const specExample = (over: Record<string, string> = {}) =>
  new URLSearchParams({
    api_key: KEY,
    jurisdiction_id: 'peterborough.gov.uk',
    service_code: 'fly_tipping',
    lat: String(CENTRE.lat),
    long: String(CENTRE.lon),
    address_string: '1234 5th street',
    email: 'smit333@sfgov.edu',
    device_id: 'tt222111',
    account_id: '123456',
    first_name: 'john',
    last_name: 'smith',
    phone: '111111111',
    description: 'A large sinkhole is destroying the street',
    media_url: 'http://media.mycity.gov/1234.png',
    ...over,
  }).toString();

describe('Open311 GeoReport v2', () => {
  let host: ConsoleHost;
  // Calls in here are a supervisor's script, signed in: every API call needs a session.
  const fetch = supervisorFetch(() => host);
  let dir: string;
  const logs: string[] = [];
  const start = async () =>
    (host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttPort: 0, simulator: false, quiet: true, open311KeysFile: path.join(dir, 'keys.json') }), {
      log: (s) => logs.push(s),
    }));
  const url = (p: string) => `${host.url}/open311/v2${p}`;
  const postForm = (body: string) => fetch(url('/requests.json'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  const postJson = (body: unknown) => fetch(url('/requests.json'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const incidents = async () => ((await (await fetch(`${host.url}/api/incidents`)).json()) as { value: Incident[] }).value;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-open311-'));
    fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify({ [KEY]: 'FixMyStreet' }));
    await start();
  });
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists services as the spec does, in JSON and XML', async () => {
    const r = await fetch(url('/services.json'));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/application\/json/);
    const list = (await r.json()) as Record<string, unknown>[];
    expect(list.find((s) => s.service_code === 'fly_tipping')).toEqual({
      service_code: 'fly_tipping',
      service_name: 'Fly-tipping',
      description: expect.any(String),
      metadata: false,
      type: 'realtime',
      keywords: 'fly tipping',
      group: 'environment',
    });
    expect(list.map((s) => s.service_code)).not.toContain('needs_police');
    const xml = await (await fetch(url('/services.xml'))).text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>fly_tipping<\/service_code><service_name>Fly-tipping<\/service_name>/);
  });

  it('creates a service request from the spec example (form-encoded) and answers with the spec response', async () => {
    const r = await postForm(specExample());
    expect(r.status).toBe(200);
    const body = (await r.json()) as { service_request_id: string; service_notice: string; account_id: null }[];
    expect(body).toEqual([{ service_request_id: expect.stringMatching(/^INC-/), service_notice: expect.stringMatching(/reference/), account_id: null }]);
    const inc = (await incidents()).find((i) => i.id === body[0]!.service_request_id)!;
    expect(inc).toMatchObject({ source: 'open311', category: 'fly_tipping', state: 'received', reports: 1, address: '1234 5th street', createdBy: 'open311:FixMyStreet' });
    expect(inc.description).toBe('A large sinkhole is destroying the street\nPhoto: http://media.mycity.gov/1234.png');
    // The reporter's personal details are not copied into the incident.
    expect(JSON.stringify(inc)).not.toMatch(/smit333|111111111|john/);
  });

  it('links a second report of the same thing (JSON body) instead of opening it twice', async () => {
    const before = (await incidents()).length;
    const r = await postJson({ api_key: KEY, service_code: 'fly_tipping', lat: CENTRE.lat + 0.0003, long: CENTRE.lon, description: 'Same pile, now bigger' });
    expect(r.status).toBe(200);
    const [res] = (await r.json()) as { service_request_id: string; service_notice: string }[];
    expect(res!.service_notice).toMatch(/matches a report we already have/);
    const all = await incidents();
    expect(all.length).toBe(before);
    expect(all.find((i) => i.id === res!.service_request_id)!.reports).toBe(2);
  });

  it('stores partner keys hashed: converts an old plain file, takes new keys written in plain, and logs no part of a key', async () => {
    const file = path.join(dir, 'keys.json');
    const stored = () => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    // The file was written with the key in plain (beforeAll); the host hashed it when it started.
    expect(stored()).toEqual({ [hashPartnerKey(KEY)]: 'FixMyStreet' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const NEW = 'council-portal-7c1e55aa';
    fs.writeFileSync(file, JSON.stringify({ ...stored(), [NEW]: 'Council portal' }));
    const r = await postForm(specExample({ api_key: NEW, service_code: 'dog_fouling', lat: '52.59', long: '-0.27' }));
    expect(r.status).toBe(200);
    const id = ((await r.json()) as { service_request_id: string }[])[0]!.service_request_id;
    expect((await incidents()).find((i) => i.id === id)!.createdBy).toBe('open311:Council portal');
    expect(stored()).toEqual({ [hashPartnerKey(KEY)]: 'FixMyStreet', [hashPartnerKey(NEW)]: 'Council portal' });
    // The hash itself is not a key.
    expect((await postForm(specExample({ api_key: hashPartnerKey(KEY) }))).status).toBe(403);

    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `{"${NEW}": "Council portal", "${KEY}" "FixMyStreet"}`);
    expect((await postForm(specExample({ api_key: KEY }))).status).toBe(503);
    fs.writeFileSync(file, good);
    expect(logs.join('\n')).toMatch(/keys\.json is not valid JSON/);
    expect(logs.join('\n')).toMatch(/1 plain key\(s\) in .*keys\.json are now stored hashed/);
    for (const key of [KEY, NEW]) expect(logs.join('\n')).not.toContain(key.slice(0, 5));
  });

  it('refuses bad requests with the spec error format and creates nothing', async () => {
    const seq = host.service.journal.lastSeq();
    const count = (await incidents()).length;
    const noKey = await postForm(specExample({ api_key: '' }));
    expect(noKey.status).toBe(403);
    expect(await noKey.json()).toEqual([{ code: 403, description: 'api_key is required' }]);
    const badKey = await postForm(specExample({ api_key: 'not-a-partner-key' }));
    expect(await badKey.json()).toEqual([{ code: 403, description: 'api_key is not valid' }]);
    const missing = await postJson({ api_key: KEY, description: 'no code, no place' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual([
      { code: 400, description: 'service_code is required' },
      { code: 400, description: 'lat and long are required: this service does not geocode address_string or address_id' },
    ]);
    const crime = await postForm(specExample({ service_code: 'needs_police' }));
    expect(((await crime.json()) as { description: string }[])[0]!.description).toMatch(/101/);
    const outOfRange = await postForm(specExample({ lat: '91' }));
    expect(outOfRange.status).toBe(400);
    const hex = await postForm(specExample({ lat: '0x34', long: '-0.2425' }));
    expect(hex.status).toBe(400);
    expect(await hex.json()).toEqual([{ code: 400, description: 'lat and long must be WGS84 decimal degrees' }]);
    const garbage = await fetch(url('/requests.json'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(garbage.status).toBe(400);
    const xmlError = await fetch(url('/requests.xml'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'service_code=graffiti' });
    expect(await xmlError.text()).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>api_key is required</description></error></errors>');
    expect(host.service.journal.lastSeq()).toBe(seq);
    expect((await incidents()).length).toBe(count);
  });

  it('publishes only what came in through Open311, never crime or what a dispatcher took by phone, at rounded locations', async () => {
    const post = (body: unknown) =>
      fetch(`${host.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
        async (r) => ((await r.json()) as { value: Incident }).value,
      );
    const crime = await post({ category: 'needs_police', location: CENTRE, description: 'Assault outside no. 5, victim Mrs Smith' });
    const truancy = await post({ category: 'truancy', location: { lat: 52.601234, lon: -0.301234 }, description: 'Caller Mr Jones, 07700 900123: two boys at the back of 5 Elm Road' });
    const phoned = await post({ category: 'dog_fouling', location: { lat: 52.61, lon: -0.31 }, description: 'Caller Mrs Green', address: '7 Oak Road' });
    for (const id of [crime.id, truancy.id, phoned.id]) {
      expect((await fetch(url(`/requests/${id}.json`))).status).toBe(404);
      expect((await fetch(url(`/requests/${id}.xml`))).status).toBe(404);
    }
    const listed = async () => (await (await fetch(url('/requests.json'))).json()) as { service_request_id: string; lat: number; long: number }[];
    const ids = (await listed()).map((r) => r.service_request_id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of [crime.id, truancy.id, phoned.id]) expect(ids).not.toContain(id);
    expect(JSON.stringify(await listed())).not.toMatch(/Smith|Jones|07700|Elm Road|Green|Oak Road|52\.601|52\.61\b/);

    // A member of the public reporting the same thing is linked to the phoned incident and given
    // its id: from then on it is published, without the dispatcher's notes.
    const [linked] = (await (await postForm(specExample({ service_code: 'dog_fouling', lat: '52.61004', long: '-0.31003', description: 'Dog mess again', address_string: '' }))).json()) as {
      service_request_id: string;
    }[];
    expect(linked!.service_request_id).toBe(phoned.id);
    const [shown] = (await (await fetch(url(`/requests/${phoned.id}.json`))).json()) as Record<string, unknown>[];
    expect(shown).toMatchObject({ service_code: 'dog_fouling', description: null, address: null, status: 'open', lat: 52.61, long: -0.31 });

    // What the public sent is published at about 100 m (3 decimal places), never to the metre.
    const [precise] = (await (await postForm(specExample({ service_code: 'littering', lat: '52.5512345', long: '-0.2198765', description: 'Cans', media_url: '' }))).json()) as {
      service_request_id: string;
    }[];
    const one = (await (await fetch(url(`/requests/${precise!.service_request_id}.json`))).json()) as { lat: number; long: number }[];
    expect(one[0]).toMatchObject({ lat: 52.551, long: -0.22 });
    const xml = await (await fetch(url(`/requests/${precise!.service_request_id}.xml`))).text();
    expect(xml).toContain('<lat>52.551</lat><long>-0.22</long>');
    for (const r of await listed()) {
      expect(Math.round(r.lat * 1000) / 1000).toBe(r.lat);
      expect(Math.round(r.long * 1000) / 1000).toBe(r.long);
    }
    // The console itself keeps the full position.
    expect((await incidents()).find((i) => i.id === precise!.service_request_id)!.location).toEqual({ lat: 52.5512345, lon: -0.2198765 });
  });

  it('answers XML a strict parser reads when a report holds control characters', async () => {
    const parse = parseXml;
    const r = await postJson({ api_key: KEY, service_code: 'abandoned_vehicle', lat: 52.62, long: -0.22, description: 'Red van\u0001 \u001b[1mno plates\u001b[0m', address_string: 'Lay-by\u0007 A47' });
    expect(r.status).toBe(200);
    const id = ((await r.json()) as { service_request_id: string }[])[0]!.service_request_id;
    for (const p of [`/requests/${id}.xml`, '/requests.xml?service_code=abandoned_vehicle']) {
      const xml = await (await fetch(url(p))).text();
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML must not carry.
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
      const doc = parse(xml);
      expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
      expect(doc.getElementsByTagName('description')[0]!.textContent).toBe('Red van\uFFFD \uFFFD[1mno plates\uFFFD[0m');
      expect(doc.getElementsByTagName('address')[0]!.textContent).toBe('Lay-by\uFFFD A47');
    }
    // Errors echo what was asked for: that is XML too.
    const missing = await fetch(url('/requests/INC%01%1B.xml'));
    expect(missing.status).toBe(404);
    expect(parse(await missing.text()).getElementsByTagName('parsererror')).toHaveLength(0);
  });

  it('gets one service request and a filtered list, with the spec fields, and they survive a restart', async () => {
    const [created] = (await (await postForm(specExample({ service_code: 'graffiti', lat: '52.58', long: '-0.26', description: 'Tag on the bus shelter', media_url: '' }))).json()) as {
      service_request_id: string;
    }[];
    const id = created!.service_request_id;
    const one = (await (await fetch(url(`/requests/${id}.json`))).json()) as Record<string, unknown>[];
    expect(one).toEqual([
      {
        service_request_id: id,
        status: 'open',
        status_notes: 'received',
        service_name: 'Graffiti',
        service_code: 'graffiti',
        description: 'Tag on the bus shelter',
        agency_responsible: 'Peterborough Prevention and Enforcement Service',
        service_notice: null,
        requested_datetime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        updated_datetime: expect.stringMatching(/Z$/),
        expected_datetime: null,
        address: '1234 5th street',
        address_id: null,
        zipcode: null,
        lat: 52.58,
        long: -0.26,
        media_url: null,
      },
    ]);
    const open = (await (await fetch(url('/requests.json?status=open&service_code=graffiti'))).json()) as { service_request_id: string }[];
    expect(open.map((r) => r.service_request_id)).toEqual([id]);
    const closed = (await (await fetch(url('/requests.json?status=closed'))).json()) as unknown[];
    expect(closed).toEqual([]);
    const xml = await (await fetch(url(`/requests/${id}.xml`))).text();
    expect(xml).toContain(`<service_requests><request><service_request_id>${id}</service_request_id><status>open</status>`);
    const missing = await fetch(url('/requests/INC-nope.json'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ code: 404, description: 'no service request INC-nope' }]);
    expect((await fetch(url('/requests.json?start_date=yesterday'))).status).toBe(400);

    await host.stop();
    await start();
    const again = (await (await fetch(url(`/requests/${id}.json`))).json()) as { service_request_id: string }[];
    expect(again[0]!.service_request_id).toBe(id);
    const intake = ((await (await fetch(`${host.url}/api/intake/health`)).json()) as { value: { open311: unknown } }).value;
    expect(intake.open311).toEqual({ accepted: 0, linked: 0, refused: 0 });
  });
});

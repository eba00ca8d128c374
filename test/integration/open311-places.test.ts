import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMap } from '../../adapters/map-import/import-map.js';
import { defaultConfig } from '../../electron/host/config.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import { distanceMetres } from '../../shared/geo/geometry.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES, REAL_WARDS } from '../support/mapdata.js';
import { supervisorFetch } from '../support/sessions.js';

const KEY = 'fms-partner-key-0002';

describe.skipIf(!hasMapData)('Open311 reports with an address and no coordinates, placed through the gazetteer', () => {
  let host: ConsoleHost;
  // Calls in here are a supervisor's script, signed in: every API call needs a session.
  const fetch = supervisorFetch(() => host);
  let dir: string;
  const post = (fields: Record<string, string>) =>
    fetch(`${host.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: KEY, ...fields }).toString(),
    });
  const incident = async (id: string) => ((await (await fetch(`${host.url}/api/incidents/${id}`)).json()) as { value: Incident }).value;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-open311-places-'));
    fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify({ [KEY]: 'FixMyStreet' }));
    await importMap({ tiles: REAL_TILES, postcodes: REAL_POSTCODES, wards: REAL_WARDS, dataDir: dir });
    host = await startConsoleHost(defaultConfig({ dataDir: dir, port: 0, mqttPort: 0, simulator: false, quiet: true, open311KeysFile: path.join(dir, 'keys.json') }));
  });
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an address_string with a postcode is placed on the postcode', async () => {
    const r = await post({ service_code: 'graffiti', address_string: '12 Bridge Street, Peterborough pe1 1ha', description: 'Tag on the shutter' });
    expect(r.status).toBe(200);
    const i = await incident(((await r.json()) as { service_request_id: string }[])[0]!.service_request_id);
    expect(distanceMetres(i.location, { lat: 52.5709, lon: -0.242 })).toBeLessThan(30);
    expect(i.address).toBe('12 Bridge Street, Peterborough pe1 1ha');
  });

  it('a street name alone, or a bare postcode field, is placed too', async () => {
    const r = await post({ service_code: 'fly_tipping', address_string: 'Priestgate, Peterborough', description: 'Mattress' });
    expect(r.status).toBe(200);
    const i = await incident(((await r.json()) as { service_request_id: string }[])[0]!.service_request_id);
    expect(distanceMetres(i.location, { lat: 52.5725, lon: -0.2450 })).toBeLessThan(300);
    const byPostcode = await post({ service_code: 'graffiti', postcode: 'PE1 1HA', description: 'Tag' });
    expect(byPostcode.status).toBe(200);
  });

  it('refuses, as the specification does, an address it cannot place, and never guesses from a near miss', async () => {
    for (const address_string of ['1234 5th street', 'Priestgte']) {
      const r = await post({ service_code: 'graffiti', address_string, description: 'Tag' });
      expect(r.status).toBe(400);
      expect(await r.json()).toEqual([{ code: 400, description: `address_string "${address_string}" could not be located: give lat and long` }]);
    }
  });
});

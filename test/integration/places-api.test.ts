import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMap } from '../../adapters/map-import/import-map.js';
import { defaultConfig } from '../../electron/host/config.js';
import { mapAsset } from '../../electron/host/map/map-routes.js';
import { type ConsoleHost, startConsoleHost } from '../../electron/host/console-host.js';
import type { ConsoleSettings } from '../../shared/contract.js';
import type { Place } from '../../shared/places/types.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES, REAL_WARDS } from '../support/mapdata.js';

describe.skipIf(!hasMapData)('the imported map over HTTP', () => {
  let dir: string;
  let bare: string;
  let host: ConsoleHost;
  let plain: ConsoleHost;
  const get = (h: ConsoleHost, p: string) => fetch(`${h.url}${p}`);
  const places = async (h: ConsoleHost, query: string) => ((await (await get(h, `/api/places?${query}`)).json()) as { ok: true; value: Place[] }).value;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-places-'));
    bare = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-noplaces-'));
    await importMap({ tiles: REAL_TILES, postcodes: REAL_POSTCODES, wards: REAL_WARDS, dataDir: path.join(dir, 'map') });
    host = await startConsoleHost(defaultConfig({ dataDir: path.join(dir, 'journal'), mapDataDir: path.join(dir, 'map'), port: 0, mqttPort: 0, simulator: false, quiet: true }));
    plain = await startConsoleHost(defaultConfig({ dataDir: bare, port: 0, mqttPort: 0, simulator: false, quiet: true }));
  });
  afterAll(async () => {
    await host?.stop();
    await plain?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(bare, { recursive: true, force: true });
  });

  it('GET /api/places answers ranked { kind, name, detail, lat, lon }', async () => {
    const [first] = await places(host, 'q=pe11ha&near=52.5725,-0.2425&limit=3');
    expect(first).toEqual({ kind: 'postcode', name: 'PE1 1HA', detail: 'Central Ward', lat: expect.closeTo(52.5709, 3), lon: expect.closeTo(-0.242, 3) });
    const bridges = await places(host, `q=${encodeURIComponent('bridge street')}&near=52.6718,-0.3025&limit=5`);
    expect(bridges[0]).toMatchObject({ kind: 'street', name: 'Bridge Street' });
    expect(bridges[0]!.lat).toBeGreaterThan(52.65);
    expect((await places(host, 'q=cathedral&limit=2')).length).toBe(2);
  });

  it('refuses a malformed near or limit with a sentence', async () => {
    const r = await get(host, '/api/places?q=x&near=north');
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: string }).error).toMatch(/near is "lat,lon"/);
    expect((await get(host, '/api/places?q=x&limit=500')).status).toBe(400);
  });

  it('serves the tiles gzipped, an empty answer outside them, and local glyphs', async () => {
    const r = await get(host, '/map/tiles/14/8180/5369.pbf');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-encoding')).toBe('gzip');
    // fetch has already unzipped it: check it is the real tile, with its streets.
    const vt = new VectorTile(new PbfReader(new Uint8Array(await r.arrayBuffer())));
    const names = new Set<string>();
    const layer = vt.layers.transportation_name!;
    for (let i = 0; i < layer.length; i++) names.add(String(layer.feature(i).properties['name:latin']));
    expect(names).toContain('Cathedral Square');
    expect((await get(host, '/map/tiles/14/1/1.pbf')).status).toBe(204);
    const glyphs = await get(host, '/map/glyphs/Noto%20Sans%20Regular/0-255.pbf');
    expect(glyphs.status).toBe(200);
    expect((await glyphs.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await get(host, '/map/glyphs/sans-serif/65280-65535.pbf')).status).toBe(200);
    expect((await get(host, '/map/glyphs/x/0-255.json')).status).toBe(404);
    // Electron's own scheme gets the same tile unzipped: byte for byte what was imported.
    const forElectron = mapAsset(host.map, '/map/tiles/14/8180/5369.pbf', false)!;
    expect(forElectron.headers['content-encoding']).toBeUndefined();
    expect(forElectron.body!.equals(fs.readFileSync(path.join(REAL_TILES, '14', '8180', '5369.pbf')))).toBe(true);
    expect(mapAsset(host.map, '/index.html')).toBeNull();
  });

  it('tells the console about the street map and its credits; without an import, the schematic stays', async () => {
    const s = ((await (await get(host, '/api/settings')).json()) as { value: ConsoleSettings }).value;
    expect(s.streetMap).toMatchObject({ tiles: 'map/tiles/{z}/{x}/{y}.pbf', glyphs: 'map/glyphs/{fontstack}/{range}.pbf', maxzoom: 14 });
    expect(s.streetMap!.attribution).toEqual(['© OpenStreetMap contributors, © OpenMapTiles', expect.stringMatching(/^Contains OS data © Crown copyright and database right 2025\. Contains Royal Mail data/)]);
    const none = ((await (await get(plain, '/api/settings')).json()) as { value: ConsoleSettings }).value;
    expect(none).not.toHaveProperty('streetMap');
    expect((await get(plain, '/map/tiles/14/8180/5369.pbf')).status).toBe(204);
    // Grid references and coordinates need no gazetteer.
    expect((await places(plain, `q=${encodeURIComponent('TL 19240 98462')}`))[0]).toMatchObject({ kind: 'grid reference' });
    expect(await places(plain, 'q=cowgate')).toEqual([]);
  });

  it('a re-import while the console runs is used from the next search on', async () => {
    const postcodes = path.join(dir, 'one.csv');
    fs.writeFileSync(postcodes, '"PE9 9ZZ",10,519240,298462,"E92000001","E19000001","E18000006","","E06000031","E05010807"\n');
    await importMap({ tiles: REAL_TILES, postcodes, dataDir: path.join(dir, 'map') });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await places(host, 'q=pe99zz'))[0]).toMatchObject({ name: 'PE9 9ZZ', detail: '' });
    expect(await places(host, 'q=pe11ha')).toEqual([]);
  });
});

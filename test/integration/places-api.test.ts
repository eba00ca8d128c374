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
import type { ConsoleSettings, MapImportStatus } from '../../shared/contract.js';
import type { Place } from '../../shared/places/types.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES, REAL_WARDS } from '../support/mapdata.js';
import { invoke, TEST_CALLER } from '../support/invoke.js';
import { unitId } from '../../shared/domain/ids.js';
import type { LatLon } from '../../shared/domain/incidents.js';
import { distanceMetres } from '../../shared/geo/geometry.js';
import type { Recommendation } from '../../shared/dispatch/ranking.js';
import type { AllocatedRoute } from '../../shared/routing/allocated-routes.js';
import type { Result } from '../../shared/result.js';
import { supervisorFetch } from '../support/sessions.js';

describe.skipIf(!hasMapData)('the imported map over HTTP', () => {
  let dir: string;
  let bare: string;
  let host: ConsoleHost;
  let plain: ConsoleHost;
  const get = (h: ConsoleHost, p: string) => supervisorFetch(() => h)(`${h.url}${p}`);
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
    expect(s.streetMap).toMatchObject({ tiles: expect.stringMatching(/^map\/tiles\/\{z\}\/\{x\}\/\{y\}\.pbf\?v=\d{4}-/), glyphs: 'map/glyphs/{fontstack}/{range}.pbf', maxzoom: 14 });
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

  it('imports from the console: a bad file is refused with its line and the map stays; a good one replaces it, with progress', async () => {
    const status = async () => ((await (await get(host, '/api/map/import')).json()) as { value: MapImportStatus }).value;
    const start = (body: unknown) => invoke(host.handlers, 'startMapImport', body, { ...TEST_CALLER, operator: 'sgt.khan' }) as Promise<Result<MapImportStatus>>;
    const finished = async () => {
      for (let i = 0; i < 600; i++) {
        const s = await status();
        if (s.state !== 'running') return s;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the import never finished');
    };
    const before = (await places(host, 'q=pe99zz')).length + (await places(host, 'q=pe11ha')).length;
    expect(await start({ tiles: 'relative/tiles', postcodes: REAL_POSTCODES })).toMatchObject({ ok: false, code: 'invalid', error: expect.stringMatching(/full path/) });
    expect(await start({ tiles: '/nowhere/tiles', postcodes: REAL_POSTCODES })).toMatchObject({ ok: false, code: 'invalid', error: 'There is no file or folder at /nowhere/tiles on the host (tiles).' });

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, '"PE1 1HA",10,519240,298462,"E92000001","E19000001","E18000006","","E06000031","E05010807"\n"PE1 1HB",10,east,298462,"E92000001","E19000001","E18000006","","E06000031","E05010807"\n');
    expect(await start({ tiles: REAL_TILES, postcodes: bad, operator: 'Sgt Khan' })).toMatchObject({ ok: true, value: { state: 'running', by: 'sgt.khan' } });
    expect(await start({ tiles: REAL_TILES, postcodes: bad })).toMatchObject({ ok: false, code: 'conflict' });
    const refused = await finished();
    expect(refused).toMatchObject({ state: 'refused', error: `Refused: ${bad} line 2: easting "east" is not a number. The previous map stays in use.` });
    await new Promise((r) => setTimeout(r, 1100));
    expect((await places(host, 'q=pe99zz')).length + (await places(host, 'q=pe11ha')).length).toBe(before);

    expect(await start({ tiles: REAL_TILES, postcodes: REAL_POSTCODES, wards: REAL_WARDS })).toMatchObject({ ok: true });
    const done = await finished();
    expect(done.state).toBe('done');
    expect(done.lines).toEqual(expect.arrayContaining(['Postcodes: 25,000 lines read…', 'Tiles: 500 checked and copied…', 'Map package ready in ' + path.join(dir, 'map') + '.']));
    await new Promise((r) => setTimeout(r, 1100));
    expect((await places(host, 'q=pe11ha'))[0]).toMatchObject({ name: 'PE1 1HA', detail: 'Central Ward' });
  }, 120_000);

  describe('travel along roads', () => {
    // Priestgate is one way westwards for vehicles.
    const priestgateEast = { lat: 52.571698, lon: -0.243775 };
    const priestgateWest = { lat: 52.571753, lon: -0.244274 };
    const straight = distanceMetres(priestgateEast, priestgateWest);
    const call = async <T>(h: ConsoleHost, name: string, input: unknown) => {
      const r = (await invoke(h.handlers, name as never, input)) as Result<T>;
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };
    /** A police car (PC01 drives) at one end, the incident at the other. */
    const scene = async (h: ConsoleHost, car: LatLon, at: LatLon) => {
      h.service.enqueueTelemetry({ type: 'unit.location', unitId: unitId('pc01'), fix: { ts: h.service.now(), ...car } });
      h.service.flush();
      const inc = await call<{ id: string }>(h, 'createIncident', { category: 'needs_police', location: at, description: 'road ETA test' });
      const rec = await call<Recommendation>(h, 'recommendUnits', { id: inc.id });
      return { inc, first: rec.candidates[0]! };
    };

    it('ranks the car by time along the one-way street, the right way round', async () => {
      const { first } = await scene(host, priestgateEast, priestgateWest);
      expect(first).toMatchObject({ callsign: 'PC01', etaBasis: 'roads' });
      expect(first.roadM!).toBeLessThan(straight * 1.2);
      expect(first.reasons.join(' ')).toMatch(/by vehicle along roads/);
      // Against the one-way street the car goes round the block.
      const { first: back } = await scene(host, priestgateWest, priestgateEast);
      expect(back).toMatchObject({ callsign: 'PC01', etaBasis: 'roads' });
      expect(back.roadM!).toBeGreaterThan(straight * 4);
    });

    it('keeps the straight-line estimate, labelled, where no map is imported', async () => {
      const { first } = await scene(plain, priestgateEast, priestgateWest);
      expect(first).toMatchObject({ callsign: 'PC01', etaBasis: 'straight line', roadM: null });
      expect(first.reasons.join(' ')).toMatch(/straight line\)/);
    });

    it('gives the allocated officer’s route along the roads for the map', async () => {
      const { inc } = await scene(host, priestgateWest, priestgateEast);
      await call(host, 'allocateUnit', { id: inc.id, unitId: 'pc01' });
      const [route] = await call<AllocatedRoute[]>(host, 'getIncidentRoutes', { id: inc.id });
      expect(route).toMatchObject({ unitId: 'pc01', mode: 'vehicle', basis: 'roads' });
      expect(route!.metres).toBeGreaterThan(straight * 4);
      expect(route!.line[0]).toEqual([priestgateWest.lon, priestgateWest.lat]);
      expect(route!.line.at(-1)).toEqual([priestgateEast.lon, priestgateEast.lat]);
      expect(route!.line.length).toBeGreaterThan(6);
      const r = await get(host, `/api/incidents/${inc.id}/routes`);
      expect(r.status).toBe(200);
    });
  });
});

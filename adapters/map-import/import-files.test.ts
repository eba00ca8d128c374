import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchPlaces } from '../../shared/places/search.js';
import { hasMapData, REAL_TILES } from '../../test/support/mapdata.js';
import { SqliteGazetteer } from '../gazetteer-sqlite/sqlite-gazetteer.js';
import { ADDRESSBASE_COLUMNS } from './addresses.js';
import { ImportRefused } from './csv.js';
import { importMap, mapPackageFiles } from './import-map.js';
import { OPEN_NAMES_COLUMNS } from './open-names.js';

const CENTRE = { lat: 52.5725, lon: -0.2425 };
let dir: string;
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

/** A Code-Point Open file in the product's layout (no header). */
const codePoint = (rows: string[]) => rows.map((r) => `${r},"E92000001","E19000001","E18000006","","E06000031","E05010807"`).join('\n') + '\n';
const GOOD_POSTCODES = codePoint(['"PE1 1HA",10,519240,298462', '"PE1 1AB",10,518993,298647']);

/** One tile folder holding a single real z14 tile, so these tests run in milliseconds. */
function tinyTiles(): string {
  const t = path.join(dir, 'tiles');
  fs.mkdirSync(path.join(t, '14', '8180'), { recursive: true });
  fs.copyFileSync(path.join(REAL_TILES, '14', '8180', '5369.pbf'), path.join(t, '14', '8180', '5369.pbf'));
  fs.writeFileSync(path.join(t, 'metadata.json'), JSON.stringify({ format: 'pbf', bounds: [-0.26, 52.56, -0.23, 52.58], minzoom: 14, maxzoom: 14, attribution: '© OpenStreetMap contributors, © OpenMapTiles' }));
  return t;
}

/**
 * A PMTiles v3 archive written by hand from the specification (the npm package only reads them):
 * 127-byte header, one uncompressed root directory, JSON metadata, gzipped tiles.
 */
function writePmtiles(file: string, tiles: { z: number; x: number; y: number; data: Buffer }[], meta: object) {
  const varint = (n: number, out: number[]) => {
    while (n >= 0x80) {
      out.push((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    out.push(n);
  };
  const entries = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: zlib.gzipSync(t.data) })).sort((a, b) => a.id - b.id);
  const dir: number[] = [];
  varint(entries.length, dir);
  let last = 0;
  for (const e of entries) {
    varint(e.id - last, dir);
    last = e.id;
  }
  for (const _ of entries) varint(1, dir); // run lengths
  for (const e of entries) varint(e.data.length, dir);
  let offset = 0;
  for (const e of entries) {
    varint(offset + 1, dir);
    offset += e.data.length;
  }
  const root = Buffer.from(dir);
  const metadata = Buffer.from(JSON.stringify(meta));
  const data = Buffer.concat(entries.map((e) => e.data));
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'latin1');
  h.writeUInt8(3, 7);
  const u64 = [127, root.length, 127 + root.length, metadata.length, 127 + root.length + metadata.length, 0, 127 + root.length + metadata.length, data.length, entries.length, entries.length, entries.length];
  u64.forEach((v, i) => h.writeBigUInt64LE(BigInt(v), 8 + i * 8));
  h.writeUInt8(1, 96); // clustered
  h.writeUInt8(1, 97); // internal compression: none
  h.writeUInt8(2, 98); // tile compression: gzip
  h.writeUInt8(1, 99); // MVT
  h.writeUInt8(14, 100);
  h.writeUInt8(14, 101);
  [-0.26, 52.56, -0.23, 52.58].forEach((v, i) => h.writeInt32LE(Math.round(v * 1e7), 102 + i * 4));
  fs.writeFileSync(file, Buffer.concat([h, root, metadata, data]));
}

async function refusal(p: Promise<unknown>): Promise<ImportRefused> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportRefused);
  return err as ImportRefused;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-import-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasMapData)('importing files as councils hold them', () => {
  const data = () => path.join(dir, 'data');

  it('refuses a bad postcode file with the line and the reason, and the previous map stays', async () => {
    const tiles = tinyTiles();
    await importMap({ tiles, postcodes: file('good.csv', GOOD_POSTCODES), dataDir: data() });
    const before = fs.readFileSync(mapPackageFiles(data()).gazetteer);

    const bad = file('bad.csv', codePoint(['"PE1 1HA",10,519240,298462', '"PE1 1AB",10,east,298647']));
    const err = await refusal(importMap({ tiles, postcodes: bad, dataDir: data() }));
    expect(err.message).toBe(`${bad} line 2: easting "east" is not a number`);
    expect(fs.readFileSync(mapPackageFiles(data()).gazetteer).equals(before)).toBe(true);
    expect(fs.readdirSync(data()).sort()).toEqual(['gazetteer.sqlite', 'map.mbtiles']);

    const short = await refusal(importMap({ tiles, postcodes: file('short.csv', '"PE1 1HA",10,519240\n'), dataDir: data() }));
    expect(short.message).toMatch(/line 1: expected the 10 Code-Point Open columns, found 3$/);
    const quote = await refusal(importMap({ tiles, postcodes: file('quote.csv', GOOD_POSTCODES + '"PE1 1HB,10,1,2\n'), dataDir: data() }));
    expect(quote.message).toMatch(/line 3: a quoted field is not closed/);
    const offGrid = await refusal(importMap({ tiles, postcodes: file('off.csv', codePoint(['"PE1 1HA",10,519240,-5'])), dataDir: data() }));
    expect(offGrid.message).toMatch(/line 1: easting 519240, northing -5 is not on the British National Grid/);
  });

  it('refuses a tile that is not a vector tile, naming it', async () => {
    const tiles = tinyTiles();
    await importMap({ tiles, postcodes: file('good.csv', GOOD_POSTCODES), dataDir: data() });
    const broken = path.join(tiles, '14', '8180', '5370.pbf');
    fs.writeFileSync(broken, Buffer.from([0x1a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]));
    const err = await refusal(importMap({ tiles, postcodes: file('good.csv', GOOD_POSTCODES), dataDir: data() }));
    expect(err.message).toMatch(new RegExp(`^${broken.replace(/[/.]/g, '\\$&')}: not a vector tile`));
    fs.rmSync(path.join(tiles, 'metadata.json'));
    expect((await refusal(importMap({ tiles, postcodes: file('good.csv', GOOD_POSTCODES), dataDir: data() }))).message).toMatch(/no metadata\.json/);
    const g = SqliteGazetteer.open(mapPackageFiles(data()).gazetteer);
    expect(searchPlaces(g, 'Cathedral Square')[0]?.name).toBe('Cathedral Square');
    g.close();
  });

  it('re-importing replaces the map whole, and an open gazetteer keeps reading the one it opened', async () => {
    const tiles = tinyTiles();
    await importMap({ tiles, postcodes: file('a.csv', codePoint(['"PE1 1HA",10,519240,298462'])), dataDir: data() });
    const old = SqliteGazetteer.open(mapPackageFiles(data()).gazetteer);
    await importMap({ tiles, postcodes: file('b.csv', codePoint(['"PE2 9XX",10,518000,297000'])), dataDir: data() });
    expect(searchPlaces(old, 'PE1 1HA')[0]?.name).toBe('PE1 1HA');
    old.close();
    const now = SqliteGazetteer.open(mapPackageFiles(data()).gazetteer);
    expect(searchPlaces(now, 'PE1 1HA')).toEqual([]);
    expect(searchPlaces(now, 'PE2 9XX')[0]?.name).toBe('PE2 9XX');
    now.close();
  });

  it('reads an MBTiles file as well as a folder (the package it wrote is one)', async () => {
    await importMap({ tiles: tinyTiles(), postcodes: file('good.csv', GOOD_POSTCODES), dataDir: data() });
    const again = path.join(dir, 'again');
    const report = await importMap({ tiles: mapPackageFiles(data()).tiles, postcodes: file('good.csv', GOOD_POSTCODES), dataDir: again });
    expect(report.tiles).toBe(1);
    const g = SqliteGazetteer.open(mapPackageFiles(again).gazetteer);
    expect(searchPlaces(g, 'Cowgate', { near: CENTRE })[0]).toMatchObject({ kind: 'street', name: 'Cowgate' });
    g.close();
    const notTiles = await refusal(importMap({ tiles: file('x.bin', 'hello'), postcodes: file('good.csv', GOOD_POSTCODES), dataDir: again }));
    expect(notTiles.message).toMatch(/neither a tiles folder, an MBTiles file nor a PMTiles archive/);
  });

  it('reads a PMTiles archive', async () => {
    const tile = fs.readFileSync(path.join(REAL_TILES, '14', '8180', '5369.pbf'));
    const archive = path.join(dir, 'city.pmtiles');
    writePmtiles(archive, [{ z: 14, x: 8180, y: 5369, data: tile }], { name: 'City centre', attribution: '© OpenStreetMap contributors, © OpenMapTiles', vector_layers: [] });
    const report = await importMap({ tiles: archive, postcodes: file('good.csv', GOOD_POSTCODES), dataDir: data() });
    expect(report.tiles).toBe(1);
    const g = SqliteGazetteer.open(mapPackageFiles(data()).gazetteer);
    expect(searchPlaces(g, 'bourges boulevard', { near: CENTRE })[0]).toMatchObject({ kind: 'street', name: 'Bourges Boulevard' });
    g.close();
    const truncated = path.join(dir, 'cut.pmtiles');
    fs.writeFileSync(truncated, fs.readFileSync(archive).subarray(0, 60));
    expect((await refusal(importMap({ tiles: truncated, postcodes: file('good.csv', GOOD_POSTCODES), dataDir: data() }))).message).toMatch(/cut\.pmtiles: not a PMTiles archive/);
  });

  it('reads OS Open Names in its published layout', async () => {
    const row = (o: Record<string, string>) => OPEN_NAMES_COLUMNS.map((c) => (o[c] ? `"${o[c]}"` : '')).join(',');
    const names = file(
      'open-names.csv',
      [
        row({ ID: 'osgb4000000074558529', NAME1: 'Bridge Street', TYPE: 'transportNetwork', LOCAL_TYPE: 'Named Road', GEOMETRY_X: '519231', GEOMETRY_Y: '298525', POPULATED_PLACE: 'Peterborough', DISTRICT_BOROUGH: 'City of Peterborough' }),
        row({ ID: 'osgb4000000074300001', NAME1: 'Werrington', TYPE: 'populatedPlace', LOCAL_TYPE: 'Suburban Area', GEOMETRY_X: '516400', GEOMETRY_Y: '303400', DISTRICT_BOROUGH: 'City of Peterborough' }),
        row({ ID: 'osgb4000000074300002', NAME1: 'Thorpe Wood Police Station', TYPE: 'other', LOCAL_TYPE: 'Police Station', GEOMETRY_X: '516060', GEOMETRY_Y: '298860', POPULATED_PLACE: 'Peterborough' }),
        row({ ID: 'PE11HA', NAME1: 'PE1 1HA', TYPE: 'other', LOCAL_TYPE: 'Postcode', GEOMETRY_X: '519240', GEOMETRY_Y: '298462' }),
      ].join('\n'),
    );
    const report = await importMap({ tiles: tinyTiles(), postcodes: file('good.csv', GOOD_POSTCODES), openNames: names, dataDir: data() });
    expect(report.places.postcode).toBe(2);
    const g = SqliteGazetteer.open(mapPackageFiles(data()).gazetteer);
    expect(searchPlaces(g, 'werrington')[0]).toMatchObject({ kind: 'place', name: 'Werrington', detail: 'City of Peterborough' });
    expect(searchPlaces(g, 'thorpe wood police')[0]).toMatchObject({ kind: 'landmark', detail: 'Police Station · Peterborough' });
    g.close();

    const bad = file('bad-names.csv', row({ NAME1: 'Nowhere', TYPE: 'other', GEOMETRY_X: 'x', GEOMETRY_Y: '1' }));
    expect((await refusal(importMap({ tiles: tinyTiles(), postcodes: file('good.csv', GOOD_POSTCODES), openNames: bad, dataDir: data() }))).message).toMatch(/line 1: GEOMETRY_X "x" is not a number/);
    const narrow = file('narrow.csv', '"a","b"\n');
    expect((await refusal(importMap({ tiles: tinyTiles(), postcodes: file('good.csv', GOOD_POSTCODES), openNames: narrow, dataDir: data() }))).message).toMatch(/line 1: expected the 34 OS Open Names columns, found 2/);
  });

  it('reads AddressBase (no header) and LLPG (header) addresses: house number + street', async () => {
    const ab = (o: Record<string, string>) => ADDRESSBASE_COLUMNS.map((c) => (o[c] ? `"${o[c]}"` : '')).join(',');
    const addressBase = file(
      'addressbase.csv',
      [
        ab({ UPRN: '100090000001', BUILDING_NUMBER: '12', THOROUGHFARE_NAME: 'BRIDGE STREET', POST_TOWN: 'PETERBOROUGH', POSTCODE: 'PE1 1HA', X_COORDINATE: '519236.00', Y_COORDINATE: '298480.00' }),
        ab({ UPRN: '100090000002', SUB_BUILDING_NAME: 'FLAT 2', BUILDING_NAME: 'PRIESTGATE HOUSE', BUILDING_NUMBER: '3', THOROUGHFARE_NAME: 'PRIESTGATE', POST_TOWN: 'PETERBOROUGH', POSTCODE: 'PE1 1JA', X_COORDINATE: '518950', Y_COORDINATE: '298600' }),
      ].join('\n'),
    );
    const llpg = file(
      'llpg.csv',
      'UPRN,SAO_TEXT,PAO_START_NUMBER,PAO_START_SUFFIX,PAO_TEXT,STREET_DESCRIPTION,LOCALITY,TOWN_NAME,POSTCODE_LOCATOR,X_COORDINATE,Y_COORDINATE\n' +
        '100090000003,,7,A,,Cowgate,,Peterborough,PE1 1LZ,519080,298750\n',
    );
    const report = await importMap({ tiles: tinyTiles(), postcodes: file('good.csv', GOOD_POSTCODES), addresses: addressBase, dataDir: data() });
    expect(report.places.address).toBe(2);
    let g = SqliteGazetteer.open(mapPackageFiles(data()).gazetteer);
    expect(searchPlaces(g, '12 bridge street', { near: CENTRE })[0]).toMatchObject({ kind: 'address', name: '12 Bridge Street', detail: 'PE1 1HA, Peterborough' });
    expect(searchPlaces(g, '3 priestgate', { near: CENTRE })[0]).toMatchObject({ kind: 'address', name: 'Flat 2, Priestgate House, 3 Priestgate' });
    // A number the address file does not hold falls back to the street.
    expect(searchPlaces(g, '99 cowgate', { near: CENTRE })[0]).toMatchObject({ kind: 'street', name: 'Cowgate' });
    g.close();

    await importMap({ tiles: tinyTiles(), postcodes: file('good.csv', GOOD_POSTCODES), addresses: llpg, dataDir: data() });
    g = SqliteGazetteer.open(mapPackageFiles(data()).gazetteer);
    expect(searchPlaces(g, '7a cowgate', { near: CENTRE })[0]).toMatchObject({ kind: 'address', name: '7A Cowgate', detail: 'PE1 1LZ, Peterborough' });
    g.close();

    const noStreet = file('nostreet.csv', 'UPRN,X_COORDINATE,Y_COORDINATE\n1,519080,298750\n');
    expect((await refusal(importMap({ tiles: tinyTiles(), postcodes: file('good.csv', GOOD_POSTCODES), addresses: noStreet, dataDir: data() }))).message).toMatch(/line 1: no street column/);
  });
});

import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distanceMetres } from '../../shared/geo/geometry.js';
import { searchPlaces } from '../../shared/places/search.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES, REAL_WARDS } from '../../test/support/mapdata.js';
import { SqliteGazetteer } from '../gazetteer-sqlite/sqlite-gazetteer.js';
import { importMap, mapPackageFiles } from './import-map.js';
import { decodeRoadGraph } from '../../shared/routing/road-data.js';
import { RoadGraph } from '../../shared/routing/road-graph.js';

const CENTRE = { lat: 52.5725, lon: -0.2425 };

describe.skipIf(!hasMapData)('importing the real Peterborough data (../shared/mapdata)', () => {
  let dir: string;
  let g: SqliteGazetteer;
  const progress: string[] = [];
  let report: Awaited<ReturnType<typeof importMap>>;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-map-'));
    report = await importMap({ tiles: REAL_TILES, postcodes: REAL_POSTCODES, wards: REAL_WARDS, dataDir: dir, progress: (l) => progress.push(l) });
    g = SqliteGazetteer.open(mapPackageFiles(dir).gazetteer);
  });
  afterAll(() => {
    g?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes one tiles file and one gazetteer, with progress', () => {
    expect(report.tiles).toBe(544);
    expect(report.places.postcode).toBe(27_692);
    expect(report.places.street).toBeGreaterThan(2_900);
    expect(report.places.landmark).toBeGreaterThan(1_900);
    expect(report.places.place).toBeGreaterThan(300);
    expect(progress.some((l) => l.startsWith('Tiles: 544 checked'))).toBe(true);
    const tiles = new Database(mapPackageFiles(dir).tiles, { readonly: true });
    expect(tiles.prepare('SELECT count(*) AS n FROM tiles').get()).toEqual({ n: 544 });
    expect(tiles.prepare("SELECT value FROM metadata WHERE name = 'attribution'").get()).toEqual({ value: '© OpenStreetMap contributors, © OpenMapTiles' });
    tiles.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['gazetteer.sqlite', 'map.mbtiles']);
  });

  it('finds PE1 1HA near 52.5709 N 0.2420 W in any spacing or case, with its ward', () => {
    for (const q of ['PE1 1HA', 'pe11ha', 'pe1  1ha']) {
      const [first] = searchPlaces(g, q, { near: CENTRE });
      expect(first).toMatchObject({ kind: 'postcode', name: 'PE1 1HA', detail: 'Central Ward' });
      expect(distanceMetres(first!, { lat: 52.5709, lon: -0.242 })).toBeLessThan(30);
    }
  });

  it('puts grid reference TL 19240 98462 on the postcode it belongs to (within 2 m)', () => {
    const [grid] = searchPlaces(g, 'TL 19240 98462');
    const [postcode] = searchPlaces(g, 'PE1 1HA');
    expect(grid!.kind).toBe('grid reference');
    expect(distanceMetres(grid!, postcode!)).toBeLessThan(2);
  });

  it('finds Cathedral Square and Bourges Boulevard in the city centre', () => {
    const [square] = searchPlaces(g, 'Cathedral Square', { near: CENTRE });
    expect(square).toMatchObject({ kind: 'street', name: 'Cathedral Square', detail: 'Central Ward' });
    expect(distanceMetres(square!, CENTRE)).toBeLessThan(300);
    const [boulevard] = searchPlaces(g, 'bourges boulevard', { near: CENTRE });
    expect(boulevard).toMatchObject({ kind: 'street', name: 'Bourges Boulevard' });
    expect(distanceMetres(boulevard!, CENTRE)).toBeLessThan(600);
  });

  it('keeps both Bridge Streets, the nearer first, each with where it is', () => {
    const streets = searchPlaces(g, 'Bridge Street', { near: CENTRE, limit: 50 }).filter((p) => p.kind === 'street' && p.name === 'Bridge Street');
    // Pieces cut by tile edges and junctions are one street each: two Bridge Streets, not twenty.
    expect(streets).toHaveLength(2);
    for (const name of ['Cathedral Square', 'Priestgate', 'Cowgate'])
      expect(searchPlaces(g, name, { limit: 50 }).filter((p) => p.kind === 'street' && p.name === name), name).toHaveLength(1);
    expect(streets[0]!.detail).toBe('Central Ward');
    expect(distanceMetres(streets[0]!, CENTRE)).toBeLessThan(300);
    expect(distanceMetres(streets[1]!, CENTRE)).toBeGreaterThan(3_000);
    // Seen from the other Bridge Street, that one comes first.
    const [fromThere] = searchPlaces(g, 'Bridge Street', { near: streets[1]! });
    expect(distanceMetres(fromThere!, streets[1]!)).toBeLessThan(50);
  });

  it('forgives typos, abbreviations and half-typed words', () => {
    const top = (q: string) => searchPlaces(g, q, { near: CENTRE })[0];
    expect(top('bourgse boulevrd')).toMatchObject({ name: 'Bourges Boulevard' });
    expect(top('catherdal sq')).toMatchObject({ name: 'Cathedral Square' });
    expect(top('Bridge St')).toMatchObject({ name: 'Bridge Street' });
    expect(top('cowgat')).toMatchObject({ name: 'Cowgate' });
    expect(top('peterborough cath')).toMatchObject({ kind: 'landmark', name: 'Peterborough Cathedral' });
    expect(top('priestgte')).toMatchObject({ name: 'Priestgate' });
  });

  it('takes anything typed without failing: FTS syntax, keys like __proto__, very long text', () => {
    for (const q of ['"', '*', 'AND OR NOT', 'NEAR(', '(', ')', '-', '^', '__proto__', 'constructor', 'x'.repeat(500), '🙂 road', "o'neil", 'st. john\'s'])
      expect(() => searchPlaces(g, q, { near: CENTRE }), q).not.toThrow();
  });

  it('answers coordinates and grid references without the gazetteer, and nothing for nonsense', () => {
    expect(searchPlaces(g, '52.5709 N 0.2420 W')[0]).toMatchObject({ kind: 'coordinates', lat: 52.5709, lon: -0.242 });
    expect(searchPlaces(g, 'TL 19 98')[0]).toMatchObject({ kind: 'grid reference', name: 'TL 19 98' });
    expect(searchPlaces(g, 'zzqxv wwkj')).toEqual([]);
  });

  describe('the road network', () => {
    let roads: RoadGraph;
    beforeAll(() => {
      roads = new RoadGraph(decodeRoadGraph(g.roadNetwork()!));
    });
    // Priestgate is one way westwards for vehicles, from near Cathedral Square to Cross Street.
    const priestgateEast = { lat: 52.571698, lon: -0.243775 };
    const priestgateWest = { lat: 52.571753, lon: -0.244274 };

    it('is imported with the map, with its size in the progress', () => {
      expect(report.roadSegments).toBeGreaterThan(50_000);
      expect(roads.segmentCount).toBe(report.roadSegments);
      expect(progress.some((l) => /^Roads: [\d,]+ pieces of road between [\d,]+ junctions and bends\.$/.test(l))).toBe(true);
    });

    it('drives a one-way street the right way round, along it', () => {
      const straight = distanceMetres(priestgateEast, priestgateWest);
      const [along] = roads.distancesTo(priestgateWest, [priestgateEast], 'vehicle', 5_000);
      expect(along).toBeGreaterThanOrEqual(straight);
      expect(along!).toBeLessThan(straight * 1.2);
      // The other way a vehicle goes round the block; on foot the one-way sign does not apply.
      const [round] = roads.distancesTo(priestgateEast, [priestgateWest], 'vehicle', 5_000);
      expect(round!).toBeGreaterThan(straight * 4);
      const [walked] = roads.distancesTo(priestgateEast, [priestgateWest], 'foot', 5_000);
      expect(walked!).toBeLessThan(straight * 1.2);
    });

    it('keeps vehicles off pedestrianised Bridge Street and walkers on it', () => {
      // Both ends of the pedestrianised part of Bridge Street, by the Town Bridge and by Cathedral Square.
      const north = { lat: 52.572034, lon: -0.242327 };
      const south = { lat: 52.56982, lon: -0.242144 };
      const straight = distanceMetres(north, south);
      expect(roads.distancesTo(south, [north], 'foot', 5_000)[0]!).toBeLessThan(straight * 1.3);
      expect(roads.distancesTo(south, [north], 'vehicle', 5_000)[0]!).toBeGreaterThan(straight * 1.5);
    });

    it('routes across tile edges: every road in the city centre reaches the cathedral', () => {
      // Points round the cathedral, on every side of the central tile's edges (-0.2417 E and 52.5769 N among them).
      const cathedral = { lat: 52.5724, lon: -0.2384 };
      const around = Array.from({ length: 36 }, (_, i) => ({ lat: cathedral.lat + 0.012 * Math.cos((i * Math.PI) / 18), lon: cathedral.lon + 0.02 * Math.sin((i * Math.PI) / 18) }));
      const metres = roads.distancesTo(cathedral, around, 'foot', 10_000);
      const reached = metres.filter((m, i) => m !== null && m < distanceMetres(around[i]!, cathedral) * 3);
      expect(reached.length).toBeGreaterThanOrEqual(32);
    });
  });
});

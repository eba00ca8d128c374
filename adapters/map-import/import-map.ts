import fs from 'node:fs';
import path from 'node:path';
import { GazetteerWriter } from '../gazetteer-sqlite/sqlite-gazetteer.js';
import { readAddresses } from './addresses.js';
import { readCodePoint, readWards, type PostcodePoint } from './codepoint.js';
import { ImportRefused } from './csv.js';
import { MbtilesWriter } from './mbtiles-writer.js';
import { NearestPostcode } from './nearest.js';
import { readOpenNames } from './open-names.js';
import { decodeTile, TileNameCollector } from './tile-names.js';
import { openTileSource } from './tile-source.js';
import { RoadNetworkBuilder } from './road-network.js';
import { encodeRoadGraph } from '../../shared/routing/road-data.js';

/**
 * Code-Point Open's required credit, with the year of the release imported: from the product's
 * metadata.txt ("COPYRIGHT DATE: 20251020") beside the CSV, else the file's own date.
 */
function codePointCredit(postcodes: string): string {
  let year = fs.statSync(postcodes).mtime.getUTCFullYear();
  const meta = path.join(path.dirname(postcodes), 'metadata.txt');
  const m = fs.existsSync(meta) ? /COPYRIGHT DATE:\s*(\d{4})/.exec(fs.readFileSync(meta, 'utf8')) : null;
  if (m) year = Number(m[1]);
  return (
    `Contains OS data © Crown copyright and database right ${year}. Contains Royal Mail data © Royal Mail copyright and database right ${year}. ` +
    `Contains National Statistics data © Crown copyright and database right ${year}.`
  );
}

/** Where an imported map lives in a data folder: the tiles in one file, the gazetteer in another. */
export function mapPackageFiles(dataDir: string): { tiles: string; gazetteer: string } {
  return { tiles: path.join(dataDir, 'map.mbtiles'), gazetteer: path.join(dataDir, 'gazetteer.sqlite') };
}

export interface ImportMapOptions {
  tiles: string;
  postcodes: string;
  wards?: string;
  openNames?: string;
  addresses?: string;
  dataDir: string;
  progress?: (line: string) => void;
}

export interface ImportReport {
  tiles: number;
  places: Record<string, number>;
  /** Pieces of road in the road network. */
  roadSegments: number;
  files: { tiles: string; gazetteer: string };
  ms: number;
}

/**
 * Reads everything first into temporary files beside the real ones, and renames them into place
 * only when both are whole: a refused or interrupted import leaves the previous map in use.
 */
export async function importMap(o: ImportMapOptions): Promise<ImportReport> {
  const started = Date.now();
  const say = o.progress ?? (() => {});
  fs.mkdirSync(o.dataDir, { recursive: true });
  const files = mapPackageFiles(o.dataDir);
  const tmp = { tiles: `${files.tiles}.${process.pid}.tmp`, gazetteer: `${files.gazetteer}.${process.pid}.tmp` };
  for (const f of Object.values(tmp)) fs.rmSync(f, { force: true });
  let tilesOut: MbtilesWriter | null = null;
  let gazetteer: GazetteerWriter | null = null;
  try {
    const wards = o.wards ? await readWards(o.wards) : new Map<string, string>();
    say(`Postcodes: reading ${o.postcodes}…`);
    const postcodes: PostcodePoint[] = await readCodePoint(o.postcodes, wards, (n) => say(`Postcodes: ${n.toLocaleString('en-GB')} lines read…`));
    say(`Postcodes: ${postcodes.length.toLocaleString('en-GB')} read.`);
    const nearest = new NearestPostcode(postcodes);
    const detailAt = (lat: number, lon: number) => {
      const p = nearest.find(lat, lon);
      return p ? p.detail || `${p.name.split(' ')[0]}` : '';
    };

    const source = await openTileSource(o.tiles);
    const names = new TileNameCollector(detailAt);
    const roads = new RoadNetworkBuilder();
    tilesOut = new MbtilesWriter(tmp.tiles);
    try {
      say(`Tiles: reading ${o.tiles} (zoom ${source.info.minzoom}–${source.info.maxzoom})…`);
      for await (const t of source.tiles()) {
        const vt = decodeTile(t);
        tilesOut.add(t.z, t.x, t.y, t.data);
        if (t.z === source.info.maxzoom) {
          names.add(t, vt);
          roads.add(t, vt);
        }
        if (tilesOut.count % 500 === 0) say(`Tiles: ${tilesOut.count.toLocaleString('en-GB')} checked and copied…`);
      }
    } finally {
      source.close();
    }
    if (tilesOut.count === 0) throw new ImportRefused(o.tiles, null, 'holds no tiles');
    say(`Tiles: ${tilesOut.count.toLocaleString('en-GB')} checked and copied.`);
    tilesOut.finish(source.info, { importedAt: new Date().toISOString(), source: path.basename(o.tiles), credits: JSON.stringify([source.info.attribution, codePointCredit(o.postcodes)]) });

    const openNames = o.openNames ? await readOpenNames(o.openNames) : [];
    if (o.openNames) say(`OS Open Names: ${openNames.length.toLocaleString('en-GB')} names read.`);
    const addresses = o.addresses ? await readAddresses(o.addresses) : [];
    if (o.addresses) say(`Addresses: ${addresses.length.toLocaleString('en-GB')} read.`);

    gazetteer = new GazetteerWriter(tmp.gazetteer);
    for (const e of names.entries()) gazetteer.add(e);
    for (const p of postcodes) gazetteer.add({ kind: p.kind, name: p.name, detail: p.detail, lat: p.lat, lon: p.lon });
    for (const e of openNames) gazetteer.add(e);
    for (const e of addresses) gazetteer.add(e);
    const network = roads.finish();
    gazetteer.setRoadNetwork(encodeRoadGraph(network));
    say(`Roads: ${network.from.length.toLocaleString('en-GB')} pieces of road between ${network.lat.length.toLocaleString('en-GB')} junctions and bends.`);
    say('Gazetteer: indexing…');
    const places = gazetteer.finish({ importedAt: new Date().toISOString(), tiles: path.basename(o.tiles), postcodes: path.basename(o.postcodes) });
    say(`Gazetteer: ${Object.entries(places).map(([k, n]) => `${n.toLocaleString('en-GB')} ${k}${n === 1 ? '' : 's'}`).join(', ')}.`);

    fs.renameSync(tmp.tiles, files.tiles);
    fs.renameSync(tmp.gazetteer, files.gazetteer);
    say(`Map package ready in ${o.dataDir}.`);
    return { tiles: tilesOut.count, places, roadSegments: network.from.length, files, ms: Date.now() - started };
  } catch (err) {
    tilesOut?.abort();
    gazetteer?.abort();
    for (const f of Object.values(tmp)) fs.rmSync(f, { force: true });
    throw err;
  }
}

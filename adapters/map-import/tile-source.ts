import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PMTiles, type Source } from 'pmtiles';
import { ImportRefused } from './csv.js';

export interface Tile {
  z: number;
  x: number;
  y: number;
  /** Uncompressed Mapbox Vector Tile bytes. */
  data: Buffer;
  /** Where it came from, for a refusal that names the tile. */
  origin: string;
}

/** TileJSON-like facts about a tile set, kept in the map package for the style and the attribution. */
export interface TileSetInfo {
  name: string;
  attribution: string;
  bounds: [number, number, number, number];
  minzoom: number;
  maxzoom: number;
  vectorLayers: unknown[];
}

export interface TileSource {
  info: TileSetInfo;
  tiles(): AsyncGenerator<Tile>;
  close(): void;
}

/** Tiles may come gzipped (MBTiles always, PMTiles often): unzip so every reader sees plain MVT. */
function plainTile(data: Buffer): Buffer {
  return data.length > 2 && data[0] === 0x1f && data[1] === 0x8b ? zlib.gunzipSync(data) : data;
}

function infoFrom(meta: Record<string, unknown>, file: string): TileSetInfo {
  const num = (v: unknown, d: number) => (v === undefined || v === null || v === '' ? d : Number(v));
  let bounds = meta.bounds as unknown;
  if (typeof bounds === 'string') bounds = bounds.split(',').map(Number);
  const b = Array.isArray(bounds) && bounds.length === 4 && bounds.every((n) => Number.isFinite(Number(n))) ? (bounds.map(Number) as TileSetInfo['bounds']) : null;
  if (!b) throw new ImportRefused(file, null, 'its metadata has no bounds [west, south, east, north]');
  return {
    name: String(meta.name ?? 'Imported map'),
    attribution: String(meta.attribution ?? '© OpenStreetMap contributors'),
    bounds: b,
    minzoom: num(meta.minzoom, 0),
    maxzoom: num(meta.maxzoom, 14),
    vectorLayers: Array.isArray(meta.vector_layers) ? meta.vector_layers : [],
  };
}

/** A folder of `{z}/{x}/{y}.pbf` tiles with a TileJSON `metadata.json` beside them. */
function folderSource(dir: string): TileSource {
  const metaFile = path.join(dir, 'metadata.json');
  if (!fs.existsSync(metaFile)) throw new ImportRefused(dir, null, 'no metadata.json (TileJSON) in the tiles folder');
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new ImportRefused(metaFile, null, `not valid JSON (${(err as Error).message})`);
  }
  if (meta.format !== undefined && meta.format !== 'pbf') throw new ImportRefused(metaFile, null, `format is "${String(meta.format)}": only vector tiles (pbf) are imported`);
  const info = infoFrom(meta, metaFile);
  const isInt = (s: string) => /^\d+$/.test(s);
  return {
    info,
    async *tiles() {
      for (const z of fs.readdirSync(dir).filter(isInt)) {
        for (const x of fs.readdirSync(path.join(dir, z)).filter(isInt)) {
          for (const f of fs.readdirSync(path.join(dir, z, x))) {
            const m = /^(\d+)\.(pbf|mvt)$/.exec(f);
            if (!m) continue;
            const file = path.join(dir, z, x, f);
            yield { z: Number(z), x: Number(x), y: Number(m[1]), data: plainTile(fs.readFileSync(file)), origin: file };
          }
        }
      }
    },
    close() {},
  };
}

/** An MBTiles file (SQLite; rows are TMS, counted from the south). */
function mbtilesSource(file: string): TileSource {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM tiles LIMIT 1').get();
  } catch (err) {
    throw new ImportRefused(file, null, `not an MBTiles file (${(err as Error).message})`);
  }
  const rows = db.prepare<[], { name: string; value: string }>('SELECT name, value FROM metadata').all();
  const meta: Record<string, unknown> = Object.fromEntries(rows.map((r) => [r.name, r.value]));
  if (typeof meta.json === 'string') Object.assign(meta, JSON.parse(meta.json) as object);
  if (meta.format !== undefined && meta.format !== 'pbf') throw new ImportRefused(file, null, `format is "${String(meta.format)}": only vector tiles (pbf) are imported`);
  const info = infoFrom(meta, file);
  return {
    info,
    async *tiles() {
      const it = db.prepare<[], { z: number; x: number; row: number; data: Buffer }>('SELECT zoom_level AS z, tile_column AS x, tile_row AS row, tile_data AS data FROM tiles').iterate();
      for (const t of it) {
        const y = 2 ** t.z - 1 - t.row;
        yield { z: t.z, x: t.x, y, data: plainTile(t.data), origin: `${file} tile ${t.z}/${t.x}/${y}` };
      }
    },
    close: () => db.close(),
  };
}

class NodeFileSource implements Source {
  constructor(private readonly fd: number, private readonly file: string) {}
  getKey() {
    return this.file;
  }
  async getBytes(offset: number, length: number) {
    const buf = Buffer.alloc(length);
    const n = fs.readSync(this.fd, buf, 0, length, offset);
    return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + n) as ArrayBuffer };
  }
}

const lonToX = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const latToY = (lat: number, z: number) => {
  const r = (lat * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/** A PMTiles v3 archive: every tile inside its header's bounds, zoom by zoom. */
async function pmtilesSource(file: string): Promise<TileSource> {
  const fd = fs.openSync(file, 'r');
  const archive = new PMTiles(new NodeFileSource(fd, file), undefined, async (buf, compression) => {
    if (compression === 2) return zlib.gunzipSync(Buffer.from(buf)).buffer as ArrayBuffer;
    if (compression <= 1) return buf;
    throw new ImportRefused(file, null, `compression ${compression} is not supported (gzip or none)`);
  });
  let header;
  try {
    header = await archive.getHeader();
  } catch (err) {
    fs.closeSync(fd);
    if (err instanceof ImportRefused) throw err;
    throw new ImportRefused(file, null, `not a PMTiles archive (${(err as Error).message})`);
  }
  if (header.tileType !== 1) {
    fs.closeSync(fd);
    throw new ImportRefused(file, null, 'holds raster tiles: only vector tiles (MVT) are imported');
  }
  const meta = ((await archive.getMetadata()) ?? {}) as Record<string, unknown>;
  const info = infoFrom({ bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat], minzoom: header.minZoom, maxzoom: header.maxZoom, ...meta }, file);
  return {
    info,
    async *tiles() {
      for (let z = header.minZoom; z <= header.maxZoom; z++) {
        for (let x = lonToX(header.minLon, z); x <= lonToX(header.maxLon, z); x++) {
          for (let y = latToY(header.maxLat, z); y <= latToY(header.minLat, z); y++) {
            const t = await archive.getZxy(z, x, y);
            if (t) yield { z, x, y, data: plainTile(Buffer.from(t.data)), origin: `${file} tile ${z}/${x}/${y}` };
          }
        }
      }
    },
    close: () => fs.closeSync(fd),
  };
}

/** Opens what the council has: a folder of tiles, an `.mbtiles` or a `.pmtiles` file. */
export async function openTileSource(p: string): Promise<TileSource> {
  if (!fs.existsSync(p)) throw new ImportRefused(p, null, 'no such file or folder');
  if (fs.statSync(p).isDirectory()) return folderSource(p);
  const head = Buffer.alloc(16);
  const fd = fs.openSync(p, 'r');
  fs.readSync(fd, head, 0, 16, 0);
  fs.closeSync(fd);
  if (head.subarray(0, 7).toString('latin1') === 'PMTiles') return pmtilesSource(p);
  if (head.toString('latin1').startsWith('SQLite format 3')) return mbtilesSource(p);
  throw new ImportRefused(p, null, 'neither a tiles folder, an MBTiles file nor a PMTiles archive');
}

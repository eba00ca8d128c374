import Database from 'better-sqlite3';
import zlib from 'node:zlib';
import type { TileSetInfo } from './tile-source.js';

/**
 * The map package: one MBTiles file (SQLite, gzipped MVT, TMS rows), the form tools and
 * tile servers already read, written whole before it replaces the previous one.
 */
export class MbtilesWriter {
  private readonly db: Database.Database;
  private readonly put: Database.Statement;
  private pending: [number, number, number, Buffer][] = [];
  count = 0;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE metadata(name TEXT PRIMARY KEY, value TEXT);
      CREATE TABLE tiles(zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles(zoom_level, tile_column, tile_row);`);
    this.put = this.db.prepare('INSERT OR REPLACE INTO tiles VALUES (?, ?, ?, ?)');
  }

  add(z: number, x: number, y: number, plain: Buffer): void {
    this.pending.push([z, x, 2 ** z - 1 - y, zlib.gzipSync(plain)]);
    this.count++;
    if (this.pending.length >= 500) this.flush();
  }

  private flush() {
    const rows = this.pending;
    this.pending = [];
    this.db.transaction(() => rows.forEach((r) => this.put.run(...r)))();
  }

  finish(info: TileSetInfo, extra: Record<string, string>): void {
    this.flush();
    const [w, s, e, n] = info.bounds;
    const meta: Record<string, string> = {
      name: info.name,
      format: 'pbf',
      type: 'baselayer',
      bounds: info.bounds.join(','),
      center: `${(w + e) / 2},${(s + n) / 2},${Math.min(info.maxzoom, 12)}`,
      minzoom: String(info.minzoom),
      maxzoom: String(info.maxzoom),
      attribution: info.attribution,
      json: JSON.stringify({ vector_layers: info.vectorLayers }),
      ...extra,
    };
    const m = this.db.prepare('INSERT INTO metadata VALUES (?, ?)');
    this.db.transaction(() => Object.entries(meta).forEach(([k, v]) => m.run(k, v)))();
    this.db.close();
  }

  abort(): void {
    if (this.db.open) this.db.close();
  }
}

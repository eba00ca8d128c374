import Database from 'better-sqlite3';
import fs from 'node:fs';
import { mapPackageFiles } from '../../../adapters/map-import/import-map.js';
import { SqliteGazetteer } from '../../../adapters/gazetteer-sqlite/sqlite-gazetteer.js';
import { EMPTY_GAZETTEER, type Gazetteer } from '../../../shared/places/gazetteer.js';
import { decodeRoadGraph } from '../../../shared/routing/road-data.js';
import { RoadGraph } from '../../../shared/routing/road-graph.js';

/** What the console needs to know of an imported tile set to draw it. */
export interface TileSetFacts {
  /** The credits the data's licences require, one line each. */
  credits: string[];
  bounds: [number, number, number, number];
  minzoom: number;
  maxzoom: number;
  /** When it was imported: a new import is a new version of every tile. */
  importedAt: string;
}

/** A file opened by identity: an import renames a new file into place, and the next look reopens it. */
class Reopening<T extends { close(): void }> {
  private current: { value: T; id: string } | null = null;
  private checkedAt = 0;

  constructor(
    private readonly file: string,
    private readonly open: (file: string) => T,
  ) {}

  get(): T | null {
    const now = Date.now();
    if (this.current && now - this.checkedAt < 1000) return this.current.value;
    this.checkedAt = now;
    let id: string;
    try {
      const s = fs.statSync(this.file);
      id = `${s.ino}:${s.mtimeMs}:${s.size}`;
    } catch {
      this.current?.value.close();
      this.current = null;
      return null;
    }
    if (this.current?.id === id) return this.current.value;
    const value = this.open(this.file);
    this.current?.value.close();
    this.current = { value, id };
    return value;
  }

  close() {
    this.current?.value.close();
    this.current = null;
  }
}

class TileFile {
  readonly facts: TileSetFacts;
  private readonly db: Database.Database;
  private readonly stmt: Database.Statement<[number, number, number], { data: Buffer }>;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    const meta = new Map(this.db.prepare<[], { name: string; value: string }>('SELECT name, value FROM metadata').all().map((r) => [r.name, r.value]));
    const bounds = (meta.get('bounds') ?? '-180,-85,180,85').split(',').map(Number) as TileSetFacts['bounds'];
    const credits = meta.has('credits') ? (JSON.parse(meta.get('credits')!) as string[]) : [meta.get('attribution') ?? ''];
    this.facts = { credits: credits.filter(Boolean), bounds, minzoom: Number(meta.get('minzoom') ?? 0), maxzoom: Number(meta.get('maxzoom') ?? 14), importedAt: meta.get('importedAt') ?? '' };
    this.stmt = this.db.prepare('SELECT tile_data AS data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
  }

  /** Gzipped MVT, as MBTiles holds it. */
  tile(z: number, x: number, y: number): Buffer | null {
    return this.stmt.get(z, x, 2 ** z - 1 - y)?.data ?? null;
  }

  close() {
    this.db.close();
  }
}

/**
 * The imported map in a data folder (`import-map` writes it): tiles for the map and the gazetteer
 * for place search. Either may be absent; a re-import is picked up without a restart.
 */
export class MapPackage {
  private readonly tiles: Reopening<TileFile>;
  private readonly places: Reopening<SqliteGazetteer>;
  /** Built from the gazetteer it came with, once: a re-import brings a new gazetteer and so a new network. */
  private network: { from: SqliteGazetteer; graph: RoadGraph | null } | null = null;

  constructor(readonly dir: string) {
    const files = mapPackageFiles(dir);
    this.tiles = new Reopening(files.tiles, (f) => new TileFile(f));
    this.places = new Reopening(files.gazetteer, (f) => SqliteGazetteer.open(f));
  }

  tileSet(): TileSetFacts | null {
    return this.tiles.get()?.facts ?? null;
  }

  tile(z: number, x: number, y: number): Buffer | null {
    return this.tiles.get()?.tile(z, x, y) ?? null;
  }

  gazetteer(): Gazetteer {
    return this.places.get() ?? EMPTY_GAZETTEER;
  }

  /** The imported road network, or null where none is imported (ranking then keeps the straight line). */
  roads(): RoadGraph | null {
    const g = this.places.get();
    if (!g) return null;
    if (this.network?.from !== g) {
      const bytes = g.roadNetwork();
      this.network = { from: g, graph: bytes ? new RoadGraph(decodeRoadGraph(bytes)) : null };
    }
    return this.network.graph;
  }

  close(): void {
    this.network = null;
    this.tiles.close();
    this.places.close();
  }
}

import Database from 'better-sqlite3';
import type { Gazetteer } from '../../shared/places/gazetteer.js';
import { fold, postcodeKey, tokens } from '../../shared/places/text.js';
import type { Place, PlaceKind } from '../../shared/places/types.js';

/** One row of the gazetteer as the importers produce it. */
export interface GazetteerEntry extends Place {
  kind: Exclude<PlaceKind, 'grid reference' | 'coordinates'>;
}

const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE places(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  detail TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  folded TEXT NOT NULL,
  postcode_key TEXT
);
-- The words are folded before indexing (no apostrophes, accents or case), the same way queries are.
CREATE VIRTUAL TABLE places_fts USING fts5(words, detail, content='', tokenize='unicode61', prefix='1 2 3');
CREATE TABLE words(word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The road network for travel times, as one blob (shared/routing/road-graph.ts); absent in packages imported before it.
CREATE TABLE road_network(id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL);
`;

/** Writes a new gazetteer file in one pass; the importer renames it into place when it is whole. */
export class GazetteerWriter {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly insertFts: Database.Statement;
  private readonly words = new Set<string>();
  private readonly counts = new Map<string, number>();
  private pending: GazetteerEntry[] = [];

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare('INSERT INTO places(kind, name, detail, lat, lon, folded, postcode_key) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertFts = this.db.prepare('INSERT INTO places_fts(rowid, words, detail) VALUES (?, ?, ?)');
  }

  add(e: GazetteerEntry): void {
    this.pending.push(e);
    if (this.pending.length >= 10_000) this.flush();
  }

  private flush() {
    const rows = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const e of rows) {
        const folded = fold(e.name);
        const key = e.kind === 'postcode' ? postcodeKey(e.name) : null;
        const id = this.insert.run(e.kind, e.name, e.detail, e.lat, e.lon, folded, key).lastInsertRowid;
        const detail = fold(e.detail);
        this.insertFts.run(id, folded, detail);
        for (const w of tokens(`${folded} ${detail}`)) this.words.add(w);
        this.counts.set(e.kind, (this.counts.get(e.kind) ?? 0) + 1);
      }
    })();
  }

  /** The road network, encoded: travel times along roads come from it. */
  setRoadNetwork(bytes: Uint8Array): void {
    this.db.prepare('INSERT OR REPLACE INTO road_network(id, data) VALUES (1, ?)').run(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** Indexes, records what was imported, and closes the file. Returns the count of each kind. */
  finish(meta: Record<string, string>): Record<string, number> {
    this.flush();
    const counts = Object.fromEntries(this.counts);
    this.db.transaction(() => {
      const w = this.db.prepare('INSERT INTO words(word) VALUES (?)');
      for (const word of this.words) w.run(word);
      const m = this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
      for (const [k, v] of Object.entries({ ...meta, schemaVersion: String(SCHEMA_VERSION), counts: JSON.stringify(counts) })) m.run(k, v);
    })();
    this.db.exec('CREATE INDEX places_folded ON places(folded); CREATE INDEX places_postcode ON places(postcode_key) WHERE postcode_key IS NOT NULL;');
    this.db.exec("INSERT INTO places_fts(places_fts) VALUES ('optimize')");
    this.db.close();
    return counts;
  }

  abort(): void {
    if (this.db.open) this.db.close();
  }
}

type Row = Place;

/** The imported gazetteer, read-only, behind the place search's port. */
export class SqliteGazetteer implements Gazetteer {
  readonly size: number;
  private readonly db: Database.Database;
  private readonly byPrefix: Database.Statement<[string, string, number], Row>;
  private readonly byWords: Database.Statement<[string, number], Row>;
  private readonly byPostcode: Database.Statement<[string, string, number], Row>;
  private vocabulary: string[] | null = null;

  private constructor(readonly file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    const version = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schemaVersion'").get();
    if (Number(version?.value) !== SCHEMA_VERSION) {
      this.db.close();
      throw new Error(`${file} is not a gazetteer this console can read (schema ${version?.value ?? 'none'}): import the map again.`);
    }
    const cols = 'p.kind, p.name, p.detail, p.lat, p.lon';
    this.byPrefix = this.db.prepare(`SELECT ${cols} FROM places p WHERE folded >= ? AND folded < ? LIMIT ?`);
    this.byWords = this.db.prepare(`SELECT ${cols} FROM places_fts JOIN places p ON p.id = places_fts.rowid WHERE places_fts MATCH ? LIMIT ?`);
    this.byPostcode = this.db.prepare(`SELECT ${cols} FROM places p WHERE postcode_key >= ? AND postcode_key < ? LIMIT ?`);
    this.size = this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM places').get()!.n;
  }

  static open(file: string): SqliteGazetteer {
    return new SqliteGazetteer(file);
  }

  /** How many of each kind were imported, and from what. */
  meta(): Record<string, string> {
    return Object.fromEntries(this.db.prepare<[], { key: string; value: string }>('SELECT key, value FROM meta').all().map((r) => [r.key, r.value]));
  }

  startingWith(prefix: string, limit: number): Place[] {
    const p = fold(prefix);
    return p ? this.byPrefix.all(p, `${p}\u007f`, limit) : [];
  }

  matching(words: readonly (readonly string[])[], lastIsPrefix: boolean, limit: number): Place[] {
    const terms = words
      .map((alts, i) => {
        const prefix = lastIsPrefix && i === words.length - 1;
        const ok = alts.map((a) => fold(a).replace(/ /g, '')).filter(Boolean);
        return ok.length ? `(${ok.map((a) => `"${a}"${prefix ? '*' : ''}`).join(' OR ')})` : '';
      })
      .filter(Boolean);
    return terms.length ? this.byWords.all(terms.join(' AND '), limit) : [];
  }

  postcodesStartingWith(key: string, limit: number): Place[] {
    const k = postcodeKey(key);
    return k ? this.byPostcode.all(k, `${k}\u007f`, limit) : [];
  }

  /** The encoded road network, or null for a package imported without one. */
  roadNetwork(): Uint8Array | null {
    const table = this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'road_network'").get();
    if (!table) return null;
    const row = this.db.prepare<[], { data: Buffer }>('SELECT data FROM road_network WHERE id = 1').get();
    return row ? new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) : null;
  }

  words(): readonly string[] {
    this.vocabulary ??= this.db.prepare<[], { word: string }>('SELECT word FROM words ORDER BY word').pluck(false).all().map((r) => r.word);
    return this.vocabulary;
  }

  close(): void {
    this.db.close();
  }
}

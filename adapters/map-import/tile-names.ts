import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { GazetteerEntry } from '../gazetteer-sqlite/sqlite-gazetteer.js';
import { ImportRefused } from './csv.js';
import type { Tile } from './tile-source.js';

/** Whatever names the place nearest a point: its ward ("Central Ward") or postcode district. */
export type DetailAt = (lat: number, lon: number) => string;

/** Road classes that are not somewhere a caller stands. */
const NOT_STREETS = new Set(['rail', 'transit', 'bus_stop', 'ferry', 'aerialway']);
/** About 40 m: pieces of one name nearer than this are one street cut by tile edges or junctions. */
const JOIN_DEG = 0.0004;

interface Piece {
  points: { lat: number; lon: number }[];
  box: [number, number, number, number];
}

const nameOf = (f: VectorTileFeature) => {
  const n = f.properties['name:latin'] ?? f.properties.name;
  return typeof n === 'string' ? n.trim() : '';
};

/** Decodes a tile, refusing it with its path when it is not a vector tile. */
export function decodeTile(t: Tile): VectorTile {
  try {
    const vt = new VectorTile(new PbfReader(t.data));
    for (const layer of Object.values(vt.layers)) for (let i = 0; i < layer.length; i++)
      // Reading each feature's properties makes a damaged tile fail here, with its path, not mid-import.
      if (typeof layer.feature(i).properties !== 'object') throw new Error(`feature ${i} of ${layer.name} has no properties`);
    return vt;
  } catch (err) {
    throw new ImportRefused(t.origin, null, `not a vector tile (${(err as Error).message})`);
  }
}

/**
 * Collects every named street, landmark and place from the most detailed tiles. A street is cut
 * into pieces by tile edges and junctions: pieces of one name that touch are joined into one
 * entry; pieces far apart stay separate entries (two Bridge Streets are two places).
 */
export class TileNameCollector {
  private readonly lines = new Map<string, { kind: GazetteerEntry['kind']; what: string; pieces: Piece[] }>();
  private readonly points: GazetteerEntry[] = [];
  private readonly pointDetail: { name: string; what: string; kind: GazetteerEntry['kind'] }[] = [];

  constructor(private readonly detailAt: DetailAt) {}

  add(t: Tile, vt: VectorTile): void {
    const toLatLon = (x: number, y: number, extent: number) => {
      const n = 2 ** t.z;
      const lon = ((t.x + x / extent) / n) * 360 - 180;
      const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (t.y + y / extent)) / n))) * 180) / Math.PI;
      return { lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6 };
    };
    const each = (layerName: string, fn: (f: VectorTileFeature, extent: number) => void) => {
      const layer = vt.layers[layerName];
      if (layer) for (let i = 0; i < layer.length; i++) fn(layer.feature(i), layer.extent);
    };
    const addLine = (kind: GazetteerEntry['kind'], what: string) => (f: VectorTileFeature, extent: number) => {
      const name = nameOf(f);
      if (!name) return;
      const cls = String(f.properties.class ?? '');
      if (kind === 'street' && NOT_STREETS.has(cls)) return;
      for (const ring of f.loadGeometry()) {
        // The margin a tile repeats of its neighbours is kept: it is what makes the pieces overlap.
        const points = ring.map((p) => toLatLon(p.x, p.y, extent));
        if (!points.length) continue;
        const box: Piece['box'] = [Infinity, Infinity, -Infinity, -Infinity];
        for (const p of points) {
          box[0] = Math.min(box[0], p.lon);
          box[1] = Math.min(box[1], p.lat);
          box[2] = Math.max(box[2], p.lon);
          box[3] = Math.max(box[3], p.lat);
        }
        const key = `${kind}|${name}`;
        const entry = this.lines.get(key) ?? { kind, what: what || cls, pieces: [] };
        entry.pieces.push({ points, box });
        this.lines.set(key, entry);
      }
    };
    each('transportation_name', addLine('street', ''));
    each('park', addLine('landmark', 'park'));
    each('water_name', addLine('landmark', 'water'));
    const addPoint = (kind: GazetteerEntry['kind']) => (f: VectorTileFeature, extent: number) => {
      const name = nameOf(f);
      if (!name || f.type !== 1) return;
      const p = f.loadGeometry()[0]?.[0];
      // Tiles repeat a margin of their neighbours: a point counts only in the tile that owns it.
      if (!p || p.x < 0 || p.y < 0 || p.x >= extent || p.y >= extent) return;
      const what = String(f.properties.subclass || f.properties.class || '').replace(/_/g, ' ');
      this.points.push({ kind, name, detail: '', ...toLatLon(p.x, p.y, extent) });
      this.pointDetail.push({ name, what, kind });
    };
    each('poi', addPoint('landmark'));
    each('poi_detail', addPoint('landmark'));
    each('place', addPoint('place'));
    each('aerodrome_label', addPoint('landmark'));
  }

  /** One entry per joined street (or park, or water) and one per landmark and place. */
  entries(): GazetteerEntry[] {
    const out: GazetteerEntry[] = [];
    const seen = new Set<string>();
    this.points.forEach((p, i) => {
      const d = this.pointDetail[i]!;
      const key = `${p.kind}|${p.name}|${p.lat.toFixed(5)}|${p.lon.toFixed(5)}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ ...p, detail: [d.what, this.detailAt(p.lat, p.lon)].filter(Boolean).join(' · ') });
    });
    for (const [key, { kind, what, pieces }] of this.lines) {
      const name = key.slice(key.indexOf('|') + 1);
      for (const group of joinTouching(pieces)) {
        const at = middleOf(group);
        const detail = kind === 'street' ? this.detailAt(at.lat, at.lon) : [what, this.detailAt(at.lat, at.lon)].filter(Boolean).join(' · ');
        out.push({ kind, name, detail, ...at });
      }
    }
    return out;
  }
}

/** Groups pieces whose boxes come within JOIN_DEG of each other (union-find). */
function joinTouching(pieces: Piece[]): Piece[][] {
  const parent = pieces.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < pieces.length; i++) {
    const a = pieces[i]!.box;
    for (let j = i + 1; j < pieces.length; j++) {
      const b = pieces[j]!.box;
      if (a[0] - JOIN_DEG <= b[2] && b[0] - JOIN_DEG <= a[2] && a[1] - JOIN_DEG <= b[3] && b[1] - JOIN_DEG <= a[3]) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Piece[]>();
  pieces.forEach((p, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(p);
    else groups.set(root, [p]);
  });
  return [...groups.values()];
}

/** The point of the street nearest the middle of its extent: on the street, never beside it. */
function middleOf(group: Piece[]): { lat: number; lon: number } {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const p of group) {
    w = Math.min(w, p.box[0]);
    s = Math.min(s, p.box[1]);
    e = Math.max(e, p.box[2]);
    n = Math.max(n, p.box[3]);
  }
  const c = { lat: (s + n) / 2, lon: (w + e) / 2 };
  let best = group[0]!.points[0]!;
  let bestD = Infinity;
  for (const piece of group)
    for (const p of piece.points) {
      const d = (p.lat - c.lat) ** 2 + ((p.lon - c.lon) * 0.61) ** 2;
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
  return { lat: Math.round(best.lat * 1e6) / 1e6, lon: Math.round(best.lon * 1e6) / 1e6 };
}

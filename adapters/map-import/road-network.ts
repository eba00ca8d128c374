import type { VectorTile } from '@mapbox/vector-tile';
import { distanceMetres } from '../../shared/geo/geometry.js';
import { type RoadGraphData, SEGMENT_DRIVE_BACKWARD, SEGMENT_DRIVE_FORWARD, SEGMENT_FOOT } from '../../shared/routing/road-data.js';
import type { Tile } from './tile-source.js';

/** Everyone may use these, on foot or by vehicle. */
const SHARED = new Set(['trunk', 'primary', 'secondary', 'tertiary', 'minor', 'service', 'track', 'living_street', 'unclassified', 'residential']);
/** Walking only: footpaths, pedestrianised streets, steps. */
const FOOT_ONLY = new Set(['path', 'pedestrian', 'footway', 'steps', 'cycleway', 'bridleway']);
/** Driving only. */
const DRIVE_ONLY = new Set(['motorway']);

/** The whole world as one z14 tile of extent 4096: where tiles of any zoom are stitched. */
const WORLD = 2 ** 26;
/** About a metre in Peterborough: ends of one road cut by a tile edge are nearer than this. */
const SNAP = 3;

function accessOf(cls: string, subclass: string): number {
  const drive = SEGMENT_DRIVE_FORWARD | SEGMENT_DRIVE_BACKWARD;
  if (FOOT_ONLY.has(cls) || FOOT_ONLY.has(subclass)) return SEGMENT_FOOT;
  if (DRIVE_ONLY.has(cls)) return drive;
  if (SHARED.has(cls)) return SEGMENT_FOOT | drive;
  return 0; // railways, ferries, platforms, abandoned and indoor ways
}

/**
 * Builds the road network from the most detailed tiles' `transportation` layer. Each tile's lines
 * are cut at its own edge (tiles repeat a margin of their neighbours), and ends that meet within
 * about a metre become one junction, so a road cut by tile edges is whole again.
 */
export class RoadNetworkBuilder {
  private readonly x: number[] = [];
  private readonly y: number[] = [];
  private readonly cells = new Map<number, number[]>();
  /** Keyed by the two nodes, lower first, so a road lying along a tile edge is kept once. */
  private readonly segments = new Map<number, { from: number; to: number; flags: number }>();

  get nodeCount(): number {
    return this.x.length;
  }

  private node(x: number, y: number): number {
    const cx = Math.floor(x / SNAP);
    const cy = Math.floor(y / SNAP);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) {
        const list = this.cells.get((cx + dx) * 67_108_864 + (cy + dy));
        if (list) for (const n of list) if (Math.abs(this.x[n]! - x) <= SNAP && Math.abs(this.y[n]! - y) <= SNAP) return n;
      }
    const n = this.x.length;
    this.x.push(x);
    this.y.push(y);
    const key = cx * 67_108_864 + cy;
    const list = this.cells.get(key);
    if (list) list.push(n);
    else this.cells.set(key, [n]);
    return n;
  }

  private segment(a: number, b: number, flags: number) {
    if (a === b) return;
    const lo = Math.min(a, b);
    const key = lo * 67_108_864 + Math.max(a, b);
    const s = this.segments.get(key);
    // Stored from the lower node: a drive direction given from the higher one is turned round.
    const f = a === lo ? flags : (flags & SEGMENT_FOOT) | (flags & SEGMENT_DRIVE_FORWARD ? SEGMENT_DRIVE_BACKWARD : 0) | (flags & SEGMENT_DRIVE_BACKWARD ? SEGMENT_DRIVE_FORWARD : 0);
    if (s) s.flags |= f;
    else this.segments.set(key, { from: lo, to: Math.max(a, b), flags: f });
  }

  add(t: Tile, vt: VectorTile): void {
    const layer = vt.layers.transportation;
    if (!layer) return;
    const e = layer.extent;
    const scale = WORLD / 2 ** t.z / e;
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      if (f.type !== 2) continue; // pedestrian squares drawn as areas are not ways through
      const p = f.properties;
      let flags = accessOf(String(p.class ?? ''), String(p.subclass ?? ''));
      if (!flags) continue;
      const oneway = Number(p.oneway ?? 0);
      if (flags & SEGMENT_DRIVE_FORWARD && oneway === 1) flags &= ~SEGMENT_DRIVE_BACKWARD;
      if (flags & SEGMENT_DRIVE_FORWARD && oneway === -1) flags &= ~SEGMENT_DRIVE_FORWARD;
      for (const line of f.loadGeometry())
        for (let k = 1; k < line.length; k++) {
          const piece = clip(line[k - 1]!.x, line[k - 1]!.y, line[k]!.x, line[k]!.y, e);
          if (!piece) continue;
          const a = this.node((t.x * e + piece[0]) * scale, (t.y * e + piece[1]) * scale);
          const b = this.node((t.x * e + piece[2]) * scale, (t.y * e + piece[3]) * scale);
          this.segment(a, b, flags);
        }
    }
  }

  finish(): RoadGraphData {
    const n = this.x.length;
    const lat = new Int32Array(n);
    const lon = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      lon[i] = Math.round(((this.x[i]! / WORLD) * 360 - 180) * 1e6);
      lat[i] = Math.round(((Math.atan(Math.sinh(Math.PI * (1 - (2 * this.y[i]!) / WORLD))) * 180) / Math.PI) * 1e6);
    }
    const segs = [...this.segments.values()];
    const at = (i: number) => ({ lat: lat[i]! / 1e6, lon: lon[i]! / 1e6 });
    return {
      lat,
      lon,
      from: Uint32Array.from(segs, (s) => s.from),
      to: Uint32Array.from(segs, (s) => s.to),
      length: Float32Array.from(segs, (s) => distanceMetres(at(s.from), at(s.to))),
      flags: Uint8Array.from(segs, (s) => s.flags),
    };
  }
}

/** The part of a segment inside the tile's own square (Liang–Barsky), or null when none is. */
function clip(x0: number, y0: number, x1: number, y1: number, e: number): [number, number, number, number] | null {
  let t0 = 0;
  let t1 = 1;
  const dx = x1 - x0;
  const dy = y1 - y0;
  for (const [p, q] of [[-dx, x0], [dx, e - x0], [-dy, y0], [dy, e - y0]] as const) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) {
        if (r > t1) return null;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return null;
        if (r < t1) t1 = r;
      }
    }
  }
  if (t0 >= t1) return null;
  return [x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy];
}

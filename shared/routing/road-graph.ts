import type { LatLon } from '../domain/incidents.js';
import type { TravelMode } from '../domain/units.js';
import { MinHeap } from './min-heap.js';

/**
 * The road network as the importer stores it: junctions and bends (`nodes`) joined by straight
 * pieces of road (`segments`), each saying who may use it and which way.
 */
export interface RoadGraphData {
  /** Microdegrees, so the file is small and the same on every machine. */
  lat: Int32Array;
  lon: Int32Array;
  from: Uint32Array;
  to: Uint32Array;
  /** Metres. */
  length: Float32Array;
  /** `SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD | SEGMENT_DRIVE_BACKWARD`. */
  flags: Uint8Array;
}

/** Walkable either way: a pedestrian is not bound by one-way signs. */
export const SEGMENT_FOOT = 1;
/** Drivable from `from` to `to`. */
export const SEGMENT_DRIVE_FORWARD = 2;
/** Drivable from `to` to `from`. */
export const SEGMENT_DRIVE_BACKWARD = 4;

/** How far an officer may be from the nearest road and still be routed along roads. */
const SNAP_LIMIT_M = 300;
/** About 110 m × 70 m at Peterborough's latitude. */
const CELL_DEG = 0.001;
const M_PER_DEG = 111_195;

/** A road travel distance: along roads, plus the bits from each end to the nearest road. */
export interface RoadDistance {
  metres: number;
  /** The node the officer joins the road network at. */
  node: number;
}

/** The road network as ranking sees it; absent where no street map is imported. */
export interface RoadNetwork {
  /**
   * Metres by road from each of `origins` to `to` for a unit travelling by `mode`, or null where
   * no route is found within `maxM` (the search stops there, so it stays cheap).
   */
  distancesTo(to: LatLon, origins: readonly LatLon[], mode: TravelMode, maxM: number): (number | null)[];
  /** The way from `from` to `to` as [lon, lat] points (GeoJSON order), or null when there is none. */
  route(from: LatLon, to: LatLon, mode: TravelMode, maxM: number): { line: [number, number][]; metres: number } | null;
}

/** Neighbours of each node in compressed rows: the ones that can reach it, for searches run backwards from the incident. */
interface Incoming {
  start: Uint32Array;
  node: Uint32Array;
  length: Float32Array;
}

/** Nodes bucketed by grid cell, for finding the nearest road to a point. */
interface NodeGrid {
  cells: Map<number, Uint32Array>;
}

const cellKey = (cx: number, cy: number) => cx * 1_000_003 + cy;

/**
 * Shortest road distances over an imported road network, searched backwards from the incident so
 * one search answers for every officer of one travel mode. Searches are bounded by distance and
 * reuse their buffers: ranking runs them for every recommendation.
 */
export class RoadGraph implements RoadNetwork {
  readonly nodeCount: number;
  readonly segmentCount: number;
  private readonly incoming: Record<TravelMode, Incoming>;
  private readonly grids: Record<TravelMode, NodeGrid>;
  private readonly latDeg: Float64Array;
  private readonly lonDeg: Float64Array;
  private readonly dist: Float64Array;
  private readonly parent: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private epoch = 0;
  private readonly heap = new MinHeap();

  constructor(data: RoadGraphData) {
    const n = data.lat.length;
    this.nodeCount = n;
    this.segmentCount = data.from.length;
    this.latDeg = Float64Array.from(data.lat, (v) => v / 1e6);
    this.lonDeg = Float64Array.from(data.lon, (v) => v / 1e6);
    this.incoming = { foot: buildIncoming(data, n, 'foot'), vehicle: buildIncoming(data, n, 'vehicle') };
    this.grids = { foot: this.buildGrid(this.incoming.foot, data, 'foot'), vehicle: this.buildGrid(this.incoming.vehicle, data, 'vehicle') };
    this.dist = new Float64Array(n);
    this.parent = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.done = new Uint32Array(n);
  }

  /** Only nodes a unit of this mode can leave by or arrive at are places to join the network. */
  private buildGrid(inc: Incoming, data: RoadGraphData, mode: TravelMode): NodeGrid {
    const usable = new Uint8Array(this.nodeCount);
    for (let v = 0; v < this.nodeCount; v++) if (inc.start[v + 1]! > inc.start[v]!) usable[v] = 1;
    // A node only left (the start of a one-way street) is usable too.
    const drive = SEGMENT_DRIVE_FORWARD | SEGMENT_DRIVE_BACKWARD;
    for (let s = 0; s < data.from.length; s++) {
      const f = data.flags[s]!;
      if (mode === 'foot' ? f & SEGMENT_FOOT : f & drive) {
        usable[data.from[s]!] = 1;
        usable[data.to[s]!] = 1;
      }
    }
    const lists = new Map<number, number[]>();
    for (let v = 0; v < this.nodeCount; v++) {
      if (!usable[v]) continue;
      const k = cellKey(Math.floor(this.lonDeg[v]! / CELL_DEG), Math.floor(this.latDeg[v]! / CELL_DEG));
      const l = lists.get(k);
      if (l) l.push(v);
      else lists.set(k, [v]);
    }
    const cells = new Map<number, Uint32Array>();
    for (const [k, l] of lists) cells.set(k, Uint32Array.from(l));
    return { cells };
  }

  /** The nearest node a unit of this mode can use, and how far it is, or null beyond SNAP_LIMIT_M. */
  nearest(p: LatLon, mode: TravelMode): RoadDistance | null {
    const grid = this.grids[mode];
    const kx = M_PER_DEG * Math.cos((p.lat * Math.PI) / 180);
    const cx = Math.floor(p.lon / CELL_DEG);
    const cy = Math.floor(p.lat / CELL_DEG);
    const cellM = CELL_DEG * Math.min(kx, M_PER_DEG);
    let best = -1;
    let bestD2 = Infinity;
    const maxRing = Math.ceil(SNAP_LIMIT_M / cellM) + 1;
    for (let r = 0; r <= maxRing; r++) {
      // Every point in ring r is at least (r - 1) cells away: nothing further out can be nearer.
      const ringMin = Math.max(0, r - 1) * cellM;
      if (best >= 0 && ringMin * ringMin > bestD2) break;
      for (let dx = -r; dx <= r; dx++)
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          const nodes = grid.cells.get(cellKey(cx + dx, cy + dy));
          if (!nodes) continue;
          for (let i = 0; i < nodes.length; i++) {
            const v = nodes[i]!;
            const ex = (this.lonDeg[v]! - p.lon) * kx;
            const ey = (this.latDeg[v]! - p.lat) * M_PER_DEG;
            const d2 = ex * ex + ey * ey;
            if (d2 < bestD2) {
              bestD2 = d2;
              best = v;
            }
          }
        }
    }
    const metres = Math.sqrt(bestD2);
    return best >= 0 && metres <= SNAP_LIMIT_M ? { node: best, metres } : null;
  }

  /**
   * Runs the search backwards from `target` until every node in `wanted` is settled or the next
   * node is further than `maxM`. Leaves `dist`, `parent` and `done` for the caller to read.
   */
  private search(target: number, startM: number, mode: TravelMode, wanted: Set<number>, maxM: number): void {
    const inc = this.incoming[mode];
    const epoch = ++this.epoch;
    const heap = this.heap;
    heap.clear();
    this.stamp[target] = epoch;
    this.dist[target] = startM;
    this.parent[target] = -1;
    heap.push(startM, target);
    let left = wanted.size;
    while (heap.size > 0 && left > 0) {
      const d = heap.peekKey();
      const v = heap.pop();
      if (this.done[v] === epoch) continue;
      if (d > maxM) break;
      this.done[v] = epoch;
      if (wanted.has(v)) left--;
      for (let i = inc.start[v]!, end = inc.start[v + 1]!; i < end; i++) {
        const u = inc.node[i]!;
        const du = d + inc.length[i]!;
        if (this.stamp[u] !== epoch || du < this.dist[u]!) {
          this.stamp[u] = epoch;
          this.dist[u] = du;
          this.parent[u] = v;
          heap.push(du, u);
        }
      }
    }
  }

  distancesTo(to: LatLon, origins: readonly LatLon[], mode: TravelMode, maxM: number): (number | null)[] {
    const end = this.nearest(to, mode);
    if (!end) return origins.map(() => null);
    const starts = origins.map((o) => this.nearest(o, mode));
    const wanted = new Set<number>();
    for (const s of starts) if (s) wanted.add(s.node);
    this.search(end.node, end.metres, mode, wanted, maxM);
    const epoch = this.epoch;
    return starts.map((s) => (s && this.done[s.node] === epoch ? this.dist[s.node]! + s.metres : null));
  }

  route(from: LatLon, to: LatLon, mode: TravelMode, maxM: number): { line: [number, number][]; metres: number } | null {
    const start = this.nearest(from, mode);
    const end = this.nearest(to, mode);
    if (!start || !end) return null;
    this.search(end.node, end.metres, mode, new Set([start.node]), maxM);
    if (this.done[start.node] !== this.epoch) return null;
    const line: [number, number][] = [[from.lon, from.lat]];
    // Parents point towards the incident, since the search ran backwards from it.
    for (let v = start.node; v !== -1; v = this.parent[v]!) line.push([this.lonDeg[v]!, this.latDeg[v]!]);
    line.push([to.lon, to.lat]);
    return { line, metres: this.dist[start.node]! + start.metres };
  }
}

function buildIncoming(data: RoadGraphData, n: number, mode: TravelMode): Incoming {
  const count = new Uint32Array(n + 1);
  const each = (fn: (from: number, to: number, length: number) => void) => {
    for (let s = 0; s < data.from.length; s++) {
      const f = data.flags[s]!;
      const a = data.from[s]!;
      const b = data.to[s]!;
      const len = data.length[s]!;
      if (mode === 'foot') {
        if (f & SEGMENT_FOOT) {
          fn(a, b, len);
          fn(b, a, len);
        }
      } else {
        if (f & SEGMENT_DRIVE_FORWARD) fn(a, b, len);
        if (f & SEGMENT_DRIVE_BACKWARD) fn(b, a, len);
      }
    }
  };
  each((_, b) => count[b + 1]!++);
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  const start = count.slice();
  const fill = count.slice(0, n);
  const node = new Uint32Array(start[n]!);
  const length = new Float32Array(start[n]!);
  each((a, b, len) => {
    const i = fill[b]!++;
    node[i] = a;
    length[i] = len;
  });
  return { start, node, length };
}

const MAGIC = 0x31475242; // "BRG1", little-endian

/** The road network as bytes, for the map package: a header, then each array in turn. */
export function encodeRoadGraph(d: RoadGraphData): Uint8Array {
  const n = d.lat.length;
  const s = d.from.length;
  const bytes = new Uint8Array(12 + n * 8 + s * 12 + s);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, n, true);
  view.setUint32(8, s, true);
  let at = 12;
  for (const a of [d.lat, d.lon, d.from, d.to, d.length, d.flags]) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return bytes;
}

/** Reads what `encodeRoadGraph` wrote; throws on anything else. */
export function decodeRoadGraph(bytes: Uint8Array): RoadGraphData {
  // A copy, so every array starts on a 4-byte boundary whatever buffer the bytes came in.
  const buf = bytes.slice().buffer;
  const view = new DataView(buf);
  if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not a road network');
  const n = view.getUint32(4, true);
  const s = view.getUint32(8, true);
  if (bytes.byteLength !== 12 + n * 8 + s * 13) throw new Error('road network is truncated');
  let at = 12;
  const take = <T>(make: (b: ArrayBuffer, o: number, len: number) => T, count: number, size: number): T => {
    const a = make(buf, at, count);
    at += count * size;
    return a;
  };
  const data: RoadGraphData = {
    lat: take((b, o, l) => new Int32Array(b, o, l), n, 4),
    lon: take((b, o, l) => new Int32Array(b, o, l), n, 4),
    from: take((b, o, l) => new Uint32Array(b, o, l), s, 4),
    to: take((b, o, l) => new Uint32Array(b, o, l), s, 4),
    length: take((b, o, l) => new Float32Array(b, o, l), s, 4),
    flags: take((b, o, l) => new Uint8Array(b, o, l), s, 1),
  };
  for (let i = 0; i < s; i++) if (data.from[i]! >= n || data.to[i]! >= n) throw new Error('road network names a node it does not hold');
  return data;
}

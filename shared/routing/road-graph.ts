import type { LatLon } from '../domain/incidents.js';
import type { TravelMode } from '../domain/units.js';
import { MinHeap } from './min-heap.js';
import { buildModeNetwork, type ModeNetwork, WAY_BACKWARD, WAY_FORWARD } from './mode-network.js';
import type { RoadGraphData } from './road-data.js';

/** How far an officer may be from the nearest road and still be routed along roads. */
const SNAP_LIMIT_M = 300;
/** About 110 m × 70 m at Peterborough's latitude. */
const CELL_DEG = 0.001;
/** Positions remembered per travel mode: a roster's worth several times over. */
const JOIN_MEMO_SIZE = 50_000;
const M_PER_DEG = 111_195;

/** The road network as ranking sees it; absent where no street map is imported. */
export interface RoadNetwork {
  /**
   * Metres by road from each of `origins` to `to` for a unit travelling by `mode`: Infinity where
   * no route is found within `maxM` (the search stops there, so it stays cheap), null where the
   * origin or the incident is too far from any road this mode can use. `reached`, if given, hears
   * each origin's distance as the search finds a way from it (a later way may be shorter) and
   * answers a new, lower bound when the caller has heard enough.
   */
  distancesTo(to: LatLon, origins: readonly LatLon[], mode: TravelMode, maxM: number, reached?: (origin: number, metres: number) => number): (number | null)[];
  /** The way from `from` to `to` as [lon, lat] points (GeoJSON order), or null when there is none. */
  route(from: LatLon, to: LatLon, mode: TravelMode, maxM: number): { line: [number, number][]; metres: number } | null;
}

/** Where a point joins one mode's network: on an edge, so far along it, so far off the road. */
interface Joining {
  node: number;
  edge: number;
  offset: number;
  /** Metres from the point to the road. */
  off: number;
}

const cellKey = (cx: number, cy: number) => cx * 1_000_003 + cy;

/**
 * Shortest road distances over an imported road network, searched backwards from the incident so
 * one search answers for every officer of one travel mode. Searches run junction to junction,
 * are bounded by distance and reuse their buffers: ranking runs them for every recommendation.
 */
export class RoadGraph implements RoadNetwork {
  readonly nodeCount: number;
  readonly segmentCount: number;
  private readonly nets: Record<TravelMode, ModeNetwork>;
  /** Joinable nodes bucketed by grid cell, for finding the nearest road to a point. */
  private readonly grids: Record<TravelMode, Map<number, Uint32Array>>;
  private readonly latDeg: Float64Array;
  private readonly lonDeg: Float64Array;
  private readonly dist: Float64Array;
  /** The edge each junction leaves by towards the incident, or -1 where the search began. */
  private readonly via: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly done: Uint32Array;
  private epoch = 0;
  /** Junctions settled by every search so far: what searching costs, whatever else the machine is doing. */
  settled = 0;
  private readonly heap = new MinHeap();

  constructor(data: RoadGraphData) {
    const n = data.lat.length;
    this.nodeCount = n;
    this.segmentCount = data.from.length;
    this.latDeg = Float64Array.from(data.lat, (v) => v / 1e6);
    this.lonDeg = Float64Array.from(data.lon, (v) => v / 1e6);
    this.nets = { foot: buildModeNetwork(data, 'foot'), vehicle: buildModeNetwork(data, 'vehicle') };
    this.grids = { foot: this.buildGrid(this.nets.foot), vehicle: this.buildGrid(this.nets.vehicle) };
    this.dist = new Float64Array(n);
    this.via = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.done = new Uint32Array(n);
  }

  private buildGrid(net: ModeNetwork): Map<number, Uint32Array> {
    const lists = new Map<number, number[]>();
    for (let v = 0; v < this.nodeCount; v++) {
      if (!net.joinable[v] || net.nodeEdge[v]! < 0) continue;
      const k = cellKey(Math.floor(this.lonDeg[v]! / CELL_DEG), Math.floor(this.latDeg[v]! / CELL_DEG));
      const l = lists.get(k);
      if (l) l.push(v);
      else lists.set(k, [v]);
    }
    const cells = new Map<number, Uint32Array>();
    for (const [k, l] of lists) cells.set(k, Uint32Array.from(l));
    return cells;
  }

  /** Where a unit of this mode at `p` joins the network: its nearest usable node, or null beyond SNAP_LIMIT_M. */
  /**
   * Where each position last asked about joins each network. A fix stays put until the next one,
   * and every recommendation made meanwhile asks again about the same officers: remembering saves
   * a nearest-road search each (about a third of a ranking's cost).
   */
  private readonly joined: Record<TravelMode, Map<string, Joining | null>> = { foot: new Map(), vehicle: new Map() };

  /** Forgets where positions join the roads, as if every officer had moved since. */
  forgetJoins(): void {
    this.joined.foot.clear();
    this.joined.vehicle.clear();
  }

  private join(p: LatLon, mode: TravelMode): Joining | null {
    const memo = this.joined[mode];
    const key = `${p.lat},${p.lon}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    // Bounded: a day of moving officers would otherwise keep every place they ever stood.
    if (memo.size >= JOIN_MEMO_SIZE) memo.clear();
    const j = this.nearestJoin(p, mode);
    memo.set(key, j);
    return j;
  }

  private nearestJoin(p: LatLon, mode: TravelMode): Joining | null {
    const grid = this.grids[mode];
    const kx = M_PER_DEG * Math.cos((p.lat * Math.PI) / 180);
    const cx = Math.floor(p.lon / CELL_DEG);
    const cy = Math.floor(p.lat / CELL_DEG);
    const cellM = CELL_DEG * Math.min(kx, M_PER_DEG);
    let best = -1;
    let bestD2 = Infinity;
    const maxRing = Math.ceil(SNAP_LIMIT_M / cellM) + 1;
    // How far the point is from its own cell's nearest side: ring r lies r - 1 cells beyond that.
    const fx = p.lon / CELL_DEG - cx;
    const fy = p.lat / CELL_DEG - cy;
    const inset = Math.min(fx, 1 - fx, fy, 1 - fy) * cellM;
    for (let r = 0; r <= maxRing; r++) {
      // Nothing in ring r or beyond is nearer than this: once the best is nearer, stop.
      const ringMin = r === 0 ? 0 : (r - 1) * cellM + inset;
      if (best >= 0 && ringMin * ringMin > bestD2) break;
      for (let dx = -r; dx <= r; dx++)
        for (let dy = -r; dy <= r; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== r) continue;
          const nodes = grid.get(cellKey(cx + dx, cy + dy));
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
    const off = Math.sqrt(bestD2);
    if (best < 0 || off > SNAP_LIMIT_M) return null;
    const net = this.nets[mode];
    return { node: best, edge: net.nodeEdge[best]!, offset: net.nodeOffset[best]!, off };
  }

  private isJunction(net: ModeNetwork, j: Joining): boolean {
    return net.edgeFrom[j.edge] === j.node || net.edgeTo[j.edge] === j.node;
  }

  /** The junctions an officer joining at `j` may leave by, with the metres to each. */
  private exits(net: ModeNetwork, j: Joining): [number, number][] {
    if (this.isJunction(net, j)) return [[j.node, 0]];
    const e = j.edge;
    const out: [number, number][] = [];
    if (net.edgeWay[e]! & WAY_FORWARD) out.push([net.edgeTo[e]!, net.edgeLength[e]! - j.offset]);
    if (net.edgeWay[e]! & WAY_BACKWARD) out.push([net.edgeFrom[e]!, j.offset]);
    return out;
  }

  /** The junctions from which the incident joining at `t` is reached, with the metres from each. */
  private entries(net: ModeNetwork, t: Joining): [number, number][] {
    if (this.isJunction(net, t)) return [[t.node, 0]];
    const e = t.edge;
    const out: [number, number][] = [];
    if (net.edgeWay[e]! & WAY_FORWARD) out.push([net.edgeFrom[e]!, t.offset]);
    if (net.edgeWay[e]! & WAY_BACKWARD) out.push([net.edgeTo[e]!, net.edgeLength[e]! - t.offset]);
    return out;
  }

  /**
   * Runs the search backwards from the incident until every junction in `wanted` is settled or
   * the next one is further than `maxM`. Leaves `dist`, `via` and `done` for the caller to read.
   */
  private search(net: ModeNetwork, t: Joining, wanted: ReadonlyMap<number, unknown>, maxM: number, settledWanted?: (v: number) => number): void {
    const epoch = ++this.epoch;
    const heap = this.heap;
    heap.clear();
    for (const [v, m] of this.entries(net, t)) {
      if (this.stamp[v] === epoch && this.dist[v]! <= m) continue;
      this.stamp[v] = epoch;
      this.dist[v] = m;
      this.via[v] = -1;
      heap.push(m, v);
    }
    let left = wanted.size;
    while (heap.size > 0 && left > 0) {
      const d = heap.peekKey();
      const v = heap.pop();
      if (this.done[v] === epoch) continue;
      if (d > maxM) break;
      this.done[v] = epoch;
      this.settled++;
      if (wanted.has(v)) {
        left--;
        if (settledWanted) maxM = Math.min(maxM, settledWanted(v));
      }
      for (let i = net.inStart[v]!, end = net.inStart[v + 1]!; i < end; i++) {
        const e = net.inEdge[i]!;
        const u = net.edgeFrom[e] === v ? net.edgeTo[e]! : net.edgeFrom[e]!;
        const du = d + net.edgeLength[e]!;
        if (this.stamp[u] !== epoch || du < this.dist[u]!) {
          this.stamp[u] = epoch;
          this.dist[u] = du;
          this.via[u] = e;
          heap.push(du, u);
        }
      }
    }
  }

  /** Metres along the one edge both lie on, where the way allows, else Infinity. */
  private alongOneEdge(net: ModeNetwork, o: Joining, t: Joining): number {
    if (o.edge !== t.edge || this.isJunction(net, o) || this.isJunction(net, t)) return Infinity;
    const way = net.edgeWay[o.edge]!;
    if (way & WAY_FORWARD && o.offset <= t.offset) return t.offset - o.offset;
    if (way & WAY_BACKWARD && o.offset >= t.offset) return o.offset - t.offset;
    return Infinity;
  }

  /** The best way in for an officer joining at `o`, once the search has run: metres and the junction left by. */
  private best(net: ModeNetwork, o: Joining, t: Joining): { metres: number; exit: number } | null {
    let metres = this.alongOneEdge(net, o, t);
    let exit = -1;
    for (const [v, m] of this.exits(net, o))
      if (this.done[v] === this.epoch && this.dist[v]! + m < metres) {
        metres = this.dist[v]! + m;
        exit = v;
      }
    return metres === Infinity ? null : { metres: metres + o.off + t.off, exit };
  }

  distancesTo(to: LatLon, origins: readonly LatLon[], mode: TravelMode, maxM: number, reached?: (origin: number, metres: number) => number): (number | null)[] {
    const net = this.nets[mode];
    const t = this.join(to, mode);
    if (!t) return origins.map(() => null);
    const joins = origins.map((o) => this.join(o, mode));
    /** Each junction an origin may leave by, with the origins and the metres from each to it. */
    const wanted = new Map<number, [number, number][]>();
    joins.forEach((j, i) => {
      if (j)
        for (const [v, m] of this.exits(net, j)) {
          const l = wanted.get(v);
          if (l) l.push([i, m + j.off + t.off]);
          else wanted.set(v, [[i, m + j.off + t.off]]);
        }
    });
    let bound = maxM;
    const settledWanted = reached
      ? (v: number) => {
          for (const [i, m] of wanted.get(v)!) bound = Math.min(bound, reached(i, this.dist[v]! + m));
          return bound;
        }
      : undefined;
    this.search(net, t, wanted, maxM, settledWanted);
    return joins.map((j) => (j ? (this.best(net, j, t)?.metres ?? Infinity) : null));
  }

  route(from: LatLon, to: LatLon, mode: TravelMode, maxM: number): { line: [number, number][]; metres: number } | null {
    const net = this.nets[mode];
    const o = this.join(from, mode);
    const t = this.join(to, mode);
    if (!o || !t) return null;
    this.search(net, t, new Map(this.exits(net, o)), maxM);
    const b = this.best(net, o, t);
    if (!b) return null;
    const nodes: number[] = [];
    const walk = (e: number, fromNode: number, toNode: number) => {
      const all = net.edgeNodes.subarray(net.edgeNodesStart[e]!, net.edgeNodesStart[e + 1]!);
      // The edge's end is looked for from the end: a loop starts and ends at the same junction.
      const i = fromNode === net.edgeTo[e] ? all.lastIndexOf(fromNode) : all.indexOf(fromNode);
      const k = toNode === net.edgeTo[e] ? all.lastIndexOf(toNode) : all.indexOf(toNode);
      const step = k >= i ? 1 : -1;
      for (let x = i; x !== k + step; x += step) if (nodes.at(-1) !== all[x]) nodes.push(all[x]!);
    };
    if (b.exit < 0) walk(o.edge, o.node, t.node);
    else {
      if (b.exit !== o.node) walk(o.edge, o.node, b.exit);
      else nodes.push(o.node);
      let v = b.exit;
      for (let e = this.via[v]!; e >= 0; e = this.via[v]!) {
        const next = net.edgeFrom[e] === v ? net.edgeTo[e]! : net.edgeFrom[e]!;
        walk(e, v, next);
        v = next;
      }
      if (v !== t.node) walk(t.edge, v, t.node);
    }
    const line: [number, number][] = [[from.lon, from.lat]];
    for (const v of nodes) line.push([this.lonDeg[v]!, this.latDeg[v]!]);
    line.push([to.lon, to.lat]);
    return { line, metres: b.metres };
  }
}


import type { TravelMode } from '../domain/units.js';
import { type RoadGraphData, SEGMENT_DRIVE_BACKWARD, SEGMENT_DRIVE_FORWARD, SEGMENT_FOOT } from './road-data.js';

/**
 * The network one travel mode can use, with the bends taken out: most nodes of a street are
 * bends with one way in and one way out, and a search that steps through each of them does
 * four times the work. Streets run junction to junction (`edge…`); each bend remembers its
 * street and how far along it lies, so an officer standing at a bend still joins the network
 * where they are.
 */
export interface ModeNetwork {
  edgeFrom: Uint32Array;
  edgeTo: Uint32Array;
  edgeLength: Float64Array;
  /** 1: from → to allowed; 2: to → from allowed. */
  edgeWay: Uint8Array;
  /** The nodes along each edge, from `edgeFrom` to `edgeTo`: `edgeNodes[edgeNodesStart[e] … edgeNodesStart[e + 1])`. */
  edgeNodesStart: Uint32Array;
  edgeNodes: Uint32Array;
  /** For each node: the edge it lies on (a junction: any edge it ends), or -1 where this mode cannot use it. */
  nodeEdge: Int32Array;
  /** Metres from the edge's `edgeFrom` to the node. */
  nodeOffset: Float64Array;
  /** Edges into each junction, for searches run backwards from the incident. */
  inStart: Uint32Array;
  inEdge: Uint32Array;
  /** Nodes of the largest connected piece: the only places a unit joins this network. */
  joinable: Uint8Array;
}

export const WAY_FORWARD = 1;
export const WAY_BACKWARD = 2;

/** The directions this mode may use a segment in, as WAY_* bits. */
function waysOf(flags: number, mode: TravelMode): number {
  if (mode === 'foot') return flags & SEGMENT_FOOT ? WAY_FORWARD | WAY_BACKWARD : 0;
  return (flags & SEGMENT_DRIVE_FORWARD ? WAY_FORWARD : 0) | (flags & SEGMENT_DRIVE_BACKWARD ? WAY_BACKWARD : 0);
}

export function buildModeNetwork(data: RoadGraphData, mode: TravelMode): ModeNetwork {
  const n = data.lat.length;
  const segs = data.from.length;
  const way = new Uint8Array(segs);
  for (let s = 0; s < segs; s++) way[s] = waysOf(data.flags[s]!, mode);

  // Segments at each node, either direction.
  const start = new Uint32Array(n + 1);
  for (let s = 0; s < segs; s++)
    if (way[s]) {
      start[data.from[s]! + 1]!++;
      start[data.to[s]! + 1]!++;
    }
  for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
  const fill = start.slice(0, n);
  const at = new Uint32Array(start[n]!);
  for (let s = 0; s < segs; s++)
    if (way[s]) {
      at[fill[data.from[s]!]!++] = s;
      at[fill[data.to[s]!]!++] = s;
    }
  const degree = (v: number) => start[v + 1]! - start[v]!;
  const other = (s: number, v: number) => (data.from[s] === v ? data.to[s]! : data.from[s]!);
  /** The ways a segment may be used, seen walking it from `v`. */
  const waysFrom = (s: number, v: number) => (data.from[s] === v ? way[s]! : ((way[s]! & 1) << 1) | ((way[s]! & 2) >> 1));
  /** Bends made junctions, so a ring of road with no junction on it is still searched. */
  const forced = new Uint8Array(n);
  // A bend: two segments, passable the same ways, so the street through it is one edge.
  const isBend = (v: number) => {
    if (degree(v) !== 2 || forced[v]) return false;
    const a = at[start[v]!]!;
    const b = at[start[v]! + 1]!;
    return a !== b && waysFrom(a, other(a, v)) === waysFrom(b, v);
  };

  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const edgeLength: number[] = [];
  const edgeWay: number[] = [];
  const edgeNodesStart: number[] = [0];
  const edgeNodes: number[] = [];
  const nodeEdge = new Int32Array(n).fill(-1);
  const nodeOffset = new Float64Array(n);
  const used = new Uint8Array(segs);
  const edgesFrom = (j: number) => {
    for (let i = start[j]!; i < start[j + 1]!; i++) {
      let s = at[i]!;
      if (used[s]) continue;
      const e = edgeFrom.length;
      const ways = waysFrom(s, j);
      let cur = other(s, j);
      let len = 0;
      nodeEdge[j] = e;
      nodeOffset[j] = 0;
      edgeNodes.push(j);
      for (;;) {
        used[s] = 1;
        len += data.length[s]!;
        edgeNodes.push(cur);
        if (!isBend(cur)) break;
        nodeEdge[cur] = e;
        nodeOffset[cur] = len;
        const a = at[start[cur]!]!;
        const next = a === s ? at[start[cur]! + 1]! : a;
        const prev = cur;
        s = next;
        cur = other(s, prev);
      }
      if (nodeEdge[cur] === -1) {
        nodeEdge[cur] = e;
        nodeOffset[cur] = len;
      }
      edgeFrom.push(j);
      edgeTo.push(cur);
      edgeLength.push(len);
      edgeWay.push(ways);
      edgeNodesStart.push(edgeNodes.length);
    }
  };
  for (let j = 0; j < n; j++) if (degree(j) > 0 && !isBend(j)) edgesFrom(j);
  for (let j = 0; j < n; j++)
    if (degree(j) > 0 && nodeEdge[j] === -1) {
      forced[j] = 1;
      edgesFrom(j);
    }
  // A junction lying on several edges is told by its offset which end it is.
  for (let e = 0; e < edgeFrom.length; e++) {
    nodeEdge[edgeFrom[e]!] = e;
    nodeOffset[edgeFrom[e]!] = 0;
  }

  const m = edgeFrom.length;
  const inStart = new Uint32Array(n + 1);
  const into = (fn: (e: number, to: number) => void) => {
    for (let e = 0; e < m; e++) {
      if (edgeFrom[e] === edgeTo[e]) continue; // a loop back to where it started is no short cut
      if (edgeWay[e]! & WAY_FORWARD) fn(e, edgeTo[e]!);
      if (edgeWay[e]! & WAY_BACKWARD) fn(e, edgeFrom[e]!);
    }
  };
  into((_, v) => inStart[v + 1]!++);
  for (let v = 0; v < n; v++) inStart[v + 1]! += inStart[v]!;
  const inFill = inStart.slice(0, n);
  const inEdge = new Uint32Array(inStart[n]!);
  into((e, v) => (inEdge[inFill[v]!++] = e));

  return {
    edgeFrom: Uint32Array.from(edgeFrom),
    edgeTo: Uint32Array.from(edgeTo),
    edgeLength: Float64Array.from(edgeLength),
    edgeWay: Uint8Array.from(edgeWay),
    edgeNodesStart: Uint32Array.from(edgeNodesStart),
    edgeNodes: Uint32Array.from(edgeNodes),
    nodeEdge,
    nodeOffset,
    inStart,
    inEdge,
    joinable: largestPiece(data, way, n),
  };
}

/**
 * Units join the network only where it is one whole, every junction reachable from every other:
 * a car park's aisles, a farm track cut off at the edge of the data or a one-way street leading
 * out of it would otherwise leave an officer with no route, and make every search for them run
 * to its bound. The largest strongly connected piece, found with Kosaraju's two passes.
 */
function largestPiece(data: RoadGraphData, way: Uint8Array, n: number): Uint8Array {
  const csr = (forward: boolean) => {
    const start = new Uint32Array(n + 1);
    const each = (fn: (a: number, b: number) => void) => {
      for (let s = 0; s < way.length; s++) {
        const a = data.from[s]!;
        const b = data.to[s]!;
        // Forward along the way it may be driven; the reversed network for Kosaraju's second pass.
        const along = forward ? WAY_FORWARD : WAY_BACKWARD;
        const against = forward ? WAY_BACKWARD : WAY_FORWARD;
        if (way[s]! & along) fn(a, b);
        if (way[s]! & against) fn(b, a);
      }
    };
    each((a) => start[a + 1]!++);
    for (let v = 0; v < n; v++) start[v + 1]! += start[v]!;
    const fill = start.slice(0, n);
    const to = new Uint32Array(start[n]!);
    each((a, b) => (to[fill[a]!++] = b));
    return { start, to };
  };
  const out = csr(true);
  const back = csr(false);
  // First pass: nodes in order of finishing, by an explicit stack (streets are long chains).
  const order = new Uint32Array(n);
  let finished = 0;
  const seen = new Uint8Array(n);
  const stack = new Uint32Array(n);
  const next = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    if (seen[r] || out.start[r + 1] === out.start[r]) continue;
    let top = 0;
    stack[0] = r;
    seen[r] = 1;
    next[r] = out.start[r]!;
    while (top >= 0) {
      const v = stack[top]!;
      if (next[v]! < out.start[v + 1]!) {
        const w = out.to[next[v]!++]!;
        if (!seen[w]) {
          seen[w] = 1;
          next[w] = out.start[w]!;
          stack[++top] = w;
        }
      } else {
        order[finished++] = v;
        top--;
      }
    }
  }
  // Second pass, on the reversed network in reverse finishing order: each sweep is one piece.
  const piece = new Int32Array(n).fill(-1);
  let best = -1;
  let bestSize = 0;
  for (let i = finished - 1; i >= 0; i--) {
    const r = order[i]!;
    if (piece[r] !== -1) continue;
    let size = 0;
    let top = 0;
    stack[0] = r;
    piece[r] = r;
    while (top >= 0) {
      const v = stack[top--]!;
      size++;
      for (let k = back.start[v]!; k < back.start[v + 1]!; k++) {
        const w = back.to[k]!;
        if (piece[w] === -1) {
          piece[w] = r;
          stack[++top] = w;
        }
      }
    }
    if (size > bestSize) {
      bestSize = size;
      best = r;
    }
  }
  const keep = new Uint8Array(n);
  for (let v = 0; v < n; v++) if (best >= 0 && piece[v] === best) keep[v] = 1;
  return keep;
}

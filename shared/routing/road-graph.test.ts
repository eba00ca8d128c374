import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../geo/geometry.js';
import { decodeRoadGraph, encodeRoadGraph, type RoadGraphData, SEGMENT_DRIVE_BACKWARD, SEGMENT_DRIVE_FORWARD, SEGMENT_FOOT } from './road-data.js';
import { RoadGraph } from './road-graph.js';

const BOTH = SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD | SEGMENT_DRIVE_BACKWARD;
/** A point on a small grid whose squares are 0.001° (about 68 m east–west, 111 m north–south). */
const at = (x: number, y: number) => ({ lat: 52.57 + y * 0.001, lon: -0.24 + x * 0.001 });

function graph(points: { lat: number; lon: number }[], segments: [number, number, number][]): RoadGraphData {
  return {
    lat: Int32Array.from(points, (p) => Math.round(p.lat * 1e6)),
    lon: Int32Array.from(points, (p) => Math.round(p.lon * 1e6)),
    from: Uint32Array.from(segments, (s) => s[0]),
    to: Uint32Array.from(segments, (s) => s[1]),
    length: Float32Array.from(segments, (s) => distanceMetres(points[s[0]]!, points[s[1]]!)),
    flags: Uint8Array.from(segments, (s) => s[2]),
  };
}

// A block: A(0,0) → B(0,1) is one way northwards for vehicles; the other three sides are two-way.
const A = at(0, 0), B = at(0, 1), C = at(1, 1), D = at(1, 0);
const side = { ab: distanceMetres(A, B), bc: distanceMetres(B, C), cd: distanceMetres(C, D), da: distanceMetres(D, A) };
const block = () =>
  new RoadGraph(
    graph([A, B, C, D], [
      [0, 1, SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD],
      [1, 2, BOTH],
      [2, 3, BOTH],
      [3, 0, BOTH],
    ]),
  );

describe('road graph search', () => {
  it('drives a one-way street the right way round directly', () => {
    const [m] = block().distancesTo(B, [A], 'vehicle', 10_000);
    expect(m).toBeCloseTo(side.ab, 0);
  });

  it('drives round the block rather than against a one-way street', () => {
    const [m] = block().distancesTo(A, [B], 'vehicle', 10_000);
    expect(m).toBeCloseTo(side.bc + side.cd + side.da, 0);
  });

  it('walks a one-way street either way', () => {
    const [m] = block().distancesTo(A, [B], 'foot', 10_000);
    expect(m).toBeCloseTo(side.ab, 0);
  });

  it('answers for several officers in one search, each by its own way', () => {
    const [fromB, fromC, fromD] = block().distancesTo(A, [B, C, D], 'vehicle', 10_000);
    expect(fromD).toBeCloseTo(side.da, 0);
    expect(fromC).toBeCloseTo(side.cd + side.da, 0);
    expect(fromB).toBeCloseTo(side.bc + side.cd + side.da, 0);
  });

  it('adds the walk from an officer off the road to the nearest road', () => {
    const beside = { lat: B.lat, lon: B.lon - 0.0002 }; // about 14 m west of B
    const [m] = block().distancesTo(B, [beside], 'foot', 10_000);
    expect(m).toBeCloseTo(distanceMetres(beside, B), 0);
  });

  it('gives up beyond its bound, so a search stays cheap', () => {
    expect(block().distancesTo(A, [B], 'vehicle', side.ab * 2)).toEqual([Infinity]);
    expect(block().distancesTo(A, [B], 'foot', side.ab * 2)[0]).not.toBeNull();
  });

  it('keeps vehicles off footpaths and walkers off motorways', () => {
    // 0 —path— 1 —motorway— 2, and a two-way street 0 — 3 — 2 the long way round.
    const P = [at(0, 0), at(1, 0), at(2, 0), at(1, 2)];
    const g = new RoadGraph(
      graph(P, [
        [0, 1, SEGMENT_FOOT],
        [1, 2, SEGMENT_DRIVE_FORWARD | SEGMENT_DRIVE_BACKWARD],
        [0, 3, BOTH],
        [3, 2, BOTH],
      ]),
    );
    const around = distanceMetres(P[0]!, P[3]!) + distanceMetres(P[3]!, P[2]!);
    // On foot from 0 to 1 along the path; a vehicle there joins the network at 2 or 3 instead.
    expect(g.distancesTo(P[1]!, [P[0]!], 'foot', 10_000)[0]).toBeCloseTo(distanceMetres(P[0]!, P[1]!), 0);
    // By vehicle from 0 to 2 the path is not a short cut; on foot the motorway is not one either.
    expect(g.distancesTo(P[2]!, [P[0]!], 'vehicle', 10_000)[0]).toBeCloseTo(around, 0);
    expect(g.distancesTo(P[2]!, [P[0]!], 'foot', 10_000)[0]).toBeCloseTo(around, 0);
  });

  it('joins officers only where every junction can be reached: not at the end of a one-way street out', () => {
    // The block, and a one-way street from A southwards that leads nowhere (the data ends there).
    const E = at(0, -2);
    const g = new RoadGraph(
      graph([A, B, C, D, E], [
        [0, 1, SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD],
        [1, 2, BOTH],
        [2, 3, BOTH],
        [3, 0, BOTH],
        [0, 4, SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD],
      ]),
    );
    // A car at its end joins the block at A, the nearest junction it can leave by, instead of
    // being stuck at a node from which the search would never reach it.
    expect(g.distancesTo(B, [E], 'vehicle', 10_000)[0]).toBeCloseTo(distanceMetres(E, A) + side.ab, 0);
    // On foot the street goes both ways.
    expect(g.distancesTo(B, [E], 'foot', 10_000)[0]).toBeCloseTo(distanceMetres(E, A) + side.ab, 0);
  });

  it('does not route an officer far from every road', () => {
    expect(block().distancesTo(A, [at(0, 10)], 'foot', 100_000)).toEqual([null]);
    expect(block().route(at(0, 10), A, 'foot', 100_000)).toBeNull();
  });

  it('draws the route from the officer through the junctions to the incident', () => {
    const officer = { lat: B.lat + 0.0001, lon: B.lon };
    const r = block().route(officer, A, 'vehicle', 10_000)!;
    expect(r.line[0]).toEqual([officer.lon, officer.lat]);
    expect(r.line.slice(1, -1)).toEqual([B, C, D, A].map((p) => [p.lon, p.lat]));
    expect(r.line.at(-1)).toEqual([A.lon, A.lat]);
    expect(r.metres).toBeCloseTo(distanceMetres(officer, B) + side.bc + side.cd + side.da, 0);
  });

  it('finds the way between two points along one street, bends and all, the right way round', () => {
    // A one-way street bending through P1–P3, from P0 to P4; back from P4 to P0 by P5, two-way.
    const P = [at(0, 0), at(1, 0.2), at(2, 0), at(3, 0.2), at(4, 0), at(2, -2)];
    const g = new RoadGraph(
      graph(P, [
        [0, 1, SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD],
        [1, 2, SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD],
        [2, 3, SEGMENT_FOOT | SEGMENT_DRIVE_FORWARD],
        [4, 3, SEGMENT_FOOT | SEGMENT_DRIVE_BACKWARD],
        [4, 5, BOTH],
        [5, 0, BOTH],
      ]),
    );
    const d = (a: number, b: number) => distanceMetres(P[a]!, P[b]!);
    expect(g.distancesTo(P[3]!, [P[1]!], 'vehicle', 10_000)[0]).toBeCloseTo(d(1, 2) + d(2, 3), 0);
    expect(g.distancesTo(P[1]!, [P[3]!], 'vehicle', 10_000)[0]).toBeCloseTo(d(3, 4) + d(4, 5) + d(5, 0) + d(0, 1), 0);
    expect(g.distancesTo(P[1]!, [P[3]!], 'foot', 10_000)[0]).toBeCloseTo(d(1, 2) + d(2, 3), 0);
    expect(g.route(P[3]!, P[1]!, 'vehicle', 10_000)!.line.slice(1, -1)).toEqual([3, 4, 5, 0, 1].map((i) => [P[i]!.lon, P[i]!.lat]));
    expect(g.route(P[1]!, P[3]!, 'vehicle', 10_000)!.line.slice(1, -1)).toEqual([1, 2, 3].map((i) => [P[i]!.lon, P[i]!.lat]));
  });

  it('reads back what it wrote and refuses anything else', () => {
    const data = graph([A, B, C], [[0, 1, BOTH], [1, 2, SEGMENT_FOOT]]);
    const back = decodeRoadGraph(encodeRoadGraph(data));
    expect([...back.lat]).toEqual([...data.lat]);
    expect([...back.to]).toEqual([...data.to]);
    expect([...back.flags]).toEqual([...data.flags]);
    expect(() => decodeRoadGraph(encodeRoadGraph(data).slice(0, 20))).toThrow(/truncated/);
    expect(() => decodeRoadGraph(new Uint8Array(40))).toThrow(/not a road network/);
    const bad = graph([A, B], [[0, 1, BOTH]]);
    bad.to[0] = 5;
    expect(() => decodeRoadGraph(encodeRoadGraph(bad))).toThrow(/node/);
  });
});

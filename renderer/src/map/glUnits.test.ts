import type { Map as MaplibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { unit } from '../testing/fixtures.js';
import { GlUnitsLayer } from './glUnits.js';
import type { UnitAtlas } from './unitIcons.js';

const NOW = 1_000_000;
const names: string[] = [];
const atlas: UnitAtlas = {
  image: {} as ImageData,
  columns: 8,
  rows: 8,
  cellPx: 60,
  cell: (name) => (names.includes(name) ? names.indexOf(name) : names.push(name) - 1),
};

/** A map 1000 × 1000 px over a small square of Peterborough, without rotation. */
function fakeMap(zoom: number) {
  const w = -0.25, n = 52.58, e = -0.23, s = 52.56;
  return {
    getZoom: () => zoom,
    getBearing: () => 0,
    getCanvas: () => ({ clientWidth: 1000 }),
    triggerRepaint: () => {},
    project: ([lon, lat]: [number, number]) => ({ x: ((lon - w) / (e - w)) * 1000, y: ((n - lat) / (n - s)) * 1000 }),
    unproject: ([x, y]: [number, number]) => ({ lng: w + (x / 1000) * (e - w), lat: n - (y / 1000) * (n - s) }),
    getBounds: () => ({ getWest: () => w, getEast: () => e, getNorth: () => n, getSouth: () => s, contains: ([lon, lat]: [number, number]) => lon >= w && lon <= e && lat >= s && lat <= n }),
  } as unknown as MaplibreMap;
}

/** WebGL 2 that does nothing but remember what was drawn and uploaded; `maxPointPx` 0 has no point sprites. */
function fakeGl(maxPointPx = 1024) {
  const draws: { count: number; size: number; wedge: number; dot: number; points?: true }[] = [];
  const uploads: Float32Array[] = [];
  const uniforms = new Map<unknown, number>();
  const gl = new Proxy(
    {},
    {
      has: () => true,
      get(_, prop) {
        if (prop === 'drawingBufferWidth' || prop === 'drawingBufferHeight') return 1000;
        if (prop === 'ALIASED_POINT_SIZE_RANGE') return 'ALIASED_POINT_SIZE_RANGE';
        if (prop === 'getParameter') return (p: unknown) => (p === 'ALIASED_POINT_SIZE_RANGE' ? new Float32Array([1, maxPointPx]) : 1);
        if (prop === 'drawArrays') return (_m: unknown, _f: number, count: number) => draws.push({ count, size: uniforms.get('u_size')!, wedge: 0, dot: 1, points: true });
        if (prop === 'getUniformLocation') return (_p: unknown, name: string) => name;
        if (prop === 'uniform1f') return (name: string, v: number) => uniforms.set(name, v);
        if (prop === 'bufferData') return (_t: unknown, data: unknown) => data instanceof Float32Array && data.length % 6 === 0 && uploads.push(data);
        if (prop === 'drawArraysInstanced')
          return (_m: unknown, _f: number, _n: number, count: number) => draws.push({ count, size: uniforms.get('u_size')!, wedge: uniforms.get('u_wedge')!, dot: uniforms.get('u_useDot')! });
        return () => 1;
      },
    },
  ) as WebGL2RenderingContext;
  return { gl, draws, uploads };
}

const frame = { defaultProjectionData: { mainMatrix: new Float64Array(16) } } as never;

function drawn(zoom: number, selected: string | null = null, maxPointPx?: number) {
  const map = fakeMap(zoom);
  const { gl, draws, uploads } = fakeGl(maxPointPx);
  const layer = new GlUnitsLayer('units-gpu', atlas);
  layer.onAdd(map, gl);
  layer.setUnits(
    {
      stale: unit('stale', { fix: { ts: NOW - 600_000, lat: 52.57, lon: -0.24, hdg: 45 } }),
      live: unit('live', { agency: 'pcso', fix: { ts: NOW - 1_000, lat: 52.57, lon: -0.24, hdg: 90 } }),
      alarm: unit('alarm', { emergency: { active: true, ts: NOW }, fix: { ts: NOW - 1_000, lat: 52.57, lon: -0.24 } }),
      away: unit('away', { fix: { ts: NOW - 1_000, lat: 52.5601, lon: -0.2499 } }),
      nowhere: unit('nowhere', { fix: null }),
    },
    NOW,
    120,
    selected,
  );
  layer.render(gl, frame);
  return { layer, draws, uploads };
}

describe('the WebGL units layer', () => {
  it('draws stale units first and emergencies last, so alarms are on top', () => {
    const { layer } = drawn(12);
    expect(layer.lastFrame.units.map((u) => u.id)).toEqual(['stale', 'live', 'away', 'alarm']);
    // Three units on one spot: a click there takes the one drawn on top.
    expect(layer.unitAt({ x: 500, y: 500 })?.id).toBe('alarm');
    expect(layer.unitAt({ x: 520, y: 500 })?.id).toBeUndefined();
    expect(layer.unitAt({ x: 5, y: 995 })?.id).toBe('away');
  });

  it('draws dots below street zoom and agency icons with heading wedges from it', () => {
    const city = drawn(12).draws;
    expect(city.map((d) => [d.count, d.dot, d.wedge, !!d.points])).toEqual([
      [1, 0, 0, false], // the emergency's glow
      [4, 1, 0, true], // dots as point sprites, each just the dot's size: 2 × 6 px + 3
    ]);
    expect(city[1]!.size).toBe(15);
    // Where WebGL's point sprites are too small for a dot, quads with the dot in the middle 80 %.
    const quads = drawn(12, null, 8).draws;
    expect(quads.map((d) => [d.count, d.dot, !!d.points])).toEqual([
      [1, 0, false],
      [4, 1, false],
    ]);
    expect(quads[1]!.size).toBeCloseTo(15 / 0.8);
    const street = drawn(15).draws;
    expect(street.map((d) => [d.count, d.dot, d.wedge])).toEqual([
      [1, 0, 0],
      [4, 0, 1],
      [4, 0, 0],
    ]);
    // Full-size icons at zoom 15: 30 px.
    expect(street[2]!.size).toBe(30);
  });

  it('gives no heading to stale units, fades them, and rings the selected unit', () => {
    const { uploads, draws } = drawn(15, 'away');
    const [units, halos] = uploads.slice(-2); // after the quad's corners
    const row = (i: number) => [...units!.subarray(i * 6, i * 6 + 6)];
    expect(row(0)[4]).toBe(-1); // stale: no wedge
    expect(row(0)[5]).toBeCloseTo(0.55);
    expect(row(1)[4]).toBe(90);
    expect(row(3)[4]).toBe(-1); // no heading sent
    expect(halos!.length / 6).toBe(2);
    expect(draws[0]!.count).toBe(2);
  });

  it('sends the GPU only the units in view, and those just off the edge whose icons reach into it', () => {
    const map = fakeMap(15);
    const { gl, draws, uploads } = fakeGl();
    const layer = new GlUnitsLayer('units-gpu', atlas);
    layer.onAdd(map, gl);
    const at = (lat: number, lon: number) => ({ fix: { ts: NOW - 1_000, lat, lon } });
    layer.setUnits({ in: unit('in', at(52.57, -0.24)), edge: unit('edge', at(52.57, -0.2505)), far: unit('far', at(52.57, -0.26)) }, NOW, 120, null);
    layer.render(gl, frame);
    expect(draws.map((d) => d.count)).toEqual([2, 2]); // wedges, then icons
    expect(uploads.at(-2)!.length / 6).toBe(2);
    // A click still finds any unit drawn, and the last frame lists every unit for it.
    expect(layer.lastFrame.units.map((u) => u.id).sort()).toEqual(['edge', 'far', 'in']);
  });

  it('says which units the last frame drew in view', () => {
    const { layer } = drawn(12);
    expect(layer.inView().map((u) => u.id).sort()).toEqual(['alarm', 'away', 'live', 'stale']);
  });
});

import { destination, type FeatureCollection, pointInPolygon, type PolygonGeometry } from '../geo/geometry.js';

type SceneKind = 'inner-cordon' | 'outer-cordon' | 'rvp' | 'marshalling' | 'access-route';
type Point = { type: 'Point'; coordinates: [number, number] };
type Line = { type: 'LineString'; coordinates: [number, number][] };
interface SceneProperties {
  id: string;
  kind: SceneKind;
  label: string;
  /** A cordon drawn as a circle about the scene: its radius. */
  radiusM?: number;
  /** A cordon drawn corner by corner. */
  freehand?: true;
}
/** The scene as drawn on the map: cordons (polygons) and points (rendezvous, marshalling). */
export type Scene = FeatureCollection<SceneProperties, PolygonGeometry | Point | Line>;

type LatLon = { lat: number; lon: number };

export interface SceneInput {
  /** Cordons as circles about the scene, in metres: the usual first cut, drawn in a second. */
  innerRadiusM?: number;
  outerRadiusM?: number;
  /**
   * Cordons drawn freehand, as they really run (along streets, round a block): the corners in
   * order, three or more; the ring closes itself. One cordon is a circle or a polygon, not both.
   */
  innerCordon?: LatLon[];
  outerCordon?: LatLon[];
  rvp?: { lat: number; lon: number };
  marshalling?: { lat: number; lon: number };
  /** The way in for responders, from the RVP towards the scene: two points or more. */
  accessRoute?: { lat: number; lon: number }[];
}

const LABELS: Record<SceneKind, string> = {
  'inner-cordon': 'Inner cordon',
  'outer-cordon': 'Outer cordon',
  rvp: 'RVP',
  marshalling: 'Marshalling area',
  'access-route': 'Access route',
};

function circle(centre: { lat: number; lon: number }, metres: number): PolygonGeometry {
  const ring: [number, number][] = [];
  for (let i = 0; i <= 48; i++) {
    const p = destination(centre, (i % 48) * 7.5, metres);
    ring.push([+p.lon.toFixed(6), +p.lat.toFixed(6)]);
  }
  return { type: 'Polygon', coordinates: [ring] };
}

type Ring = [number, number][];

/** The ring of corners, closed, as GeoJSON wants it ([lon, lat], first = last). */
function ringOf(points: readonly LatLon[]): Ring {
  const ring: Ring = points.map((p) => [+p.lon.toFixed(6), +p.lat.toFixed(6)]);
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  if (first[0] !== last[0] || first[1] !== last[1]) ring.push([first[0], first[1]]);
  return ring;
}

// Cordons are a few hundred metres across: lon/lat as a plane is exact enough to tell a crossing.
const cross = (o: [number, number], a: [number, number], b: [number, number]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
const segmentsCross = (a: [number, number], b: [number, number], c: [number, number], d: [number, number]) =>
  cross(a, b, c) * cross(a, b, d) < 0 && cross(c, d, a) * cross(c, d, b) < 0;

/** Whether two edges of one ring cross (neighbours share a corner and do not count). */
function selfCrossing(ring: Ring): boolean {
  const n = ring.length - 1;
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return true;
    }
  return false;
}

const area = (ring: Ring) => Math.abs(ring.slice(1).reduce((sum, p, i) => sum + cross([0, 0], ring[i]!, p), 0)) / 2;

/** The cordon as given: a polygon drawn freehand, a circle about the scene, or none. */
function cordon(centre: LatLon, radiusM: number | undefined, corners: readonly LatLon[] | undefined): PolygonGeometry | null {
  if (corners) return { type: 'Polygon', coordinates: [ringOf(corners)] };
  return radiusM ? circle(centre, radiusM) : null;
}

const NAMES = { inner: 'The inner cordon', outer: 'The outer cordon' } as const;

function freehandRefusal(which: keyof typeof NAMES, corners: readonly LatLon[] | undefined): string | null {
  if (!corners) return null;
  const ring = ringOf(corners);
  if (ring.length < 4) return `${NAMES[which]} needs three corners or more.`;
  if (selfCrossing(ring)) return `${NAMES[which]}'s edges cross: give its corners in order round the edge.`;
  // About a square metre in degrees squared: corners all on one line enclose nothing.
  if (area(ring) < 1e-10) return `${NAMES[which]} encloses no area: its corners lie on one line.`;
  return null;
}

/** Why a scene cannot be drawn about `centre`; null when it can. */
export function sceneRefusal(s: SceneInput, centre: LatLon): string | null {
  for (const which of ['inner', 'outer'] as const) {
    if (s[`${which}RadiusM`] !== undefined && s[`${which}Cordon`] !== undefined) return `${NAMES[which]} is a circle or a polygon, not both.`;
    const refusal = freehandRefusal(which, s[`${which}Cordon`]);
    if (refusal) return refusal;
  }
  const inner = cordon(centre, s.innerRadiusM, s.innerCordon);
  const outer = cordon(centre, s.outerRadiusM, s.outerCordon);
  if (inner && outer && !encloses(outer, inner)) return 'The outer cordon must lie outside the inner one.';
  if (s.accessRoute && s.accessRoute.length < 2) return 'An access route needs two points or more.';
  return null;
}

/** Whether `outer` holds all of `inner`: every corner inside, and no edges crossing. */
function encloses(outer: PolygonGeometry, inner: PolygonGeometry): boolean {
  const o = (outer.coordinates as Ring[])[0]!;
  const i = (inner.coordinates as Ring[])[0]!;
  if (!i.every(([lon, lat]) => pointInPolygon({ lat, lon }, outer))) return false;
  for (let a = 0; a < o.length - 1; a++) for (let b = 0; b < i.length - 1; b++) if (segmentsCross(o[a]!, o[a + 1]!, i[b]!, i[b + 1]!)) return false;
  return true;
}

export function buildScene(centre: LatLon, s: SceneInput): Scene {
  const features: Scene['features'] = [];
  const add = (kind: SceneKind, geometry: PolygonGeometry | Point | Line, extra: Partial<SceneProperties> = {}) =>
    features.push({ type: 'Feature', properties: { id: kind, kind, label: LABELS[kind], ...extra }, geometry });
  for (const which of ['outer', 'inner'] as const) {
    const corners = s[`${which}Cordon`];
    const radiusM = s[`${which}RadiusM`];
    const geometry = cordon(centre, radiusM, corners);
    if (geometry) add(`${which}-cordon`, geometry, corners ? { freehand: true } : { radiusM });
  }
  if (s.rvp) add('rvp', { type: 'Point', coordinates: [s.rvp.lon, s.rvp.lat] });
  if (s.marshalling) add('marshalling', { type: 'Point', coordinates: [s.marshalling.lon, s.marshalling.lat] });
  if (s.accessRoute) add('access-route', { type: 'LineString', coordinates: s.accessRoute.map((p) => [p.lon, p.lat]) });
  return { type: 'FeatureCollection', features };
}

/** Which cordon a position is inside: the inner one if both, null if neither. */
export function cordonAt(scene: Scene | undefined, p: { lat: number; lon: number }): 'inner-cordon' | 'outer-cordon' | null {
  if (!scene) return null;
  let found: 'inner-cordon' | 'outer-cordon' | null = null;
  for (const f of scene.features) {
    if (f.geometry.type === 'Point' || f.geometry.type === 'LineString' || (f.properties.kind !== 'inner-cordon' && f.properties.kind !== 'outer-cordon')) continue;
    if (!pointInPolygon(p, f.geometry)) continue;
    if (f.properties.kind === 'inner-cordon') return 'inner-cordon';
    found = 'outer-cordon';
  }
  return found;
}

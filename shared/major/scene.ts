import { destination, type FeatureCollection, pointInPolygon, type PolygonGeometry } from '../geo/geometry.js';

type SceneKind = 'inner-cordon' | 'outer-cordon' | 'rvp' | 'marshalling' | 'access-route';
type Point = { type: 'Point'; coordinates: [number, number] };
type Line = { type: 'LineString'; coordinates: [number, number][] };
interface SceneProperties {
  id: string;
  kind: SceneKind;
  label: string;
}
/** The scene as drawn on the map: cordons (polygons) and points (rendezvous, marshalling). */
export type Scene = FeatureCollection<SceneProperties, PolygonGeometry | Point | Line>;

export interface SceneInput {
  /** Cordons as circles about the scene, in metres: the usual first cut, drawn in a second. */
  innerRadiusM?: number;
  outerRadiusM?: number;
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

/** Why a scene cannot be drawn; null when it can. */
export function sceneRefusal(s: SceneInput): string | null {
  if (s.innerRadiusM !== undefined && s.outerRadiusM !== undefined && s.outerRadiusM <= s.innerRadiusM) return 'The outer cordon must lie outside the inner one.';
  if (s.accessRoute && s.accessRoute.length < 2) return 'An access route needs two points or more.';
  return null;
}

export function buildScene(centre: { lat: number; lon: number }, s: SceneInput): Scene {
  const features: Scene['features'] = [];
  const add = (kind: SceneKind, geometry: PolygonGeometry | Point | Line) => features.push({ type: 'Feature', properties: { id: kind, kind, label: LABELS[kind] }, geometry });
  if (s.outerRadiusM) add('outer-cordon', circle(centre, s.outerRadiusM));
  if (s.innerRadiusM) add('inner-cordon', circle(centre, s.innerRadiusM));
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

import type { FeatureCollection } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import { useEffect } from 'react';
import { removeLayersAndSource } from '../map/layerUtil.js';
import { useMap } from '../map/MapContext.js';
import { useConsoleStore } from '../store/store.js';
import type { SceneDraft } from './majorSlice.js';

const SCENE_SOURCE = 'beacon-major-scene';
const SCENE_LAYERS = { fill: 'major-cordons-fill', line: 'major-cordons-line', route: 'major-access-route', point: 'major-points', label: 'major-points-label' };
const DRAFT_SOURCE = 'beacon-major-draft';
const DRAFT_LAYERS = { line: 'major-draft-line', corner: 'major-draft-corners' };
const EMPTY = { type: 'FeatureCollection', features: [] } as const;

/** The cordon being drawn: its edges so far (closed once it has three corners) and its corners. */
function draftData(d: SceneDraft | null): FeatureCollection {
  if (!d || d.points.length === 0) return EMPTY as unknown as FeatureCollection;
  const coords = d.points.map((p) => [p.lon, p.lat]);
  const ring = d.points.length >= 3 ? [...coords, coords[0]!] : coords;
  return {
    type: 'FeatureCollection',
    features: [
      ...(ring.length >= 2 ? [{ type: 'Feature' as const, id: 0, properties: { kind: d.kind }, geometry: { type: 'LineString' as const, coordinates: ring } }] : []),
      ...coords.map((c, i) => ({ type: 'Feature' as const, id: i + 1, properties: { kind: d.kind }, geometry: { type: 'Point' as const, coordinates: c } })),
    ],
  };
}

/** The major incident's scene: inner and outer cordons, rendezvous point and marshalling area; and a cordon being drawn. */
export function MajorSceneLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    const data = () => (store.getState().majorScene ?? EMPTY) as unknown as FeatureCollection;
    map.addSource(SCENE_SOURCE, { type: 'geojson', data: data(), promoteId: 'id' });
    const cordonColour: maplibregl.ExpressionSpecification = ['match', ['get', 'kind'], 'inner-cordon', '#e5484d', '#f0a202'];
    map.addLayer({ id: SCENE_LAYERS.fill, type: 'fill', source: SCENE_SOURCE, filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': cordonColour, 'fill-opacity': 0.08 } });
    map.addLayer({
      id: SCENE_LAYERS.line,
      type: 'line',
      source: SCENE_SOURCE,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': cordonColour, 'line-width': 2.5, 'line-dasharray': [3, 2] },
    });
    map.addLayer({
      id: SCENE_LAYERS.route,
      type: 'line',
      source: SCENE_SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#2fbf71', 'line-width': 4, 'line-opacity': 0.85 },
    });
    map.addLayer({
      id: SCENE_LAYERS.point,
      type: 'circle',
      source: SCENE_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 7, 'circle-color': ['match', ['get', 'kind'], 'rvp', '#2fbf71', '#5b7fa6'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
    });
    map.addLayer({
      id: SCENE_LAYERS.label,
      type: 'symbol',
      source: SCENE_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      layout: { 'text-field': ['get', 'label'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-offset': [0, 1.3], 'text-anchor': 'top' },
      paint: { 'text-color': '#fff', 'text-halo-color': '#0b0e11', 'text-halo-width': 1.2 },
    });
    map.addSource(DRAFT_SOURCE, { type: 'geojson', data: draftData(store.getState().sceneDraft) });
    map.addLayer({
      id: DRAFT_LAYERS.line,
      type: 'line',
      source: DRAFT_SOURCE,
      filter: ['==', ['geometry-type'], 'LineString'],
      paint: { 'line-color': cordonColour, 'line-width': 2, 'line-dasharray': [1, 1] },
    });
    map.addLayer({
      id: DRAFT_LAYERS.corner,
      type: 'circle',
      source: DRAFT_SOURCE,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 4, 'circle-color': cordonColour, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
    });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.majorScene !== prev.majorScene) (map.getSource(SCENE_SOURCE) as maplibregl.GeoJSONSource | undefined)?.setData(data());
      if (s.sceneDraft !== prev.sceneDraft) (map.getSource(DRAFT_SOURCE) as maplibregl.GeoJSONSource | undefined)?.setData(draftData(s.sceneDraft));
    });
    return () => {
      unsubscribe();
      removeLayersAndSource(map, Object.values(DRAFT_LAYERS), DRAFT_SOURCE);
      removeLayersAndSource(map, Object.values(SCENE_LAYERS), SCENE_SOURCE);
    };
  }, [map, store]);
  return null;
}

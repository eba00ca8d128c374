import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useMap } from '../map/MapContext.js';
import { removeLayersAndSource } from '../map/layerUtil.js';
import { INCIDENT_LAYERS } from '../map/IncidentsLayer.js';
import { unitAt } from '../map/unitPicking.js';
import { useConsoleStore } from '../store/store.js';
import { cameraFeatures } from './cameraFeatures.js';

const CAMERAS_SOURCE = 'beacon-cameras';
const CAMERA_LAYERS = { area: 'cameras-area', direction: 'cameras-direction', preset: 'cameras-preset', dot: 'cameras-dot', label: 'cameras-label' } as const;

/** CCTV cameras as their own layer (C shows and hides it); clicking a camera or a preset opens it. */
export function CamerasLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    map.addSource(CAMERAS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'fid' });
    const kind = (k: string) => ['==', ['get', 'kind'], k] as ['==', ['get', string], string];
    map.addLayer({ id: CAMERA_LAYERS.area, type: 'fill', source: CAMERAS_SOURCE, filter: kind('area'), paint: { 'fill-color': ['case', ['get', 'ptz'], '#7fb8ff', '#ffd479'], 'fill-opacity': ['case', ['get', 'ptz'], 0.06, 0.16] } });
    map.addLayer({ id: CAMERA_LAYERS.direction, type: 'line', source: CAMERAS_SOURCE, filter: kind('direction'), paint: { 'line-color': '#7fb8ff', 'line-width': 2 } });
    map.addLayer({ id: CAMERA_LAYERS.preset, type: 'circle', source: CAMERAS_SOURCE, filter: kind('preset'), paint: { 'circle-radius': 4, 'circle-color': '#0b0e11', 'circle-stroke-color': '#7fb8ff', 'circle-stroke-width': 2 } });
    map.addLayer({ id: CAMERA_LAYERS.dot, type: 'circle', source: CAMERAS_SOURCE, filter: kind('camera'), paint: { 'circle-radius': 6, 'circle-color': ['case', ['get', 'ptz'], '#7fb8ff', '#ffd479'], 'circle-stroke-color': '#0b0e11', 'circle-stroke-width': 2 } });
    map.addLayer({
      id: CAMERA_LAYERS.label,
      type: 'symbol',
      source: CAMERAS_SOURCE,
      filter: kind('camera'),
      minzoom: 15,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top', 'text-optional': true },
      paint: { 'text-color': '#cfe3ff', 'text-halo-color': '#0b0e11', 'text-halo-width': 1.5 },
    });
    const source = map.getSource(CAMERAS_SOURCE) as GeoJSONSource;
    const show = (on: boolean) => {
      for (const l of Object.values(CAMERA_LAYERS)) map.setLayoutProperty(l, 'visibility', on ? 'visible' : 'none');
    };
    source.setData(cameraFeatures(Object.values(store.getState().cameras)));
    show(store.getState().camerasLayer);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.cameras !== prev.cameras) source.setData(cameraFeatures(Object.values(s.cameras)));
      if (s.camerasLayer !== prev.camerasLayer) show(s.camerasLayer);
    });
    const clickable = [CAMERA_LAYERS.dot, CAMERA_LAYERS.preset];
    const above = [INCIDENT_LAYERS.circle];
    const onClick = (e: MapLayerMouseEvent) => {
      // Picking a location, or clicking a unit or incident drawn over a camera, is not opening it.
      if (store.getState().pickingLocation) return;
      const layers = above.filter((l) => map.getLayer(l));
      if (layers.length && map.queryRenderedFeatures(e.point, { layers }).length) return;
      // Units are found by whichever layer draws them (the WebGL layer has no features to query).
      if (unitAt(map, e.point)) return;
      const id = e.features?.[0]?.properties.cameraId;
      if (typeof id === 'string') store.getState().openCamera(id);
    };
    const pointer = (e: MapLayerMouseEvent) => (map.getCanvas().style.cursor = e.type === 'mouseleave' ? '' : 'pointer');
    for (const l of clickable) {
      map.on('click', l, onClick);
      map.on('mouseenter', l, pointer);
      map.on('mouseleave', l, pointer);
    }
    return () => {
      unsubscribe();
      for (const l of clickable) {
        map.off('click', l, onClick);
        map.off('mouseenter', l, pointer);
        map.off('mouseleave', l, pointer);
      }
      removeLayersAndSource(map, Object.values(CAMERA_LAYERS), CAMERAS_SOURCE);
    };
  }, [map, store]);

  return null;
}

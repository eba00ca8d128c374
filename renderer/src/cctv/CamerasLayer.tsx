import type { GeoJSONSource, MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useHost } from '../host/HostContext.js';
import { changeOf, dragKindOf, draggedCamera } from './cameraDrag.js';
import { useMap } from '../map/MapContext.js';
import { removeLayersAndSource } from '../map/layerUtil.js';
import { INCIDENT_LAYERS } from '../map/IncidentsLayer.js';
import { unitAt } from '../map/unitPicking.js';
import { useConsoleStore } from '../store/store.js';
import { cameraFeatures } from './cameraFeatures.js';
import type { CameraView } from '../../../shared/cctv/schemas.js';

const CAMERAS_SOURCE = 'beacon-cameras';
const CAMERA_LAYERS = { area: 'cameras-area', direction: 'cameras-direction', preset: 'cameras-preset', dot: 'cameras-dot', label: 'cameras-label' } as const;

/**
 * CCTV cameras as their own layer (C shows and hides it). Clicking a camera opens it; clicking a
 * preset mark opens the camera and sends it to that preset. A supervisor drags a camera's dot to
 * move it, or with Alt (or Shift) held to turn its cone towards the pointer; `[` and `]` turn the
 * selected camera from the keyboard.
 */
export function CamerasLayer() {
  const map = useMap()!;
  const store = useConsoleStore();
  const host = useHost();

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
      const props = e.features?.[0]?.properties;
      const id = props?.cameraId;
      if (typeof id !== 'string') return;
      store.getState().openCamera(id);
      if (props?.kind === 'preset' && typeof props.name === 'string')
        void host.call('ptzGotoPreset', { id, preset: props.name }).then((r) => !r.ok && store.getState().notify(r.error, 'error'));
    };
    const draw = (over?: CameraView) => {
      const cameras = store.getState().cameras;
      source.setData(cameraFeatures(Object.values(over ? { ...cameras, [over.id]: over } : cameras)));
    };
    const onDown = (e: MapLayerMouseEvent) => {
      const props = e.features?.[0]?.properties;
      const camera = typeof props?.cameraId === 'string' ? store.getState().cameras[props.cameraId] : undefined;
      if (!camera || e.originalEvent.button !== 0 || store.getState().pickingLocation) return;
      // The map does not pan under a camera being dragged.
      e.preventDefault();
      const kind = dragKindOf(e.originalEvent);
      let dragged: CameraView | null = null;
      const onMove = (m: MapMouseEvent) => {
        dragged = draggedCamera(camera, kind, { lat: m.lngLat.lat, lon: m.lngLat.lng });
        draw(dragged);
      };
      map.on('mousemove', onMove);
      map.once('mouseup', () => {
        map.off('mousemove', onMove);
        if (!dragged) return;
        const to = dragged;
        void host.call('updateCamera', { id: camera.id, ...changeOf(to, kind) }).then((r) => {
          // Refused (a role that may not, a journal that cannot): the camera goes back where it was.
          if (!r.ok) return (store.getState().notify(r.error, 'error'), draw());
          store.getState().setCameras(Object.values({ ...store.getState().cameras, [camera.id]: r.value }));
          store.getState().notify(`${camera.name} ${kind === 'move' ? 'moved' : `now looks ${r.value.bearing}°`}.`, 'info');
        });
      });
    };
    map.on('mousedown', CAMERA_LAYERS.dot, onDown);
    const pointer = (e: MapLayerMouseEvent) => (map.getCanvas().style.cursor = e.type === 'mouseleave' ? '' : 'pointer');
    for (const l of clickable) {
      map.on('click', l, onClick);
      map.on('mouseenter', l, pointer);
      map.on('mouseleave', l, pointer);
    }
    return () => {
      unsubscribe();
      map.off('mousedown', CAMERA_LAYERS.dot, onDown);
      for (const l of clickable) {
        map.off('click', l, onClick);
        map.off('mouseenter', l, pointer);
        map.off('mouseleave', l, pointer);
      }
      removeLayersAndSource(map, Object.values(CAMERA_LAYERS), CAMERAS_SOURCE);
    };
  }, [map, store, host]);

  return null;
}

import type { MapLayerMouseEvent, MapMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useConsoleStore } from '../store/store.js';
import { INCIDENT_LAYERS } from './IncidentsLayer.js';
import { useMap } from './MapContext.js';
import { UNIT_LAYERS } from './UnitsLayer.js';

/** Clicks: pick a new incident's location when asked to, otherwise select a unit or incident. */
export function MapInteractions() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    const unitLayers: string[] = [UNIT_LAYERS.dot, UNIT_LAYERS.icon];
    const clickable = [...unitLayers, INCIDENT_LAYERS.circle];
    const onClick = (e: MapMouseEvent) => {
      const s = store.getState();
      if (s.pickingLocation) {
        s.setDraftLocation({ lat: +e.lngLat.lat.toFixed(6), lon: +e.lngLat.lng.toFixed(6) });
        s.setPickingLocation(false);
        return;
      }
      const layers = clickable.filter((l) => map.getLayer(l));
      const hit = map.queryRenderedFeatures(e.point, { layers })[0];
      if (!hit) return;
      const id = String(hit.properties.id);
      if (unitLayers.includes(hit.layer.id)) s.selectUnit(id);
      else s.selectIncident(id);
    };
    const pointer = (e: MapLayerMouseEvent) => {
      if (!store.getState().pickingLocation) map.getCanvas().style.cursor = e.type === 'mouseleave' ? '' : 'pointer';
    };
    map.on('click', onClick);
    for (const l of clickable) {
      map.on('mouseenter', l, pointer);
      map.on('mouseleave', l, pointer);
    }
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.pickingLocation !== prev.pickingLocation) map.getCanvas().style.cursor = s.pickingLocation ? 'crosshair' : '';
    });
    return () => {
      unsubscribe();
      map.off('click', onClick);
      for (const l of clickable) {
        map.off('mouseenter', l, pointer);
        map.off('mouseleave', l, pointer);
      }
    };
  }, [map, store]);

  return null;
}

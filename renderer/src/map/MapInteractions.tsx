import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect } from 'react';
import { useConsoleStore } from '../store/store.js';
import { INCIDENT_LAYERS } from './IncidentsLayer.js';
import { useMap } from './MapContext.js';
import { unitAt } from './unitPicking.js';

/** Clicks: pick a new incident's location when asked to, otherwise select a unit or incident. */
export function MapInteractions() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    const incidentAt = (point: MapMouseEvent['point']) => {
      const layers = [INCIDENT_LAYERS.circle].filter((l) => map.getLayer(l));
      return layers.length ? map.queryRenderedFeatures(point, { layers })[0] : undefined;
    };
    const onClick = (e: MapMouseEvent) => {
      const s = store.getState();
      if (s.pickingLocation) {
        s.setDraftLocation({ lat: +e.lngLat.lat.toFixed(6), lon: +e.lngLat.lng.toFixed(6) });
        s.setPickingLocation(false);
        return;
      }
      // Units are drawn over incidents: a click on both is a click on the unit.
      const unit = unitAt(map, e.point);
      if (unit) return s.selectUnit(unit);
      const incident = incidentAt(e.point);
      if (incident) s.selectIncident(String(incident.properties.id));
    };
    // One look per frame at most: the pointer says whether a click here would select something.
    let hoverFrame = 0;
    const onMove = (e: MapMouseEvent) => {
      if (hoverFrame || store.getState().pickingLocation) return;
      hoverFrame = requestAnimationFrame(() => {
        hoverFrame = 0;
        if (store.getState().pickingLocation) return;
        map.getCanvas().style.cursor = unitAt(map, e.point) || incidentAt(e.point) ? 'pointer' : '';
      });
    };
    map.on('click', onClick);
    map.on('mousemove', onMove);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.pickingLocation !== prev.pickingLocation) map.getCanvas().style.cursor = s.pickingLocation ? 'crosshair' : '';
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(hoverFrame);
      map.off('click', onClick);
      map.off('mousemove', onMove);
    };
  }, [map, store]);

  return null;
}

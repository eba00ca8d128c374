import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import type { AllocatedRoute } from '../../../shared/routing/allocated-routes.js';
import { formatEta } from '../dispatch/useRecommendation.js';
import { useHost } from '../host/HostContext.js';
import { useConsoleStore } from '../store/store.js';
import { removeLayersAndSource } from './layerUtil.js';
import { useMap } from './MapContext.js';

const ROUTES_SOURCE = 'beacon-routes';
const ROUTE_LAYERS = { roads: 'routes-roads', straight: 'routes-straight', label: 'routes-label' } as const;
/** Officers move: their way in is asked again this often while the incident is selected. */
const REFRESH_MS = 5000;

/** One line per allocated officer: along roads, or dashed where only the straight line is known. */
export function routeFeatures(routes: readonly AllocatedRoute[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: routes.map((r) => ({
      type: 'Feature' as const,
      geometry: { type: 'LineString' as const, coordinates: r.line },
      properties: {
        id: r.unitId,
        callsign: r.callsign,
        basis: r.basis,
        label: `${r.callsign} · ${formatEta(r.etaS)}${r.basis === 'roads' ? '' : ' (straight line)'}`,
      },
    })),
  };
}

/** The way each officer allocated to the selected incident has to go. */
export function RoutesLayer() {
  const map = useMap()!;
  const store = useConsoleStore();
  const host = useHost();

  useEffect(() => {
    map.addSource(ROUTES_SOURCE, { type: 'geojson', data: routeFeatures([]), promoteId: 'id' });
    const line = { 'line-color': '#64d2ff', 'line-width': 4, 'line-opacity': 0.85 };
    map.addLayer({ id: ROUTE_LAYERS.roads, type: 'line', source: ROUTES_SOURCE, filter: ['==', ['get', 'basis'], 'roads'], layout: { 'line-join': 'round', 'line-cap': 'round' }, paint: line });
    map.addLayer({ id: ROUTE_LAYERS.straight, type: 'line', source: ROUTES_SOURCE, filter: ['!=', ['get', 'basis'], 'roads'], paint: { ...line, 'line-dasharray': [2, 2] } });
    map.addLayer({
      id: ROUTE_LAYERS.label,
      type: 'symbol',
      source: ROUTES_SOURCE,
      minzoom: 13,
      layout: { 'symbol-placement': 'line', 'text-field': ['get', 'label'], 'text-font': ['sans-serif'], 'text-size': 11 },
      paint: { 'text-color': '#d8f4ff', 'text-halo-color': '#0b0e11', 'text-halo-width': 1.5 },
    });
    const source = map.getSource(ROUTES_SOURCE) as GeoJSONSource;

    let asked = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      const { selectedIncidentId: id, incidents } = store.getState();
      const incident = id ? incidents[id] : undefined;
      const n = ++asked;
      if (!incident?.allocations.length) return source.setData(routeFeatures([]));
      void host.call('getIncidentRoutes', { id: incident.id }).then((r) => {
        // A slower answer for an incident no longer selected must not draw over the current one.
        if (n !== asked) return;
        source.setData(routeFeatures(r.ok ? r.value : []));
        timer = setTimeout(ask, REFRESH_MS);
      });
    };
    ask();
    const unsubscribe = store.subscribe((s, prev) => {
      const id = s.selectedIncidentId;
      if (id !== prev.selectedIncidentId || (id && s.incidents[id]?.allocations !== prev.incidents[id]?.allocations)) ask();
    });
    return () => {
      asked++;
      if (timer) clearTimeout(timer);
      unsubscribe();
      removeLayersAndSource(map, Object.values(ROUTE_LAYERS), ROUTES_SOURCE);
    };
  }, [map, store, host]);

  return null;
}

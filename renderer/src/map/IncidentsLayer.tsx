import type { Feature, FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import { CATEGORIES } from '../../../shared/domain/categories.js';
import { isOpen } from '../../../shared/domain/lifecycle.js';
import type { ConsoleState } from '../store/slices.js';
import { useConsoleStore } from '../store/store.js';
import { batcher, followTheme, removeLayersAndSource } from './layerUtil.js';
import { useMap } from './MapContext.js';

const INCIDENTS_SOURCE = 'beacon-incidents';
export const INCIDENT_LAYERS = { circle: 'incidents-circle', label: 'incidents-label', draft: 'incidents-draft' } as const;

const PRIORITY_COLOURS = { 1: '#ff3b30', 2: '#ff9500', 3: '#ffd60a', 4: '#5ac8fa' } as const;

/** Open incidents, plus the location being picked for a new one (drawn as a hollow ring). */
function incidentFeatures(s: Pick<ConsoleState, 'incidents' | 'draftLocation' | 'mode'>): FeatureCollection {
  const features: Feature[] = [];
  for (const i of Object.values(s.incidents)) {
    if (!isOpen(i.state)) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [i.location.lon, i.location.lat] },
      properties: { id: i.id, ref: i.ref, priority: i.priority, category: CATEGORIES[i.category]?.label ?? i.category, state: i.state, draft: false },
    });
  }
  if (s.mode === 'new-incident' && s.draftLocation)
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [s.draftLocation.lon, s.draftLocation.lat] },
      properties: { id: 'draft', ref: 'new', priority: 0, category: 'New incident', state: 'draft', draft: true },
    });
  return { type: 'FeatureCollection', features };
}

export function IncidentsLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    map.addSource(INCIDENTS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
    map.addLayer({
      id: INCIDENT_LAYERS.circle,
      type: 'circle',
      source: INCIDENTS_SOURCE,
      filter: ['!', ['get', 'draft']],
      paint: {
        'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 13, 9],
        'circle-color': ['match', ['get', 'priority'], 1, PRIORITY_COLOURS[1], 2, PRIORITY_COLOURS[2], 3, PRIORITY_COLOURS[3], PRIORITY_COLOURS[4]],
        'circle-stroke-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#ffffff', '#0b0e11'],
        'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 2],
        // Allocated work fades a little so unallocated calls stand out.
        'circle-opacity': ['match', ['get', 'state'], ['received', 'triaged'], 1, 0.6],
      },
    });
    map.addLayer({
      id: INCIDENT_LAYERS.draft,
      type: 'circle',
      source: INCIDENTS_SOURCE,
      filter: ['get', 'draft'],
      paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    });
    map.addLayer({
      id: INCIDENT_LAYERS.label,
      type: 'symbol',
      source: INCIDENTS_SOURCE,
      minzoom: 12.5,
      layout: {
        'text-field': ['format', ['get', 'ref'], { 'font-scale': 0.9 }, '\n', {}, ['get', 'category'], { 'font-scale': 0.8 }],
        'text-font': ['sans-serif'],
        'text-size': 12,
        'text-offset': [0, 1.3],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: { 'text-color': '#ffe9c2', 'text-halo-color': '#0b0e11', 'text-halo-width': 1.5 },
    });

    const source = map.getSource(INCIDENTS_SOURCE) as GeoJSONSource;
    const batch = batcher(() => source.setData(incidentFeatures(store.getState())), 150);
    batch.now();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.incidents !== prev.incidents || s.draftLocation !== prev.draftLocation || s.mode !== prev.mode) batch.schedule();
      if (s.selectedIncidentId !== prev.selectedIncidentId) {
        if (prev.selectedIncidentId) map.setFeatureState({ source: INCIDENTS_SOURCE, id: prev.selectedIncidentId }, { selected: false });
        if (s.selectedIncidentId) map.setFeatureState({ source: INCIDENTS_SOURCE, id: s.selectedIncidentId }, { selected: true });
      }
    });
    const unfollow = followTheme(map, store, {
      [INCIDENT_LAYERS.label]: {
        dark: { 'text-color': '#ffe9c2', 'text-halo-color': '#0b0e11' },
        light: { 'text-color': '#3a2500', 'text-halo-color': '#f6f4ef' },
      },
    });
    return () => {
      unsubscribe();
      unfollow();
      batch.cancel();
      removeLayersAndSource(map, Object.values(INCIDENT_LAYERS), INCIDENTS_SOURCE);
    };
  }, [map, store]);

  return null;
}

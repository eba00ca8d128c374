import type * as maplibregl from 'maplibre-gl';
import { useEffect } from 'react';
import { useConsoleStore } from '../store/store.js';
import { removeLayersAndSource } from './layerUtil.js';
import { useMap } from './MapContext.js';

const SECTORS_SOURCE = 'beacon-sectors';
const LAYERS = { fill: 'sectors-highlight', label: 'sectors-label' };

/** Sector team areas: named, and highlighted when the unit board is filtered to one. */
export function SectorsLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    map.addSource(SECTORS_SOURCE, { type: 'geojson', data: new URL('geo/sectors.geojson', document.baseURI).href, promoteId: 'id' });
    // Highlighting by filter, not by a transparent fill over every sector: an invisible fill still
    // costs a full-screen pass on a software-rendered wall display.
    const highlightFilter = (sector: string) => ['==', ['get', 'id'], sector || '\u0000'] as maplibregl.FilterSpecification;
    map.addLayer({
      id: LAYERS.fill,
      type: 'fill',
      source: SECTORS_SOURCE,
      filter: highlightFilter(store.getState().boardFilter.sector),
      paint: { 'fill-color': '#5b7fa6', 'fill-opacity': 0.16 },
    });
    map.addLayer({
      id: LAYERS.label,
      type: 'symbol',
      source: SECTORS_SOURCE,
      maxzoom: 13.5,
      layout: { 'text-field': ['upcase', ['get', 'id']], 'text-font': ['sans-serif'], 'text-size': 13, 'text-letter-spacing': 0.2 },
      paint: { 'text-color': '#7f9cc0', 'text-opacity': 0.75, 'text-halo-color': '#0b0e11', 'text-halo-width': 1 },
    });
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.boardFilter.sector !== prev.boardFilter.sector) map.setFilter(LAYERS.fill, highlightFilter(s.boardFilter.sector));
    });
    return () => {
      unsubscribe();
      removeLayersAndSource(map, Object.values(LAYERS), SECTORS_SOURCE);
    };
  }, [map, store]);

  return null;
}

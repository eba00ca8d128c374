import type { FeatureCollection } from 'geojson';
import type { FilterSpecification, GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import { useConsoleStore } from '../store/store.js';
import { batcher, followTheme, removeLayersAndSource } from './layerUtil.js';
import { useMap } from './MapContext.js';
import { unitFeatures } from './unitFeatures.js';
import { addUnitIcons, HEADING_ICON } from './unitIcons.js';

export const UNITS_SOURCE = 'beacon-units';
export const UNIT_LAYERS = { halo: 'units-halo', heading: 'units-heading', icon: 'units-icon', label: 'units-label' } as const;

/** setData at most this often: the host batches every 100 ms; the worker needs time to re-tile. */
const MIN_INTERVAL_MS = 200;
/** Staleness changes with time alone, so the features are rebuilt this often even when quiet. */
const STALE_RECHECK_MS = 2000;

/** Every located unit as one GeoJSON source: shape by agency, colour by status, heading, label. */
export function UnitsLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    addUnitIcons(map);
    map.addSource(UNITS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
    // Only the selected unit and units in emergency get a halo: filtered, so the other thousands
    // cost nothing to draw.
    const haloFilter = (selected: string | null) =>
      ['any', ['get', 'emergency'], ['==', ['get', 'id'], selected ?? '\u0000']] as FilterSpecification;
    map.addLayer({
      id: UNIT_LAYERS.halo,
      type: 'circle',
      source: UNITS_SOURCE,
      filter: haloFilter(store.getState().selectedUnitId),
      paint: {
        'circle-radius': ['case', ['boolean', ['feature-state', 'selected'], false], 17, 15],
        'circle-color': ['case', ['get', 'emergency'], '#ff2d2d', 'rgba(0,0,0,0)'],
        'circle-opacity': 0.45,
        'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 0],
        'circle-stroke-color': '#ffffff',
      },
    });
    map.addLayer({
      id: UNIT_LAYERS.heading,
      type: 'symbol',
      source: UNITS_SOURCE,
      // Direction of travel matters at street level; at city zoom the arrows are only clutter.
      minzoom: 13,
      filter: ['all', ['has', 'hdg'], ['!', ['get', 'stale']]],
      layout: {
        'icon-image': HEADING_ICON,
        'icon-rotate': ['get', 'hdg'],
        'icon-rotation-alignment': 'map',
        // Offsets turn with the rotation: the wedge sits just beyond the unit's edge, pointing on.
        'icon-offset': [0, -15],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
      },
    });
    map.addLayer({
      id: UNIT_LAYERS.icon,
      type: 'symbol',
      source: UNITS_SOURCE,
      layout: {
        'icon-image': ['get', 'icon'],
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.5, 12, 0.6, 15, 1],
        // Stale units sink beneath live ones where they overlap.
        'symbol-sort-key': ['case', ['get', 'stale'], 0, 1],
      },
      paint: { 'icon-opacity': ['case', ['get', 'stale'], 0.55, 1] },
    });
    map.addLayer({
      id: UNIT_LAYERS.label,
      type: 'symbol',
      source: UNITS_SOURCE,
      minzoom: 14,
      layout: {
        'text-field': ['get', 'callsign'],
        'text-font': ['sans-serif'],
        'text-size': 12,
        'text-offset': [0, 1.5],
        'text-anchor': 'top',
        'text-optional': true,
      },
      paint: {
        'text-color': ['case', ['get', 'stale'], '#9aa3ab', '#f2f4f6'],
        'text-halo-color': '#0b0e11',
        'text-halo-width': 1.5,
      },
    });

    const source = map.getSource(UNITS_SOURCE) as GeoJSONSource;
    const push = () => {
      // One update in flight at a time: while the worker is still tiling the last one, queueing
      // another only delays both. Try again shortly with whatever is newest by then.
      if (!map.isSourceLoaded(UNITS_SOURCE)) {
        batch.schedule();
        return;
      }
      const s = store.getState();
      source.setData(unitFeatures(Object.values(s.units), Date.now() + s.clockSkewMs, s.staleAfterS) as FeatureCollection);
    };
    const batch = batcher(push, MIN_INTERVAL_MS);
    batch.now();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.units !== prev.units || s.staleAfterS !== prev.staleAfterS) batch.schedule();
      if (s.selectedUnitId !== prev.selectedUnitId) {
        map.setFilter(UNIT_LAYERS.halo, haloFilter(s.selectedUnitId));
        if (prev.selectedUnitId) map.setFeatureState({ source: UNITS_SOURCE, id: prev.selectedUnitId }, { selected: false });
        if (s.selectedUnitId) map.setFeatureState({ source: UNITS_SOURCE, id: s.selectedUnitId }, { selected: true });
      }
    });
    const unfollow = followTheme(map, store, {
      [UNIT_LAYERS.label]: {
        dark: { 'text-color': ['case', ['get', 'stale'], '#9aa3ab', '#f2f4f6'], 'text-halo-color': '#0b0e11' },
        light: { 'text-color': ['case', ['get', 'stale'], '#6b7480', '#11161b'], 'text-halo-color': '#f6f4ef' },
      },
    });
    const staleTimer = setInterval(() => batch.schedule(), STALE_RECHECK_MS);
    const selected = store.getState().selectedUnitId;
    if (selected) map.setFeatureState({ source: UNITS_SOURCE, id: selected }, { selected: true });

    return () => {
      unsubscribe();
      unfollow();
      clearInterval(staleTimer);
      batch.cancel();
      removeLayersAndSource(map, Object.values(UNIT_LAYERS), UNITS_SOURCE);
    };
  }, [map, store]);

  return null;
}


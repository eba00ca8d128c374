import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import { useEffect } from 'react';
import { useConsoleStore } from '../store/store.js';
import { STALE_COLOUR, STATUS_COLOURS } from '../units/unitView.js';
import { batcher, followTheme, removeLayersAndSource } from './layerUtil.js';
import { useMap } from './MapContext.js';
import { type DrawnUnits, unitFeatureDiff } from './unitFeatures.js';
import { addUnitIcons, HEADING_ICON } from './unitIcons.js';

const UNITS_SOURCE = 'beacon-units';
export const UNIT_LAYERS = { halo: 'units-halo', heading: 'units-heading', dot: 'units-dot', icon: 'units-icon', label: 'units-label' } as const;
/** Units are dots below this zoom and agency icons (with heading wedges) from it. */
const ICONS_FROM_ZOOM = 13;

/**
 * No extra wait before diffing: the host already batches every 100 ms, and the worker being busy
 * (below) is what paces updates. The batcher only merges changes that arrive in the same turn.
 */
const MIN_INTERVAL_MS = 0;
/** While the worker is still cutting tiles from the last diff, how soon to look again. */
const RETRY_MS = 16;
/** The map counts as moving this long after its last move; meanwhile units update this often. */
const MOVING_FOR_MS = 250;
const WHILE_MOVING_EVERY_MS = 1000;
/** Staleness changes with time alone, so the features are rebuilt this often even when quiet. */
const STALE_RECHECK_MS = 2000;

/** Every located unit as one GeoJSON source: shape by agency, colour by status, heading, label. */
export function UnitsLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    addUnitIcons(map);
    // Every tile is re-cut whenever units move. The buffer only has to hold the widest thing drawn
    // around a unit (icon plus heading wedge, ~30 px), not MapLibre's default 128 px.
    map.addSource(UNITS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id', buffer: 32 });
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
      minzoom: ICONS_FROM_ZOOM,
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
    // Below street zoom each unit is a dot coloured by status. Symbols cost a layout and a
    // placement per unit on every re-cut tile; with thousands of units moving every second that
    // alone put ~100 ms between a report and the map. Agency shapes appear from zoom 13.
    map.addLayer({
      id: UNIT_LAYERS.dot,
      type: 'circle',
      source: UNITS_SOURCE,
      maxzoom: ICONS_FROM_ZOOM,
      layout: { 'circle-sort-key': ['case', ['get', 'stale'], 0, 1] },
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 13, 7],
        'circle-color': ['case', ['get', 'stale'], STALE_COLOUR, ['match', ['get', 'status'], ...Object.entries(STATUS_COLOURS).flat(), STALE_COLOUR]] as unknown as ExpressionSpecification,
        'circle-opacity': ['case', ['get', 'stale'], 0.55, 1],
        'circle-stroke-width': 1.5,
        'circle-stroke-color': ['case', ['get', 'stale'], '#d0d4d8', '#0b0e11'],
      },
    });
    map.addLayer({
      id: UNIT_LAYERS.icon,
      type: 'symbol',
      source: UNITS_SOURCE,
      minzoom: ICONS_FROM_ZOOM,
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
    const drawn: DrawnUnits = new Map();
    let retry: ReturnType<typeof setTimeout> | null = null;
    const later = (ms: number) => {
      retry ??= setTimeout(() => {
        retry = null;
        push();
      }, ms);
    };
    let movedAt = -Infinity;
    let pushedAt = -Infinity;
    const onMove = () => (movedAt = performance.now());
    map.on('move', onMove);
    const push = () => {
      // One update in flight at a time: tiles re-cut while the next diff arrives would be re-cut
      // again, and the source would never settle (nor report itself loaded). Look again shortly.
      if (!map.isSourceLoaded(UNITS_SOURCE)) return later(RETRY_MS);
      // While the dispatcher pans or zooms, frames come first: re-cutting every unit's tile ten
      // times a second takes the CPU a software-rendered map needs to draw.
      const now = performance.now();
      if (now - movedAt < MOVING_FOR_MS && now - pushedAt < WHILE_MOVING_EVERY_MS) return later(Math.min(WHILE_MOVING_EVERY_MS - (now - pushedAt), MOVING_FOR_MS));
      pushedAt = now;
      const s = store.getState();
      // Only the units that changed go to the worker, which re-tiles only the tiles they touch.
      const diff = unitFeatureDiff(drawn, s.units, Date.now() + s.clockSkewMs, s.staleAfterS);
      if (diff.add.length || diff.remove.length) void source.updateData(diff as GeoJSONSourceDiff);
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
      if (retry) clearTimeout(retry);
      map.off('move', onMove);
      removeLayersAndSource(map, Object.values(UNIT_LAYERS), UNITS_SOURCE);
    };
  }, [map, store]);

  return null;
}


import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import { useConsoleStore } from '../store/store.js';
import { GL_ICONS_FROM_ZOOM, type DrawnUnit, GlUnitsLayer } from './glUnits.js';
import { followTheme, removeLayersAndSource } from './layerUtil.js';
import { useMap } from './MapContext.js';
import { unitIconName } from './unitFeatures.js';
import { unitAtlas } from './unitIcons.js';
import { setUnitPicker } from './unitPicking.js';

const GPU_UNITS_LAYER = 'units-gpu';
const UNIT_LABELS_SOURCE = 'beacon-unit-labels';
const UNIT_LABELS_LAYER = 'units-label';
/** Callsigns are drawn from this zoom, for the units in view only: a few hundred at most. */
const LABELS_FROM_ZOOM = 14;
const LABELS_EVERY_MS = 500;
/** Staleness changes with time alone, so the units are taken again this often even when quiet. */
const STALE_RECHECK_MS = 2000;

declare global {
  interface Window {
    /** What the units layer drew, for tests and the benchmark (as `queryRenderedFeatures` gives for GeoJSON layers). */
    __beaconUnits?: { rendered(layers: string[]): Record<string, unknown>[]; drawnAt(id: string): [number, number] | null };
  }
}

const props = (d: DrawnUnit) => ({
  id: d.id,
  callsign: d.callsign,
  agency: d.agency,
  status: d.status,
  stale: d.stale,
  emergency: d.emergency,
  icon: unitIconName(d.agency, d.status, d.stale),
  ...(d.hdg !== undefined && { hdg: d.hdg }),
});

/**
 * Units drawn by a WebGL layer of the console's own that sends their positions to the GPU each
 * batch, instead of a GeoJSON source MapLibre re-tiles in its worker whenever units move. Only
 * the callsigns, at street zoom and for the units in view, go through a (small) GeoJSON source.
 */
export function GpuUnitsLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    const layer = new GlUnitsLayer(GPU_UNITS_LAYER, unitAtlas());
    map.addLayer(layer);
    map.addSource(UNIT_LABELS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, buffer: 32 });
    map.addLayer({
      id: UNIT_LABELS_LAYER,
      type: 'symbol',
      source: UNIT_LABELS_SOURCE,
      minzoom: LABELS_FROM_ZOOM,
      layout: { 'text-field': ['get', 'callsign'], 'text-font': ['sans-serif'], 'text-size': 12, 'text-offset': [0, 1.5], 'text-anchor': 'top', 'text-optional': true },
      paint: { 'text-color': ['case', ['get', 'stale'], '#9aa3ab', '#f2f4f6'], 'text-halo-color': '#0b0e11', 'text-halo-width': 1.5 },
    });
    const labels = map.getSource(UNIT_LABELS_SOURCE) as GeoJSONSource;
    let labelled = false;
    let labelTimer: ReturnType<typeof setTimeout> | null = null;
    const pushLabels = () => {
      labelTimer = null;
      if (map.getZoom() < LABELS_FROM_ZOOM) {
        if (labelled) labels.setData({ type: 'FeatureCollection', features: [] });
        labelled = false;
        return;
      }
      const data: FeatureCollection = {
        type: 'FeatureCollection',
        features: layer.inView().map((d) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [d.lon, d.lat] }, properties: { callsign: d.callsign, stale: d.stale } })),
      };
      labels.setData(data);
      labelled = true;
    };
    const scheduleLabels = () => {
      if (!labelTimer && (labelled || map.getZoom() >= LABELS_FROM_ZOOM)) labelTimer = setTimeout(pushLabels, LABELS_EVERY_MS);
    };

    const push = () => {
      const s = store.getState();
      layer.setUnits(s.units, Date.now() + s.clockSkewMs, s.staleAfterS, s.selectedUnitId);
      scheduleLabels();
    };
    push();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.units !== prev.units || s.staleAfterS !== prev.staleAfterS || s.selectedUnitId !== prev.selectedUnitId) push();
    });
    const staleTimer = setInterval(push, STALE_RECHECK_MS);
    map.on('moveend', pushLabels);
    const unfollow = followTheme(map, store, {
      [UNIT_LABELS_LAYER]: {
        dark: { 'text-color': ['case', ['get', 'stale'], '#9aa3ab', '#f2f4f6'], 'text-halo-color': '#0b0e11' },
        light: { 'text-color': ['case', ['get', 'stale'], '#6b7480', '#11161b'], 'text-halo-color': '#f6f4ef' },
      },
    });
    setUnitPicker(map, (p) => layer.unitAt(p)?.id ?? null);
    window.__beaconUnits = {
      // The layers the GeoJSON units layer draws on, with what each shows at this zoom.
      rendered(layers) {
        const icons = map.getZoom() >= GL_ICONS_FROM_ZOOM;
        const out: Record<string, unknown>[] = [];
        for (const d of layer.inView()) {
          const on = layers.some((l) => (l === 'units-dot' && !icons) || (l === 'units-icon' && icons) || (l === 'units-heading' && icons && d.hdg !== undefined && !d.stale));
          if (on) out.push(props(d));
        }
        return out;
      },
      drawnAt(id) {
        const d = layer.lastFrame.units.find((u) => u.id === id);
        return d ? [d.lon, d.lat] : null;
      },
    };

    return () => {
      unsubscribe();
      unfollow();
      clearInterval(staleTimer);
      if (labelTimer) clearTimeout(labelTimer);
      map.off('moveend', pushLabels);
      setUnitPicker(map, null);
      delete window.__beaconUnits;
      if (map.style && map.getLayer(GPU_UNITS_LAYER)) map.removeLayer(GPU_UNITS_LAYER);
      removeLayersAndSource(map, [UNIT_LABELS_LAYER], UNIT_LABELS_SOURCE);
    };
  }, [map, store]);

  return null;
}

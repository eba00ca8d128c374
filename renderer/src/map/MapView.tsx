import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useConsole, useConsoleStore } from '../store/store.js';
import { BUNDLED_STYLE, LIGHT_BASEMAP, loadStyle } from './basemap.js';
import { MapContext } from './MapContext.js';
import { repaintStreets, streetStyle } from './streetStyle.js';
import { chooseMapDetail, isSoftwareRenderer, pixelRatioFor, skipUndefinedSky, webglRendererName } from './renderCost.js';

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The map object alone, so end-to-end tests can query rendered features. */
    __beaconMap?: maplibregl.Map;
  }
}

const PETERBOROUGH: [number, number] = [-0.2425, 52.5725];

/** The GPU behind the map's own context (asking the canvas again hands back MapLibre's). */
function mapRenderer(map: maplibregl.Map): string {
  const canvas = map.getCanvas();
  const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  return gl ? webglRendererName(gl) : 'unknown';
}

/** Owns the MapLibre map and shares it with the layers through context. */
export function MapView({ children }: { children?: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<maplibregl.Map | null>(null);
  const [error, setError] = useState<string | null>(null);
  const styleUrl = useConsole((s) => s.mapStyleUrl);
  const streetMap = useConsole((s) => s.streetMap);
  // Which map to draw depends on the host's settings: drawing the schematic first and the street
  // map a moment later would load two maps on every start.
  const settingsLoaded = useConsole((s) => s.settingsLoaded);
  const theme = useConsole((s) => s.theme);
  const detailSetting = useConsole((s) => s.mapDetail);
  const store = useConsoleStore();

  useEffect(() => {
    if (!settingsLoaded) return;
    let cancelled = false;
    let created: maplibregl.Map | null = null;
    // A configured style wins; then the street map imported into the host; then the schematic.
    const styleReady = styleUrl
      ? loadStyle(styleUrl, document.baseURI)
      : streetMap
        ? Promise.resolve(streetStyle(streetMap, store.getState().theme, document.baseURI))
        : loadStyle(BUNDLED_STYLE, document.baseURI);
    styleReady
      .then((style) => {
        if (cancelled || !container.current) return;
        created = new maplibregl.Map({
          container: container.current,
          style,
          center: PETERBOROUGH,
          zoom: 12.3,
          attributionControl: { compact: true },
          // A control room wall shows the map for hours: keep tiles and labels steady.
          fadeDuration: 0,
        });
        created.addControl(new maplibregl.NavigationControl({ visualizePitch: false }), 'top-right');
        created.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
        created.on('error', (e) => console.warn('map:', e.error?.message ?? e));
        skipUndefinedSky(created);
        created.on('moveend', () => {
          const c = created!.getCenter();
          store.getState().setMapCentre({ lat: c.lat, lon: c.lng });
        });
        created.once('load', () => {
          if (cancelled) return;
          window.__beaconMap = created!;
          setMap(created);
        });
      })
      .catch((err: Error) => {
        if (!cancelled) setError(err.message);
      });
    return () => {
      cancelled = true;
      created?.remove();
      if (window.__beaconMap === created) delete window.__beaconMap;
      setMap(null);
    };
  }, [styleUrl, streetMap, settingsLoaded, store]);

  // Resolution follows the renderer: a CPU rasteriser draws about half the pixels to keep up.
  useEffect(() => {
    if (!map) return;
    const renderer = mapRenderer(map);
    const detail = chooseMapDetail(isSoftwareRenderer(renderer), detailSetting);
    const pixelRatio = pixelRatioFor(detail, window.devicePixelRatio || 1);
    if (pixelRatio !== map.getPixelRatio()) map.setPixelRatio(pixelRatio);
    store.getState().setMapRendering({ renderer, detail });
  }, [map, detailSetting, store]);

  // The bundled basemap follows the console theme; a configured style is left as its author made it.
  const darkPaint = useRef<Record<string, unknown>>({});
  useEffect(() => {
    if (!map || styleUrl) return;
    if (streetMap) return repaintStreets(map, theme);
    for (const [layer, paint] of Object.entries(LIGHT_BASEMAP)) {
      if (!map.getLayer(layer)) continue;
      for (const [prop, light] of Object.entries(paint)) {
        const key = `${layer}/${prop}`;
        const name = prop as Parameters<typeof map.getPaintProperty>[1];
        if (!(key in darkPaint.current)) darkPaint.current[key] = map.getPaintProperty(layer, name);
        map.setPaintProperty(layer, name, (theme === 'light' ? light : darkPaint.current[key]) as string);
      }
    }
  }, [map, theme, styleUrl, streetMap]);

  useEffect(() => {
    if (!map) return;
    let last = 0;
    return store.subscribe((s) => {
      const f = s.flyTo;
      if (!f || f.n === last) return;
      last = f.n;
      map.flyTo({ center: [f.lon, f.lat], zoom: Math.max(map.getZoom(), f.zoom ?? 14), duration: 700, essential: true });
    });
  }, [map, store]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" role="application" aria-label="Map of units and incidents" />
      {error && <div className="map-error" role="alert">{error}</div>}
      <MapContext.Provider value={map}>{map && children}</MapContext.Provider>
    </div>
  );
}

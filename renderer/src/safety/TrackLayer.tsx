import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import { removeLayersAndSource } from '../map/layerUtil.js';
import { useMap } from '../map/MapContext.js';
import { type SafetyState, useSafetyStore } from './safetyState.js';

const TRACK_SOURCE = 'beacon-track';
const REPLAY_SOURCE = 'beacon-replay';
const TRACK_LAYERS = { line: 'track-line', dots: 'track-dots' } as const;
const REPLAY_LAYERS = { dots: 'replay-dots', label: 'replay-label' } as const;

function trackFeatures(track: SafetyState['track']): FeatureCollection {
  if (!track || track.points.length === 0) return { type: 'FeatureCollection', features: [] };
  const coords = track.points.map((p) => [p.lon, p.lat]);
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', geometry: { type: 'LineString', coordinates: coords }, properties: { id: `${track.unitId}-line`, kind: 'line' } },
      ...track.points.map((p, i) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [p.lon, p.lat] },
        properties: { id: `${track.unitId}-${i}`, kind: 'dot', ts: p.ts, last: i === track.points.length - 1 },
      })),
    ],
  };
}

function replayFeatures(replay: SafetyState['replay']): FeatureCollection {
  const frame = replay?.frame;
  if (!frame) return { type: 'FeatureCollection', features: [] };
  return {
    type: 'FeatureCollection',
    features: frame.positions.map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [p.fix.lon, p.fix.lat] },
      properties: { id: p.unitId, callsign: p.callsign, agency: p.agency, status: p.status ?? 'unknown', ageS: Math.round((frame.at - p.fix.ts) / 1000) },
    })),
  };
}

/** A unit's breadcrumbs and, while replaying, where every unit was at the chosen moment. */
export function TrackLayer() {
  const map = useMap()!;
  const safety = useSafetyStore();

  useEffect(() => {
    const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };
    map.addSource(TRACK_SOURCE, { type: 'geojson', data: empty, promoteId: 'id' });
    map.addSource(REPLAY_SOURCE, { type: 'geojson', data: empty, promoteId: 'id' });
    map.addLayer({
      id: TRACK_LAYERS.line,
      type: 'line',
      source: TRACK_SOURCE,
      filter: ['==', ['get', 'kind'], 'line'],
      paint: { 'line-color': '#b18cff', 'line-width': 3, 'line-opacity': 0.85 },
    });
    map.addLayer({
      id: TRACK_LAYERS.dots,
      type: 'circle',
      source: TRACK_SOURCE,
      filter: ['==', ['get', 'kind'], 'dot'],
      paint: { 'circle-radius': ['case', ['get', 'last'], 6, 3], 'circle-color': '#b18cff', 'circle-stroke-color': '#0b0e11', 'circle-stroke-width': 1 },
    });
    map.addLayer({
      id: REPLAY_LAYERS.dots,
      type: 'circle',
      source: REPLAY_SOURCE,
      paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-opacity': 0.9, 'circle-stroke-color': '#b18cff', 'circle-stroke-width': 3 },
    });
    map.addLayer({
      id: REPLAY_LAYERS.label,
      type: 'symbol',
      source: REPLAY_SOURCE,
      minzoom: 12.5,
      layout: { 'text-field': ['get', 'callsign'], 'text-font': ['sans-serif'], 'text-size': 11, 'text-offset': [0, 1.2], 'text-anchor': 'top' },
      paint: { 'text-color': '#e8ddff', 'text-halo-color': '#0b0e11', 'text-halo-width': 1.5 },
    });
    const track = map.getSource(TRACK_SOURCE) as GeoJSONSource;
    const replay = map.getSource(REPLAY_SOURCE) as GeoJSONSource;
    const push = () => {
      const s = safety.getState();
      track.setData(trackFeatures(s.track));
      replay.setData(replayFeatures(s.replay));
    };
    push();
    const unsubscribe = safety.subscribe((s, prev) => {
      if (s.track !== prev.track || s.replay !== prev.replay) push();
    });
    return () => {
      unsubscribe();
      removeLayersAndSource(map, [...Object.values(TRACK_LAYERS), ...Object.values(REPLAY_LAYERS)], TRACK_SOURCE);
      if (map.style && map.getSource(REPLAY_SOURCE)) map.removeSource(REPLAY_SOURCE);
    };
  }, [map, safety]);

  return null;
}

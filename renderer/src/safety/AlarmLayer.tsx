import type { GeoJSONSource } from 'maplibre-gl';
import { useEffect } from 'react';
import { removeLayersAndSource } from '../map/layerUtil.js';
import { useMap } from '../map/MapContext.js';
import { useConsoleStore } from '../store/store.js';
import { alarmFeatures, openAlarms } from './alarmModel.js';

const ALARMS_SOURCE = 'beacon-alarms';
const ALARM_LAYERS = { pulse: 'alarms-pulse', core: 'alarms-core', label: 'alarms-label' } as const;

/**
 * Officers in emergency, pinned above every other layer at their last known position, pulsing
 * until the alarm is acknowledged, labelled with how old that position is.
 */
export function AlarmLayer() {
  const map = useMap()!;
  const store = useConsoleStore();

  useEffect(() => {
    map.addSource(ALARMS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
    map.addLayer({
      id: ALARM_LAYERS.pulse,
      type: 'circle',
      source: ALARMS_SOURCE,
      paint: {
        'circle-radius': 18,
        'circle-color': '#ff1f3d',
        'circle-opacity': ['case', ['get', 'acknowledged'], 0.18, 0.35],
        'circle-stroke-color': '#ff1f3d',
        'circle-stroke-width': 2,
      },
    });
    map.addLayer({
      id: ALARM_LAYERS.core,
      type: 'circle',
      source: ALARMS_SOURCE,
      paint: { 'circle-radius': 8, 'circle-color': '#ff1f3d', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    });
    map.addLayer({
      id: ALARM_LAYERS.label,
      type: 'symbol',
      source: ALARMS_SOURCE,
      layout: {
        'text-field': ['get', 'label'],
        'text-font': ['sans-serif'],
        'text-size': 14,
        'text-offset': [0, -2.2],
        'text-anchor': 'bottom',
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-halo-color': '#b00020', 'text-halo-width': 2.5 },
    });

    const source = map.getSource(ALARMS_SOURCE) as GeoJSONSource;
    let count = 0;
    const refresh = () => {
      const s = store.getState();
      const open = openAlarms(s.alarms);
      count = open.filter((a) => a.acknowledgedAt === null).length;
      source.setData(alarmFeatures(open, s.units, Date.now() + s.clockSkewMs));
    };
    refresh();
    // Fix ages in the labels move every second; positions follow the units' batched updates.
    const labels = setInterval(refresh, 1000);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.alarms !== prev.alarms) refresh();
    });
    let phase = 0;
    const pulse = setInterval(() => {
      if (count === 0 || !map.getLayer(ALARM_LAYERS.pulse)) return;
      phase = (phase + 1) % 12;
      map.setPaintProperty(ALARM_LAYERS.pulse, 'circle-radius', 14 + phase * 2.5);
    }, 90);
    return () => {
      unsubscribe();
      clearInterval(labels);
      clearInterval(pulse);
      removeLayersAndSource(map, Object.values(ALARM_LAYERS), ALARMS_SOURCE);
    };
  }, [map, store]);

  return null;
}

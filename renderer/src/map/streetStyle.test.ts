import { describe, expect, it } from 'vitest';
import type { StreetMapSettings } from '../../../shared/contract.js';
import { repaintStreets, streetLayers, streetStyle } from './streetStyle.js';

const MAP: StreetMapSettings = {
  tiles: 'map/tiles/{z}/{x}/{y}.pbf',
  glyphs: 'map/glyphs/{fontstack}/{range}.pbf',
  bounds: [-0.53, 52.47, 0.03, 52.71],
  minzoom: 0,
  maxzoom: 14,
  attribution: ['© OpenStreetMap contributors, © OpenMapTiles', 'Contains OS data © Crown copyright and database right 2025.'],
};

describe('the street map style', () => {
  it('takes tiles and fonts from the host the console came from, and credits the data', () => {
    const s = streetStyle(MAP, 'dark', 'http://127.0.0.1:8620/');
    expect(s.glyphs).toBe('http://127.0.0.1:8620/map/glyphs/{fontstack}/{range}.pbf');
    expect(s.sources.streets).toMatchObject({
      type: 'vector',
      tiles: ['http://127.0.0.1:8620/map/tiles/{z}/{x}/{y}.pbf'],
      maxzoom: 14,
      attribution: '© OpenStreetMap contributors, © OpenMapTiles Contains OS data © Crown copyright and database right 2025.',
    });
    expect(s.sources['sector-bounds']).toMatchObject({ data: 'http://127.0.0.1:8620/geo/sectors.geojson' });
  });

  it('labels from name:latin, the only name the OpenMapTiles extract carries, in the local font', () => {
    const symbols = streetLayers('dark').filter((l) => l.type === 'symbol' && 'source' in l && l.source === 'streets');
    expect(symbols.length).toBeGreaterThan(3);
    for (const l of symbols) expect(JSON.stringify((l as { layout: unknown }).layout)).toContain('"text-field":["get","name:latin"],"text-font":["Noto Sans Regular"]');
  });

  it('changes colours, not layers, between dark and light; repainting touches only layers on the map', () => {
    const dark = streetLayers('dark');
    const light = streetLayers('light');
    expect(light.map((l) => l.id)).toEqual(dark.map((l) => l.id));
    expect(light.find((l) => l.id === 'land')).not.toEqual(dark.find((l) => l.id === 'land'));
    const painted: string[] = [];
    repaintStreets({ getLayer: (id) => (id === 'land' || id === 'water' ? {} : undefined), setPaintProperty: (l, p, v) => painted.push(`${l} ${p} ${String(v)}`) }, 'light');
    expect(painted).toEqual(['land background-color #efece6', 'water fill-color #a9cbe2']);
  });
});

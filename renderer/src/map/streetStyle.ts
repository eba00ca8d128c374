import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { StreetMapSettings } from '../../../shared/contract.js';

/**
 * The imported street map's style, written for the OpenMapTiles schema: muted land, roads by
 * class, buildings and street names at close zoom, so the units and incidents drawn over it stay
 * the brightest things on screen. Names come from `name:latin`, the only name these tiles carry.
 */

type Theme = 'dark' | 'light';

const PALETTE = {
  dark: {
    land: '#11161b',
    residential: '#151b21',
    industrial: '#171a1f',
    park: '#13241b',
    wood: '#12211a',
    water: '#173247',
    waterway: '#1f4560',
    building: '#1d242c',
    buildingLine: '#262f39',
    motorway: '#8c6b2f',
    trunk: '#7d6a3b',
    primary: '#6b6142',
    secondary: '#525a63',
    minor: '#333c46',
    service: '#29313a',
    path: '#3a4450',
    pedestrian: '#2c3540',
    casing: '#0b0e11',
    rail: '#4a525c',
    label: '#aab4be',
    labelMajor: '#d4dbe2',
    halo: '#0b0e11',
    place: '#9aa6b2',
    waterLabel: '#6f9ec2',
    sector: '#5b7fa6',
    pspo: '#c99a3a',
    pspoFill: '#b0842b',
    pspoLabel: '#d9b260',
  },
  light: {
    land: '#efece6',
    residential: '#e8e4dc',
    industrial: '#e4e0e6',
    park: '#d4e6c9',
    wood: '#c9dfbd',
    water: '#a9cbe2',
    waterway: '#8ab8d8',
    building: '#dcd6cc',
    buildingLine: '#cbc3b6',
    motorway: '#e8a23f',
    trunk: '#f0bd5a',
    primary: '#f6d27a',
    secondary: '#fbe7a8',
    minor: '#ffffff',
    service: '#fbfaf7',
    path: '#b9b1a3',
    pedestrian: '#f4efe3',
    casing: '#b8b0a2',
    rail: '#9a948a',
    label: '#3b3f44',
    labelMajor: '#202428',
    halo: '#f7f5f0',
    place: '#4b535b',
    waterLabel: '#2e6f9e',
    sector: '#3d5f86',
    pspo: '#a5771f',
    pspoFill: '#b0842b',
    pspoLabel: '#7a5a15',
  },
} as const;

const FONT = ['Noto Sans Regular'];
const NAME: ExpressionSpecification = ['get', 'name:latin'];
const cls = (...classes: string[]): ExpressionSpecification => ['match', ['get', 'class'], classes, true, false];
/** Line width that grows with zoom, as roads do on paper maps: [zoom, px] stops. */
const widths = (...stops: [number, number][]): ExpressionSpecification => ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flat()];

/** Layers whose colours change with the console's theme: everything but the data sources. */
export function streetLayers(theme: Theme): LayerSpecification[] {
  const c = PALETTE[theme];
  const src = { source: 'streets' } as const;
  const road = (id: string, classes: string[], color: string, width: ExpressionSpecification, minzoom = 0): LayerSpecification => ({
    id,
    type: 'line',
    ...src,
    'source-layer': 'transportation',
    minzoom,
    filter: ['all', cls(...classes), ['!=', ['get', 'brunnel'], 'tunnel']],
    layout: { 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': color, 'line-width': width },
  });
  return [
    { id: 'land', type: 'background', paint: { 'background-color': c.land } },
    { id: 'landuse-residential', type: 'fill', ...src, 'source-layer': 'landuse', filter: cls('residential', 'suburb', 'neighbourhood'), paint: { 'fill-color': c.residential } },
    { id: 'landuse-industrial', type: 'fill', ...src, 'source-layer': 'landuse', filter: cls('industrial', 'commercial', 'retail', 'railway'), paint: { 'fill-color': c.industrial } },
    { id: 'landcover-wood', type: 'fill', ...src, 'source-layer': 'landcover', filter: cls('wood', 'forest'), paint: { 'fill-color': c.wood } },
    { id: 'landcover-grass', type: 'fill', ...src, 'source-layer': 'landcover', filter: cls('grass', 'wetland'), paint: { 'fill-color': c.park, 'fill-opacity': 0.6 } },
    { id: 'park', type: 'fill', ...src, 'source-layer': 'park', paint: { 'fill-color': c.park } },
    { id: 'water', type: 'fill', ...src, 'source-layer': 'water', paint: { 'fill-color': c.water } },
    { id: 'waterway', type: 'line', ...src, 'source-layer': 'waterway', paint: { 'line-color': c.waterway, 'line-width': widths([10, 0.6], [16, 4]) } },
    { id: 'building', type: 'fill', ...src, 'source-layer': 'building', minzoom: 14, paint: { 'fill-color': c.building, 'fill-outline-color': c.buildingLine } },
    { id: 'aeroway', type: 'line', ...src, 'source-layer': 'aeroway', paint: { 'line-color': c.minor, 'line-width': widths([11, 1], [16, 12]) } },
    road('road-path', ['path', 'track', 'footway', 'cycleway', 'bridleway', 'steps'], c.path, widths([14, 0.6], [18, 2.5]), 14),
    // City-centre streets are often pedestrian: drawn as streets, not as footpaths, in their own shade.
    road('road-pedestrian', ['pedestrian'], c.pedestrian, widths([13, 1], [18, 14]), 13),
    road('road-service', ['service'], c.service, widths([14, 0.8], [18, 5]), 14),
    road('road-minor-casing', ['minor', 'tertiary'], c.casing, widths([13, 1.6], [18, 16]), 13),
    road('road-minor', ['minor', 'tertiary', 'unclassified', 'residential', 'living_street'], c.minor, widths([12, 0.6], [18, 13])),
    road('road-secondary', ['secondary'], c.secondary, widths([10, 0.8], [18, 17])),
    road('road-major-casing', ['primary', 'trunk', 'motorway'], c.casing, widths([12, 2.6], [18, 22]), 12),
    road('road-primary', ['primary'], c.primary, widths([8, 0.8], [18, 19])),
    road('road-trunk', ['trunk'], c.trunk, widths([6, 0.8], [18, 20])),
    road('road-motorway', ['motorway'], c.motorway, widths([6, 1], [18, 22])),
    {
      id: 'railway',
      type: 'line',
      ...src,
      'source-layer': 'transportation',
      filter: cls('rail', 'transit'),
      paint: { 'line-color': c.rail, 'line-width': widths([10, 0.6], [18, 3]), 'line-dasharray': [3, 2] },
    },
    { id: 'pspo-fill', type: 'fill', source: 'pspo', paint: { 'fill-color': c.pspoFill, 'fill-opacity': 0.08 } },
    { id: 'pspo-line', type: 'line', source: 'pspo', paint: { 'line-color': c.pspo, 'line-width': 1.5, 'line-dasharray': [3, 2] } },
    { id: 'sector-bounds', type: 'line', source: 'sector-bounds', paint: { 'line-color': c.sector, 'line-width': 1.4, 'line-opacity': 0.8 } },
    {
      id: 'water-name',
      type: 'symbol',
      ...src,
      'source-layer': 'water_name',
      minzoom: 13,
      layout: { 'text-field': NAME, 'text-font': FONT, 'text-size': 12, 'symbol-placement': 'line' },
      paint: { 'text-color': c.waterLabel, 'text-halo-color': c.halo, 'text-halo-width': 1.2 },
    },
    {
      id: 'road-name-minor',
      type: 'symbol',
      ...src,
      'source-layer': 'transportation_name',
      minzoom: 15,
      filter: ['!', cls('primary', 'trunk', 'motorway', 'secondary', 'rail', 'transit', 'bus_stop')],
      layout: { 'text-field': NAME, 'text-font': FONT, 'text-size': widths([15, 11], [18, 14]), 'symbol-placement': 'line', 'text-max-angle': 30 },
      paint: { 'text-color': c.label, 'text-halo-color': c.halo, 'text-halo-width': 1.5 },
    },
    {
      id: 'road-name-major',
      type: 'symbol',
      ...src,
      'source-layer': 'transportation_name',
      minzoom: 13,
      filter: cls('primary', 'trunk', 'motorway', 'secondary'),
      layout: { 'text-field': NAME, 'text-font': FONT, 'text-size': widths([13, 11], [18, 15]), 'symbol-placement': 'line', 'text-max-angle': 30 },
      paint: { 'text-color': c.labelMajor, 'text-halo-color': c.halo, 'text-halo-width': 1.5 },
    },
    {
      id: 'pspo-name',
      type: 'symbol',
      source: 'pspo',
      minzoom: 13,
      layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11 },
      paint: { 'text-color': c.pspoLabel, 'text-halo-color': c.halo, 'text-halo-width': 1 },
    },
    {
      id: 'poi-name',
      type: 'symbol',
      ...src,
      'source-layer': 'poi',
      minzoom: 16,
      filter: ['<=', ['coalesce', ['get', 'rank'], 99], 20],
      layout: { 'text-field': NAME, 'text-font': FONT, 'text-size': 11, 'text-max-width': 8, 'text-optional': true },
      paint: { 'text-color': c.place, 'text-halo-color': c.halo, 'text-halo-width': 1.2 },
    },
    {
      id: 'places',
      type: 'symbol',
      ...src,
      'source-layer': 'place',
      layout: {
        'text-field': NAME,
        'text-font': FONT,
        'text-size': ['match', ['get', 'class'], 'city', 16, 'town', 14, 'village', 13, 12],
        'symbol-sort-key': ['match', ['get', 'class'], 'city', 0, 'town', 1, 'village', 2, 3],
        'text-max-width': 8,
      },
      paint: { 'text-color': c.place, 'text-halo-color': c.halo, 'text-halo-width': 1.5 },
    },
  ];
}

/** The whole style: the imported tiles and fonts from the host, sectors and PSPO zones over them. */
export function streetStyle(map: StreetMapSettings, theme: Theme, base: string): StyleSpecification {
  const abs = (u: string) => new URL(u, base).href.replace('%7Bz%7D', '{z}').replace('%7Bx%7D', '{x}').replace('%7By%7D', '{y}');
  return {
    version: 8,
    name: `Beacon streets (${theme})`,
    glyphs: new URL(map.glyphs, base).href.replace('%7Bfontstack%7D', '{fontstack}').replace('%7Brange%7D', '{range}'),
    sources: {
      streets: { type: 'vector', tiles: [abs(map.tiles)], minzoom: map.minzoom, maxzoom: map.maxzoom, bounds: map.bounds, attribution: map.attribution.join(' ') },
      'sector-bounds': { type: 'geojson', data: new URL('geo/sectors.geojson', base).href },
      pspo: { type: 'geojson', data: new URL('geo/pspo-zones.geojson', base).href },
    },
    layers: streetLayers(theme),
  };
}

/** Repaints a street map already on screen for the other theme, keeping every layer added over it. */
export function repaintStreets(map: { getLayer(id: string): unknown; setPaintProperty(layer: string, name: string, value: unknown): void }, theme: Theme): void {
  for (const layer of streetLayers(theme)) {
    if (!map.getLayer(layer.id) || !('paint' in layer) || !layer.paint) continue;
    for (const [prop, value] of Object.entries(layer.paint)) map.setPaintProperty(layer.id, prop, value);
  }
}

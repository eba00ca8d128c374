// Generates the bundled offline basemap (resources/basemap): coarse Peterborough geography that
// works with no network. Every line here is approximate, drawn by hand from general knowledge of
// the city, and the street grid is schematic: the style's attribution says so on screen. A real
// deployment points the console at its own tiles with `--map-style URL`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'basemap');
fs.mkdirSync(out, { recursive: true });

const line = (props, coords) => ({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: coords } });
const point = (props, coord) => ({ type: 'Feature', properties: props, geometry: { type: 'Point', coordinates: coord } });
const polygon = (props, ring) => ({ type: 'Feature', properties: props, geometry: { type: 'Polygon', coordinates: [ring] } });
const round = (n) => Math.round(n * 1e5) / 1e5;

const features = [];

// The built-up area, roughly: the grid and the "urban" tint stay inside it.
const urban = [
  [-0.330, 52.530], [-0.280, 52.505], [-0.230, 52.510], [-0.180, 52.535], [-0.165, 52.565],
  [-0.175, 52.600], [-0.200, 52.622], [-0.250, 52.632], [-0.300, 52.628], [-0.325, 52.600],
  [-0.335, 52.565], [-0.330, 52.530],
];
features.push(polygon({ kind: 'urban', name: 'Peterborough (built-up area, approximate)' }, urban));

// River Nene, west (Wansford) to east (Dog-in-a-Doublet), approximately.
features.push(line({ kind: 'river', name: 'River Nene' }, [
  [-0.420, 52.566], [-0.385, 52.567], [-0.355, 52.570], [-0.330, 52.568], [-0.310, 52.562],
  [-0.290, 52.563], [-0.270, 52.566], [-0.255, 52.567], [-0.243, 52.568], [-0.230, 52.566],
  [-0.215, 52.564], [-0.200, 52.563], [-0.180, 52.567], [-0.160, 52.575], [-0.130, 52.585],
  [-0.100, 52.594], [-0.060, 52.600],
]));
// Ferry Meadows lakes, as one rough shape.
features.push(polygon({ kind: 'lake', name: 'Ferry Meadows lakes' }, [
  [-0.312, 52.5585], [-0.302, 52.5570], [-0.293, 52.5590], [-0.296, 52.5612], [-0.306, 52.5612], [-0.312, 52.5585],
]));

const roads = {
  'A1(M)': { kind: 'trunk', coords: [[-0.300, 52.470], [-0.318, 52.500], [-0.335, 52.525], [-0.345, 52.545], [-0.365, 52.560], [-0.385, 52.570], [-0.410, 52.585], [-0.440, 52.610], [-0.470, 52.640]] },
  A47: { kind: 'trunk', coords: [[-0.440, 52.590], [-0.410, 52.588], [-0.370, 52.592], [-0.335, 52.598], [-0.300, 52.605], [-0.270, 52.607], [-0.230, 52.607], [-0.195, 52.605], [-0.150, 52.610], [-0.100, 52.620], [-0.050, 52.628]] },
  A15: { kind: 'primary', coords: [[-0.290, 52.690], [-0.275, 52.650], [-0.262, 52.620], [-0.250, 52.595], [-0.245, 52.578], [-0.243, 52.568], [-0.245, 52.555], [-0.250, 52.535], [-0.262, 52.510], [-0.290, 52.495]] },
  A1139: { kind: 'primary', coords: [[-0.340, 52.540], [-0.300, 52.540], [-0.265, 52.543], [-0.230, 52.545], [-0.205, 52.550], [-0.195, 52.565], [-0.190, 52.585], [-0.192, 52.605]] },
  A1260: { kind: 'primary', coords: [[-0.330, 52.540], [-0.300, 52.553], [-0.288, 52.565], [-0.282, 52.580], [-0.280, 52.595], [-0.275, 52.607]] },
  A605: { kind: 'primary', coords: [[-0.420, 52.530], [-0.370, 52.540], [-0.330, 52.548], [-0.290, 52.556], [-0.260, 52.562], [-0.243, 52.564], [-0.215, 52.553], [-0.190, 52.552], [-0.150, 52.555], [-0.130, 52.560]] },
};
for (const [ref, r] of Object.entries(roads)) features.push(line({ kind: r.kind, ref, name: `${ref} (approximate)` }, r.coords));

// Schematic street grid: evenly spaced lines clipped to the built-up area's bounding box. It gives
// a dispatcher scale and orientation at street zoom; it is NOT the real street pattern.
const [minLon, maxLon, minLat, maxLat] = [-0.330, -0.165, 52.505, 52.632];
for (let lat = minLat + 0.002; lat < maxLat; lat += 0.004)
  features.push(line({ kind: 'schematic', name: 'schematic grid' }, [[minLon, round(lat)], [maxLon, round(lat)]]));
for (let lon = minLon + 0.003; lon < maxLon; lon += 0.006)
  features.push(line({ kind: 'schematic', name: 'schematic grid' }, [[round(lon), minLat], [round(lon), maxLat]]));

const places = {
  'Peterborough city centre': [-0.2425, 52.5725, 1],
  Werrington: [-0.285, 52.625, 2], Paston: [-0.245, 52.605, 2], Gunthorpe: [-0.235, 52.615, 2],
  Dogsthorpe: [-0.220, 52.595, 2], Eastfield: [-0.218, 52.580, 2], Fengate: [-0.205, 52.570, 2],
  Bretton: [-0.300, 52.597, 2], Westwood: [-0.280, 52.585, 2], Ravensthorpe: [-0.268, 52.592, 2],
  Orton: [-0.290, 52.545, 2], Hampton: [-0.262, 52.527, 2], Stanground: [-0.212, 52.552, 2],
  Woodston: [-0.252, 52.560, 2], Fletton: [-0.238, 52.552, 2], Millfield: [-0.250, 52.585, 2],
  Eye: [-0.190, 52.612, 2], Yaxley: [-0.260, 52.513, 2], Longthorpe: [-0.292, 52.571, 2],
};
for (const [name, [lon, lat, rank]] of Object.entries(places)) features.push(point({ kind: 'place', name, rank }, [lon, lat]));

fs.writeFileSync(path.join(out, 'peterborough.geojson'), JSON.stringify({ type: 'FeatureCollection', features }));

const attribution = 'Beacon offline basemap: approximate roads and river, schematic street grid (not real streets)';
const style = {
  version: 8,
  name: 'Beacon offline basemap (Peterborough, approximate)',
  // No `glyphs`: MapLibre draws label text with the machine's own fonts, so nothing is fetched.
  center: [-0.2425, 52.5725],
  zoom: 12,
  sources: {
    basemap: { type: 'geojson', data: 'peterborough.geojson', attribution },
    'sector-bounds': { type: 'geojson', data: '../geo/sectors.geojson' },
    pspo: { type: 'geojson', data: '../geo/pspo-zones.geojson' },
  },
  layers: [
    // The built-up area is an outline, not a fill: on a software-rendered wall display every
    // full-screen fill costs a whole extra pass per frame.
    { id: 'land', type: 'background', paint: { 'background-color': '#1e242b' } },
    { id: 'urban', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'urban'], paint: { 'line-color': '#2c353f', 'line-width': 2 } },
    { id: 'lake', type: 'fill', source: 'basemap', filter: ['==', ['get', 'kind'], 'lake'], paint: { 'fill-color': '#17364d' } },
    {
      id: 'river', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'river'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#1d4f73', 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, 2, 14, 10, 17, 40] },
    },
    {
      id: 'schematic-grid', type: 'line', source: 'basemap', minzoom: 13, filter: ['==', ['get', 'kind'], 'schematic'],
      paint: { 'line-color': '#313a44', 'line-width': ['interpolate', ['linear'], ['zoom'], 13, 0.5, 17, 3], 'line-dasharray': [4, 2] },
    },
    { id: 'pspo-fill', type: 'fill', source: 'pspo', paint: { 'fill-color': '#b0842b', 'fill-opacity': 0.08 } },
    { id: 'pspo-line', type: 'line', source: 'pspo', paint: { 'line-color': '#c99a3a', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
    {
      id: 'roads-primary', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'primary'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#6b5a3a', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 1.5, 15, 6] },
    },
    {
      id: 'roads-trunk', type: 'line', source: 'basemap', filter: ['==', ['get', 'kind'], 'trunk'],
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#3d6b4f', 'line-width': ['interpolate', ['linear'], ['zoom'], 10, 2.5, 15, 8] },
    },
    { id: 'sector-bounds', type: 'line', source: 'sector-bounds', paint: { 'line-color': '#5b7fa6', 'line-width': 1.2, 'line-opacity': 0.7 } },
    {
      id: 'road-refs', type: 'symbol', source: 'basemap', filter: ['in', ['get', 'kind'], ['literal', ['trunk', 'primary']]],
      layout: { 'symbol-placement': 'line', 'symbol-spacing': 400, 'text-field': ['get', 'ref'], 'text-font': ['sans-serif'], 'text-size': 11 },
      paint: { 'text-color': '#d8d2c0', 'text-halo-color': '#1b2026', 'text-halo-width': 1.5 },
    },
    {
      id: 'river-name', type: 'symbol', source: 'basemap', minzoom: 12, filter: ['==', ['get', 'kind'], 'river'],
      layout: { 'symbol-placement': 'line', 'symbol-spacing': 500, 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11 },
      paint: { 'text-color': '#6fa3c8', 'text-halo-color': '#1b2026', 'text-halo-width': 1 },
    },
    {
      id: 'pspo-name', type: 'symbol', source: 'pspo', minzoom: 13,
      layout: { 'text-field': ['get', 'name'], 'text-font': ['sans-serif'], 'text-size': 11 },
      paint: { 'text-color': '#d9b260', 'text-halo-color': '#1b2026', 'text-halo-width': 1 },
    },
    {
      id: 'places', type: 'symbol', source: 'basemap', filter: ['==', ['get', 'kind'], 'place'],
      layout: {
        'text-field': ['get', 'name'], 'text-font': ['sans-serif'],
        'text-size': ['match', ['get', 'rank'], 1, 15, 12],
        'symbol-sort-key': ['get', 'rank'],
      },
      paint: { 'text-color': '#9aa6b2', 'text-halo-color': '#1b2026', 'text-halo-width': 1.5 },
    },
  ],
};
fs.writeFileSync(path.join(out, 'style.json'), JSON.stringify(style, null, 1));
console.log(`Wrote ${features.length} basemap features and style.json to ${out}`);

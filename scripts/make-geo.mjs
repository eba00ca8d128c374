// Writes the approximate Peterborough sector and PSPO boundaries in resources/geo. These are
// demonstration shapes, not surveyed boundaries: a supervisor loads the real ones as GeoJSON.
import fs from 'node:fs';
const box = (w, s, e, n) => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
const sectors = [
  ['central', 'Central', box(-0.265, 0.545, -0.225, 0.585)],
  ['north', 'North (Werrington, Paston, Gunthorpe)', box(-0.33, 0.585, -0.16, 0.63)],
  ['east', 'East (Dogsthorpe, Eastfield, Fengate)', box(-0.225, 0.545, -0.16, 0.585)],
  ['west', 'West (Bretton, Westwood, Ravensthorpe)', box(-0.33, 0.545, -0.265, 0.585)],
  ['south', 'South (Orton, Hampton, Stanground)', box(-0.33, 0.5, -0.16, 0.545)],
].map(([id, name, c]) => ({
  type: 'Feature',
  id,
  properties: { id, name },
  geometry: { type: 'Polygon', coordinates: c.map((r) => r.map(([x, y]) => [x, +(52 + y).toFixed(4)])) },
}));
fs.mkdirSync('resources/geo', { recursive: true });
fs.writeFileSync('resources/geo/sectors.geojson', JSON.stringify({ type: 'FeatureCollection', features: sectors }, null, 1));
const zone = (id, name, c, rules) => ({
  type: 'Feature',
  id,
  properties: { id, name, rules },
  geometry: { type: 'Polygon', coordinates: c.map((r) => r.map(([x, y]) => [x, +(52 + y).toFixed(4)])) },
});
const pspo = {
  type: 'FeatureCollection',
  features: [
    zone('city-centre', 'City centre PSPO', box(-0.252, 0.5695, -0.235, 0.5775), [
      { behaviour: 'alcohol', from: '00:00', to: '24:00' },
      { behaviour: 'begging', from: '00:00', to: '24:00' },
      { behaviour: 'busking', from: '20:00', to: '08:00' },
      { behaviour: 'cycling', from: '10:00', to: '16:00' },
    ]),
    zone('cando', "'Cando' area PSPO", box(-0.256, 0.5775, -0.238, 0.592), [
      { behaviour: 'alcohol', from: '00:00', to: '24:00' },
      { behaviour: 'begging', from: '00:00', to: '24:00' },
    ]),
  ],
};
fs.writeFileSync('resources/geo/pspo-zones.geojson', JSON.stringify(pspo, null, 1));
console.log('wrote resources/geo/sectors.geojson and pspo-zones.geojson');

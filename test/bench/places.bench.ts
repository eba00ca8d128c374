// Place search benchmark: typing-to-results over the real Peterborough gazetteer, grown past
// 100,000 entries with AddressBase-style addresses on its real streets.
// Run: npx tsx test/bench/places.bench.ts   Target: p99 ≤ 50 ms from a keystroke to ranked results.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADDRESSBASE_COLUMNS } from '../../adapters/map-import/addresses.js';
import { importMap, mapPackageFiles } from '../../adapters/map-import/import-map.js';
import { SqliteGazetteer } from '../../adapters/gazetteer-sqlite/sqlite-gazetteer.js';
import { defaultConfig } from '../../electron/host/config.js';
import { startConsoleHost } from '../../electron/host/console-host.js';
import { searchPlaces } from '../../shared/places/search.js';
import { LatLon } from 'geodesy/osgridref.js';
import { hasMapData, REAL_POSTCODES, REAL_TILES, REAL_WARDS } from '../support/mapdata.js';
import { fmt, percentile as pct } from './support/bench-utils.js';
import { supervisorFetch } from '../support/sessions.js';

const ENTRIES = Number(process.env.BENCH_PLACES ?? 100_000);
if (!hasMapData) {
  console.log('places: skipped, ../shared/mapdata is not beside the repository.');
  process.exit(0);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'beacon-places-bench-'));
const near = { lat: 52.5725, lon: -0.2425 };

// First the real data alone, to learn its streets; then again with addresses on them.
let t = performance.now();
const real = await importMap({ tiles: REAL_TILES, postcodes: REAL_POSTCODES, wards: REAL_WARDS, dataDir: dir });
const realCount = Object.values(real.places).reduce((a, b) => a + b, 0);
const db = new Database(mapPackageFiles(dir).gazetteer, { readonly: true });
const streets = db.prepare<[], { name: string; lat: number; lon: number }>("SELECT name, lat, lon FROM places WHERE kind = 'street'").all();
db.close();
const perStreet = Math.ceil((ENTRIES - realCount) / streets.length);
const csv = path.join(dir, 'addresses.csv');
const out = fs.openSync(csv, 'w');
let uprn = 100_000_000;
let seed = 7;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
for (const s of streets) {
  const rows: string[] = [];
  for (let n = 1; n <= perStreet; n++) {
    const g = new LatLon(s.lat + (rnd() - 0.5) * 0.002, s.lon + (rnd() - 0.5) * 0.003).toOsGrid();
    const row: Record<string, string> = { UPRN: String(uprn++), BUILDING_NUMBER: String(n), THOROUGHFARE_NAME: s.name.toUpperCase(), POST_TOWN: 'PETERBOROUGH', X_COORDINATE: g.easting.toFixed(0), Y_COORDINATE: g.northing.toFixed(0) };
    rows.push(ADDRESSBASE_COLUMNS.map((c) => (row[c] ? `"${row[c]}"` : '')).join(','));
  }
  fs.writeSync(out, rows.join('\n') + '\n');
}
fs.closeSync(out);
const report = await importMap({ tiles: REAL_TILES, postcodes: REAL_POSTCODES, wards: REAL_WARDS, addresses: csv, dataDir: dir });
const total = Object.values(report.places).reduce((a, b) => a + b, 0);
console.log(`places: imported ${fmt(total)} entries (${Object.entries(report.places).map(([k, n]) => `${fmt(n)} ${k}`).join(', ')}) in ${fmt((performance.now() - t) / 1000, 1)} s`);

// What dispatchers type, one keystroke at a time, typos included.
const phrases = ['Cathedral Square', 'pe1 1ha', 'PE3 6', 'Bourges Boulevard', '12 Bridge Street', 'bourgse boulevrd', 'catherdal sq', 'Peterborough City Hospital', 'TL 19240 98462', '52.5709 N 0.2420 W', 'queensgate', 'Thorpe Road', 'park road', '45 Lincoln Road', 'westgat', 'Serpentine Green', 'oundle rd', 'millfield', 'werington', 'Long Causeway'];
const keystrokes = phrases.flatMap((p) => Array.from({ length: p.length }, (_, i) => p.slice(0, i + 1)));

const g = SqliteGazetteer.open(mapPackageFiles(dir).gazetteer);
for (const k of keystrokes.slice(0, 40)) searchPlaces(g, k, { near }); // warm the statement cache and the vocabulary
const direct: number[] = [];
for (let round = 0; round < 3; round++)
  for (const k of keystrokes) {
    t = performance.now();
    searchPlaces(g, k, { near, limit: 10 });
    direct.push(performance.now() - t);
  }
g.close();
console.log(`places: search alone, ${fmt(direct.length)} keystrokes: p50 ${fmt(pct(direct, 50), 2)} ms, p99 ${fmt(pct(direct, 99), 2)} ms, max ${fmt(Math.max(...direct), 1)} ms`);

// The same through the host's HTTP API, as the console's search box calls it.
const host = await startConsoleHost(defaultConfig({ dataDir: path.join(dir, 'journal'), mapDataDir: dir, port: 0, mqttPort: 0, simulator: false, quiet: true }));
const api = supervisorFetch(() => host);
const http: number[] = [];
for (let round = 0; round < 2; round++)
  for (const k of keystrokes) {
    t = performance.now();
    const r = await api(`${host.url}/api/places?q=${encodeURIComponent(k)}&near=${near.lat},${near.lon}&limit=8`);
    await r.json();
    http.push(performance.now() - t);
  }
await host.stop();
const p99 = pct(http, 99);
console.log(`places: typing-to-results over HTTP, ${fmt(http.length)} keystrokes: p50 ${fmt(pct(http, 50), 2)} ms, p99 ${fmt(p99, 2)} ms (target ≤ 50 ms) ${p99 <= 50 ? 'PASS' : 'FAIL'}`);
fs.rmSync(dir, { recursive: true, force: true });
process.exit(p99 <= 50 ? 0 : 1);

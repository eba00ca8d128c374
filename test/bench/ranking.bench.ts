// Ranking benchmark: recommending officers for an incident among 10,000 units.
// Run: npx tsx test/bench/ranking.bench.ts   Target: p99 ≤ 1 ms per recommendation.
import os from 'node:os';
import { DEFAULT_POWERS } from '../../shared/domain/agencies.js';
import { CATEGORY_IDS } from '../../shared/domain/categories.js';
import { sectorId, unitId, type IncidentId, type UnitId } from '../../shared/domain/ids.js';
import type { Incident } from '../../shared/domain/incidents.js';
import { type Unit, unitFromRoster } from '../../shared/domain/units.js';
import { DEFAULT_RANKING, recommendUnits } from '../../shared/dispatch/ranking.js';
import { UnitGrid } from '../../shared/dispatch/unit-grid.js';
import { percentile as pct } from './support/bench-utils.js';
import { anIncident } from '../fixtures/incident.js';
import { RoadGraph } from '../../shared/routing/road-graph.js';
import { RoadNetworkBuilder } from '../../adapters/map-import/road-network.js';
import { decodeTile } from '../../adapters/map-import/tile-names.js';
import { openTileSource } from '../../adapters/map-import/tile-source.js';
import { hasMapData, REAL_TILES } from '../support/mapdata.js';

const UNITS = Number(process.env.BENCH_UNITS ?? 10_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 5_000);
let seed = 1;
const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const agencies = ['police', 'pcso', 'council_enforcement', 'civil_parking', 'housing', 'fire', 'prison'] as const;
const sectors = ['central', 'north', 'east', 'west', 'south'];
const now = Date.now();

// Spread over Greater Peterborough (~14 × 11 km), as a large joint service would be.
const units = new Map<UnitId, Unit>();
for (let i = 0; i < UNITS; i++) {
  const agency = agencies[i % agencies.length]!;
  const u = unitFromRoster({ id: unitId(`u${i}`), callsign: `U${i}`, agency, powers: [...DEFAULT_POWERS[agency]], sector: sectorId(sectors[i % 5]!), mode: i % 3 ? 'foot' : 'vehicle' });
  u.fix = { ts: now - rnd() * 60_000, lat: 52.52 + rnd() * 0.1, lon: -0.35 + rnd() * 0.2 };
  u.status = rnd() < 0.1 ? 'off_duty' : rnd() < 0.2 ? 'busy' : 'available';
  if (i % 97 === 0) u.withdrawnPowers = ['begging'];
  units.set(u.id, u);
}
const incidents = new Map<IncidentId, Incident>();
const cats = CATEGORY_IDS;
const queries: Incident[] = Array.from({ length: QUERIES }, (_, k) => {
  const category = cats[k % cats.length]!;
  return anIncident(`INC-${k}`, category, {
    ref: String(k),
    location: { lat: 52.52 + rnd() * 0.1, lon: -0.35 + rnd() * 0.2 },
    sector: sectorId(sectors[k % 5]!),
    createdAt: now,
    createdBy: 'bench',
    updatedAt: now,
  });

});

const grid = new UnitGrid();
let t = performance.now();
grid.sync(units.values());
const buildMs = performance.now() - t;
// The host keeps the grid current event by event: one call per position report, timed alone.
const movers = [...units.values()].filter(() => rnd() < 0.2);
let upsertMs = 0;
for (let k = 0; k < 20; k++) {
  for (const u of movers) u.fix = { ...u.fix!, lat: u.fix!.lat + (rnd() - 0.5) * 0.002, lon: u.fix!.lon + (rnd() - 0.5) * 0.003 };
  t = performance.now();
  for (const u of movers) grid.moved(u);
  upsertMs += performance.now() - t;
}
const upsertNs = (upsertMs * 1e6) / (movers.length * 20);

/** The road network of the real Peterborough tiles, built as the importer builds it. */
async function realRoads(): Promise<{ graph: RoadGraph; buildMs: number } | null> {
  if (!hasMapData) return null;
  const started = performance.now();
  const source = await openTileSource(REAL_TILES);
  const builder = new RoadNetworkBuilder();
  for await (const tile of source.tiles()) if (tile.z === source.info.maxzoom) builder.add(tile, decodeTile(tile));
  source.close();
  return { graph: new RoadGraph(builder.finish()), buildMs: performance.now() - started };
}

const SHORTLIST = Number(process.env.BENCH_SHORTLIST ?? DEFAULT_RANKING.roadShortlistFactor);

function run(label: string, roads: RoadGraph | null, everyoneMoved = false) {
  const settings = { roadShortlistFactor: SHORTLIST };
  for (let k = 0; k < 500; k++) recommendUnits(queries[k]!, units, incidents, grid, now, settings, roads); // warm-up
  const times: number[] = [];
  let considered = 0;
  let byRoad = 0;
  let listed = 0;
  const settled: number[] = [];
  for (const q of queries) {
    const before = roads?.settled ?? 0;
    if (everyoneMoved) roads?.forgetJoins();
    t = performance.now();
    const r = recommendUnits(q, units, incidents, grid, now, settings, roads);
    times.push(performance.now() - t);
    settled.push((roads?.settled ?? 0) - before);
    considered += r.considered;
    listed += r.candidates.length;
    byRoad += r.candidates.filter((c) => c.etaBasis === 'roads').length;
  }
  console.log(`  ${label.padEnd(26)} p50 ${pct(times, 50).toFixed(3)} ms  p99 ${pct(times, 99).toFixed(3)} ms  max ${Math.max(...times).toFixed(3)} ms  (target p99 ≤ 1 ms: ${pct(times, 99) <= 1 ? 'met' : 'NOT met'})`);
  console.log(`  ${''.padEnd(26)} units looked at per query: ${(considered / QUERIES).toFixed(0)} of ${UNITS}${roads ? `; candidates timed along roads: ${((100 * byRoad) / listed).toFixed(0)} %; junctions searched p50 ${pct(settled, 50)}, p99 ${pct(settled, 99)}` : ''}`);
}

console.log(`ranking: ${UNITS} units, ${QUERIES} incidents across all ${cats.length} categories`);
run('straight line (× 1.3)', null);
const roads = await realRoads();
if (roads) {
  console.log(`  road network of ../shared/mapdata: ${roads.graph.nodeCount.toLocaleString('en-GB')} junctions and bends, ${roads.graph.segmentCount.toLocaleString('en-GB')} pieces of road (built in ${roads.buildMs.toFixed(0)} ms)`);
  run(`along roads (short list ×${SHORTLIST})`, roads.graph);
  // The worst case for remembered road joins: every officer has a new fix since the last query.
  run('  … every officer moved', roads.graph, true);
  // What the bound costs in answers: the same incidents with ten times the list timed along roads.
  const top = (q: Incident, f: number) => recommendUnits(q, units, incidents, grid, now, { roadShortlistFactor: f }, roads.graph).candidates.map((c) => c.unitId);
  let sameFirst = 0;
  let sameList = 0;
  const checked = queries.slice(0, 1000);
  for (const q of checked) {
    const bounded = top(q, SHORTLIST);
    const wide = top(q, 10);
    if (bounded[0] === wide[0]) sameFirst++;
    if (bounded.join() === wide.join()) sameList++;
  }
  console.log(`  ${''.padEnd(26)} against a short list of ×10: the same first officer for ${sameFirst} of ${checked.length} incidents, the same list of five for ${sameList}`);
} else console.log('  along roads: skipped (no ../shared/mapdata)');
console.log(`  machine load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores (other work on the machine inflates p99)`);
console.log(`  grid build ${buildMs.toFixed(2)} ms (first recommendation); then ${upsertNs.toFixed(0)} ns per position report to keep it current (moves of ~100 m; some cross into another cell)`);

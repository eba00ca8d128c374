import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The real Peterborough map data, read where it lies beside the repository, never copied in. */
const MAPDATA = path.resolve(repoRoot, '../shared/mapdata');
export const REAL_TILES = path.join(MAPDATA, 'osm-tiles');
export const REAL_POSTCODES = path.join(MAPDATA, 'codepoint-open', 'pe.csv');
export const REAL_WARDS = path.join(MAPDATA, 'codepoint-open', 'peterborough-wards.csv');
export const hasMapData = fs.existsSync(REAL_TILES) && fs.existsSync(REAL_POSTCODES);

import { gridToLatLon } from '../../shared/places/coordinates.js';
import type { GazetteerEntry } from '../gazetteer-sqlite/sqlite-gazetteer.js';
import { checkGrid, ImportRefused, numberField, readCsv } from './csv.js';

/** OS Open Names columns (the product's published header), in file order. */
export const OPEN_NAMES_COLUMNS = [
  'ID', 'NAMES_URI', 'NAME1', 'NAME1_LANG', 'NAME2', 'NAME2_LANG', 'TYPE', 'LOCAL_TYPE', 'GEOMETRY_X', 'GEOMETRY_Y',
  'MOST_DETAIL_VIEW_RES', 'LEAST_DETAIL_VIEW_RES', 'MBR_XMIN', 'MBR_YMIN', 'MBR_XMAX', 'MBR_YMAX', 'POSTCODE_DISTRICT',
  'POSTCODE_DISTRICT_URI', 'POPULATED_PLACE', 'POPULATED_PLACE_URI', 'POPULATED_PLACE_TYPE', 'DISTRICT_BOROUGH',
  'DISTRICT_BOROUGH_URI', 'DISTRICT_BOROUGH_TYPE', 'COUNTY_UNITARY', 'COUNTY_UNITARY_URI', 'COUNTY_UNITARY_TYPE', 'REGION',
  'REGION_URI', 'COUNTRY', 'COUNTRY_URI', 'RELATED_SPATIAL_OBJECT', 'SAME_AS_DBPEDIA', 'SAME_AS_GEONAMES',
] as const;
const col = (name: (typeof OPEN_NAMES_COLUMNS)[number]) => OPEN_NAMES_COLUMNS.indexOf(name);

function kindOf(type: string, localType: string): GazetteerEntry['kind'] | null {
  if (localType === 'Postcode') return null; // Code-Point gives postcodes with their wards
  if (type === 'transportNetwork' && /Road|Street|Lane|Way/i.test(localType)) return 'street';
  if (type === 'populatedPlace') return 'place';
  return 'landmark';
}

/** OS Open Names CSV (no header in the product's files; a header row is accepted and skipped). */
export async function readOpenNames(file: string): Promise<GazetteerEntry[]> {
  const out: GazetteerEntry[] = [];
  for await (const { line, fields } of readCsv(file)) {
    if (line === 1 && fields[0] === 'ID') continue;
    if (fields.length !== OPEN_NAMES_COLUMNS.length) throw new ImportRefused(file, line, `expected the ${OPEN_NAMES_COLUMNS.length} OS Open Names columns, found ${fields.length}`);
    const f = (name: (typeof OPEN_NAMES_COLUMNS)[number]) => (fields[col(name)] ?? '').trim();
    const name = f('NAME1');
    if (!name) throw new ImportRefused(file, line, 'NAME1 is empty');
    const kind = kindOf(f('TYPE'), f('LOCAL_TYPE'));
    if (!kind) continue;
    const e = numberField(file, line, 'GEOMETRY_X', f('GEOMETRY_X'));
    const n = numberField(file, line, 'GEOMETRY_Y', f('GEOMETRY_Y'));
    checkGrid(file, line, e, n);
    const where = [...new Set([f('POPULATED_PLACE'), f('DISTRICT_BOROUGH') || f('COUNTY_UNITARY')].filter(Boolean))].join(', ');
    const detail = kind === 'landmark' ? [f('LOCAL_TYPE'), where].filter(Boolean).join(' · ') : where;
    out.push({ kind, name, detail, ...gridToLatLon(e, n) });
  }
  return out;
}

import { gridToLatLon } from '../../shared/places/coordinates.js';
import { formatPostcode, isFullPostcode, postcodeKey } from '../../shared/places/text.js';
import type { GazetteerEntry } from '../gazetteer-sqlite/sqlite-gazetteer.js';
import { checkGrid, ImportRefused, numberField, readCsv } from './csv.js';

/** A postcode centroid with the ward it lies in (Code-Point Open's admin ward code). */
export interface PostcodePoint extends GazetteerEntry {
  wardCode: string;
  districtCode: string;
}

/** Code-Point's "no coordinates" quality: the unit exists but has no grid reference to give. */
const NO_COORDINATES = 90;

/**
 * OS Code-Point Open CSV: no header; postcode, positional quality, easting, northing (OSGB36),
 * country, NHS region, NHS health authority, admin county, admin district, admin ward.
 */
export async function readCodePoint(file: string, wards: ReadonlyMap<string, string>, progress: (lines: number) => void = () => {}): Promise<PostcodePoint[]> {
  const out: PostcodePoint[] = [];
  for await (const { line, fields } of readCsv(file)) {
    if (line % 5000 === 0) progress(line);
    if (line === 1 && /^postcode$/i.test(fields[0] ?? '')) continue;
    if (fields.length < 10) throw new ImportRefused(file, line, `expected the 10 Code-Point Open columns, found ${fields.length}`);
    const [pc, quality, e, n] = fields;
    if (!isFullPostcode(pc!)) throw new ImportRefused(file, line, `"${pc}" is not a postcode`);
    const q = numberField(file, line, 'positional quality', quality);
    if (q === NO_COORDINATES) continue;
    const easting = numberField(file, line, 'easting', e);
    const northing = numberField(file, line, 'northing', n);
    checkGrid(file, line, easting, northing);
    const wardCode = fields[9] ?? '';
    out.push({ kind: 'postcode', name: formatPostcode(postcodeKey(pc!)), detail: wards.get(wardCode) ?? '', ...gridToLatLon(easting, northing), wardCode, districtCode: fields[8] ?? '' });
  }
  if (out.length === 0) throw new ImportRefused(file, null, 'holds no postcodes');
  return out;
}

/** Ward names by code (`code,name`, as ONS publishes them), to say "Central Ward", not "E05010807". */
export async function readWards(file: string): Promise<Map<string, string>> {
  const wards = new Map<string, string>();
  for await (const { line, fields } of readCsv(file)) {
    if (line === 1 && /code/i.test(fields[0] ?? '')) continue;
    const [code, name] = fields;
    if (!code || !name) throw new ImportRefused(file, line, 'expected a ward code and a ward name');
    wards.set(code.trim(), name.trim());
  }
  return wards;
}

import { gridToLatLon } from '../../shared/places/coordinates.js';
import type { GazetteerEntry } from '../gazetteer-sqlite/sqlite-gazetteer.js';
import { checkGrid, ImportRefused, numberField, readCsv } from './csv.js';

/** OS AddressBase CSV columns, in file order: the layout assumed when a file has no header row. */
export const ADDRESSBASE_COLUMNS = [
  'UPRN', 'OS_ADDRESS_TOID', 'UDPRN', 'ORGANISATION_NAME', 'DEPARTMENT_NAME', 'PO_BOX_NUMBER', 'SUB_BUILDING_NAME',
  'BUILDING_NAME', 'BUILDING_NUMBER', 'DEPENDENT_THOROUGHFARE_NAME', 'THOROUGHFARE_NAME', 'POST_TOWN',
  'DOUBLE_DEPENDENT_LOCALITY', 'DEPENDENT_LOCALITY', 'POSTCODE', 'POSTCODE_TYPE', 'X_COORDINATE', 'Y_COORDINATE', 'RPC',
  'CHANGE_TYPE', 'START_DATE', 'LAST_UPDATE_DATE', 'ENTRY_DATE', 'CLASS', 'PROCESS_DATE',
];

/** The same field under AddressBase and LLPG (BS 7666) names: the first present is used. */
const FIELDS = {
  number: ['BUILDING_NUMBER', 'PAO_START_NUMBER'],
  suffix: ['PAO_START_SUFFIX'],
  building: ['BUILDING_NAME', 'PAO_TEXT'],
  sub: ['SUB_BUILDING_NAME', 'SAO_TEXT'],
  organisation: ['ORGANISATION_NAME', 'ORGANISATION'],
  street: ['THOROUGHFARE_NAME', 'STREET_DESCRIPTION', 'STREET_DESCRIPTOR', 'THOROUGHFARE'],
  locality: ['DEPENDENT_LOCALITY', 'LOCALITY', 'LOCALITY_NAME'],
  town: ['POST_TOWN', 'TOWN_NAME', 'TOWN'],
  postcode: ['POSTCODE', 'POSTCODE_LOCATOR'],
  x: ['X_COORDINATE', 'EASTING', 'X'],
  y: ['Y_COORDINATE', 'NORTHING', 'Y'],
} as const;

const title = (s: string) => (s === s.toUpperCase() ? s.toLowerCase().replace(/\b[a-z]/g, (c) => c.toUpperCase()) : s);

/** An LLPG or AddressBase-style address CSV: each address becomes "12 Bridge Street" at its point. */
export async function readAddresses(file: string): Promise<GazetteerEntry[]> {
  const out: GazetteerEntry[] = [];
  let index: Map<string, number> | null = null;
  type Pick = { [K in keyof typeof FIELDS]: number };
  let pick: Pick | null = null;
  for await (const { line, fields } of readCsv(file)) {
    if (!index) {
      const upper = fields.map((f) => f.trim().toUpperCase());
      const hasHeader = upper.includes('UPRN') || upper.some((f) => (FIELDS.street as readonly string[]).includes(f));
      index = new Map((hasHeader ? upper : ADDRESSBASE_COLUMNS).map((name, i) => [name, i]));
      const cols = index;
      pick = Object.fromEntries(Object.entries(FIELDS).map(([k, names]) => [k, names.map((n) => cols.get(n)).find((i) => i !== undefined) ?? -1])) as Pick;
      if (pick.street < 0) throw new ImportRefused(file, line, `no street column (${FIELDS.street.join(' or ')})`);
      if (pick.x < 0 || pick.y < 0) throw new ImportRefused(file, line, `no coordinate columns (${FIELDS.x[0]} and ${FIELDS.y[0]})`);
      if (hasHeader) continue;
    }
    const p = pick!;
    const get = (i: number) => (i >= 0 ? (fields[i] ?? '').trim() : '');
    if (fields.length < index.size) throw new ImportRefused(file, line, `expected ${index.size} columns, found ${fields.length}`);
    const street = title(get(p.street));
    if (!street) throw new ImportRefused(file, line, 'the street is empty');
    const e = numberField(file, line, 'easting (X_COORDINATE)', get(p.x));
    const n = numberField(file, line, 'northing (Y_COORDINATE)', get(p.y));
    checkGrid(file, line, e, n);
    const number = `${get(p.number)}${get(p.suffix)}`;
    const building = title(get(p.building) || get(p.organisation));
    const sub = title(get(p.sub));
    const name = [sub, building && number ? building : '', number ? `${number} ${street}` : building ? `${building}, ${street}` : street].filter(Boolean).join(', ');
    const detail = [get(p.postcode).toUpperCase(), title(get(p.locality) || get(p.town))].filter(Boolean).join(', ');
    out.push({ kind: 'address', name, detail, ...gridToLatLon(e, n) });
  }
  return out;
}

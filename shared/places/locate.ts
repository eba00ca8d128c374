import type { Gazetteer } from './gazetteer.js';
import { searchPlaces } from './search.js';
import { fold, isFullPostcode, postcodeKey } from './text.js';
import type { Place } from './types.js';

const POSTCODE_IN_TEXT = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;

/**
 * Where a written address is, for a report that gives no coordinates ("12 Bridge Street,
 * Peterborough PE1 1HA"): its postcode if it has one, else the address or street it names. Only
 * a place whose whole name is in the text counts: a guess from a typo would send officers to the
 * wrong street, so no answer is better.
 */
export function locateAddress(gazetteer: Gazetteer, text: string): Place | null {
  const written = text.trim().slice(0, 200);
  if (!written || gazetteer.size === 0) return null;
  const pc = POSTCODE_IN_TEXT.exec(written);
  if (pc) {
    const key = postcodeKey(`${pc[1]}${pc[2]}`);
    if (isFullPostcode(key)) {
      const found = gazetteer.postcodesStartingWith(key, 1).find((p) => postcodeKey(p.name) === key);
      if (found) return found;
    }
  }
  const said = ` ${fold(written)} `;
  const parts = [written, ...written.split(',').map((s) => s.trim())].filter((s, i, all) => s && all.indexOf(s) === i && !POSTCODE_IN_TEXT.test(s));
  for (const part of parts) {
    for (const p of searchPlaces(gazetteer, part, { limit: 5 })) {
      if (p.kind === 'grid reference' || p.kind === 'coordinates' || said.includes(` ${fold(p.name)} `)) return p;
    }
  }
  return null;
}

import { parseGridReference, parseLatLon } from './coordinates.js';
import { isPostcodePrefix, postcodeKey, tokens } from './text.js';
import type { Place } from './types.js';

/** What a typed search could mean; a query can mean several things at once ("pe1" is also text). */
export interface PlaceQuery {
  text: string;
  /** A grid reference or a latitude/longitude: an answer needing no gazetteer. */
  point: Place | null;
  /** The postcode key typed so far (`PE11H`), when the text could be the start of a postcode. */
  postcode: string | null;
  /** Folded words; the last is still being typed, so it matches as a prefix. */
  words: string[];
  /** "12 Bridge Street": the house number, tried against addresses first, then dropped. */
  houseNumber: string | null;
}

export function parsePlaceQuery(text: string): PlaceQuery {
  const trimmed = text.trim().slice(0, 200);
  const point = parseGridReference(trimmed) ?? parseLatLon(trimmed);
  const words = tokens(trimmed);
  const postcode = /\d/.test(trimmed) && isPostcodePrefix(trimmed) ? postcodeKey(trimmed) : null;
  const house = /^(\d+[a-z]?)(?:\s*[,-]?\s+)(?=\D)/i.exec(trimmed);
  return { text: trimmed, point, postcode, words, houseNumber: house && !postcode ? house[1]!.toLowerCase() : null };
}

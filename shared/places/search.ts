import { distanceMetres } from '../geo/geometry.js';
import type { Gazetteer } from './gazetteer.js';
import { parsePlaceQuery, type PlaceQuery } from './query.js';
import { editDistance, fold, postcodeKey, tokens } from './text.js';
import type { Place, PlaceKind } from './types.js';

export interface PlaceSearchOptions {
  /** The map's centre: of two equally good matches, the nearer comes first. */
  near?: { lat: number; lon: number } | null;
  limit?: number;
}

/** Abbreviations as they are typed, expanded to the words the map's names use. */
const ABBREVIATIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['rd', ['road']],
  ['st', ['street', 'saint']],
  ['ave', ['avenue']],
  ['ln', ['lane']],
  ['cl', ['close']],
  ['cres', ['crescent']],
  ['dr', ['drive']],
  ['gdns', ['gardens']],
  ['sq', ['square']],
  ['pk', ['park']],
  ['blvd', ['boulevard']],
]);

/** A name kind's weight when matches are otherwise equal: a caller's "Bridge Street" is the street. */
const KIND_BONUS: Record<PlaceKind, number> = {
  'grid reference': 0,
  coordinates: 0,
  street: 6,
  place: 5,
  landmark: 4,
  address: 3,
  postcode: 2,
};

/** Candidates fetched per question; ranking needs enough to find the nearest of many repeats. */
const CANDIDATES = 400;

interface Scored {
  place: Place;
  score: number;
}

const lowerBound = (sorted: readonly string[], key: string): number => {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};
const sortedHasPrefix = (sorted: readonly string[], prefix: string) => sorted[lowerBound(sorted, prefix)]?.startsWith(prefix) ?? false;
const sortedHas = (sorted: readonly string[], word: string) => sorted[lowerBound(sorted, word)] === word;

/** The vocabulary by first letter: a misspelling rarely changes the first letter, or swaps it with the second. */
const byInitial = new WeakMap<readonly string[], Map<string, string[]>>();
function initialIndex(vocabulary: readonly string[]): Map<string, string[]> {
  let index = byInitial.get(vocabulary);
  if (!index) {
    index = new Map();
    for (const v of vocabulary) {
      const list = index.get(v[0]!);
      if (list) list.push(v);
      else index.set(v[0]!, [v]);
    }
    byInitial.set(vocabulary, index);
  }
  return index;
}

/** Words the index holds that a misspelt word was probably meant to be (at most a few, closest first). */
function corrections(word: string, vocabulary: readonly string[], asPrefix: boolean): string[] {
  if (word.length < 4 || /\d/.test(word)) return [];
  const max = word.length >= 7 ? 2 : 1;
  const index = initialIndex(vocabulary);
  const found: { w: string; d: number }[] = [];
  for (const initial of new Set([word[0]!, word[1]!]))
    for (const v of index.get(initial) ?? []) {
      if (v.length < word.length - max || (!asPrefix && v.length > word.length + max)) continue;
      let d = editDistance(word, v, max);
      if (asPrefix && d > max && v.length > word.length) d = Math.min(editDistance(word, v.slice(0, word.length), max), editDistance(word, v.slice(0, word.length + 1), max));
      if (d <= max) found.push({ w: v, d });
    }
  return found.sort((a, b) => a.d - b.d || a.w.length - b.w.length).slice(0, 6).map((f) => f.w);
}

function matchScore(place: Place, q: PlaceQuery, words: string[], typo: boolean): number {
  if (place.kind === 'postcode' && q.postcode) {
    const key = postcodeKey(place.name);
    if (key === q.postcode) return 100;
    if (key.startsWith(q.postcode)) return 80 - (key.length - q.postcode.length) * 2;
  }
  const name = fold(place.name);
  const typed = words.join(' ');
  let s: number;
  if (name === typed) s = 100;
  else if (name.startsWith(typed)) s = 85 - Math.min(10, (name.length - typed.length) / 3);
  else {
    const nameWords = name.split(' ');
    const allInName = words.every((w, i) => nameWords.some((n) => (i === words.length - 1 ? n.startsWith(w) : n === w)));
    s = allInName ? 70 : 50;
  }
  return typo ? s - 25 : s;
}

function rank(found: Scored[], near: PlaceSearchOptions['near'], limit: number): Place[] {
  const seen = new Set<string>();
  const out: Scored[] = [];
  for (const f of found) {
    const key = `${f.place.kind}|${f.place.name}|${f.place.lat.toFixed(5)}|${f.place.lon.toFixed(5)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const km = near ? distanceMetres(near, f.place) / 1000 : 0;
    out.push({ place: f.place, score: f.score + KIND_BONUS[f.place.kind] - 12 * Math.log10(1 + km) });
  }
  out.sort((a, b) => b.score - a.score || a.place.name.length - b.place.name.length || a.place.name.localeCompare(b.place.name));
  return out.slice(0, limit).map((s) => s.place);
}

/**
 * Turns what the caller said into ranked places: grid references and coordinates directly,
 * postcodes in any spacing, house number + street, names by prefix, and misspelt names through
 * their nearest indexed words. Ranked by how well each matches, then by distance from `near`.
 */
export function searchPlaces(gazetteer: Gazetteer, text: string, opts: PlaceSearchOptions = {}): Place[] {
  const limit = Math.max(1, Math.min(50, opts.limit ?? 10));
  const q = parsePlaceQuery(text);
  const found: Scored[] = [];
  if (q.point) found.push({ place: q.point, score: 1000 });
  if (q.postcode) for (const p of gazetteer.postcodesStartingWith(q.postcode, CANDIDATES)) found.push({ place: p, score: matchScore(p, q, q.words, false) });
  if (q.words.length === 0 || q.point) return rank(found, opts.near, limit);

  const lookFor = (words: string[]) => {
    const before = found.length;
    const typed = words.join(' ');
    for (const p of gazetteer.startingWith(typed, CANDIDATES)) found.push({ place: p, score: matchScore(p, q, words, false) });
    const alternatives = words.map((w) => [w, ...(ABBREVIATIONS.get(w) ?? [])]);
    for (const p of gazetteer.matching(alternatives, true, CANDIDATES)) found.push({ place: p, score: matchScore(p, q, words, false) });
    return found.length - before;
  };

  let hits = lookFor(q.words);
  // "14 Cowgate" where no address has number 14: the street itself is the next best answer.
  if (hits === 0 && q.houseNumber && q.words.length > 1) hits = lookFor(q.words.slice(1));
  // A postcode or a number is not misspelt text: only names are corrected.
  if (hits < limit && !(q.postcode && found.length)) {
    const vocabulary = gazetteer.words();
    const words = q.houseNumber && hits === 0 ? q.words.slice(1) : q.words;
    let corrected = false;
    const alternatives = words.map((w, i) => {
      const last = i === words.length - 1;
      const known = ABBREVIATIONS.has(w) || (last ? sortedHasPrefix(vocabulary, w) : sortedHas(vocabulary, w));
      if (known) return [w, ...(ABBREVIATIONS.get(w) ?? [])];
      const c = corrections(w, vocabulary, last);
      if (c.length) corrected = true;
      return c.length ? c : [w];
    });
    if (corrected) {
      for (const p of gazetteer.matching(alternatives, true, CANDIDATES)) {
        found.push({ place: p, score: matchScore(p, q, tokens(p.name).length ? closestWords(words, p.name) : words, true) });
      }
    }
  }
  return rank(found, opts.near, limit);
}

/** For scoring a corrected match, the typed words replaced by the name's words they were corrected to. */
function closestWords(typed: string[], name: string): string[] {
  const nameWords = tokens(name);
  return typed.map((w) => {
    let best = w;
    let bestD = Infinity;
    for (const n of nameWords) {
      const d = editDistance(w, n.slice(0, Math.max(w.length, n.length)), 3);
      if (d < bestD) {
        bestD = d;
        best = n;
      }
    }
    return best;
  });
}

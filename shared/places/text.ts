/**
 * How names are compared: case, accents, apostrophes and punctuation are not what a caller says.
 * The gazetteer's index uses the same folding, so "St Johns" finds "St John's".
 */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export const tokens = (s: string): string[] => (s ? fold(s).split(' ').filter(Boolean) : []);

/** A postcode without spaces, upper case (`pe1 1ha` → `PE11HA`): the key postcodes are found by. */
export const postcodeKey = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

/** A full unit postcode, in any spacing or case. */
export const isFullPostcode = (s: string): boolean => /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(postcodeKey(s));

/** The start of a postcode as it is typed: `PE`, `PE1`, `PE1 1`, `pe11h`. */
export const isPostcodePrefix = (s: string): boolean => /^[A-Z]{1,2}\d[A-Z\d]?(\d[A-Z]{0,2})?$/.test(postcodeKey(s));

/** `PE11HA` → `PE1 1HA`: the inward code is always the last three characters. */
export const formatPostcode = (key: string): string => `${key.slice(0, -3)} ${key.slice(-3)}`;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent swaps: "Bourgse"), giving up as soon
 * as it must exceed `max`, so a scan of the whole vocabulary stays cheap.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

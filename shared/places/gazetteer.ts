import type { Place } from './types.js';

/**
 * The port place search reads: an index of named places (streets, landmarks, areas, postcodes,
 * addresses). Words are folded with `fold` (lower case, no accents or punctuation).
 */
export interface Gazetteer {
  /** How many places it holds. */
  readonly size: number;
  /** Places whose folded name starts with `prefix` (the most direct answer to what is typed). */
  startingWith(prefix: string, limit: number): Place[];
  /**
   * Places whose name or detail holds every word: each word is a list of alternatives (a typo's
   * corrections); the last word's alternatives match as prefixes when `lastIsPrefix`.
   */
  matching(words: readonly (readonly string[])[], lastIsPrefix: boolean, limit: number): Place[];
  /** Postcodes whose key (no spaces, upper case) starts with `key`. */
  postcodesStartingWith(key: string, limit: number): Place[];
  /** Every distinct indexed word, sorted: what a misspelt word is corrected against. */
  words(): readonly string[];
}

/** A gazetteer with nothing imported: grid references and coordinates still work. */
export const EMPTY_GAZETTEER: Gazetteer = {
  size: 0,
  startingWith: () => [],
  matching: () => [],
  postcodesStartingWith: () => [],
  words: () => [],
};

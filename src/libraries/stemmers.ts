import type * as SnowballStemmer from '@orama/stemmers/french';
import { requiredWhenUsed } from './required.js';

/** The languages @orama/stemmers has a Snowball stemmer of, by the name of its module. */
export type SnowballLanguage = 'dutch' | 'french' | 'german' | 'italian' | 'portuguese' | 'russian' | 'spanish';

/**
 * A Snowball stemmer of @orama/stemmers (each module exports one `stemmer`), required
 * the first time a word is stemmed with it: each takes 5–10 ms to load, and a run
 * loads only the stemmers of the languages whose words it stems.
 */
export function snowballStem(language: SnowballLanguage): (word: string) => string {
  const stemmer = requiredWhenUsed(`@orama/stemmers/${language}`) as () => typeof SnowballStemmer;
  return (word) => stemmer().stemmer(word);
}

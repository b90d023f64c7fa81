import { required } from './required.js';

type Stem = (word: string) => string;

/** The languages @orama/stemmers has a Snowball stemmer of, by the name of its module. */
export type SnowballLanguage = 'dutch' | 'french' | 'german' | 'italian' | 'portuguese' | 'russian' | 'spanish';

/**
 * A Snowball stemmer of @orama/stemmers, required the first time a word is stemmed
 * with it: each takes 6–10 ms to load, and most files are in one language, so a run
 * loads only the stemmers of the languages whose words it stems.
 */
export function snowballStem(language: SnowballLanguage): Stem {
  let stem: Stem | undefined;
  return (word) => {
    stem ??= (required(`@orama/stemmers/${language}`) as { stemmer: Stem }).stemmer;
    return stem(word);
  };
}

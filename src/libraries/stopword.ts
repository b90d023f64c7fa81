import type * as StopwordModule from 'stopword';
import { required } from './required.js';

/** A language's code as stopword names its lists: ISO 639-3 ("fra"). */
export type StopWordCode = keyof typeof StopwordModule;

/**
 * One language's stop words, from the list the build wrote beside it
 * (scripts/stop-words.mjs): stopword's own module holds every language's list and
 * takes about 13 ms to load, where a command needs the lists of a language or two.
 * Before a build, from stopword itself.
 */
export function stopWordsIn(code: StopWordCode): readonly string[] {
  let list: unknown;
  try {
    list = required(`../../dist/stop-words/${code}.json`);
  } catch {
    list = (required('stopword') as typeof StopwordModule)[code];
  }
  return Array.isArray(list) ? (list as string[]) : [];
}

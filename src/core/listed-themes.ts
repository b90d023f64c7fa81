import type { SampledResponse } from './discover-sample.js';
import { discover } from './discover.js';
import { discoveredFinder, type DiscoveredFinder } from './discover-finder.js';
import { mainLanguageOf, pooledSuggestions, type Suggestion } from './suggestions.js';

/**
 * What `nps segment` discovers in the comments of the rows it lists: the themes its
 * themes column adds to the named ones, and the pooled suggestions of suggestions.csv,
 * from one reading of the comments.
 */
export function listedDiscovery(responses: readonly SampledResponse[]): { suggestions: Suggestion[]; find: DiscoveredFinder } {
  const main = mainLanguageOf(responses);
  const result = discover(responses, main, []);
  // The suggestions first: finding themes in the rows adds their new words to the vocabularies.
  const suggestions = pooledSuggestions(result.documents, result.vocabularies);
  return { suggestions, find: discoveredFinder(result, main) };
}

import { answerStems, discoveryLanguage, Vocabulary } from './discover-documents.js';
import { placesOf, type DiscoveryResult } from './discover.js';
import { CACHE_LIMIT, CACHED_LENGTH } from './themes.js';

/**
 * The discovered themes an answer mentions, found after discovery: `nps segment` writes
 * its rows' themes once every comment listed has been seen. An answer mentions a theme
 * when one of its phrases stands, word after word, in one of the answer's runs of
 * content words: the rule discovery counted its comments by.
 */
export type DiscoveredFinder = (text: string, language: string) => string[];

export function discoveredFinder(result: Pick<DiscoveryResult, 'phrases' | 'vocabularies'>, main: string | undefined): DiscoveredFinder {
  const byLanguage = new Map<string, Array<{ label: string; stems: number[][] }>>();
  for (const theme of result.phrases) byLanguage.set(theme.language, [...(byLanguage.get(theme.language) ?? []), theme]);
  const known = new Map<string, string[]>();
  return (text, answerLanguage) => {
    const language = discoveryLanguage(answerLanguage, main);
    const themes = language === undefined ? undefined : byLanguage.get(language);
    if (language === undefined || themes === undefined || text.trim() === '') return [];
    // Short comments repeat ("ok", "Great product"): their themes are found once.
    const key = text.length <= CACHED_LENGTH ? `${language}\u0000${text}` : undefined;
    const cached = key === undefined ? undefined : known.get(key);
    if (cached !== undefined) return cached;
    const stems = answerStems(text, language, result.vocabularies.get(language) ?? new Vocabulary());
    const found = themes.filter((theme) => theme.stems.some((phrase) => placesOf({ stems }, { stems: phrase }).length > 0)).map((theme) => theme.label);
    if (key !== undefined && known.size < CACHE_LIMIT) known.set(key, found);
    return found;
  };
}


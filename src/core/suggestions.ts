import type { Category } from './categories.js';
import { answerDocuments, type AnswerDocument, type Vocabulary } from './discover-documents.js';
import type { SampledResponse } from './discover-sample.js';
import { UNDETERMINED_LANGUAGE } from './languages.js';
import { byLanguage, examplesOf, phraseSettings, writtenForm, type PhraseRates } from './discover.js';
import { frequentPhrases, mergePhrases, postPhrases, type PhraseDocument } from './phrases.js';
import type { Counts } from './stats.js';
import { npsOf } from './summary.js';

/**
 * What passives and detractors ask for, pooled: the sentences of their comments that
 * ask for something (requests.ts), read as discovered themes are (phrases that come
 * back, merged when they share most of their comments), without the asking words.
 * The list a product team works from: each suggestion with how many ask, who they are,
 * and their words.
 */
export interface Suggestion {
  label: string;
  language: string;
  terms: string[];
  /** Comments that ask for it. */
  comments: number;
  byCategory: Record<'passives' | 'detractors', number>;
  /** The NPS of those who ask: passives and detractors only, so zero at best. */
  nps: number | null;
  examples: string[];
  respondents: Counts;
}

/** A suggestion is asked for by at least 1% of the asking comments of its language, and by two. */
export const SUGGESTION_RATES: PhraseRates = { rate: 0.01, floor: 2 };
export const MAX_SUGGESTIONS = 20;

/** The pooled suggestions of the sampled answers, the most asked for first. */
export function pooledSuggestions(documents: readonly AnswerDocument[], vocabularies: ReadonlyMap<string, Vocabulary>, rates = SUGGESTION_RATES): Suggestion[] {
  const found: Suggestion[] = [];
  for (const [language, group] of byLanguage(documents.filter((document) => document.requests !== undefined))) {
    const vocabulary = vocabularies.get(language);
    if (vocabulary === undefined) continue;
    const asking: PhraseDocument[] = group.map((document) => document.requests as PhraseDocument);
    const settings = phraseSettings(asking.length, rates);
    const phrases = frequentPhrases(asking, settings);
    postPhrases(asking, phrases);
    for (const theme of mergePhrases(phrases, asking.length, settings)) {
      const label = writtenForm(theme.label, asking, theme.documents, vocabulary);
      const others = theme.phrases.filter((phrase) => phrase !== theme.label).map((phrase) => writtenForm(phrase, asking, phrase.documents, vocabulary));
      const byCategory = { passives: 0, detractors: 0 };
      const respondents: Counts = { promoters: 0, passives: 0, detractors: 0 };
      const seen = new Set<number>();
      for (const id of theme.documents) {
        const document = group[id];
        if (document === undefined || document.category === 'promoters') continue;
        const category: Exclude<Category, 'promoters'> = document.category;
        byCategory[category] += 1;
        if (!seen.has(document.response)) respondents[category] += 1;
        seen.add(document.response);
      }
      found.push({
        label,
        language,
        terms: [...new Set([label, ...others])],
        comments: theme.documents.length,
        byCategory,
        nps: npsOf(respondents),
        examples: examplesOf(group, theme.documents),
        respondents,
      });
    }
  }
  return found.sort((a, b) => b.comments - a.comments || a.label.localeCompare(b.label)).slice(0, MAX_SUGGESTIONS);
}

/** The language most answers were read in: the one answers whose language could not be told are read in. */
export function mainLanguageOf(responses: readonly SampledResponse[]): string | undefined {
  const counts = new Map<string, number>();
  for (const response of responses) for (const answer of response.answers) if (answer.language !== UNDETERMINED_LANGUAGE) counts.set(answer.language, (counts.get(answer.language) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** The suggestions of some responses on their own, read as discovery reads them (nps segment's suggestions.csv). */
export function suggestionsOf(responses: readonly SampledResponse[]): Suggestion[] {
  const vocabularies = new Map<string, Vocabulary>();
  const documents = answerDocuments(responses, mainLanguageOf(responses), vocabularies);
  return pooledSuggestions(documents, vocabularies);
}

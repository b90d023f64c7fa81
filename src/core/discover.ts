import { CATEGORIES, type Category } from './categories.js';
import { answerDocuments, WITHOUT_SUBJECT, type AnswerDocument, type Vocabulary } from './discover-documents.js';
import type { SampledResponse } from './discover-sample.js';
import { isEverywhere, productWords, tellsNamesByCapitals } from './everywhere.js';
import { keepExample } from './examples.js';
import { profileOf } from './languages.js';
import { frequentPhrases, mergePhrases, postPhrases, type Phrase, type PhraseDocument, type PhraseSettings, type PhraseTheme } from './phrases.js';
import { emptySentiment, netSentiment, polarityOver, type SentimentCounts } from './sentiment.js';
import type { Counts } from './stats.js';
import { compareText } from './strings.js';
import { npsOf } from './summary.js';

/**
 * Themes discovered from the comments themselves, language by language: the phrases of
 * one to three content words that come back often enough for the file's size, merged
 * when they share most of their comments, labelled by their most common written form.
 * Each is filed under a named theme whose comments it mostly shares (a sub-theme), and
 * weighed in each group by c-TF-IDF (Grootendorst 2022, BERTopic's representation):
 * how often the group mentions it, against how common it is in all groups.
 */
export interface DiscoveredTheme {
  label: string;
  /** The language of the comments it was found in. */
  language: string;
  /** The written forms it merges, the label's first. */
  terms: string[];
  comments: number;
  byCategory: Record<Category, { comments: number; weight: number }>;
  /** The NPS of the respondents who mention it. */
  nps: number | null;
  /** The named theme whose comments it mostly shares; null when it stands on its own. */
  parent: string | null;
  sentiment: SentimentCounts & { net: number | null };
  examples: string[];
  /** Respondents who mention it, by group: for its impact on the score (counted in the sample). */
  respondents: Counts;
  /** Comments mentioning it on each side, for themes over time (counted in the sample). */
  sides: Record<string, number>;
}

export interface PhraseRates {
  /** A phrase must be in at least this share of a language's comments… */
  rate: number;
  /** …and in at least this many. */
  floor: number;
}

/** What sets the minimum for a language's comments: 0.5% of them, at least 3. */
export const THEME_RATES: PhraseRates = { rate: 0.005, floor: 3 };
/** Fewer comments than this in a language: too few to find anything that comes back. */
const LANGUAGE_MINIMUM = 10;
/** Discovered themes kept, the most mentioned, over all languages. */
export const MAX_DISCOVERED = 40;
/** A discovered theme is a sub-theme of a named one when more than this share of its comments mention it. */
const PARENT_SHARE = 0.6;
const PARENT_LIFT = 1.5;

export function phraseSettings(comments: number, rates: PhraseRates): PhraseSettings {
  return { minimum: Math.max(rates.floor, Math.ceil(comments * rates.rate)), hold: 0.5, merge: 0.5, candidates: 400 };
}

/** The most common written form of a phrase in some documents, words as written (lower case). */
export function writtenForm(phrase: Phrase, documents: readonly PhraseDocument[], ids: readonly number[], vocabulary: Vocabulary): string {
  return writtenForms(phrase, documents, ids, vocabulary)[0] ?? '';
}

/** A phrase's written forms in some documents, the most common first. */
export function writtenForms(phrase: Phrase, documents: readonly PhraseDocument[], ids: readonly number[], vocabulary: Vocabulary): string[] {
  // Counted by the forms' word ids, each document once, and written out once each: a theme can be in
  // tens of thousands of sampled answers, and a text and a set made for each place took most of discovery.
  const forms = new Map<number | string, { words: Int32Array; documents: number; last: number }>();
  const n = phrase.stems.length;
  const base = vocabulary.wordList.length + 1;
  for (let visit = 0; visit < ids.length; visit += 1) {
    const document = documents[ids[visit] ?? -1];
    if (document === undefined) continue;
    const { stems, words } = document;
    for (let at = 0; at + n <= stems.length; at += 1) {
      if (!startsAt(stems, at, phrase.stems)) continue;
      const key = formKey(words, at, n, base);
      const form = forms.get(key);
      if (form === undefined) forms.set(key, { words: words.subarray(at, at + n), documents: 1, last: visit });
      else if (form.last !== visit) {
        form.documents += 1;
        form.last = visit;
      }
    }
  }
  const written = [...forms.values()].map((form) => ({ text: Array.from(form.words, (word) => vocabulary.wordList[word] ?? '').join(' '), count: form.documents }));
  return written.sort((a, b) => b.count - a.count || compareText(a.text, b.text)).map((form) => form.text);
}

/** Whether a phrase's stems start at a place of a document's. */
function startsAt(stems: Int32Array, at: number, phrase: readonly number[]): boolean {
  for (let k = 0; k < phrase.length; k += 1) if (stems[at + k] !== phrase[k]) return false;
  return true;
}

/** The word ids of a form as one number while they fit a double exactly, as text past that: one key per form. */
function formKey(words: Int32Array, at: number, n: number, base: number): number | string {
  if (base ** n > Number.MAX_SAFE_INTEGER) return words.subarray(at, at + n).join(' ');
  let key = 0;
  for (let k = 0; k < n; k += 1) key = key * base + (words[at + k] ?? 0);
  return key;
}

/** Forms listed for a theme of comments with no subject: its commonest comments. */
const SUBJECTLESS_FORMS = 5;

/** Where a phrase starts in a document. */
export function placesOf(document: Pick<PhraseDocument, 'stems'>, phrase: Pick<Phrase, 'stems'>): number[] {
  const places: number[] = [];
  const n = phrase.stems.length;
  for (let at = 0; at + n <= document.stems.length; at += 1) if (startsAt(document.stems, at, phrase.stems)) places.push(at);
  return places;
}

/** The shortest answers of three words or more, each once: examples people read at a glance. */
export function examplesOf(documents: readonly AnswerDocument[], ids: readonly number[]): string[] {
  const examples: string[] = [];
  for (const id of ids) {
    const document = documents[id];
    if (document !== undefined) keepExample(examples, document.text, document.length);
  }
  return examples;
}

/** How a phrase theme's mentions read, each by the sentences its phrases stand in. */
function sentimentOf(theme: PhraseTheme, documents: readonly AnswerDocument[], ids: readonly number[]): SentimentCounts {
  const counts = emptySentiment();
  // One list for every document, a sentence listed as often as a phrase stands in it: the polarity over them is the same.
  const sentences: number[] = [];
  for (const id of ids) {
    const document = documents[id];
    if (document === undefined) continue;
    sentences.length = 0;
    for (const phrase of theme.phrases) for (const at of placesOf(document, phrase)) sentences.push(document.sentences[at] ?? 0);
    counts[polarityOver(document.polarities, sentences)] += 1;
  }
  return counts;
}

/**
 * The named theme whose comments a discovered theme's mostly are, if any: more than half
 * of them, and half as often again as the language's comments at large (a named theme
 * most comments mention holds everything, and is the parent of nothing). `base` is each
 * named theme's share of the language's comments.
 */
function parentOf(ids: readonly number[], documents: readonly AnswerDocument[], base: ReadonlyMap<string, number>): string | null {
  const counts = namedCounts(ids, documents);
  let best: { name: string; count: number } | undefined;
  for (const [name, rate] of base) {
    const count = counts.get(name) ?? 0;
    const share = count / Math.max(1, ids.length);
    if (share > PARENT_SHARE && share >= PARENT_LIFT * rate && (best === undefined || count > best.count)) best = { name, count };
  }
  return best?.name ?? null;
}

/** How many of some documents mention each named theme, in one pass over them. */
function namedCounts(ids: readonly number[], documents: readonly AnswerDocument[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const themes = documents[id]?.themes ?? [];
    for (let at = 0; at < themes.length; at += 1) {
      const theme = themes[at] ?? '';
      if (themes.indexOf(theme) === at) counts.set(theme, (counts.get(theme) ?? 0) + 1);
    }
  }
  return counts;
}

/** Each named theme's share of some documents. */
function namedRates(documents: readonly AnswerDocument[], named: readonly string[]): Map<string, number> {
  const counts = namedCounts([...documents.keys()], documents);
  return new Map(named.map((name) => [name, (counts.get(name) ?? 0) / Math.max(1, documents.length)]));
}

/** What a group of documents (one language's) says about a theme: counts, respondents, sides. */
function tallyOf(documents: readonly AnswerDocument[], ids: readonly number[]): Pick<DiscoveredTheme, 'respondents' | 'sides'> & { byCategory: Record<Category, number> } {
  const byCategory = { promoters: 0, passives: 0, detractors: 0 };
  const respondents = { promoters: 0, passives: 0, detractors: 0 };
  const sides: Record<string, number> = {};
  const seen = new Set<number>();
  for (const id of ids) {
    const document = documents[id];
    if (document === undefined) continue;
    byCategory[document.category] += 1;
    if (document.side !== undefined) sides[document.side] = (sides[document.side] ?? 0) + 1;
    if (seen.has(document.response)) continue;
    seen.add(document.response);
    respondents[document.category] += 1;
  }
  return { byCategory, respondents, sides };
}

interface LanguageThemes {
  language: string;
  documents: AnswerDocument[];
  themes: PhraseTheme[];
  vocabulary: Vocabulary;
}

/** One language's themes, from its documents. */
function themesIn(language: string, documents: AnswerDocument[], vocabulary: Vocabulary, rates: PhraseRates): LanguageThemes {
  if (documents.length < LANGUAGE_MINIMUM) return { language, documents, themes: [], vocabulary };
  const exempt = new Set(Object.values(WITHOUT_SUBJECT).flatMap((stem) => vocabulary.stems.get(stem) ?? []));
  const profile = profileOf(language);
  const products = new Set(productWords(language).flatMap((word) => vocabulary.stems.get(profile.stem(word)) ?? []));
  const names = tellsNamesByCapitals(language);
  const everywhere: PhraseSettings['everywhere'] = (phrase, inGroup, total) => {
    const stem = phrase.stems[0] ?? -1;
    return isEverywhere(phrase, inGroup, total, { name: names && vocabulary.isName(stem), product: products.has(stem) });
  };
  const settings = { ...phraseSettings(documents.length, rates), exempt, everywhere };
  const phrases = frequentPhrases(documents, settings);
  postPhrases(documents, phrases);
  return { language, documents, themes: mergePhrases(phrases, documents.length, settings), vocabulary };
}

/** Documents grouped by language, in order of first appearance. */
export function byLanguage(documents: readonly AnswerDocument[]): Map<string, AnswerDocument[]> {
  const groups = new Map<string, AnswerDocument[]>();
  for (const document of documents) {
    const group = groups.get(document.language) ?? [];
    group.push(document);
    groups.set(document.language, group);
  }
  return groups;
}

/** A theme found in a language, before it is described: its label's written forms, the commonest first. */
interface FoundTheme {
  inLanguage: LanguageThemes;
  theme: PhraseTheme;
  base: ReadonlyMap<string, number>;
  forms: string[];
}

function describe({ inLanguage, theme, base, forms }: FoundTheme): DiscoveredTheme {
  const { documents, vocabulary } = inLanguage;
  const ids = theme.documents;
  const label = forms[0] ?? '';
  const subjectless = (vocabulary.stemList[theme.label.stems[0] ?? -1] ?? '').startsWith('\u0000');
  const others = subjectless ? forms.slice(1, SUBJECTLESS_FORMS) : theme.phrases.filter((phrase) => phrase !== theme.label).map((phrase) => writtenForm(phrase, documents, phrase.documents, vocabulary));
  const counted = tallyOf(documents, ids);
  const sentiment = sentimentOf(theme, documents, ids);
  return {
    label,
    language: inLanguage.language,
    terms: [...new Set([label, ...others])],
    comments: ids.length,
    byCategory: { promoters: { comments: counted.byCategory.promoters, weight: 0 }, passives: { comments: counted.byCategory.passives, weight: 0 }, detractors: { comments: counted.byCategory.detractors, weight: 0 } },
    nps: npsOf(counted.respondents),
    parent: parentOf(ids, documents, base),
    sentiment: { ...sentiment, net: netSentiment(sentiment) },
    examples: examplesOf(documents, ids),
    respondents: counted.respondents,
    sides: counted.sides,
  };
}

/**
 * c-TF-IDF: a theme's weight in a group is how often the group's comments mention it,
 * per content word the group wrote, times log(1 + A / f), A the average number of
 * content words per group and f the theme's mentions in all groups.
 */
function weigh(themes: ReadonlyArray<DiscoveredTheme>, documents: readonly AnswerDocument[]): void {
  const words = { promoters: 0, passives: 0, detractors: 0 };
  for (const document of documents) words[document.category] += document.contentWords;
  const average = (words.promoters + words.passives + words.detractors) / CATEGORIES.length;
  for (const theme of themes) {
    const total = CATEGORIES.reduce((sum, category) => sum + theme.byCategory[category].comments, 0);
    for (const category of CATEGORIES) {
      const tf = words[category] === 0 ? 0 : theme.byCategory[category].comments / words[category];
      theme.byCategory[category].weight = total === 0 ? 0 : tf * Math.log(1 + average / total);
    }
  }
}

export interface DiscoveryResult {
  themes: DiscoveredTheme[];
  vocabularies: Map<string, Vocabulary>;
  /** Every sampled answer, read; and which of them a discovered theme mentions. */
  documents: AnswerDocument[];
  themed: boolean[];
  /** Each kept theme's phrases, as stem ids of its language's vocabulary: to find the themes in other answers. */
  phrases: Array<{ label: string; language: string; stems: number[][] }>;
}

/** The discovered themes of a sample of responses, the most mentioned first. */
export function discover(responses: readonly SampledResponse[], main: string | undefined, named: readonly string[], rates = THEME_RATES): DiscoveryResult {
  const vocabularies = new Map<string, Vocabulary>();
  const documents = answerDocuments(responses, main, vocabularies);
  const found: FoundTheme[] = [];
  for (const [language, group] of byLanguage(documents)) {
    const vocabulary = vocabularies.get(language);
    if (vocabulary === undefined) continue;
    const languageThemes = themesIn(language, group, vocabulary, rates);
    const base = namedRates(group, named);
    for (const theme of languageThemes.themes) {
      found.push({ inLanguage: languageThemes, theme, base, forms: writtenForms(theme.label, group, theme.documents, vocabulary) });
    }
  }
  // Ranked by comments, then label: only the themes kept are described (a varied file finds more than twice as many).
  found.sort((a, b) => b.theme.documents.length - a.theme.documents.length || compareText(a.forms[0] ?? '', b.forms[0] ?? ''));
  const kept = found.slice(0, MAX_DISCOVERED);
  const themedSet = new Set<AnswerDocument>();
  for (const { inLanguage, theme } of kept) for (const id of theme.documents) themedSet.add(inLanguage.documents[id] as AnswerDocument);
  const themes = kept.map(describe);
  weigh(themes, documents);
  const phrases = kept.map(({ inLanguage, theme, forms }) => ({ label: forms[0] ?? '', language: inLanguage.language, stems: theme.phrases.map((phrase) => phrase.stems) }));
  return { themes, vocabularies, documents, themed: documents.map((document) => themedSet.has(document)), phrases };
}

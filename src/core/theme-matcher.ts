import { isNegator, profileOf, type LanguageProfile } from './languages.js';
import { polarityOfWord } from './sentiment.js';
import { CLAUSE_PUNCTUATION, isUnspacedWord, SENTENCE_MARK_LIST, splitWords, tokensIn, wordsFor, wordsOf, type Token, type Words } from './words.js';

/**
 * A theme: its name and the words or phrases that mention it, in any language
 * (`terms`) and in one language (`languages`, by ISO 639-1 code).
 */
export interface Theme {
  name: string;
  terms: string[];
  languages?: Record<string, string[]> | undefined;
}

/** How many words back a negation reaches: "not very helpful", "never had any bugs". */
const NEGATION_REACH = 3;
/** In Japanese and Chinese, how many characters: 不太贵, 高くない. */
const NEGATION_REACH_CHARACTERS = 3;


/**
 * Words that say a thing is missing rather than turn it around: "no phone support" is a
 * complaint about support, not its absence as a complaint; "no bugs" is the absence of
 * a trouble. So these negate only a term that names a trouble (a word of complaint).
 * French "pas de", Spanish "no hay" say the same with two words.
 */
const ABSENCE: Readonly<Record<string, string>> = {
  en: 'no without',
  fr: 'sans aucun aucune',
  es: 'sin ningún ninguna ninguno',
  de: 'kein keine keinen keinem keiner keines ohne',
  pt: 'sem nenhum nenhuma',
  it: 'senza nessun nessuno nessuna',
  nl: 'geen zonder',
  ru: 'без нет',
};
const ABSENCE_PAIRS: Readonly<Record<string, string[]>> = {
  fr: ['pas de', 'pas d', 'manque de', "manque d"],
  es: ['no hay', 'no tiene', 'no tienen', 'falta de'],
  pt: ['não tem', 'não há', 'falta de'],
  it: ['non ha', 'non hanno', "non c'è", 'manca'],
  en: ['lack of', 'lacks', "doesn't have", "don't have", "there's no", 'there is no'],
};
const absenceWords = new Map<string, ReadonlySet<string>>();

function absenceOf(language: string): ReadonlySet<string> {
  let found = absenceWords.get(language);
  if (found === undefined) {
    found = new Set((ABSENCE[language] ?? '').split(' ').filter((word) => word !== ''));
    absenceWords.set(language, found);
  }
  return found;
}

/**
 * Whether the words before a mention at `at` (its clause, within reach) turn it around. Those
 * are the tokens just before it in its clause: clauses are numbered in order, so they are the
 * last of the reach.
 */
function negates(tokens: readonly Token[], at: number, term: Term, profile: LanguageProfile): boolean {
  const clause = tokens[at]?.clause;
  let from = Math.max(0, at - NEGATION_REACH);
  while (from < at && tokens[from]?.clause !== clause) from += 1;
  const absence = absenceOf(profile.code);
  const pairs = ABSENCE_PAIRS[profile.code];
  for (let before = from; before < at; before += 1) {
    const word = tokens[before]?.word ?? '';
    const next = before + 1 < at ? tokens[before + 1]?.word : undefined;
    const saysMissing = absence.has(word) || (pairs !== undefined && (pairs.includes(next === undefined ? word : `${word} ${next}`) || pairs.includes(word)));
    if (saysMissing ? troubleOf(term, profile) : isNegator(word, profile)) return true;
  }
  return false;
}

interface Term {
  theme: string;
  stems: string[];
  words: string[];
  /**
   * A term naming a trouble ("bug", "expensive"): a "no" before it is praise, not a complaint.
   * Worked out the first time a "no" stands before it: doing so builds the language's words of
   * praise and complaint, and a comment's lookup in the other languages (see CommentReader)
   * would build them for every language, most of them for nothing.
   */
  trouble?: boolean;
}

function troubleOf(term: Term, profile: LanguageProfile): boolean {
  term.trouble ??= term.words.some((word) => polarityOfWord(word, profile.code) < 0);
  return term.trouble;
}

/** A theme's mention in one comment; negated when every mention of it there is; the sentences it stands in. */
export interface Mention {
  theme: string;
  negated: boolean;
  sentences?: number[];
}

/** One language's view of the lexicon: terms by their first stem, or, without spaces, as text to find. */
interface LanguageIndex {
  byFirstStem: Map<string, Term[]>;
  /** Japanese and Chinese terms, found inside the text. */
  inText: Array<{ theme: string; text: string }>;
}

/**
 * A language's index as plain data, worked out ahead (the build does so for the built-in
 * themes: stemming every term of every language a run meets is most of what a file of a
 * few comments costs). `terms` are the terms it was made from, so that an index made from
 * other terms is never taken for this lexicon's.
 */
export interface LanguageIndexData {
  terms: Array<[string, string[]]>;
  byFirstStem: Array<[string, Array<{ theme: string; stems: string[]; words: string[] }>]>;
  inText: Array<{ theme: string; text: string }>;
}

/** Where indexes made ahead are found, by language code; undefined for a language with none. */
export type IndexesMadeAhead = (code: string) => LanguageIndexData | undefined;

interface Match {
  theme: string;
  start: number;
  end: number;
  clause: number;
  negated: boolean;
  sentence: number;
}

/** Each term stemmed as the language stems: terms by their first stem, and, in Japanese and Chinese, as text to find. */
function indexOfTerms(themes: ReadonlyArray<[string, string[]]>, profile: LanguageProfile): LanguageIndex {
  const index: LanguageIndex = { byFirstStem: new Map(), inText: [] };
  for (const [theme, terms] of themes) {
    for (const term of terms) {
      const words = wordsOf(term, profile);
      if (profile.unspaced || words.some(isUnspacedWord)) {
        const text = splitWords(term, profile.locale).text.trim();
        if (text !== '') index.inText.push({ theme, text });
        if (profile.unspaced) continue;
      }
      const stems = words.map(profile.stem);
      const [first] = stems;
      if (first === undefined) continue;
      const list = index.byFirstStem.get(first) ?? [];
      list.push({ theme, stems, words });
      index.byFirstStem.set(first, list);
    }
  }
  return index;
}

function indexOfData(data: LanguageIndexData): LanguageIndex {
  return { byFirstStem: new Map(data.byFirstStem.map(([first, terms]) => [first, terms.map((term) => ({ ...term }))])), inText: data.inText };
}

function sameTerms(a: ReadonlyArray<[string, readonly string[]]>, b: ReadonlyArray<[string, readonly string[]]>): boolean {
  return a.length === b.length && a.every(([theme, terms], at) => theme === b[at]?.[0] && terms.length === b[at][1].length && terms.every((term, place) => term === b[at]?.[1][place]));
}

/** Whether a term's stems stand at `at`, all in one clause. */
function termAt(term: Term, stems: readonly string[], tokens: readonly Token[], at: number, clause: number): boolean {
  for (let offset = 0; offset < term.stems.length; offset += 1) {
    if (stems[at + offset] !== term.stems[offset] || tokens[at + offset]?.clause !== clause) return false;
  }
  return true;
}

/**
 * Matches inside a longer match of another theme are its words, not a mention of their
 * own: "support for tables" is a feature, not support.
 */
function longestMatches(matches: readonly Match[]): Match[] {
  return matches.filter(
    (match) =>
      !matches.some(
        (other) => other.theme !== match.theme && other.start <= match.start && other.end >= match.end && other.end - other.start > match.end - match.start,
      ),
  );
}

/** Looks terms up by their first stem, so a comment is read once whatever the size of the lexicon. */
export class ThemeMatcher {
  readonly names: string[];
  private readonly indexes = new Map<string, LanguageIndex>();

  constructor(
    private readonly themes: readonly Theme[],
    private readonly madeAhead?: IndexesMadeAhead,
  ) {
    this.names = themes.map((theme) => theme.name);
  }

  /** Whether any theme has a term for comments in this language (its own, or one for every language). */
  hasTermsIn(language: string): boolean {
    return this.themes.some((theme) => theme.terms.length > 0 || (theme.languages?.[language]?.length ?? 0) > 0);
  }

  /** Each theme's terms in a language: its own, then those for every language. */
  private termsIn(code: string): Array<[string, string[]]> {
    return this.themes.map((theme) => [theme.name, [...theme.terms, ...(theme.languages?.[code] ?? [])]]);
  }

  /** Built on a language's first comment, or taken as made ahead for these very terms. */
  private indexFor(profile: LanguageProfile): LanguageIndex {
    let index = this.indexes.get(profile.code);
    if (index !== undefined) return index;
    const terms = this.termsIn(profile.code);
    const ahead = this.madeAhead?.(profile.code);
    index = ahead !== undefined && sameTerms(ahead.terms, terms) ? indexOfData(ahead) : indexOfTerms(terms, profile);
    this.indexes.set(profile.code, index);
    return index;
  }

  /** A language's index as plain data, to be made ahead. */
  indexData(language: string): LanguageIndexData {
    const index = this.indexFor(profileOf(language));
    return {
      terms: this.termsIn(language),
      byFirstStem: [...index.byFirstStem].map(([first, terms]) => [first, terms.map(({ theme, stems, words }) => ({ theme, stems, words }))]),
      inText: index.inText,
    };
  }

  /** The themes a comment mentions, in lexicon order; English unless a language is given. */
  tag(comment: string, language = 'en'): Mention[] {
    const profile = profileOf(language);
    const words = wordsFor(splitWords(comment, profile.locale), comment, profile);
    return this.tagWords(words, tokensIn(words, profile), profile);
  }

  /** Every term found among the tokens, where it starts and ends. */
  private matchesIn(index: LanguageIndex, tokens: readonly Token[], profile: LanguageProfile): Match[] {
    const matches: Match[] = [];
    // Comments are read by the million and most of their words start no term: nothing is made for those.
    const stems = tokens.map((token) => profile.stem(token.word));
    for (let at = 0; at < stems.length; at += 1) {
      const terms = index.byFirstStem.get(stems[at] ?? '');
      if (terms === undefined) continue;
      const clause = tokens[at]?.clause ?? 0;
      for (const term of terms) {
        if (!termAt(term, stems, tokens, at, clause)) continue;
        const sentence = tokens[at]?.sentence ?? 0;
        matches.push({ theme: term.theme, start: at, end: at + term.stems.length, clause, negated: negates(tokens, at, term, profile), sentence });
      }
    }
    return matches.length < 2 ? matches : longestMatches(matches);
  }

  /** The themes of a comment already split into words. */
  tagWords(words: Words, tokens: readonly Token[], profile: LanguageProfile): Mention[] {
    const index = this.indexFor(profile);
    const matches = index.byFirstStem.size > 0 ? this.matchesIn(index, tokens, profile) : [];
    const inText = index.inText.length > 0 && words.unspaced;
    if (matches.length === 0 && !inText) return [];
    const found = new Map<string, { negated: boolean; sentences: Set<number> }>();
    const mention = (theme: string, negated: boolean, sentence: number): void => {
      const seen = found.get(theme) ?? { negated: true, sentences: new Set<number>() };
      seen.negated &&= negated;
      seen.sentences.add(sentence);
      found.set(theme, seen);
    };
    for (const match of matches) mention(match.theme, match.negated, match.sentence);
    if (inText) {
      for (const { theme, text } of index.inText) {
        let at = words.text.indexOf(text);
        while (at !== -1) {
          mention(theme, negatedInText(words.text, at, text.length, profile), sentenceAt(words.text, at));
          at = words.text.indexOf(text, at + text.length);
        }
      }
    }
    if (found.size === 0) return [];
    return this.names
      .filter((name) => found.has(name))
      .map((name) => {
        const seen = found.get(name);
        return { theme: name, negated: seen?.negated ?? false, sentences: [...(seen?.sentences ?? [])].sort((a, b) => a - b) };
      });
  }
}

const SENTENCE_ENDS = new RegExp(`[${SENTENCE_MARK_LIST}]+(?=[^${SENTENCE_MARK_LIST}])`, 'g');

/** The sentence a place of a text is in, counted as the words' sentences are: from 0, one more after each run of ending marks. */
function sentenceAt(text: string, at: number): number {
  let sentence = 0;
  for (const match of text.slice(0, at).matchAll(SENTENCE_ENDS)) if (match.index > 0 || /\p{L}/u.test(text.slice(0, match.index))) sentence += 1;
  return sentence;
}

/** Japanese negates after the word (高くない), Chinese before it (不贵); never across punctuation. */
function negatedInText(text: string, at: number, length: number, profile: LanguageProfile): boolean {
  const near = profile.negatesAfter
    ? text.slice(at + length, at + length + NEGATION_REACH_CHARACTERS + 2)
    : text.slice(Math.max(0, at - NEGATION_REACH_CHARACTERS), at);
  const clause = profile.negatesAfter ? (near.split(CLAUSE_PUNCTUATION)[0] ?? '') : (near.split(CLAUSE_PUNCTUATION).pop() ?? '');
  for (const negator of profile.negators) if (clause.includes(negator)) return true;
  return false;
}

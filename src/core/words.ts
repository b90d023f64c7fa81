import type { LanguageProfile } from './languages.js';

/** A word of a comment as written, lower-cased, and the clause and sentence it stands in. */
export interface Token {
  word: string;
  clause: number;
  sentence: number;
}

/**
 * A word found in a text, before any language's rules; `breaks` when punctuation ends a
 * clause before it, `stops` when that punctuation ends a sentence (a full stop, a question
 * or exclamation mark, a line break).
 */
interface FoundWord {
  word: string;
  breaks: boolean;
  stops: boolean;
}

/** A comment made comparable and cut into words, the same for every language but a few. */
export interface Words {
  /** NFC, lower-cased, typographic apostrophes made plain: where keywords of Japanese and Chinese are looked for. */
  text: string;
  found: FoundWord[];
  /** Written in a script without spaces between words (Han, kana, Thai…). */
  unspaced: boolean;
  locale: string;
}

/**
 * Scripts written without spaces between words. Text in them goes through
 * `Intl.Segmenter`, whose dictionaries find the words; other text is split on the
 * same rules by one regular expression, which gives the words the segmenter gives
 * (a test holds the two together) at about a seventh of its cost: comments are
 * read by the million.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * A word, or a mark that ends a clause between two words ("not cheap, but fast"
 * negates only "cheap"). A word is letters of every script, their combining marks
 * and digits; an apostrophe between two of them keeps it whole ("isn't").
 */
const WORD_OR_BREAK = /([\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*)|[.!?;:,()\n\u3001\u3002\uff01\uff1f\uff0c\uff1b\uff1a\u2026]/gu;
const CLAUSE_PUNCTUATION = /[.!?;:,()\n\u3001\u3002\uff01\uff1f\uff0c\uff1b\uff1a\u2026]/;
const SENTENCE_PUNCTUATION = /[.!?\n\u3002\uff01\uff1f\u2026]/;
const LETTER = /\p{L}/u;
const APOSTROPHES = /[\u2019\u2018\u02bc\uff07]/g;
/** Locales whose lower case differs from the default one: Turkish and Azeri dotted i, Lithuanian i with accents. */
const OWN_LOWER_CASE = new Set(['tr', 'az', 'lt']);

const segmenters = new Map<string, Intl.Segmenter>();

/** One segmenter per locale: making one loads the locale's rules and dictionaries. */
function segmenterFor(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

/** The words of a comment, lower-cased in `locale`; numbers alone are no words. */
export function splitWords(raw: string, locale = 'en'): Words {
  // Lower case is the same in every locale but three, and the default one is the faster.
  const lower = OWN_LOWER_CASE.has(locale) ? raw.normalize('NFC').toLocaleLowerCase(locale) : raw.normalize('NFC').toLowerCase();
  const text = lower.replace(APOSTROPHES, "'");
  const found: FoundWord[] = [];
  let breaks = false;
  let stops = false;
  const unspaced = UNSPACED.test(text);
  if (unspaced) {
    let end = 0;
    for (const segment of segmenterFor(locale).segment(text)) {
      if (segment.isWordLike !== true) continue;
      const between = text.slice(end, segment.index);
      breaks ||= CLAUSE_PUNCTUATION.test(between);
      stops ||= SENTENCE_PUNCTUATION.test(between);
      end = segment.index + segment.segment.length;
      if (!LETTER.test(segment.segment)) continue;
      found.push({ word: segment.segment, breaks, stops });
      breaks = false;
      stops = false;
    }
  } else {
    for (const match of text.matchAll(WORD_OR_BREAK)) {
      const word = match[1];
      if (word === undefined) {
        breaks = true;
        stops ||= SENTENCE_PUNCTUATION.test(match[0]);
      } else if (LETTER.test(word)) {
        found.push({ word, breaks, stops });
        breaks = false;
        stops = false;
      }
    }
  }
  return { text, found, unspaced, locale };
}

/**
 * The words split for one language: Japanese and Chinese text is segmented with
 * their own locale, Turkish, Azeri and Lithuanian lower-cased with theirs; for
 * every other language the words already found are the words.
 */
export function wordsFor(words: Words, raw: string, profile: LanguageProfile): Words {
  if (words.locale === profile.locale) return words;
  if ((words.unspaced && profile.unspaced) || OWN_LOWER_CASE.has(profile.code)) return splitWords(raw, profile.locale);
  return words;
}

/** The words in one language's terms: its clause words end a clause, and its elisions split ("l'appli" is "l", "appli"). */
export function tokensIn(words: Words, profile: LanguageProfile): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let sentence = 0;
  for (const { word, breaks, stops } of words.found) {
    if (breaks) clause += 1;
    if (stops) sentence += 1;
    if (profile.clauseWords.has(word)) {
      clause += 1;
      continue;
    }
    if (profile.splitsApostrophes && word.includes("'")) {
      for (const part of word.split("'")) if (part !== '') tokens.push({ word: part, clause, sentence });
    } else {
      tokens.push({ word, clause, sentence });
    }
  }
  return tokens;
}

/** Whether a word is in a script written without spaces, where one character can be a word. */
export function isUnspacedWord(word: string): boolean {
  return UNSPACED.test(word);
}

/** The plain words of a text in a language, for terms and tests. */
export function wordsOf(text: string, profile: LanguageProfile): string[] {
  return tokensIn(splitWords(text, profile.locale), profile).map((token) => token.word);
}

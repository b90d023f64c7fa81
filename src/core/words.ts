import { cutAt } from './clip.js';
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
 * same rules character by character (forEachWordOrBreak), which gives the words the
 * segmenter gives (a test holds the two together) at a fraction of its cost: comments
 * are read by the million.
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** The marks that end a clause between two words, and those of them that end a sentence (none needs escaping in a class). */
const CLAUSE_MARK_LIST = '.!?;:,()\n\u3001\u3002\uff01\uff1f\uff0c\uff1b\uff1a\u2026';
export const SENTENCE_MARK_LIST = '.!?\n\u3002\uff01\uff1f\u2026';
export const CLAUSE_PUNCTUATION = new RegExp(`[${CLAUSE_MARK_LIST}]`);
const SENTENCE_PUNCTUATION = new RegExp(`[${SENTENCE_MARK_LIST}]`);
const LETTER = /\p{L}/u;
const APOSTROPHES = /[\u2019\u2018\u02bc\uff07]/g;
const HAS_APOSTROPHE = new RegExp(APOSTROPHES.source);
/** Locales whose lower case differs from the default one: Turkish and Azeri dotted i, Lithuanian i with accents. */
const OWN_LOWER_CASE = new Set(['tr', 'az', 'lt']);

/**
 * A word longer than this is no word of a language (the longest in real comments are
 * under 50 letters): a pasted token, a base64 blob, a run of one character. It is not
 * stemmed, matched or counted, and ends a clause as punctuation does: the stemmers'
 * work grows faster than a word's length, and one 140,000-letter word took minutes.
 */
export const MAX_WORD_LENGTH = 50;

/**
 * Text without spaces is segmented in pieces of at most this many characters, cut
 * where a space or a mark allows: the segmenter's time grows faster than the length
 * of a run it is given (80,000 Han characters took 90 s, 40,000 half a second).
 */
const SEGMENTED_PIECE = 1000;
const PIECE_BREAK = new RegExp(`[\\s${CLAUSE_MARK_LIST}]`, 'u');

/**
 * A comment is read (its language, words, themes, praise) in its first this many
 * characters: real comments are a few hundred, and a pasted document of 140,000 took
 * seconds to read even in linear time, one row the run could not pause inside.
 */
export const READ_CHARS = 10_000;

/** The part of a comment that is read: all of it, or its first READ_CHARS characters, a surrogate pair never cut. */
export function readPart(comment: string): string {
  return comment.length <= READ_CHARS ? comment : comment.slice(0, cutAt(comment, READ_CHARS));
}

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
  // Tested first: most comments have no typographic apostrophe, and a replace makes a new string even then.
  const text = HAS_APOSTROPHE.test(lower) ? lower.replace(APOSTROPHES, "'") : lower;
  const found: FoundWord[] = [];
  let breaks = false;
  let stops = false;
  const unspaced = UNSPACED.test(text);
  const add = (word: string, letters: boolean): void => {
    if (word.length > MAX_WORD_LENGTH) {
      breaks = true;
      return;
    }
    if (!letters) return;
    found.push({ word, breaks, stops });
    breaks = false;
    stops = false;
  };
  if (unspaced) {
    const segmenter = segmenterFor(locale);
    let end = 0;
    for (const [start, piece] of pieces(text)) {
      for (const segment of segmenter.segment(piece)) {
        if (segment.isWordLike !== true) continue;
        const between = text.slice(end, start + segment.index);
        breaks ||= CLAUSE_PUNCTUATION.test(between);
        stops ||= SENTENCE_PUNCTUATION.test(between);
        end = start + segment.index + segment.segment.length;
        add(segment.segment, LETTER.test(segment.segment));
      }
    }
  } else {
    forEachWordOrBreak(text, (start, end, letters) => {
      if (letters !== undefined) {
        add(text.slice(start, end), letters);
        return;
      }
      breaks = true;
      stops ||= SENTENCE_MARKS.has(text.charCodeAt(start));
    });
  }
  return { text, found, unspaced, locale };
}

/**
 * Text in scripts with spaces is read as words and breaks: a word, or a mark that ends a
 * clause between two words ("not cheap, but fast" negates only "cheap"). A word is letters
 * of every script, their combining marks and digits; an apostrophe between two of them keeps
 * it whole ("isn't"). As an expression (which a test holds this reading to):
 * `([\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*)|[.!?;:,()\n\u3001\u3002\uff01\uff1f\uff0c\uff1b\uff1a\u2026]`.
 * Each character is told by its code: a letter, a mark or digit, a break, or none of them.
 */
const LETTER_CHAR = 1;
const MARK_OR_DIGIT = 2;
const BREAK_CHAR = 3;
const OTHER_CHAR = 4;
const CLAUSE_MARKS = new Set(Array.from(CLAUSE_MARK_LIST, (mark) => mark.charCodeAt(0)));
const SENTENCE_MARKS = new Set(Array.from(SENTENCE_MARK_LIST, (mark) => mark.charCodeAt(0)));
const MARK_OR_NUMBER = /[\p{M}\p{N}]/u;

/** The kind of each character of the Basic Multilingual Plane, worked out the first time it is met (0 until then). */
const kinds = new Uint8Array(0x10000);

/** Whether a surrogate pair (one character outside the Basic Multilingual Plane) starts at `at`. */
function pairAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return false;
  const next = text.charCodeAt(at + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

function kindOf(text: string, at: number): number {
  if (pairAt(text, at)) return kindOfText(text.slice(at, at + 2));
  const code = text.charCodeAt(at);
  let kind = kinds[code] ?? 0;
  if (kind === 0) {
    kind = CLAUSE_MARKS.has(code) ? BREAK_CHAR : kindOfText(String.fromCharCode(code));
    kinds[code] = kind;
  }
  return kind;
}

function kindOfText(character: string): number {
  if (LETTER.test(character)) return LETTER_CHAR;
  return MARK_OR_NUMBER.test(character) ? MARK_OR_DIGIT : OTHER_CHAR;
}

/** How many UTF-16 units the character at `at` takes. */
function unitsAt(text: string, at: number): number {
  return pairAt(text, at) ? 2 : 1;
}

/**
 * The words and breaks of a text as the expression above finds them, each as where it starts and ends:
 * a word (letters, marks and digits, an apostrophe between two of them keeping it whole) with
 * whether it has a letter, a break with `letters` undefined. Read character by character
 * rather than by the expression: its match for each word (an array and two strings) was the
 * largest part of the garbage reading comments made.
 */
function forEachWordOrBreak(text: string, on: (start: number, end: number, letters: boolean | undefined) => void): void {
  let at = 0;
  while (at < text.length) {
    const kind = kindOf(text, at);
    if (kind === BREAK_CHAR) {
      on(at, at + 1, undefined);
      at += 1;
      continue;
    }
    if (kind === OTHER_CHAR) {
      at += unitsAt(text, at);
      continue;
    }
    const start = at;
    let letters = false;
    for (;;) {
      const inside = kindOf(text, at);
      if (inside === LETTER_CHAR) letters = true;
      else if (inside !== MARK_OR_DIGIT) {
        // An apostrophe keeps the word whole only when a letter, mark or digit follows it.
        if (text.charCodeAt(at) !== APOSTROPHE || at + 1 >= text.length) break;
        const next = kindOf(text, at + 1);
        if (next !== LETTER_CHAR && next !== MARK_OR_DIGIT) break;
      }
      at += unitsAt(text, at);
      if (at >= text.length) break;
    }
    on(start, at, letters);
  }
}

const APOSTROPHE = 0x27;

/** A text in pieces of at most SEGMENTED_PIECE characters, each with where it starts, cut after a space or a mark where one is near. */
function pieces(text: string): Array<[number, string]> {
  if (text.length <= SEGMENTED_PIECE) return [[0, text]];
  const cut: Array<[number, string]> = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(text.length, start + SEGMENTED_PIECE);
    if (end < text.length) {
      let at = end;
      while (at > start + SEGMENTED_PIECE / 2 && !PIECE_BREAK.test(text[at - 1] ?? '')) at -= 1;
      if (at > start + SEGMENTED_PIECE / 2) end = at;
      else if (/[\ud800-\udbff]/.test(text[end - 1] ?? '')) end -= 1;
    }
    cut.push([start, text.slice(start, end)]);
    start = end;
  }
  return cut;
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

import { readFileSync } from 'node:fs';
import type { DetectLanguage } from '../core/themes.js';
import { readLanguageTable, type LanguageTable } from './language-table.js';

/** A comment's language shows in its first sentences; n-grams past them cost time and tell nothing more. */
const DETECTED_LENGTH = 400;

/** What eld's detector answers. */
interface Eld {
  detect(text: string): { language: string; isReliable(): boolean; getScores(): Record<string, number> };
}

/**
 * The table `npm run build` writes beside this module (scripts/language-table.mjs), named from
 * two folders down so that the bundle of dist/bundle/ finds it too (scripts/bundle.mjs).
 */
const TABLE = new URL('../input/eld-small.bin', import.meta.url);

/**
 * The language detector: Nito-ELD (the `eld` package) with its small n-gram database,
 * bundled in the package, so nothing is fetched at run time. It is loaded only when
 * comments are to be read and no --language is given. eld's own module of the table
 * takes about 0.67 s and 190 MB to evaluate; the same table as the build writes it is
 * read in about 6 ms, each n-gram made the first time it is looked up
 * (language-table.ts), and gives the same answers (a test holds the two to each other).
 * When it is not there (the tests, which run src/), eld's module is loaded as it is.
 */
export async function loadLanguageDetector(): Promise<DetectLanguage> {
  const detect = (await fromTable()) ?? (await eldsOwn());
  return (text) => {
    const result = detect(text.length > DETECTED_LENGTH ? text.slice(0, DETECTED_LENGTH) : text);
    return { language: result.language, reliable: () => result.isReliable(), scores: () => result.getScores() };
  };
}

/** eld's own detector, with its own module of the table. */
async function eldsOwn(): Promise<(text: string) => EldResult> {
  const { eld } = await import('eld/small');
  return (text) => eld.detect(text);
}

/** The table's bytes; undefined before a build. Read at once: an asynchronous read of its 2.9 MB waited on a thread 10 ms. */
function tableBytes(): Buffer | undefined {
  try {
    return readFileSync(TABLE);
  } catch {
    return undefined;
  }
}

/** What eld's result is made from, and how eld reads a text's words: from eld's own modules. */
interface EldParts {
  separators: RegExp;
  dictionary: readonly string[];
  LanguageResult: new (language: string, results: number[], ngrams: number, languages: Record<string, string>) => EldResult;
}
type EldResult = ReturnType<Eld['detect']>;

async function fromTable(): Promise<((text: string) => EldResult) | undefined> {
  const buffer = tableBytes();
  if (buffer === undefined) return undefined;
  try {
    // eld's entries build their detector from these; the package exports only the entries, so the files are named.
    const entry = import.meta.resolve('eld/small');
    const [{ separators }, { dictionary }, { LanguageResult }] = (await Promise.all([
      import(new URL('../regexPatterns.js', entry).href),
      import(new URL('../dictionary.js', entry).href),
      import(new URL('../LanguageResult.js', entry).href),
    ])) as [Pick<EldParts, 'separators'>, Pick<EldParts, 'dictionary'>, Pick<EldParts, 'LanguageResult'>];
    return detectorOf(readLanguageTable(buffer), { separators, dictionary, LanguageResult });
  } catch {
    // Another eld than the one the table was written for (its files moved): its own module still answers.
    return undefined;
  }
}

/** eld adds this to every score of its small table, which was stored less it. */
const BASE_NGRAM_SCORE = 53;
/** eld reads a text's first 1,000 characters, and of each word its first 70 bytes. */
const TEXT_CHARS = 1000;
const WORD_BYTES = 70;

/**
 * eld's `detect`, as eld works it out (languageDetector.js: its text's words as UTF-8
 * bytes, each word's four-byte n-grams at a stride of three, each language's scores of
 * the distinct n-grams added up, the highest first), with the n-grams in a Set and the
 * scores added from arrays. eld keeps them in objects keyed by n-gram, and a million
 * varied comments made V8 build a new shape for nearly every one: 2.4 s of `themes` on
 * 200,000 rows, and most of its garbage. The sums are whole numbers, so the order they
 * are added in changes nothing; the result is eld's own class. A test holds this to
 * eld's own detector on every comment of the fixtures and thousands of made ones.
 */
function detectorOf(table: LanguageTable, eld: EldParts): (text: string) => EldResult {
  const languageCount = Object.keys(table.languages).length;
  return (text) => {
    const ngrams = ngramsOf(wordBytes(text.substring(0, TEXT_CHARS).replace(eld.separators, ' ').trim().toLowerCase(), eld.dictionary));
    const sums = new Array<number>(languageCount).fill(0);
    for (const ngram of ngrams) {
      const scores = table.scoresOf(ngram);
      if (scores === undefined) continue;
      for (let at = 0; at < scores.length; at += 2) {
        const language = scores[at] ?? 0;
        sums[language] = (sums[language] ?? 0) + (scores[at + 1] ?? 0) + BASE_NGRAM_SCORE;
      }
    }
    const best = highest(sums);
    return best === undefined ? new eld.LanguageResult('', [], 0, {}) : new eld.LanguageResult(table.languages[best] ?? '', sums, ngrams.size, table.languages);
  };
}

/** The first language with the highest score above 0, as eld picks it; undefined when none scored. */
function highest(sums: readonly number[]): number | undefined {
  let best: number | undefined;
  let bestScore = 0;
  sums.forEach((score, language) => {
    if (score > 0 && score > bestScore) {
      bestScore = score;
      best = language;
    }
  });
  return best;
}

/** A word's n-grams as eld takes them: four bytes every three, the first after a space, the last before one. */
function ngramsOf(words: readonly string[]): Set<string> {
  const ngrams = new Set<string>();
  for (const word of words) {
    const length = Math.min(word.length, WORD_BYTES);
    let at = 0;
    for (; at + 4 < length; at += 3) ngrams.add((at === 0 ? ' ' : '') + word.substring(at, at + 4));
    ngrams.add((at === 0 ? ' ' : '') + word.substring(length !== 3 ? length - 4 : 0) + ' ');
  }
  return ngrams;
}

/** eld cuts a text at the first space past 350 bytes, and at any character past 380. */
const CUT_AFTER = 350;
const CUT_ANYWHERE_AFTER = 380;

/** A text's words, each character as its UTF-8 bytes written with eld's dictionary (one character a byte), as eld's strToUtf8Bytes. */
function wordBytes(text: string, dictionary: readonly string[]): string[] {
  const byte = (code: number): string => dictionary[code] ?? '';
  const words: string[] = [];
  let word = '';
  // Where the run of ASCII characters not yet added to `word` starts: they are their own bytes, added as one slice.
  let asciiFrom = 0;
  let bytes = 0;
  let at = 0;
  for (; at < text.length; at += 1) {
    let code = text.charCodeAt(at);
    if (code < 0x80) {
      if (code === 32) {
        word += text.slice(asciiFrom, at);
        asciiFrom = at + 1;
        if (word !== '') words.push(word);
        word = '';
        if (bytes > CUT_AFTER) break;
      }
      bytes += 1;
    } else {
      word += text.slice(asciiFrom, at);
      if (code < 0x800) {
        word += byte(0xc0 | (code >> 6)) + byte(0x80 | (code & 0x3f));
        bytes += 2;
      } else if (code < 0xd800 || code >= 0xe000) {
        word += byte(0xe0 | (code >> 12)) + byte(0x80 | ((code >> 6) & 0x3f)) + byte(0x80 | (code & 0x3f));
        bytes += 3;
      } else {
        at += 1;
        code = 0x10000 + (((code & 0x3ff) << 10) | (text.charCodeAt(at) & 0x3ff));
        word += byte(0xf0 | (code >> 18)) + byte(0x80 | ((code >> 12) & 0x3f)) + byte(0x80 | ((code >> 6) & 0x3f)) + byte(0x80 | (code & 0x3f));
        bytes += 4;
      }
      asciiFrom = at + 1;
    }
    if (bytes > CUT_ANYWHERE_AFTER) {
      at += 1;
      break;
    }
  }
  if (at > asciiFrom) word += text.slice(asciiFrom, Math.min(at, text.length));
  if (word !== '') words.push(word);
  return words;
}

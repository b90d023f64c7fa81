import { readFileSync } from 'node:fs';
import { NO_GUESS, type DetectLanguage } from '../core/themes.js';
import { importModule, resolveModule } from '../libraries/esm.js';
import { readLanguageTable, type LanguageTable } from './language-table.js';

/** A comment's language shows in its first sentences; n-grams past them cost time and tell nothing more. */
export const DETECTED_LENGTH = 400;

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
 * read in about 7 ms, each n-gram made the first time it is looked up
 * (language-table.ts), and gives the same answers (a test holds the two to each other).
 * When it is not there (the tests, which run src/), eld's module is loaded as it is.
 */
export async function loadLanguageDetector(): Promise<DetectLanguage> {
  const detect = (await fromTable()) ?? (await eldsOwn());
  return (text) => detect(text.length > DETECTED_LENGTH ? text.slice(0, DETECTED_LENGTH) : text);
}

/** eld's own detector, with its own module of the table. */
async function eldsOwn(): Promise<DetectLanguage> {
  const { eld } = (await importModule('eld/small')) as { eld: Eld };
  return (text) => {
    const result = eld.detect(text);
    let scores: Record<string, number> | undefined;
    return {
      language: result.language,
      reliable: () => result.isReliable(),
      scores: () => result.getScores(),
      scoreOf: (code) => (scores ??= result.getScores())[code] ?? 0,
    };
  };
}

/** The table's bytes; undefined before a build. Read at once: an asynchronous read of it (2.9 MB then) waited on a thread 10 ms. */
function tableBytes(): Buffer | undefined {
  try {
    return readFileSync(TABLE);
  } catch {
    return undefined;
  }
}

/** How eld reads a text's words, and how it judges a result reliable: from eld's own modules. */
interface EldParts {
  separators: RegExp;
  dictionary: readonly string[];
  /** Each language's average score in a right detection, by code. */
  avgScore: Readonly<Record<string, number>>;
}

async function fromTable(): Promise<DetectLanguage | undefined> {
  const buffer = tableBytes();
  if (buffer === undefined) return undefined;
  try {
    // eld's entries build their detector from these; the package exports only the entries, so the files are named.
    const folder = await eldFolder();
    const eldFile = (name: string): string => new URL(name, folder).href;
    const [{ separators }, { dictionary }, { avgScore }] = (await Promise.all([
      importModule(eldFile('regexPatterns.js')),
      importModule(eldFile('dictionary.js')),
      importModule(eldFile('avgScore.js')),
    ])) as [Pick<EldParts, 'separators'>, Pick<EldParts, 'dictionary'>, Pick<EldParts, 'avgScore'>];
    return detectorOf(readLanguageTable(buffer), { separators, dictionary, avgScore });
  } catch {
    // Another eld than the one the table was written for (its files moved): its own module still answers.
    return undefined;
  }
}

/** The folder of eld's own files, above the folder of its entries (a path in eld's package, not beside this module). */
const eldFolder = async (): Promise<URL> => new URL('..', await resolveModule('eld/small'));

/** eld adds this to every score of its small table, which was stored less it. */
const BASE_NGRAM_SCORE = 53;
/** eld reads a text's first 1,000 characters, and of each word its first 70 bytes. */
const TEXT_CHARS = 1000;
const WORD_BYTES = 70;

/**
 * eld's `detect`, as eld works it out (languageDetector.js: its text's words as UTF-8
 * bytes, each word's four-byte n-grams at a stride of three, each language's scores of
 * the distinct n-grams added up, the highest first), its result's reliability and scores
 * worked out as eld's LanguageResult works them out, one language's score alone when only
 * a few are asked (a sort and an object of every language's, for each comment, was a tenth
 * of reading one). eld keeps a text's n-grams as the keys of an object, and a million varied
 * comments made V8 build a new shape for nearly every one: 2.4 s of `themes` on 200,000
 * rows, and much of its garbage. Here each word's n-grams are numbered once (words
 * repeat far more than comments do), and a text counts each number once. The sums are
 * whole numbers, so the order they are added in changes nothing. A test holds this to
 * eld's own detector on every comment of the fixtures and thousands of made ones.
 */
function detectorOf(table: LanguageTable, eld: EldParts): DetectLanguage {
  const languageCount = Object.keys(table.languages).length;
  const ngrams = new NumberedNgrams(table, eld.dictionary);
  const indices = new Map(Object.entries(table.languages).map(([index, code]) => [code, Number(index)]));
  return (text) => {
    const sums = new Int32Array(languageCount);
    const distinct = ngrams.count(text.substring(0, TEXT_CHARS).replace(eld.separators, ' ').trim().toLowerCase(), sums);
    const [best, next] = firstTwo(sums);
    // eld's answer for a text with no n-gram of any language.
    if (best === undefined) return NO_GUESS;
    const language = table.languages[best] ?? '';
    const score = (index: number): number => {
      // eld's scale (LanguageResult.js): a language's score per distinct n-gram, s / (s + 25).
      const perNgram = (sums[index] ?? 0) / distinct;
      return perNgram / (perNgram + SCALE);
    };
    return {
      language,
      // eld's isReliable, as it reads: against the second language's index, not its score.
      reliable: () => distinct >= 3 && !((eld.avgScore[language] ?? Number.NaN) * RELIABLE_RATIO > score(best) || 0.01 > Math.abs(score(best) - (next ?? 0))),
      scores: () => Object.fromEntries(ranked(sums).map((index) => [table.languages[index] ?? '', score(index)])),
      scoreOf: (code) => {
        const index = indices.get(code);
        return index === undefined || (sums[index] ?? 0) <= 0 ? 0 : score(index);
      },
    };
  };
}

/** eld's constants: the scale of its scores, and the share of a language's average score a reliable result reaches. */
const SCALE = 25;
const RELIABLE_RATIO = 0.75;

/** The languages that scored above 0, the highest first, in the order of their indices when equal (eld sorts so, stably). */
function ranked(sums: Int32Array): number[] {
  const scored: number[] = [];
  sums.forEach((sum, index) => {
    if (sum > 0) scored.push(index);
  });
  return scored.sort((a, b) => (sums[b] ?? 0) - (sums[a] ?? 0) || a - b);
}

/** The first two of `ranked`, found in one pass. */
function firstTwo(sums: Int32Array): [number | undefined, number | undefined] {
  let best: number | undefined;
  let next: number | undefined;
  for (let index = 0; index < sums.length; index += 1) {
    const sum = sums[index] ?? 0;
    if (sum <= 0) continue;
    if (best === undefined || sum > (sums[best] ?? 0)) {
      next = best;
      best = index;
    } else if (next === undefined || sum > (sums[next] ?? 0)) {
      next = index;
    }
  }
  return [best, next];
}

/**
 * Words whose n-grams are remembered, and n-grams numbered; past either they are all
 * forgotten and numbered again. Words of real comments repeat; random 70-letter words
 * would otherwise number 24 n-grams each.
 */
const WORDS_KEPT = 100_000;
const NGRAMS_KEPT = 400_000;

/** Every n-gram met, numbered, with its scores from the table; each word's numbers, made once. */
class NumberedNgrams {
  private readonly numbers = new Map<string, number>();
  private readonly scores: Array<Int32Array | undefined> = [];
  /** The text each n-gram was last counted in: a text counts each once. */
  private readonly countedIn: number[] = [];
  private readonly byWord = new Map<string, Int32Array>();
  private texts = 0;

  constructor(
    private readonly table: LanguageTable,
    private readonly dictionary: readonly string[],
  ) {}

  /** Adds to `sums` each language's sum of the scores of a text's distinct n-grams; returns how many distinct n-grams it has. */
  count(text: string, sums: Int32Array): number {
    if (this.byWord.size > WORDS_KEPT || this.scores.length > NGRAMS_KEPT) this.forget();
    this.texts += 1;
    let distinct = 0;
    forEachWord(text, (word) => {
      for (const number of this.numbersOf(word)) {
        if (this.countedIn[number] === this.texts) continue;
        this.countedIn[number] = this.texts;
        distinct += 1;
        const scores = this.scores[number];
        if (scores === undefined) continue;
        for (let at = 0; at < scores.length; at += 2) {
          const language = scores[at] ?? 0;
          sums[language] = (sums[language] ?? 0) + (scores[at + 1] ?? 0) + BASE_NGRAM_SCORE;
        }
      }
    });
    return distinct;
  }

  private numbersOf(word: string): Int32Array {
    const known = this.byWord.get(word);
    if (known !== undefined) return known;
    const numbers = Int32Array.from(ngramsOf(bytesOf(word, this.dictionary)), (ngram) => this.numberOf(ngram));
    this.byWord.set(word, numbers);
    return numbers;
  }

  private numberOf(ngram: string): number {
    let number = this.numbers.get(ngram);
    if (number === undefined) {
      number = this.scores.length;
      this.numbers.set(ngram, number);
      this.scores.push(this.table.scoresOf(ngram));
      this.countedIn.push(0);
    }
    return number;
  }

  private forget(): void {
    this.numbers.clear();
    this.byWord.clear();
    this.scores.length = 0;
    this.countedIn.length = 0;
  }
}

/** A word's n-grams as eld takes them from its bytes: four every three, the first after a space, the last before one. */
function ngramsOf(word: string): string[] {
  const ngrams: string[] = [];
  const length = Math.min(word.length, WORD_BYTES);
  let at = 0;
  for (; at + 4 < length; at += 3) ngrams.push((at === 0 ? ' ' : '') + word.substring(at, at + 4));
  ngrams.push((at === 0 ? ' ' : '') + word.substring(length !== 3 ? length - 4 : 0) + ' ');
  return ngrams;
}

/** eld cuts a text at the first space past 350 bytes, and at any character past 380. */
const CUT_AFTER = 350;
const CUT_ANYWHERE_AFTER = 380;

/**
 * The bytes a character takes in UTF-8. The text has been through eld's separators
 * first, which (a Unicode expression) replace every character but the BMP's letters,
 * surrogates among them: each character left is one unit of one to three bytes, so
 * eld's branch for pairs never runs here.
 */
function byteLength(code: number): number {
  if (code < 0x80) return 1;
  return code < 0x800 ? 2 : 3;
}

/**
 * A text's words as eld's strToUtf8Bytes finds them: between spaces, the text cut at
 * the first space past 350 bytes, and after any character past 380 (the last word
 * then cut there too). A word is given as its characters; `bytesOf` writes its bytes.
 */
function forEachWord(text: string, onWord: (word: string) => void): void {
  let start = 0;
  let bytes = 0;
  let at = 0;
  for (; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === 32) {
      if (at > start) onWord(text.slice(start, at));
      start = at + 1;
      if (bytes > CUT_AFTER) return;
    }
    bytes += byteLength(code);
    if (bytes > CUT_ANYWHERE_AFTER) {
      at += 1;
      break;
    }
  }
  if (at > start) onWord(text.slice(start, at));
}

/** A word's UTF-8 bytes as eld writes them: ASCII as itself, every byte of a longer character by eld's dictionary. */
function bytesOf(word: string, dictionary: readonly string[]): string {
  if (!NOT_ASCII.test(word)) return word;
  let bytes = '';
  for (const byte of Buffer.from(word, 'utf8')) bytes += byte < 0x80 ? String.fromCharCode(byte) : (dictionary[byte] ?? '');
  return bytes;
}

const NOT_ASCII = /[\u0080-\uffff]/;

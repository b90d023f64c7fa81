import { stemmer as englishStem } from 'stemmer';
import { snowballStem } from '../libraries/stemmers.js';
import { stopWordsIn, type StopWordCode } from '../libraries/stopword.js';
import { LANGUAGE_NAMES, LEXICON_LANGUAGES } from './language-codes.js';
import { ownCopy } from './strings.js';

/**
 * What nps knows of each language it reads comments in. Seven languages and Russian
 * have a Snowball stemmer, negation words and the built-in themes' keywords; Japanese
 * and Chinese have keywords too, found inside the text since neither puts spaces
 * between words. Every other language the detector can name still gets whole words,
 * lower-cased, and its stop words where the `stopword` package has them.
 */
export interface LanguageProfile {
  /** ISO 639-1, as the detector and --language name it; `und` when no language could be told. */
  code: string;
  /** In English: "French". */
  name: string;
  /** The BCP 47 locale of lower-casing and of word segmentation. */
  locale: string;
  stem: (word: string) => string;
  stopWords: ReadonlySet<string>;
  /** Words that turn what follows into its opposite ("not", "pas", "nicht"), or in Japanese what precedes. */
  negators: ReadonlySet<string>;
  /** Words that end a clause like a comma does ("but", "mais", "aber"): a negation does not reach past them. */
  clauseWords: ReadonlySet<string>;
  /**
   * Whether an apostrophe inside a word separates two words, as in French "l'appli",
   * Italian "dell'app" and Dutch "pagina's"; not in English, where "isn't" is one word.
   */
  splitsApostrophes: boolean;
  /**
   * Japanese and Chinese: no spaces between words, so a keyword is looked for inside
   * the text, and a one-character word can mean something ("慢", slow).
   */
  unspaced: boolean;
  /** Japanese puts negation after what it negates: 高くない, "not expensive". */
  negatesAfter: boolean;
  /** Whether the built-in lexicon has keywords in this language. */
  lexicon: boolean;
}

const UNDETERMINED = 'und';

/** Stemming is the slow part of reading a comment, and a survey's vocabulary is small next to its word count. */
const STEM_CACHE_LIMIT = 200_000;

function cached(stem: (word: string) => string): (word: string) => string {
  const stems = new Map<string, string>();
  return (word) => {
    let found = stems.get(word);
    if (found === undefined) {
      found = stem(word);
      // A stem can be the word itself, or a slice of it: both are copied to be kept.
      if (stems.size < STEM_CACHE_LIMIT) {
        found = ownCopy(found);
        stems.set(ownCopy(word), found);
      }
    }
    return found;
  };
}

const identity = (word: string): string => word;
const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));

interface Known {
  stem?: (word: string) => string;
  /** The `stopword` package's list, by its ISO 639-3 name. */
  stopWords?: StopWordCode;
  negators?: string;
  clauseWords?: string;
  splitsApostrophes?: boolean;
  unspaced?: boolean;
  negatesAfter?: boolean;
  lexicon?: boolean;
}

/**
 * The languages with keywords, then those the detector names that have a stop-word
 * list. English keeps the Porter stemmer nps has always used, so that English
 * results do not move; the others are the Snowball project's algorithms.
 */
const KNOWN: Record<string, Known> = {
  en: {
    stem: englishStem,
    stopWords: 'eng',
    negators: "not no never without hardly nothing none nor cannot neither",
    clauseWords: 'but',
    lexicon: true,
  },
  fr: {
    stem: snowballStem('french'),
    stopWords: 'fra',
    // "n'" becomes "n" once the apostrophe splits the word; "pas" alone is the spoken negation.
    negators: 'ne n pas jamais sans aucun aucune rien ni guère',
    clauseWords: 'mais cependant pourtant',
    splitsApostrophes: true,
    lexicon: true,
  },
  es: {
    stem: snowballStem('spanish'),
    stopWords: 'spa',
    negators: 'no nunca sin nada ningún ninguno ninguna ni jamás tampoco',
    clauseWords: 'pero sino aunque',
    lexicon: true,
  },
  de: {
    stem: snowballStem('german'),
    stopWords: 'deu',
    negators: 'nicht kein keine keinen keinem keiner keines nie niemals ohne nichts weder kaum',
    clauseWords: 'aber sondern jedoch doch',
    lexicon: true,
  },
  pt: {
    stem: snowballStem('portuguese'),
    stopWords: 'por',
    negators: 'não nao nunca sem nada nenhum nenhuma nem jamais',
    clauseWords: 'mas porém porem contudo',
    lexicon: true,
  },
  it: {
    stem: snowballStem('italian'),
    stopWords: 'ita',
    negators: 'non mai senza niente nulla nessun nessuno nessuna né',
    clauseWords: 'ma però tuttavia',
    splitsApostrophes: true,
    lexicon: true,
  },
  nl: {
    stem: snowballStem('dutch'),
    stopWords: 'nld',
    negators: 'niet geen nooit zonder niets noch nauwelijks',
    clauseWords: 'maar echter',
    splitsApostrophes: true,
    lexicon: true,
  },
  ru: {
    stem: snowballStem('russian'),
    stopWords: 'rus',
    negators: 'не нет никогда без ни ничего',
    clauseWords: 'но однако',
    lexicon: true,
  },
  ja: {
    stopWords: 'jpn',
    negators: 'ない なかった なく ません ず なし 無い',
    clauseWords: 'けど けれど でも しかし',
    unspaced: true,
    negatesAfter: true,
    lexicon: true,
  },
  zh: {
    stopWords: 'zho',
    negators: '不 没 没有 无 别 未 非',
    clauseWords: '但 但是 可是 不过',
    unspaced: true,
    lexicon: true,
  },
  ar: { stopWords: 'ara' }, bg: { stopWords: 'bul' }, bn: { stopWords: 'ben' }, ca: { stopWords: 'cat', splitsApostrophes: true },
  cs: { stopWords: 'ces' }, da: { stopWords: 'dan' }, el: { stopWords: 'ell' }, et: { stopWords: 'est' }, eu: { stopWords: 'eus' },
  fa: { stopWords: 'fas' }, fi: { stopWords: 'fin' }, gu: { stopWords: 'guj' }, he: { stopWords: 'heb' }, hi: { stopWords: 'hin' },
  hr: { stopWords: 'hrv' }, hu: { stopWords: 'hun' }, hy: { stopWords: 'hye' }, ko: { stopWords: 'kor' }, ku: { stopWords: 'kur' },
  lt: { stopWords: 'lit' }, lv: { stopWords: 'lav' }, mr: { stopWords: 'mar' }, ms: { stopWords: 'msa' }, no: { stopWords: 'nob' },
  pl: { stopWords: 'pol' }, ro: { stopWords: 'ron' }, sk: { stopWords: 'slk' }, sl: { stopWords: 'slv' }, sv: { stopWords: 'swe' },
  th: { stopWords: 'tha', unspaced: true }, tl: { stopWords: 'tgl' }, tr: { stopWords: 'tur' }, uk: { stopWords: 'ukr' },
  ur: { stopWords: 'urd' }, vi: { stopWords: 'vie' }, yo: { stopWords: 'yor' },
};


/** Made on first use only: a code the detector names beyond the known languages. */
let displayNames: Intl.DisplayNames | undefined;

function nameOf(code: string): string {
  if (code === UNDETERMINED) return 'undetermined';
  const known = LANGUAGE_NAMES[code];
  if (known !== undefined) return known;
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'language' });
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function stopWordsOf(known: Known): readonly string[] {
  return known.stopWords === undefined ? [] : stopWordsIn(known.stopWords);
}

function buildProfile(code: string): LanguageProfile {
  const known = KNOWN[code] ?? {};
  // A comment of no language told is most likely in one of the lexicon's: none of their stop words says anything.
  const stopWords = code === UNDETERMINED ? LEXICON_LANGUAGES.flatMap((language) => stopWordsOf(KNOWN[language] ?? {})) : stopWordsOf(known);
  return {
    code,
    name: nameOf(code),
    locale: code === UNDETERMINED ? 'en' : code,
    stem: known.stem === undefined ? identity : cached(known.stem),
    stopWords: new Set(stopWords),
    negators: set(known.negators ?? ''),
    clauseWords: set(known.clauseWords ?? ''),
    splitsApostrophes: known.splitsApostrophes ?? false,
    unspaced: known.unspaced ?? false,
    negatesAfter: known.negatesAfter ?? false,
    lexicon: known.lexicon ?? false,
  };
}

const profiles = new Map<string, LanguageProfile>();

/** The profile of an ISO 639-1 code (made once, with its stem cache); an unknown code gets whole words only. */
/** Whether a word negates in a language: one of its negators, or in English a word ending in n't. */
export const isNegator = (word: string, profile: LanguageProfile): boolean => profile.negators.has(word) || (profile.code === 'en' && word.endsWith("n't"));

export function profileOf(code: string): LanguageProfile {
  let profile = profiles.get(code);
  if (profile === undefined) {
    profile = buildProfile(code);
    profiles.set(code, profile);
  }
  return profile;
}

export { isKnownLanguage, KNOWN_LANGUAGES, LEXICON_LANGUAGES, UNDETERMINED_LANGUAGE } from './language-codes.js';

/** The codes language-codes.ts lists, as this table has them: a test keeps the two the same. */
export const PROFILED_LANGUAGES: readonly string[] = Object.keys(KNOWN);
export const LEXICON_PROFILES: readonly string[] = Object.keys(KNOWN).filter((code) => KNOWN[code]?.lexicon === true);

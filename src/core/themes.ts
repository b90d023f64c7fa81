import { categoryOf, CATEGORIES, type Category } from './categories.js';
import { LEXICON_LANGUAGES, profileOf, UNDETERMINED_LANGUAGE, type LanguageProfile } from './languages.js';
import type { Counts } from './stats.js';
import { addSentiment, emptySentiment, polarityOver, sentencePolarities, type Polarity, type SentimentCounts } from './sentiment.js';
import { EXAMPLE_MIN_WORDS, keepExample } from './examples.js';
import { compareText, ownCopy } from './strings.js';
import { ThemeExtras, type ResponseContext, type ThemeExtrasData } from './theme-extras.js';
import type { Mention, ThemeMatcher } from './theme-matcher.js';
import { isUnspacedWord, readPart, splitWords, tokensIn, wordsFor, type Token, type Words } from './words.js';

export { ThemeMatcher, type Mention, type Theme } from './theme-matcher.js';

/**
 * What a language detector says of a text: the language it finds (`''` for none),
 * whether to trust it, and every language's score; the last two are asked only
 * when needed, since working them out costs as much as the detection.
 */
export interface LanguageGuess {
  language: string;
  reliable(): boolean;
  scores(): Record<string, number>;
  /** One language's score, as `scores()` has it (0 for one it does not list), without making them all. */
  scoreOf(code: string): number;
}

export type DetectLanguage = (text: string) => LanguageGuess;

/** What a detector answers for a text it finds no language in, and what the reader takes with no detector. */
export const NO_GUESS: LanguageGuess = { language: '', reliable: () => false, scores: () => ({}), scoreOf: () => 0 };

/** A comment read: its language (`und` when it could not be told), its words in that language, its themes. */
export interface Reading {
  language: string;
  tokens: Token[];
  mentions: Mention[];
  /** Each sentence's sentiment, worked out when first asked (a reading is kept for short comments that repeat). */
  polarities?: Polarity[];
}

/** A reading's sentences' sentiment, kept on it. */
export function polaritiesOf(reading: Reading): Polarity[] {
  reading.polarities ??= sentencePolarities(reading.tokens, reading.language);
  return reading.polarities;
}

/**
 * A language whose keywords a comment mentions wins over the detector's first
 * choice when the detector is unsure, or when its score is this close to the first
 * (ratio to it): short comments are where detectors err, and where a keyword
 * ("prix", "Preis") says most about the language.
 */
const CLOSE_SCORE = 0.9;
/** Past this many words a detector is seldom wrong, and its first choice is taken as it is. */
const SURE_WORDS = 8;
/** Comments this short repeat ("ok", "Great", "Trop cher"): their reading is kept, for so many of them. */
export const CACHED_LENGTH = 48;
export const CACHE_LIMIT = 50_000;

/**
 * Reads each comment in its language: the detector's, or one set for all (--language).
 * A comment the detector is unsure of takes the language whose keywords it mentions;
 * one that mentions none stays undetermined (`und`), its words kept as written so
 * that they count with the file's main language in the end (see ThemeTally).
 */
export class CommentReader {
  private readonly cache = new Map<string, Reading>();
  private readonly lexiconProfiles = LEXICON_LANGUAGES.map(profileOf);

  constructor(
    readonly matcher: ThemeMatcher,
    private readonly options: { detect?: DetectLanguage | undefined; language?: string | undefined },
  ) {}

  /** The language every comment is read in when one was set (--language) rather than detected. */
  get forced(): string | undefined {
    return this.options.language;
  }

  read(comment: string): Reading {
    const short = comment.length <= CACHED_LENGTH;
    if (short) {
      const found = this.cache.get(comment);
      if (found !== undefined) return found;
    }
    if (!short || this.cache.size >= CACHE_LIMIT) return this.readAnew(readPart(comment));
    // Kept: the reading's words are cut from the comment, so both are read from a copy of it.
    const own = ownCopy(comment);
    const reading = this.readAnew(readPart(own));
    this.cache.set(own, reading);
    return reading;
  }

  private readIn(words: Words, comment: string, profile: LanguageProfile): Reading {
    const own = wordsFor(words, comment, profile);
    const tokens = tokensIn(own, profile);
    return { language: profile.code, tokens, mentions: this.matcher.tagWords(own, tokens, profile) };
  }

  private readAnew(comment: string): Reading {
    const forced = this.options.language;
    const words = splitWords(comment, forced === undefined ? 'en' : profileOf(forced).locale);
    if (forced !== undefined) return this.readIn(words, comment, profileOf(forced));
    if (words.found.length === 0) return { language: UNDETERMINED_LANGUAGE, tokens: [], mentions: [] };
    const guess: LanguageGuess = this.options.detect?.(comment) ?? NO_GUESS;
    const first = guess.language === '' ? undefined : profileOf(guess.language);
    const firstReading = first === undefined ? undefined : this.readIn(words, comment, first);
    if (first?.lexicon === true && firstReading !== undefined && (firstReading.mentions.length > 0 || words.found.length > SURE_WORDS)) {
      return firstReading;
    }
    // The first choice finds no theme: a language close behind it (or any, when it is unsure) whose keywords the comment has.
    const reliable = guess.reliable();
    const firstScore = first === undefined ? 0 : guess.scoreOf(first.code);
    const open = !reliable || first?.lexicon !== true;
    let best: { reading: Reading; score: number } | undefined;
    for (const profile of this.lexiconProfiles) {
      if (profile.code === first?.code || profile.unspaced !== words.unspaced) continue;
      const score = guess.scoreOf(profile.code);
      if (!open && score < firstScore * CLOSE_SCORE) continue;
      const reading = this.readIn(words, comment, profile);
      if (reading.mentions.length > 0 && (best === undefined || score > best.score)) best = { reading, score };
    }
    if (best !== undefined) return best.reading;
    if (firstReading !== undefined && reliable) return firstReading;
    // No language, so no keyword: any theme would have been found above, in the language whose keywords it has.
    return { language: UNDETERMINED_LANGUAGE, tokens: tokensIn(words, profileOf(UNDETERMINED_LANGUAGE)), mentions: [] };
  }
}


export interface ThemeInCategory {
  comments: number;
  negated: number;
  examples: string[];
  /** Each mention's sentiment, by the sentences it stands in. */
  sentiment: SentimentCounts;
}

/** One language's word counts: per group, by stem; and how each stem was written. */
export interface LanguageWords {
  counts: Record<Category, Map<string, number>>;
  spellings: Map<string, Map<string, number>>;
}

const emptyWords = (): LanguageWords => ({ counts: { promoters: new Map(), passives: new Map(), detractors: new Map() }, spellings: new Map() });

function addCounts(into: Map<string, number>, from: ReadonlyMap<string, number>): void {
  for (const [key, count] of from) into.set(key, (into.get(key) ?? 0) + count);
}

function mergeWords(into: Map<string, LanguageWords>, language: string, from: LanguageWords): void {
  let words = into.get(language);
  if (words === undefined) {
    words = emptyWords();
    into.set(language, words);
  }
  for (const category of CATEGORIES) addCounts(words.counts[category], from.counts[category]);
  for (const [key, spellings] of from.spellings) {
    const known = words.spellings.get(key) ?? new Map<string, number>();
    addCounts(known, spellings);
    words.spellings.set(key, known);
  }
}

/** Written words given a slot, per language: a survey's vocabulary is far smaller; a file of endless new words stops here. */
const SLOTS_KEPT = 200_000;

/** A written word of one language, counted: its stem, and how often it was written since the spellings were last counted. */
interface WordSlot {
  key: string;
  word: string;
  count: number;
}

/**
 * Adds `count` to how often a stem was written as `word`. A stem or spelling first kept is
 * copied when it may be cut from its comment; a slot's are the tally's own already.
 */
function addSpelling(words: LanguageWords, key: string, word: string, count: number, own: boolean): void {
  const keep = own ? (text: string): string => text : ownCopy;
  let spellings = words.spellings.get(key);
  if (spellings === undefined) {
    spellings = new Map<string, number>();
    words.spellings.set(keep(key), spellings);
  }
  const spelled = spellings.get(word);
  spellings.set(spelled === undefined ? keep(word) : word, (spelled ?? 0) + count);
}

/** A theme tally as plain data. */
export interface ThemeTallyData {
  comments: Record<Category, number>;
  byCategory: Map<string, Record<Category, ThemeInCategory>>;
  mentioners: Map<string, Counts>;
  all: Counts;
  languages: Map<string, number>;
  words: Map<string, LanguageWords>;
  extras: ThemeExtrasData | undefined;
}

/**
 * Everything `nps themes` reports, gathered in one pass: per group, how many
 * comments mention each theme (with the shortest examples); per theme, the
 * groups of everyone who mentions it; per language, how many comments and their
 * word counts for the distinguishing words.
 */
export class ThemeTally {
  readonly comments: Record<Category, number> = { promoters: 0, passives: 0, detractors: 0 };
  readonly byCategory = new Map<string, Record<Category, ThemeInCategory>>();
  /** Respondents mentioning each theme, by group: for the NPS with and without the theme. */
  readonly mentioners = new Map<string, Counts>();
  readonly all: Counts = { promoters: 0, passives: 0, detractors: 0 };
  /** Comments per language, `und` for those whose language could not be told. */
  readonly languages = new Map<string, number>();
  /** Word counts per language (see `words`), each spelling's count held on its slot until asked for. */
  private readonly counted = new Map<string, LanguageWords>();
  /** Each written word met, per language: what it counts as (its stem), or null when it does not count. */
  private readonly slots = new Map<string, Map<string, WordSlot | null>>();
  private spellingsDue = false;
  /** Languages whose slots are full: their new words are counted in the maps at once. */
  private readonly fullLanguages = new Set<string>();
  readonly matcher: ThemeMatcher;
  /** The responses discovery reads, each side's themes and the export's own topics; undefined for a question's own tally. */
  readonly extras: ThemeExtras | undefined;
  /** Responses added with no place given (a tally fed by hand): numbered in the order they come. */
  private order = 0;

  /** Written words given a slot, per language (SLOTS_KEPT; fewer in tests). */
  private readonly slotsKept: number;

  constructor(
    readonly reader: CommentReader,
    options: { extras?: boolean; discover?: boolean; slotsKept?: number } = {},
  ) {
    this.matcher = reader.matcher;
    this.slotsKept = options.slotsKept ?? SLOTS_KEPT;
    this.extras = options.extras === true ? new ThemeExtras(options.discover !== false) : undefined;
    for (const name of this.matcher.names) {
      const empty = (): ThemeInCategory => ({ comments: 0, negated: 0, examples: [], sentiment: emptySentiment() });
      this.byCategory.set(name, { promoters: empty(), passives: empty(), detractors: empty() });
      this.mentioners.set(name, { promoters: 0, passives: 0, detractors: 0 });
    }
  }

  /** Word counts per language; the undetermined comments' words are kept as written, unstemmed. */
  get words(): Map<string, LanguageWords> {
    this.countSpellings();
    return this.counted;
  }

  /** The counts as plain data, to travel between threads (structured clone keeps Maps, not classes). */
  toData(): ThemeTallyData {
    return {
      comments: this.comments,
      byCategory: this.byCategory,
      mentioners: this.mentioners,
      all: this.all,
      languages: this.languages,
      words: this.words,
      extras: this.extras?.toData(),
    };
  }

  /** Adds the counts of another part of the input; examples stay the shortest, whatever the order of the parts. */
  mergeData(data: ThemeTallyData): this {
    for (const category of CATEGORIES) {
      this.comments[category] += data.comments[category];
      this.all[category] += data.all[category];
    }
    for (const [theme, byCategory] of data.byCategory) {
      const into = this.byCategory.get(theme);
      if (into === undefined) continue;
      for (const category of CATEGORIES) {
        into[category].comments += byCategory[category].comments;
        into[category].negated += byCategory[category].negated;
        addSentiment(into[category].sentiment, byCategory[category].sentiment);
        for (const example of byCategory[category].examples) keepExample(into[category].examples, example, EXAMPLE_MIN_WORDS);
      }
    }
    for (const [theme, counts] of data.mentioners) {
      const into = this.mentioners.get(theme);
      if (into !== undefined) for (const category of CATEGORIES) into[category] += counts[category];
    }
    for (const [language, comments] of data.languages) this.languages.set(language, (this.languages.get(language) ?? 0) + comments);
    for (const [language, words] of data.words) mergeWords(this.words, language, words);
    if (data.extras !== undefined) this.extras?.mergeData(data.extras);
    return this;
  }

  /** One scored response and its comment (possibly empty); returns the comment's reading, undefined when it has none. */
  add(score: number, comment: string, context?: ResponseContext): Reading | undefined {
    return this.addAnswers(score, [comment], context)[0];
  }

  /**
   * One scored response and its answers to several open questions: each answer is a
   * comment of its own (its themes, words and language), but the respondent counts once,
   * and once for each theme any of the answers mentions. Returns the readings.
   */
  addAnswers(score: number, answers: readonly string[], context?: ResponseContext): Reading[] {
    const category = categoryOf(score);
    this.all[category] += 1;
    const readings: Reading[] = [];
    const read: Array<{ text: string; reading: Reading }> = [];
    // The themes any answer mentions, each once: a few, looked through rather than kept in a set made for every response.
    const mentioned: string[] = [];
    for (const answer of answers) {
      const text = answer.trim();
      if (text === '') continue;
      this.comments[category] += 1;
      const reading = this.reader.read(text);
      readings.push(reading);
      read.push({ text, reading });
      this.languages.set(reading.language, (this.languages.get(reading.language) ?? 0) + 1);
      this.countWords(category, reading);
      for (const mention of reading.mentions) {
        const stats = this.byCategory.get(mention.theme)?.[category];
        if (stats === undefined) continue;
        stats.comments += 1;
        if (mention.negated) stats.negated += 1;
        stats.sentiment[polarityOver(polaritiesOf(reading), mention.sentences ?? [])] += 1;
        keepExample(stats.examples, text, reading.tokens.length);
        if (!mentioned.includes(mention.theme)) mentioned.push(mention.theme);
      }
    }
    for (const theme of mentioned) {
      const counts = this.mentioners.get(theme);
      if (counts !== undefined) counts[category] += 1;
    }
    this.extras?.add(category, context ?? { order: this.order }, read);
    this.order += 1;
    return readings;
  }

  /**
   * A comment's words, counted by stem in its group. A word is looked up once, on its slot:
   * whether it counts and its stem are worked out the first time it is met, in its language,
   * and its spellings are added to the stems' when the counts are asked for, in the order
   * the words were first met (so the maps are those counting word by word would make).
   */
  private countWords(category: Category, reading: Reading): void {
    let words = this.counted.get(reading.language);
    if (words === undefined) {
      words = emptyWords();
      this.counted.set(reading.language, words);
    }
    let slots = this.slots.get(reading.language);
    if (slots === undefined) {
      slots = new Map();
      this.slots.set(reading.language, slots);
    }
    this.spellingsDue = true;
    const seen = words.counts[category];
    for (const { word } of reading.tokens) {
      let slot = slots.get(word);
      if (slot === undefined) {
        // A word with a digit (an id, an order number) never counts, and a new one comes with every row: nothing is kept of it.
        if (HAS_DIGIT.test(word)) continue;
        if (slots.size >= this.slotsKept) {
          this.countUnkept(words, seen, word, reading.language);
          continue;
        }
        slot = this.newSlot(slots, word, reading.language);
      }
      if (slot === null) continue;
      seen.set(slot.key, (seen.get(slot.key) ?? 0) + 1);
      slot.count += 1;
    }
  }

  /** A word met for the first time in a language; copied, since it is cut from its comment and its comment from the file. */
  private newSlot(slots: Map<string, WordSlot | null>, word: string, language: string): WordSlot | null {
    const profile = profileOf(language);
    const own = ownCopy(word);
    const slot = countsAsWord(word, profile) ? { key: ownCopy(profile.stem(word)), word: own, count: 0 } : null;
    slots.set(own, slot);
    return slot;
  }

  /**
   * A word met once a language's slots are full (a file of endless new words): counted in the
   * maps at once, as every word was before slots. The slots' spellings are added first, once, so
   * that the maps keep the order words were first met in (no slot is made after).
   */
  private countUnkept(words: LanguageWords, seen: Map<string, number>, word: string, language: string): void {
    if (!this.fullLanguages.has(language)) {
      this.fullLanguages.add(language);
      this.countSpellings();
      this.spellingsDue = true;
    }
    const profile = profileOf(language);
    if (!countsAsWord(word, profile)) return;
    const key = profile.stem(word);
    const count = seen.get(key);
    seen.set(count === undefined ? ownCopy(key) : key, (count ?? 0) + 1);
    addSpelling(words, key, word, 1, false);
  }

  /** The spellings counted on the slots since last asked, added to each stem's. */
  private countSpellings(): void {
    if (!this.spellingsDue) return;
    this.spellingsDue = false;
    for (const [language, slots] of this.slots) {
      const words = this.counted.get(language);
      if (words === undefined) continue;
      for (const slot of slots.values()) {
        if (slot === null || slot.count === 0) continue;
        addSpelling(words, slot.key, slot.word, slot.count, true);
        slot.count = 0;
      }
    }
  }

  /** Languages by number of comments, most first; `und` last. */
  languageCounts(): Array<{ language: string; comments: number }> {
    return [...this.languages]
      .map(([language, comments]) => ({ language, comments }))
      .sort((a, b) => Number(a.language === UNDETERMINED_LANGUAGE) - Number(b.language === UNDETERMINED_LANGUAGE) || b.comments - a.comments || a.language.localeCompare(b.language));
  }

  /** The language most comments were found in, which undetermined comments' words count with; undefined when none was. */
  mainLanguage(): string | undefined {
    return this.languageCounts().find((entry) => entry.language !== UNDETERMINED_LANGUAGE)?.language;
  }

  /**
   * Word counts per language, the undetermined comments' words stemmed and added to
   * the main language's: the tally itself is left as it is.
   */
  wordsByLanguage(): Map<string, LanguageWords> {
    const main = this.mainLanguage();
    const undetermined = this.words.get(UNDETERMINED_LANGUAGE);
    if (main === undefined || undetermined === undefined) return this.words;
    const profile = profileOf(main);
    const own = this.words.get(main) ?? emptyWords();
    const merged: LanguageWords = {
      counts: { promoters: new Map(own.counts.promoters), passives: new Map(own.counts.passives), detractors: new Map(own.counts.detractors) },
      spellings: new Map([...own.spellings].map(([key, spellings]) => [key, new Map(spellings)])),
    };
    for (const category of CATEGORIES) {
      for (const [word, count] of undetermined.counts[category]) {
        if (profile.stopWords.has(word)) continue;
        const key = profile.stem(word);
        merged.counts[category].set(key, (merged.counts[category].get(key) ?? 0) + count);
        const spellings = merged.spellings.get(key) ?? new Map<string, number>();
        spellings.set(word, (spellings.get(word) ?? 0) + count);
        merged.spellings.set(key, spellings);
      }
    }
    const result = new Map(this.words);
    result.delete(UNDETERMINED_LANGUAGE);
    result.set(main, merged);
    return result;
  }
}

/** Stop words say nothing, nor does a lone letter; in Japanese and Chinese one character can be a word. */
/** Digits make ids, ticket and order numbers: each one new, they would grow the counts with every row and set nothing apart. */
const HAS_DIGIT = /\p{N}/u;

function countsAsWord(word: string, profile: LanguageProfile): boolean {
  if (profile.stopWords.has(word) || HAS_DIGIT.test(word)) return false;
  return word.length >= 2 || isUnspacedWord(word);
}

export interface DistinguishingWord {
  word: string;
  /** The language of the comments it was counted in (ISO 639-1). */
  language: string;
  /** Standardised log-odds ratio: how far the word leans to one group, in standard errors. */
  z: number;
  detractors: number;
  promoters: number;
}

/** The spelling written most often, the first in the default locale's order among equals; the stem when none was counted. */
function mostWritten(spellings: Map<string, number> | undefined, key: string): string {
  let best: [string, number] | undefined;
  for (const entry of spellings ?? []) if (best === undefined || entry[1] > best[1] || (entry[1] === best[1] && compareText(entry[0], best[0]) < 0)) best = entry;
  return best?.[0] ?? key;
}

/** The weighted log-odds of every word of one language's comments. */
function scoreWords(language: string, words: LanguageWords): DistinguishingWord[] {
  const detractors = words.counts.detractors;
  const promoters = words.counts.promoters;
  const prior = new Map<string, number>();
  for (const category of CATEGORIES) {
    for (const [word, count] of words.counts[category]) prior.set(word, (prior.get(word) ?? 0) + count);
  }
  const total = (counts: Map<string, number>): number => [...counts.values()].reduce((sum, count) => sum + count, 0);
  const nD = total(detractors);
  const nP = total(promoters);
  const a0 = total(prior);
  const scored: DistinguishingWord[] = [];
  for (const [word, alpha] of prior) {
    const yD = detractors.get(word) ?? 0;
    const yP = promoters.get(word) ?? 0;
    if (yD + yP === 0) continue;
    const logOdds = (y: number, n: number): number => Math.log((y + alpha) / (n + a0 - y - alpha));
    const delta = logOdds(yD, nD) - logOdds(yP, nP);
    const variance = 1 / (yD + alpha) + 1 / (yP + alpha);
    scored.push({ word: mostWritten(words.spellings.get(word), word), language, z: delta / Math.sqrt(variance), detractors: yD, promoters: yP });
  }
  return scored;
}

/**
 * Words that tell detractors' comments from promoters': the log-odds ratio with an
 * informative Dirichlet prior of Monroe, Colaresi and Quinn (2008), "Fightin' Words",
 * the prior being each word's count over all comments. Each language's words are
 * weighed within that language's comments (a French word against French comments),
 * then the lists are put together by z. Positive z leans to detractors. Only words
 * whose |z| reaches `minimumZ` are listed: a word met once on each side (z near 0)
 * sets nothing apart. Each word is shown as it was most often written, never as a stem.
 */
export function distinguishingWords(tally: ThemeTally, top: number, minimumZ = 0): { detractors: DistinguishingWord[]; promoters: DistinguishingWord[] } {
  const scored = [...tally.wordsByLanguage()].flatMap(([language, words]) => scoreWords(language, words));
  const leaning = (sign: number): DistinguishingWord[] =>
    scored
      .filter((entry) => entry.z * sign > 0 && Math.abs(entry.z) >= minimumZ)
      .sort((a, b) => (b.z - a.z) * sign || a.word.localeCompare(b.word) || a.language.localeCompare(b.language))
      .slice(0, top);
  return { detractors: leaning(1), promoters: leaning(-1) };
}

/**
 * The themes of every open question of a survey: one tally over all the answers of a
 * response (the respondent counted once), and, with several questions, one tally per
 * question (the comment first), every respondent counted in each.
 */
export class QuestionTallies {
  readonly all: ThemeTally;
  readonly byQuestion: ThemeTally[];

  constructor(reader: CommentReader, questions: number, options: { discover?: boolean } = {}) {
    this.all = new ThemeTally(reader, { extras: true, discover: options.discover });
    this.byQuestion = questions < 2 ? [] : Array.from({ length: questions }, () => new ThemeTally(reader));
  }

  /** A response's comment and its answers to the other questions (each question's place counted from 0 after the comment). */
  add(score: number, comment: string, answers: ReadonlyArray<{ question: number; text: string }>, context?: ResponseContext): void {
    if (this.byQuestion.length === 0) {
      this.all.add(score, comment, context);
      return;
    }
    this.all.addAnswers(score, [comment, ...answers.map((answer) => answer.text)], context);
    const texts = new Map(answers.map((answer) => [answer.question + 1, answer.text] as const));
    texts.set(0, comment);
    this.byQuestion.forEach((tally, at) => tally.add(score, texts.get(at) ?? ''));
  }

  toData(): QuestionTalliesData {
    return { all: this.all.toData(), byQuestion: this.byQuestion.map((tally) => tally.toData()) };
  }

  mergeData(data: QuestionTalliesData): this {
    this.all.mergeData(data.all);
    data.byQuestion.forEach((tally, at) => this.byQuestion[at]?.mergeData(tally));
    return this;
  }
}

export interface QuestionTalliesData {
  all: ThemeTallyData;
  byQuestion: ThemeTallyData[];
}

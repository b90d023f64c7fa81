import type { Category } from './categories.js';
import { DISCOVERY_WORDS } from './discover-words.js';
import type { SampledResponse } from './discover-sample.js';
import { isNegator, profileOf, UNDETERMINED_LANGUAGE, type LanguageProfile } from './languages.js';
import type { PhraseDocument } from './phrases.js';
import { requestSentences } from './requests.js';
import { isEvaluative, sentencePolarities, type Polarity } from './sentiment.js';
import { ownCopy } from './strings.js';
import { isUnspacedWord, readPart, splitWords, tokensIn, wordsFor, type Token } from './words.js';

/**
 * The sampled answers as discovery reads them: each in its language (an answer whose
 * language could not be told, in the main one), its words stemmed and numbered, cut
 * into runs of content words, with each sentence's sentiment.
 */
export interface AnswerDocument extends PhraseDocument {
  /** The sampled response it belongs to (its place in the sample). */
  response: number;
  language: string;
  text: string;
  /** Named themes it mentions (the lexicon's, the export's topics). */
  themes: readonly string[];
  side: string | undefined;
  /** The sentence of each place of `stems`; -1 between runs. */
  sentences: Int32Array;
  polarities: Polarity[];
  /** Words of the answer, content or not: for examples of three words or more. */
  length: number;
  /** Content words, for the weights of c-TF-IDF. */
  contentWords: number;
  /** A passive's or detractor's sentences that ask for something, as runs of content words (the asking words left out). */
  requests: PhraseDocument | undefined;
}

/** Ids of stems and of written words, one table per language; how often each stem was written with a capital inside a sentence. */
export class Vocabulary {
  readonly stems = new Map<string, number>();
  readonly stemList: string[] = [];
  readonly words = new Map<string, number>();
  readonly wordList: string[] = [];
  /** By stem id: how often it was written inside a sentence, and how often of those with a capital. */
  private readonly written: number[] = [];
  private readonly capitals: number[] = [];

  /** Whether a stem is mostly written with a capital inside sentences: a name. */
  isName(stem: number): boolean {
    const total = this.written[stem] ?? 0;
    return total > 0 && (this.capitals[stem] ?? 0) >= NAME_CAPITALS * total;
  }

  countCapital(stem: number, capital: boolean): void {
    if (stem < 0) return;
    // Filled up to the id, not set past the end: an array with holes is a slow dictionary in V8.
    while (this.written.length <= stem) {
      this.written.push(0);
      this.capitals.push(0);
    }
    this.written[stem] = (this.written[stem] ?? 0) + 1;
    if (capital) this.capitals[stem] = (this.capitals[stem] ?? 0) + 1;
  }

  stemId(stem: string): number {
    return idIn(this.stems, this.stemList, stem);
  }

  wordId(word: string): number {
    return idIn(this.words, this.wordList, word);
  }
}

/** A text's number in a table, numbered in the order texts first come. */
function idIn(ids: Map<string, number>, list: string[], text: string): number {
  let id = ids.get(text);
  if (id === undefined) {
    id = list.length;
    ids.set(text, id);
    list.push(text);
  }
  return id;
}

const HAS_DIGIT = /\p{N}/u;
/** A name is written with a capital in this share of its places inside sentences. */
const NAME_CAPITALS = 0.8;
/**
 * A word with a capital not at the start of a sentence (nor after a line break, a colon or a quote).
 * The look-ahead for the capital comes first: at any other place the look-behinds are not tried,
 * which took two thirds of the time of the expression.
 */
const INNER_CAPITAL = /(?=\p{Lu})(?<=[\s,'’-])(?<![.!?…:;"«(\n]\s*|^\s*)(\p{Lu}[\p{Ll}\p{M}]+)/gu;

const NO_CAPITALS: ReadonlySet<string> = new Set();

/** The words of a text written with a capital inside a sentence, lower-cased. */
function innerCapitals(text: string): ReadonlySet<string> {
  let found: Set<string> | undefined;
  for (const match of text.matchAll(INNER_CAPITAL)) (found ??= new Set()).add((match[1] ?? '').toLowerCase());
  return found ?? NO_CAPITALS;
}
const wordSets = new Map<string, ReadonlySet<string>>();

function wordSet(language: string, list: 'filler' | 'nothing'): ReadonlySet<string> {
  const key = `${language} ${list}`;
  let found = wordSets.get(key);
  if (found === undefined) {
    found = new Set((DISCOVERY_WORDS[language]?.[list] ?? '').split(' ').filter((word) => word !== ''));
    wordSets.set(key, found);
  }
  return found;
}

const fillerOf = (language: string): ReadonlySet<string> => wordSet(language, 'filler');

/**
 * Comments with no word that names anything still say something: that there is nothing
 * to add ("Nothing.", "Rien à dire"), or only praise ("Excellent!") or only blame. Each
 * kind is one theme, as if one word, whose written forms are the comments themselves.
 */
export const WITHOUT_SUBJECT = { nothing: '\u0000nothing', praise: '\u0000praise', blame: '\u0000blame' } as const;
/** Longer than this, a comment with no content word is not one of those three. */
const WITHOUT_SUBJECT_WORDS = 8;

function withoutSubject(tokens: readonly Token[], polarities: readonly Polarity[], language: string): string | undefined {
  if (tokens.length === 0 || tokens.length > WITHOUT_SUBJECT_WORDS) return undefined;
  const nothing = wordSet(language, 'nothing');
  if (tokens.some((token) => nothing.has(token.word))) return WITHOUT_SUBJECT.nothing;
  const positive = polarities.some((polarity) => polarity === 'positive' || polarity === 'mixed');
  const negative = polarities.some((polarity) => polarity === 'negative' || polarity === 'mixed');
  if (positive === negative) return undefined;
  return positive ? WITHOUT_SUBJECT.praise : WITHOUT_SUBJECT.blame;
}

const ENGLISH = profileOf('en');

/** A word that can name what a comment is about: no stop word, filler, negation, number, lone letter or word of praise or blame. */
export function isContentWord(word: string, profile: LanguageProfile, extra?: ReadonlySet<string>): boolean {
  if (extra?.has(word) === true) return false;
  let known = contentWords.get(profile.code);
  if (known === undefined) {
    known = new Map();
    contentWords.set(profile.code, known);
  }
  let content = known.get(word);
  if (content === undefined) {
    content = namesSomething(word, profile);
    if (known.size < CONTENT_WORDS_KEPT) known.set(ownCopy(word), content);
  }
  return content;
}

/**
 * Whether each word met is a content word, per language: words repeat from answer to answer,
 * and telling one takes eight lookups and an expression. Up to this many words per language.
 */
const CONTENT_WORDS_KEPT = 100_000;
const contentWords = new Map<string, Map<string, boolean>>();

function namesSomething(word: string, profile: LanguageProfile): boolean {
  if (word.length < 2 && !isUnspacedWord(word)) return false;
  if (profile.stopWords.has(word) || fillerOf(profile.code).has(word) || isNegator(word, profile) || HAS_DIGIT.test(word)) return false;
  // Comments mix in English ("work life balance, and the team"): its stop words are no subject in any language.
  if (profile.code !== 'en' && ENGLISH.stopWords.has(word)) return false;
  if (word.includes("'")) return false;
  return !isEvaluative(word, profile.code);
}

/** The language an answer's words are counted in: its own, or the main one when it could not be told. */
export function discoveryLanguage(language: string, main: string | undefined): string | undefined {
  return language === UNDETERMINED_LANGUAGE ? main : language;
}

/** An answer's tokens in a language, read as the comment reader reads them. */
export function tokensOf(text: string, profile: LanguageProfile): Token[] {
  return tokensIn(wordsFor(splitWords(text, profile.locale), text, profile), profile);
}

/**
 * The runs of content words of some tokens as numbers: stem ids, written-word ids and
 * sentences, -1 where a run ends. `keep` leaves out tokens (a suggestion reads only the
 * sentences that ask for something).
 */
export function runsOf(
  tokens: readonly Token[],
  profile: LanguageProfile,
  vocabulary: Vocabulary,
  keep: (token: Token) => boolean = () => true,
  extra?: ReadonlySet<string>,
): { stems: Int32Array; words: Int32Array; sentences: Int32Array; content: number } {
  const stems: number[] = [];
  const words: number[] = [];
  const sentences: number[] = [];
  let previous: Token | undefined;
  let content = 0;
  const end = (): void => {
    if (stems.length > 0 && stems[stems.length - 1] !== -1) {
      stems.push(-1);
      words.push(-1);
      sentences.push(-1);
    }
  };
  for (const token of tokens) {
    if (!keep(token) || !isContentWord(token.word, profile, extra)) {
      end();
      previous = undefined;
      continue;
    }
    if (previous !== undefined && previous.clause !== token.clause) end();
    stems.push(vocabulary.stemId(profile.stem(token.word)));
    words.push(vocabulary.wordId(token.word));
    sentences.push(token.sentence);
    content += 1;
    previous = token;
  }
  return { stems: Int32Array.from(stems), words: Int32Array.from(words), sentences: Int32Array.from(sentences), content };
}

/** The sentences of an answer that ask for something, as a document of their own; undefined when none does. */
function requestsOf(tokens: readonly Token[], profile: LanguageProfile, vocabulary: Vocabulary, category: Category): PhraseDocument | undefined {
  const { sentences, cueWords } = requestSentences(tokens, profile.code);
  if (sentences.size === 0) return undefined;
  const runs = runsOf(tokens, profile, vocabulary, (token) => sentences.has(token.sentence), cueWords);
  return runs.content === 0 ? undefined : { stems: runs.stems, words: runs.words, category };
}

/** An answer's words as discovery counts them. The words read are the comment reader's: a pasted document is read in its first part. */
function readAnswer(text: string, language: string, vocabulary: Vocabulary): { profile: LanguageProfile; read: string; tokens: Token[]; runs: ReturnType<typeof runsOf> } {
  const profile = profileOf(language);
  const read = readPart(text);
  const tokens = tokensOf(read, profile);
  return { profile, read, tokens, runs: runsOf(tokens, profile, vocabulary) };
}

/**
 * An answer's stems as a discovered theme's phrases are matched in it: its runs of
 * content words, or the kind of a comment with no subject ("Nothing.", praise alone).
 * Words the vocabulary has not seen get new ids, which no phrase holds.
 */
export function answerStems(text: string, language: string, vocabulary: Vocabulary): Int32Array {
  const { tokens, runs } = readAnswer(text, language, vocabulary);
  if (runs.content > 0) return runs.stems;
  const kind = withoutSubject(tokens, sentencePolarities(tokens, language), language);
  return kind === undefined ? runs.stems : Int32Array.of(vocabulary.stemId(kind));
}

/** Every answer of the sample, read in its language; answers in no language are left out. */
export function answerDocuments(
  responses: readonly SampledResponse[],
  main: string | undefined,
  vocabularies: Map<string, Vocabulary>,
): AnswerDocument[] {
  const documents: AnswerDocument[] = [];
  responses.forEach((response, at) => {
    for (const answer of response.answers) {
      const language = discoveryLanguage(answer.language, main);
      if (language === undefined) continue;
      documents.push(answerDocument(at, response, answer, language, vocabularies));
    }
  });
  return documents;
}

function answerDocument(
  at: number,
  response: SampledResponse,
  answer: SampledResponse['answers'][number],
  language: string,
  vocabularies: Map<string, Vocabulary>,
): AnswerDocument {
  let vocabulary = vocabularies.get(language);
  if (vocabulary === undefined) {
    vocabulary = new Vocabulary();
    vocabularies.set(language, vocabulary);
  }
  const { profile, read, tokens, runs } = readAnswer(answer.text, language, vocabulary);
  const capitals = innerCapitals(read);
  let place = 0;
  for (const token of tokens) {
    // Each content token has its place in `runs`, in order.
    while ((runs.stems[place] ?? 0) < 0) place += 1;
    if (place >= runs.stems.length) break;
    if (vocabulary.wordList[runs.words[place] ?? -1] !== token.word) continue;
    vocabulary.countCapital(runs.stems[place] ?? -1, capitals.has(token.word));
    place += 1;
  }
  const polarities = sentencePolarities(tokens, language);
  const kind = runs.content === 0 ? withoutSubject(tokens, polarities, language) : undefined;
  if (kind !== undefined) {
    runs.stems = Int32Array.of(vocabulary.stemId(kind));
    runs.words = Int32Array.of(vocabulary.wordId(tokens.map((token) => token.word).join(' ')));
    runs.sentences = Int32Array.of(0);
  }
  const category: Category = response.category;
  return {
    requests: category === 'promoters' ? undefined : requestsOf(tokens, profile, vocabulary, category),
    stems: runs.stems,
    words: runs.words,
    sentences: runs.sentences,
    category,
    response: at,
    language,
    text: answer.text,
    themes: answer.themes,
    side: response.side,
    polarities,
    length: tokens.length,
    contentWords: runs.content,
  };
}

import { english } from '../libraries/sentiment.js';
import { DISCOVERY_WORDS } from './discover-words.js';
import { isNegator, profileOf, type LanguageProfile } from './languages.js';
import { COMPLAINTS, CUES } from './praise.js';
import { QUOTABLE_CUES } from './quotable-cues.js';
import { ownCopy } from './strings.js';
import type { Token } from './words.js';

/**
 * The sentiment of a sentence, from the word lists nps has per language: in English
 * AFINN-165 (Nielsen 2011, through the `sentiment` package) with the complaints NPS
 * comments are made of; in the other languages with keywords, the words of praise and
 * of complaint that the testimonial candidates are judged by (praise.ts, quotable-cues.ts)
 * and words of blame (discover-words.ts). A word after a negation in its clause ("not
 * helpful", "sin problemas", "pas cher") counts the other way. A sentence is positive
 * with words of praise only, negative with words of complaint only, mixed with both, and
 * unknown with neither, or in a language with no such words.
 */
export type Polarity = 'positive' | 'negative' | 'mixed' | 'unknown';

/** AFINN scores words that say nothing of how a customer feels in a survey comment ("please add", "no", "support"). */
const NEUTRAL_EN = new Set(
  'no yes please like likes liked want wants wanted improve improved improvement improvements support supported supports supporting help helps helped helping care cares cared free pay paid cancel cancelled clear cleared well matter agree accept allow allowed share join joined interest interested interesting will god'.split(' '),
);

/** Nouns that name what a comment is about, even where a list of praise has them ("accueil", "atención"). */
const SUBJECTS: Readonly<Record<string, string>> = {
  en: 'service quality price value comfort staff food room rooms team',
  fr: 'accueil service qualité prix confort conseil conseils personnel',
  es: 'atención servicio limpieza calidad precio comida ubicación personal confort',
  de: 'service qualität preis komfort personal sicherheit',
  pt: 'atendimento serviço qualidade preço conforto',
  it: 'servizio qualità prezzo personale',
  nl: 'service kwaliteit prijs personeel',
};

/** Words of complaint nps adds in English, beyond AFINN's. */
const EXTRA_NEGATIVE_EN = 'dealbreaker late later delayed wait waiting waited queue queues hassle issue issues outage outages downtime unusable expensive overpriced pricey slow slower noisy cold dirty shortage understaffed';

interface Lexicon {
  profile: LanguageProfile;
  /** 1 for a word of praise, -1 for one of complaint, 0 for neither; by the word, then by its stem. */
  words: Map<string, number>;
  stems: Map<string, number>;
  subjects: ReadonlySet<string>;
  judgement: ReadonlySet<string>;
  /** Japanese and Chinese: cues looked for inside the text. */
  inText: { positive: string[]; negative: string[] } | undefined;
  cache: Map<string, number>;
}

const lexicons = new Map<string, Lexicon | null>();

const single = (list: readonly string[]): string[] => list.filter((entry) => !entry.includes(' ')).map((entry) => entry.replace(/\*$/, ''));

function addStems(into: Map<string, number>, words: readonly string[], polarity: number, profile: LanguageProfile): void {
  for (const word of words) {
    const stem = profile.stem(word.toLowerCase());
    if (stem !== '' && !into.has(stem)) into.set(stem, polarity);
  }
}

function buildLexicon(language: string): Lexicon | null {
  const cues = CUES[language];
  const quotable = QUOTABLE_CUES[language];
  if (language !== 'en' && cues === undefined) return null;
  const profile = profileOf(language);
  const judgement = new Set((DISCOVERY_WORDS[language]?.judgement ?? '').split(' ').filter((word) => word !== ''));
  const words = new Map<string, number>();
  const stems = new Map<string, number>();
  if (language === 'en') {
    for (const [word, score] of Object.entries(english.labels)) if (!NEUTRAL_EN.has(word) && score !== 0) words.set(word, Math.sign(score));
    for (const word of [...Object.keys(COMPLAINTS), ...EXTRA_NEGATIVE_EN.split(' ')]) words.set(word, -1);
  }
  for (const word of judgement) words.set(word, -1);
  if (profile.unspaced) {
    const split = (text: string | undefined): string[] => (text ?? '').split(' ').filter((cue) => cue !== '');
    return { profile, words, stems, subjects: new Set(), judgement, inText: { positive: split(cues?.praise), negative: split(cues?.complaint) }, cache: new Map() };
  }
  addStems(stems, [...(cues?.complaint.split(' ') ?? []), ...single(quotable?.complaint ?? []), ...single(quotable?.troubles ?? [])], -1, profile);
  addStems(stems, [...(cues?.praise.split(' ') ?? []), ...single(quotable?.praise ?? []), ...single(quotable?.generic ?? [])], 1, profile);
  const subjects = new Set((SUBJECTS[language] ?? '').split(' ').map((word) => profile.stem(word)));
  for (const stem of subjects) stems.delete(stem);
  return { profile, words, stems, subjects, judgement, inText: undefined, cache: new Map() };
}

function lexiconOf(language: string): Lexicon | undefined {
  let lexicon = lexicons.get(language);
  if (lexicon === undefined) {
    lexicon = buildLexicon(language);
    lexicons.set(language, lexicon);
  }
  return lexicon ?? undefined;
}

/** Whether nps has words of praise and complaint in this language. */
export function hasSentimentWords(language: string): boolean {
  return lexiconOf(language) !== undefined;
}

const CACHE_LIMIT = 100_000;

/** 1, -1 or 0: what a word says by itself, before any negation. */
export function polarityOfWord(word: string, language: string): number {
  const lexicon = lexiconOf(language);
  if (lexicon === undefined) return 0;
  const known = lexicon.cache.get(word);
  if (known !== undefined) return known;
  const stem = lexicon.profile.stem(word);
  const polarity = lexicon.subjects.has(stem) ? 0 : (lexicon.words.get(word) ?? lexicon.stems.get(stem) ?? 0);
  if (lexicon.cache.size < CACHE_LIMIT) lexicon.cache.set(ownCopy(word), polarity);
  return polarity;
}

/** A word that praises or blames and names nothing ("great", "pésimo"): never a theme, nor part of one. */
export function isEvaluative(word: string, language: string): boolean {
  const lexicon = lexiconOf(language);
  if (lexicon === undefined) return false;
  return lexicon.judgement.has(word) || polarityOfWord(word, language) > 0;
}

/** The modals of a wish: a word of praise after one ("could be better") says what is lacking. */
const WISHING: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(['could', 'should', 'might']),
  fr: new Set(['pourrait', 'pourraient', 'devrait', 'devraient']),
  de: new Set(['könnte', 'könnten', 'sollte', 'sollten']),
  es: new Set(['podría', 'podrían', 'debería', 'deberían']),
  pt: new Set(['poderia', 'poderiam', 'deveria', 'deveriam']),
  it: new Set(['potrebbe', 'potrebbero', 'dovrebbe', 'dovrebbero']),
  nl: new Set(['zou', 'zouden', 'kon', 'konden']),
};

/** English modals with their negation in them: "couldn't be better" is the highest praise. */
const CANNOT = new Set(["couldn't", 'couldnt', "can't", 'cant', 'cannot', "wouldn't", 'wouldnt']);

/**
 * The verbs of a service done for the customer: negated, they are a complaint with no
 * word of complaint in it ("Support never answers", "ne répond jamais", "antwortet
 * nie", "nunca responde").
 */
const SERVING: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set('answer answers answered reply replies replied respond responds responded arrive arrives arrived work works worked load loads loaded'.split(' ')),
  fr: new Set('répond répondent répondu rappelle rappellent rappelé arrive arrivent arrivé marche marchent fonctionne fonctionnent'.split(' ')),
  de: new Set('antwortet antworten geantwortet meldet melden gemeldet kommt kam funktioniert funktionieren funktionierte lädt'.split(' ')),
  es: new Set('responde responden respondió contesta contestan contestó llega llegan llegó funciona funcionan funcionó carga'.split(' ')),
  pt: new Set('responde respondem respondeu atende atendem atendeu chega chegam chegou funciona funcionam funcionou carrega'.split(' ')),
};

/** A verb of service with a negation in its clause, just before it or (German, French) just after. */
function failsToServe(tokens: readonly Token[], at: number, failing: ReadonlySet<string>, profile: LanguageProfile): boolean {
  const token = tokens[at];
  if (token === undefined || !failing.has(token.word)) return false;
  return negatorBefore(tokens, at, NEGATION_REACH, profile) || negatorIn(tokens, at + 1, Math.min(tokens.length, at + 3), token.clause, profile);
}

/** Whether a token from `from` to `to` (not included), in the clause, is a negation. */
function negatorIn(tokens: readonly Token[], from: number, to: number, clause: number, profile: LanguageProfile): boolean {
  for (let at = from; at < to; at += 1) {
    const one = tokens[at];
    if (one !== undefined && one.clause === clause && isNegator(one.word, profile)) return true;
  }
  return false;
}

/**
 * Whether one of the `reach` tokens before `at`, in its clause, is a negation. Read in place, with
 * no function made for the test: every word of every comment is asked.
 */
function negatorBefore(tokens: readonly Token[], at: number, reach: number, profile: LanguageProfile): boolean {
  return negatorIn(tokens, Math.max(0, at - reach), at, tokens[at]?.clause ?? -1, profile);
}

/** Whether one of the `reach` tokens before `at`, in its clause, is a modal of a wish or a negated modal ("couldn't"). */
function wishBefore(tokens: readonly Token[], at: number, reach: number, wishing: ReadonlySet<string> | undefined): boolean {
  const clause = tokens[at]?.clause;
  for (let before = Math.max(0, at - reach); before < at; before += 1) {
    const one = tokens[before];
    if (one !== undefined && one.clause === clause && (wishing?.has(one.word) === true || CANNOT.has(one.word))) return true;
  }
  return false;
}

/** How many words back a negation turns a word of praise or complaint around. */
const NEGATION_REACH = 3;


function combine(positive: boolean, negative: boolean): Polarity {
  if (positive && negative) return 'mixed';
  if (positive) return 'positive';
  return negative ? 'negative' : 'unknown';
}

/** The polarity of each sentence of a comment read in `language`, by its tokens' sentence numbers. */
export function sentencePolarities(tokens: readonly Token[], language: string): Polarity[] {
  const count = (tokens.at(-1)?.sentence ?? -1) + 1;
  const lexicon = lexiconOf(language);
  if (lexicon === undefined) return new Array<Polarity>(count).fill('unknown');
  const positive = new Array<boolean>(count).fill(false);
  const negative = new Array<boolean>(count).fill(false);
  if (lexicon.inText !== undefined) {
    const texts = new Array<string>(count).fill('');
    for (const token of tokens) texts[token.sentence] = `${texts[token.sentence] ?? ''}${token.word}`;
    texts.forEach((text, at) => {
      positive[at] = lexicon.inText?.positive.some((cue) => text.includes(cue)) ?? false;
      negative[at] = lexicon.inText?.negative.some((cue) => text.includes(cue)) ?? false;
    });
  } else {
    const wishing = WISHING[language];
    const failing = SERVING[language];
    for (let at = 0; at < tokens.length; at += 1) {
      const token = tokens[at];
      if (token === undefined) continue;
      const polarity = polarityOfWord(token.word, language);
      if (polarity === 0) {
        if (failing !== undefined && failsToServe(tokens, at, failing, lexicon.profile)) negative[token.sentence] = true;
        continue;
      }
      const negated = negatorBefore(tokens, at, NEGATION_REACH, lexicon.profile);
      // A modal stands a word further back than a negation: "could not be more helpful".
      // "could be better", "pourrait être plus rapide": praise wished for is a complaint; "couldn't be better" is praise.
      const modal = polarity > 0 && wishBefore(tokens, at, NEGATION_REACH + 1, wishing);
      const praised = modal ? negated : (polarity > 0) !== negated;
      if (praised) positive[token.sentence] = true;
      else negative[token.sentence] = true;
    }
  }
  return positive.map((yes, at) => combine(yes, negative[at] ?? false));
}

/** The polarity of a mention made in these sentences: mixed when they disagree, unknown when none says anything. */
export function polarityOver(polarities: readonly Polarity[], sentences: Iterable<number>): Polarity {
  let positive = false;
  let negative = false;
  for (const sentence of sentences) {
    const polarity = polarities[sentence];
    if (polarity === 'positive' || polarity === 'mixed') positive = true;
    if (polarity === 'negative' || polarity === 'mixed') negative = true;
  }
  return combine(positive, negative);
}

/** Mentions of a theme by polarity, and its net sentiment: % positive − % negative of those whose sentiment could be read. */
export interface SentimentCounts {
  positive: number;
  negative: number;
  mixed: number;
  unknown: number;
}

export const emptySentiment = (): SentimentCounts => ({ positive: 0, negative: 0, mixed: 0, unknown: 0 });

export function addSentiment(into: SentimentCounts, from: SentimentCounts): void {
  into.positive += from.positive;
  into.negative += from.negative;
  into.mixed += from.mixed;
  into.unknown += from.unknown;
}

/** (positive − negative) / (positive + negative + mixed) × 100; null when no mention's sentiment could be read. */
export function netSentiment(counts: SentimentCounts): number | null {
  const known = counts.positive + counts.negative + counts.mixed;
  return known === 0 ? null : ((counts.positive - counts.negative) * 100) / known;
}

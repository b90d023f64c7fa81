import { QUOTABLE_CUES } from './quotable-cues.js';
import type { Token } from './words.js';

/**
 * The sentences of a comment that ask for something: a wish, a request, a lack, a
 * comparison to reach ("would love a mobile app", "more templates", "il manque un
 * export PDF", "bitte mehr Vorlagen"). The words of the testimonial candidates' requests
 * (quotable-cues.ts), and a few more that a suggestion starts with.
 */
const MORE: Readonly<Record<string, string[]>> = {
  en: ['more', 'better', 'improve', 'improved', 'improvement', 'could', 'would', 'allow', 'able to', 'ability to', 'integrate with', 'integration with', 'support for', 'lack', 'lacks', 'lacking', 'no way to', 'wish*'],
  fr: ['plus de', 'davantage', 'améliorer', 'amélioration', 'pourrait', 'pourraient', 'faudrait', 'manque', 'manquent', 'mieux', 'meilleur', 'meilleure', 'pouvoir'],
  es: ['más', 'mejorar', 'mejor', 'mejores', 'debería', 'deberían', 'podría', 'podrían', 'falta', 'faltan', 'faltó', 'poder'],
  de: ['mehr', 'besser', 'bessere', 'besseren', 'verbessern', 'verbesserung', 'sollte', 'sollten', 'könnte', 'könnten', 'fehlt', 'fehlen', 'wünsch*', 'bitte'],
  pt: ['mais', 'melhorar', 'melhor', 'melhores', 'deveria', 'deveriam', 'poderia', 'poderiam', 'falta', 'faltam'],
  it: ['più', 'migliorare', 'miglioramento', 'migliore', 'dovrebbe', 'dovrebbero', 'potrebbe', 'potrebbero', 'manca', 'mancano', 'vorrei', 'sarebbe', 'servirebbe', 'aggiungere', 'per favore'],
  nl: ['meer', 'beter', 'betere', 'verbeteren', 'verbetering', 'zou', 'zouden', 'moet', 'moeten', 'mis', 'mist', 'ontbreekt', 'graag', 'wens', 'toevoegen', 'alsjeblieft'],
};

interface Cues {
  words: ReadonlySet<string>;
  prefixes: string[];
  /** Cues of several words, by their first word: a token is tried only against those it can start. */
  phrases: ReadonlyMap<string, string[][]>;
}

function byFirstWord(phrases: readonly string[][]): Map<string, string[][]> {
  const found = new Map<string, string[][]>();
  for (const phrase of phrases) {
    const first = phrase[0] ?? '';
    found.set(first, [...(found.get(first) ?? []), phrase]);
  }
  return found;
}

const compiled = new Map<string, Cues | null>();

function cuesOf(language: string): Cues | undefined {
  let cues = compiled.get(language);
  if (cues === undefined) {
    const list = [...(QUOTABLE_CUES[language]?.request ?? []), ...(MORE[language] ?? [])].map((cue) => cue.toLowerCase().replace(/[’‘]/g, "'"));
    cues =
      list.length === 0
        ? null
        : {
            words: new Set(list.filter((cue) => !cue.includes(' ') && !cue.endsWith('*'))),
            prefixes: list.filter((cue) => cue.endsWith('*')).map((cue) => cue.slice(0, -1)),
            phrases: byFirstWord(list.filter((cue) => cue.includes(' ')).map((cue) => cue.split(' '))),
          };
    compiled.set(language, cues);
  }
  return cues ?? undefined;
}

/** Whether nps knows how requests are worded in this language. */
export function readsRequestsIn(language: string): boolean {
  return cuesOf(language) !== undefined;
}

const NONE: { sentences: ReadonlySet<number>; cueWords: ReadonlySet<string> } = { sentences: new Set(), cueWords: new Set() };

function startsWithAny(word: string, prefixes: readonly string[]): boolean {
  for (const prefix of prefixes) if (word.startsWith(prefix)) return true;
  return false;
}

/** Whether a cue of several words starts at `at`. */
function phraseAt(tokens: readonly Token[], at: number, phrase: readonly string[]): boolean {
  for (let offset = 0; offset < phrase.length; offset += 1) if (tokens[at + offset]?.word !== phrase[offset]) return false;
  return true;
}

/**
 * The sentences (by number) that ask for something, and the words that ask (not themselves a
 * suggestion). Most answers ask for nothing: the sets are made for those that do.
 */
export function requestSentences(tokens: readonly Token[], language: string): { sentences: ReadonlySet<number>; cueWords: ReadonlySet<string> } {
  const cues = cuesOf(language);
  if (cues === undefined) return NONE;
  let found: { sentences: Set<number>; cueWords: Set<string> } | undefined;
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at];
    if (token === undefined) continue;
    const { word } = token;
    let cue = cues.words.has(word) || startsWithAny(word, cues.prefixes);
    if (cue) (found ??= { sentences: new Set(), cueWords: new Set() }).cueWords.add(word);
    for (const phrase of cues.phrases.get(word) ?? []) {
      if (!phraseAt(tokens, at, phrase)) continue;
      cue = true;
      found ??= { sentences: new Set(), cueWords: new Set() };
      for (const one of phrase) found.cueWords.add(one);
    }
    if (cue) found?.sentences.add(token.sentence);
  }
  return found ?? NONE;
}

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
  phrases: string[][];
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
            phrases: list.filter((cue) => cue.includes(' ')).map((cue) => cue.split(' ')),
          };
    compiled.set(language, cues);
  }
  return cues ?? undefined;
}

/** Whether nps knows how requests are worded in this language. */
export function readsRequestsIn(language: string): boolean {
  return cuesOf(language) !== undefined;
}

/** The sentences (by number) that ask for something, and the words that ask (not themselves a suggestion). */
export function requestSentences(tokens: readonly Token[], language: string): { sentences: Set<number>; cueWords: Set<string> } {
  const sentences = new Set<number>();
  const cueWords = new Set<string>();
  const cues = cuesOf(language);
  if (cues === undefined) return { sentences, cueWords };
  tokens.forEach((token, at) => {
    let cue = cues.words.has(token.word) || cues.prefixes.some((prefix) => token.word.startsWith(prefix));
    if (cue) cueWords.add(token.word);
    for (const phrase of cues.phrases) {
      if (!phrase.every((word, offset) => tokens[at + offset]?.word === word)) continue;
      cue = true;
      for (const word of phrase) cueWords.add(word);
    }
    if (cue) sentences.add(token.sentence);
  });
  return { sentences, cueWords };
}

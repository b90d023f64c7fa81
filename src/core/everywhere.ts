import type { Category } from './categories.js';
import { flatness, type Phrase } from './phrases.js';

/**
 * Words that are everywhere and set nothing apart, left out of discovered themes: the
 * survey's own subject ("hotel" in hotel reviews), the product's name ("Statista",
 * written with a capital where a sentence does not start), and the words for the
 * product itself ("app", "tool"). Each must also be flat: about as frequent among
 * promoters, passives and detractors. A flat word of the survey's aspects ("delivery"
 * in a shop's reviews) is a theme: in long reviews everyone names every aspect.
 */
export interface EverywhereRule {
  /** Over this share of the comments and flat: the survey's own subject. */
  subjectShare: number;
  subjectFlatness: number;
  /** Over this share and flat, for a name or a word for the product. */
  nameShare: number;
  nameFlatness: number;
}

export const EVERYWHERE: EverywhereRule = { subjectShare: 0.5, subjectFlatness: 1.35, nameShare: 0.08, nameFlatness: 1.5 };

/** Words for the product itself, per language. */
const PRODUCT_WORDS: Readonly<Record<string, string>> = {
  en: 'app apps application applications tool tools software platform program programme',
  fr: 'application applications appli applis outil outils logiciel logiciels plateforme programme',
  es: 'aplicación aplicaciones app apps herramienta herramientas plataforma programa software',
  de: 'app apps anwendung tool tools software plattform programm',
  pt: 'aplicativo aplicativos aplicação app apps ferramenta ferramentas plataforma programa software',
  it: 'app applicazione applicazioni strumento strumenti piattaforma programma software',
  nl: 'app apps applicatie tool tools software platform programma',
};

export function productWords(language: string): string[] {
  return (PRODUCT_WORDS[language] ?? '').split(' ').filter((word) => word !== '');
}

/** Languages that write every noun with a capital: there a capital does not tell a name. */
const CAPITALISED_NOUNS = new Set(['de', 'lb']);

export function tellsNamesByCapitals(language: string): boolean {
  return !CAPITALISED_NOUNS.has(language);
}

/** Whether a one-word phrase is everywhere and says nothing apart; longer phrases never are. */
export function isEverywhere(
  phrase: Phrase,
  inGroup: Record<Category, number>,
  documents: number,
  kind: { name: boolean; product: boolean },
  rule: EverywhereRule = EVERYWHERE,
): boolean {
  if (phrase.stems.length !== 1 || documents === 0) return false;
  const share = phrase.df / documents;
  const flat = flatness(phrase, inGroup);
  if (share >= rule.subjectShare && flat <= rule.subjectFlatness) return true;
  return (kind.name || kind.product) && share >= rule.nameShare && flat <= rule.nameFlatness;
}

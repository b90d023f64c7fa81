import { CATEGORIES, type Category } from './categories.js';
import { compareText } from './strings.js';

/**
 * Phrases that come back across comments, and the themes they make: the counting at
 * the heart of discovered themes and pooled suggestions, on words already turned into
 * numbers. A document is a list of stem ids where -1 ends a run of content words (a
 * stop word, a word of praise, a comma stood there): candidate phrases are the runs'
 * pieces of one to three words, each counted once per document.
 *
 * Counting goes up by length, as Apriori does: two words are counted together only
 * when each is frequent alone, three only when both pairs in them are. So the tables
 * hold the frequent words and their frequent neighbours, not every pair of a file,
 * and the work stays linear in its words.
 */
export interface PhraseDocument {
  stems: Int32Array;
  /** The word as written (lower case) at each place, by id: for labels. */
  words: Int32Array;
  category: Category;
}

export interface PhraseSettings {
  /** Fewest documents a phrase must be in. */
  minimum: number;
  /** A phrase of two or three words is kept when it holds this share of the mentions of its rarer part. */
  hold: number;
  /** Phrases merge into one theme when they share this share of their documents (Jaccard). */
  merge: number;
  /** Whether a phrase is everywhere and says nothing apart (the product's name, "app"): dropped. */
  everywhere?: ((phrase: Phrase, inGroup: Record<Category, number>, documents: number) => boolean) | undefined;
  /** At most this many phrases are weighed for themes, the most frequent. */
  candidates: number;
  /** Stems never dropped as everywhere: the themes of comments with no subject ("nothing", praise alone). */
  exempt?: ReadonlySet<number> | undefined;
}

/** A phrase: its stems, its documents (ascending), per group, and how many documents it is in. */
export interface Phrase {
  stems: number[];
  documents: number[];
  byCategory: Record<Category, number>;
  df: number;
}

/** A theme found: the phrases it merges (the first gives its label), and its documents. */
export interface PhraseTheme {
  phrases: Phrase[];
  /** The phrase whose most common written form labels the theme. */
  label: Phrase;
  documents: number[];
}

const KEY_BITS = 2 ** 21;

function* runsOf(stems: Int32Array): Generator<[number, number]> {
  let start = 0;
  for (let at = 0; at <= stems.length; at += 1) {
    if (at === stems.length || (stems[at] ?? -1) < 0) {
      if (at > start) yield [start, at];
      start = at + 1;
    }
  }
}

interface Counted {
  df: number;
  byCategory: Record<Category, number>;
  last: number;
}

function count(table: Map<number | string, Counted>, key: number | string, document: number, category: Category): void {
  let entry = table.get(key);
  if (entry === undefined) {
    entry = { df: 0, byCategory: { promoters: 0, passives: 0, detractors: 0 }, last: -1 };
    table.set(key, entry);
  }
  if (entry.last === document) return;
  entry.last = document;
  entry.df += 1;
  entry.byCategory[category] += 1;
}

/** The number a run's piece of two words, or three, is counted under. */
const pairKey = (a: number, b: number): number => a * KEY_BITS + b;
const tripleKey = (a: number, b: number, c: number): string => `${a} ${b} ${c}`;

/** Document frequencies of single words, then of frequent pairs, then of frequent triples. */
function countPhrases(documents: readonly PhraseDocument[], minimum: number): Map<string, Counted & { stems: number[] }> {
  const singles = new Map<number | string, Counted>();
  documents.forEach((document, at) => {
    for (const stem of document.stems) if (stem >= 0) count(singles, stem, at, document.category);
  });
  const frequent = (table: Map<number | string, Counted>, key: number | string): boolean => (table.get(key)?.df ?? 0) >= minimum;
  const pairs = new Map<number | string, Counted>();
  documents.forEach((document, at) => {
    for (const [start, end] of runsOf(document.stems)) {
      for (let i = start; i + 1 < end; i += 1) {
        const a = document.stems[i] ?? -1;
        const b = document.stems[i + 1] ?? -1;
        if (a !== b && frequent(singles, a) && frequent(singles, b)) count(pairs, pairKey(a, b), at, document.category);
      }
    }
  });
  const triples = new Map<number | string, Counted>();
  documents.forEach((document, at) => {
    for (const [start, end] of runsOf(document.stems)) {
      for (let i = start; i + 2 < end; i += 1) {
        const [a, b, c] = [document.stems[i] ?? -1, document.stems[i + 1] ?? -1, document.stems[i + 2] ?? -1];
        if (frequent(pairs, pairKey(a, b)) && frequent(pairs, pairKey(b, c))) count(triples, tripleKey(a, b, c), at, document.category);
      }
    }
  });
  const all = new Map<string, Counted & { stems: number[] }>();
  for (const [key, entry] of singles) if (entry.df >= minimum) all.set(String(key), { ...entry, stems: [key as number] });
  for (const [key, entry] of pairs) {
    if (entry.df < minimum) continue;
    const stems = [Math.floor((key as number) / KEY_BITS), (key as number) % KEY_BITS];
    all.set(stems.join(' '), { ...entry, stems });
  }
  for (const [key, entry] of triples) if (entry.df >= minimum) all.set(key as string, { ...entry, stems: (key as string).split(' ').map(Number) });
  return all;
}

/**
 * How evenly a phrase is spread over the groups: its largest share of a group's documents
 * over its smallest (groups of 20 documents or more); 1 is perfectly flat. Infinity when
 * fewer than two groups are large enough to tell.
 */
export function flatness(phrase: Pick<Phrase, 'byCategory'>, inGroup: Record<Category, number>): number {
  const shares = CATEGORIES.filter((category) => inGroup[category] >= 20).map((category) => phrase.byCategory[category] / inGroup[category]);
  if (shares.length < 2) return Infinity;
  const least = Math.min(...shares);
  return least === 0 ? Infinity : Math.max(...shares) / least;
}

/**
 * The phrases worth a theme: frequent enough; of two or three words only when they hold
 * most of the mentions of their rarer part (a phrase, not two words that happen to
 * meet); not everywhere and flat across the groups.
 */
export function frequentPhrases(documents: readonly PhraseDocument[], settings: PhraseSettings): Phrase[] {
  const counted = countPhrases(documents, settings.minimum);
  const inGroup = { promoters: 0, passives: 0, detractors: 0 };
  for (const document of documents) inGroup[document.category] += 1;
  const dfOf = (stems: readonly number[]): number => counted.get(stems.join(' '))?.df ?? 0;
  const kept = [...counted.values()].filter((entry) => {
    if (entry.stems.length === 1 && settings.exempt?.has(entry.stems[0] ?? -1) === true) return true;
    if (settings.everywhere?.({ stems: entry.stems, documents: [], byCategory: entry.byCategory, df: entry.df }, inGroup, documents.length) === true) return false;
    if (entry.stems.length === 1) return true;
    const parts = [entry.stems.slice(0, -1), entry.stems.slice(1)];
    return entry.df >= settings.hold * Math.min(...parts.map(dfOf));
  });
  kept.sort((a, b) => b.df - a.df || b.stems.length - a.stems.length || compareText(a.stems.join(' '), b.stems.join(' ')));
  return kept.slice(0, settings.candidates).map((entry) => ({ stems: entry.stems, documents: [], byCategory: entry.byCategory, df: entry.df }));
}

/** Fills each phrase's documents, in one pass over the documents. */
export function postPhrases(documents: readonly PhraseDocument[], phrases: readonly Phrase[]): void {
  const singles = new Map<number, Phrase>();
  const pairs = new Map<number, Phrase | null>();
  const triples = new Map<string, Phrase>();
  for (const phrase of phrases) {
    const [a = -1, b = -1, c] = phrase.stems;
    if (phrase.stems.length === 1) singles.set(a, phrase);
    else if (phrase.stems.length === 2) pairs.set(pairKey(a, b), phrase);
    else {
      triples.set(tripleKey(a, b, c ?? -1), phrase);
      if (!pairs.has(pairKey(a, b))) pairs.set(pairKey(a, b), null);
    }
  }
  documents.forEach((document, at) => {
    const found = new Set<Phrase>();
    const stems = document.stems;
    for (const [start, end] of runsOf(stems)) {
      for (let i = start; i < end; i += 1) {
        const a = stems[i] ?? -1;
        const single = singles.get(a);
        if (single !== undefined) found.add(single);
        if (i + 1 >= end) continue;
        const pair = pairs.get(pairKey(a, stems[i + 1] ?? -1));
        if (pair === undefined) continue;
        if (pair !== null) found.add(pair);
        const triple = i + 2 < end ? triples.get(tripleKey(a, stems[i + 1] ?? -1, stems[i + 2] ?? -1)) : undefined;
        if (triple !== undefined) found.add(triple);
      }
    }
    for (const phrase of found) phrase.documents.push(at);
  });
}

/** A set of documents as bits, to count how many of another's it holds. */
class DocumentSet {
  private readonly bits: Uint32Array;
  size = 0;

  constructor(documents: number) {
    this.bits = new Uint32Array(Math.ceil(documents / 32) + 1);
  }

  has(document: number): boolean {
    return ((this.bits[document >>> 5] ?? 0) & (1 << (document & 31))) !== 0;
  }

  add(document: number): void {
    if (this.has(document)) return;
    this.bits[document >>> 5] = (this.bits[document >>> 5] ?? 0) | (1 << (document & 31));
    this.size += 1;
  }

  shared(documents: readonly number[]): number {
    let count = 0;
    for (const document of documents) if (this.has(document)) count += 1;
    return count;
  }

  list(total: number): number[] {
    const documents: number[] = [];
    for (let document = 0; document < total; document += 1) if (this.has(document)) documents.push(document);
    return documents;
  }
}

/** Longer phrases are the better labels, unless much rarer: "sticky notes" (35) over "sticky" (37). */
const LONGER_LABEL = 0.3;

/**
 * Phrases that share most of their documents (Jaccard) merged, greedily from the most
 * frequent: "sticky", "sticky notes" and "notes" are one theme. A theme is kept when it
 * reaches the minimum; its label is its phrase with the most documents, a longer one
 * preferred when nearly as frequent.
 */
export function mergePhrases(phrases: readonly Phrase[], documents: number, settings: PhraseSettings): PhraseTheme[] {
  const themes: Array<{ phrases: Phrase[]; set: DocumentSet }> = [];
  for (const phrase of phrases) {
    let best: { theme: (typeof themes)[number]; jaccard: number } | undefined;
    for (const theme of themes) {
      const shared = theme.set.shared(phrase.documents);
      const jaccard = shared / (theme.set.size + phrase.documents.length - shared);
      if (jaccard >= settings.merge && (best === undefined || jaccard > best.jaccard)) best = { theme, jaccard };
    }
    const theme = best?.theme ?? { phrases: [], set: new DocumentSet(documents) };
    if (best === undefined) themes.push(theme);
    theme.phrases.push(phrase);
    for (const document of phrase.documents) theme.set.add(document);
  }
  const score = (phrase: Phrase): number => phrase.documents.length * (1 + LONGER_LABEL * (phrase.stems.length - 1));
  return themes
    .filter((theme) => theme.set.size >= settings.minimum)
    .map((theme) => {
      const label = theme.phrases.reduce((best, phrase) => (score(phrase) > score(best) ? phrase : best));
      return { phrases: theme.phrases, label, documents: theme.set.list(documents) };
    })
    .sort((a, b) => b.documents.length - a.documents.length);
}

/** What a theme's documents hold in common with a list of others': how many of its own are in theirs. */
export function overlap(documents: readonly number[], others: ReadonlySet<number>): number {
  let count = 0;
  for (const document of documents) if (others.has(document)) count += 1;
  return count;
}

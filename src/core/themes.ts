import { stemmer } from 'stemmer';
import { eng as englishStopWords } from 'stopword';
import { categoryOf, CATEGORIES, type Category } from './categories.js';
import type { Counts } from './stats.js';

/** A theme: its name and the words or phrases that mention it. */
export interface Theme {
  name: string;
  terms: string[];
}

/** Words that turn what follows into its opposite: "not helpful", "no bugs", "never crashes". */
const NEGATORS = new Set(['not', 'no', 'never', 'without', 'hardly', 'nothing', 'none', 'nor', 'cannot', 'neither']);
/** How many words back a negation reaches: "not very helpful", "never had any bugs". */
const NEGATION_REACH = 3;
/** Clauses end at punctuation and at "but": "not cheap, but fast" negates only "cheap". */
const CLAUSE_BREAK = /[.!?;,:()\n]|\bbut\b/;

const isNegator = (word: string): boolean => NEGATORS.has(word) || word.endsWith("n't");

/** Lower-case words, apostrophes kept so that "isn't" is one word. */
export function words(text: string): string[] {
  return text.toLowerCase().replace(/[’‘]/g, "'").match(/[a-z]+(?:'[a-z]+)*/g) ?? [];
}

/** Words already stemmed: a survey's vocabulary is small next to its word count, and stemming is the slow part. */
const stems = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** The stem every comparison uses: "crashes", "crashed" and "crash" are one word here. */
export function stem(word: string): string {
  let found = stems.get(word);
  if (found === undefined) {
    found = stemmer(word);
    if (stems.size < STEM_CACHE_LIMIT) stems.set(word, found);
  }
  return found;
}

interface Term {
  theme: string;
  stems: string[];
}

/** A theme's mention in one comment; negated when every mention of it there is. */
export interface Mention {
  theme: string;
  negated: boolean;
}

/** Looks terms up by their first stem, so a comment is read once whatever the size of the lexicon. */
export class ThemeMatcher {
  private readonly byFirstStem = new Map<string, Term[]>();
  readonly names: string[];

  constructor(themes: readonly Theme[]) {
    this.names = themes.map((theme) => theme.name);
    for (const theme of themes) {
      for (const term of theme.terms) {
        const stems = words(term).map(stem);
        const [first] = stems;
        if (first === undefined) continue;
        const list = this.byFirstStem.get(first) ?? [];
        list.push({ theme: theme.name, stems });
        this.byFirstStem.set(first, list);
      }
    }
  }

  /** The themes a comment mentions, in lexicon order. */
  tag(comment: string): Mention[] {
    const negatedByTheme = new Map<string, boolean>();
    for (const clause of comment.split(CLAUSE_BREAK)) {
      const clauseWords = words(clause);
      const stems = clauseWords.map(stem);
      stems.forEach((first, at) => {
        for (const term of this.byFirstStem.get(first) ?? []) {
          if (!term.stems.every((wanted, offset) => stems[at + offset] === wanted)) continue;
          const before = clauseWords.slice(Math.max(0, at - NEGATION_REACH), at);
          const negated = before.some(isNegator);
          negatedByTheme.set(term.theme, (negatedByTheme.get(term.theme) ?? true) && negated);
        }
      });
    }
    return this.names.filter((name) => negatedByTheme.has(name)).map((name) => ({ theme: name, negated: negatedByTheme.get(name) ?? false }));
  }
}

/** Shortest first: the examples people can read at a glance. */
const EXAMPLES = 3;
/** Shorter than this is rarely a comment one can learn from ("ok", "price"). */
const EXAMPLE_MIN_WORDS = 3;

interface ThemeInCategory {
  comments: number;
  negated: number;
  examples: string[];
}

/**
 * Everything `nps themes` reports, gathered in one pass: per group, how many
 * comments mention each theme (with the shortest examples); per theme, the
 * groups of everyone who mentions it; and word counts for the distinguishing words.
 */
export class ThemeTally {
  readonly comments: Record<Category, number> = { promoters: 0, passives: 0, detractors: 0 };
  readonly byCategory = new Map<string, Record<Category, ThemeInCategory>>();
  /** Respondents mentioning each theme, by group: for the NPS with and without the theme. */
  readonly mentioners = new Map<string, Counts>();
  readonly all: Counts = { promoters: 0, passives: 0, detractors: 0 };
  readonly wordCounts: Record<Category, Map<string, number>> = {
    promoters: new Map(),
    passives: new Map(),
    detractors: new Map(),
  };
  /** The most frequent spelling of each stem, to show words as people wrote them. */
  private readonly spellings = new Map<string, Map<string, number>>();

  constructor(readonly matcher: ThemeMatcher) {
    for (const name of matcher.names) {
      const empty = (): ThemeInCategory => ({ comments: 0, negated: 0, examples: [] });
      this.byCategory.set(name, { promoters: empty(), passives: empty(), detractors: empty() });
      this.mentioners.set(name, { promoters: 0, passives: 0, detractors: 0 });
    }
  }

  /** One scored response and its comment (possibly empty); returns the themes it mentions. */
  add(score: number, comment: string): Mention[] {
    const category = categoryOf(score);
    this.all[category] += 1;
    const text = comment.trim();
    if (text === '') return [];
    this.comments[category] += 1;
    this.countWords(category, text);
    const mentions = this.matcher.tag(text);
    for (const { theme, negated } of mentions) {
      const stats = this.byCategory.get(theme)?.[category];
      const counts = this.mentioners.get(theme);
      if (stats === undefined || counts === undefined) continue;
      stats.comments += 1;
      if (negated) stats.negated += 1;
      counts[category] += 1;
      keepExample(stats.examples, text);
    }
    return mentions;
  }

  private countWords(category: Category, text: string): void {
    const seen = this.wordCounts[category];
    for (const word of words(text)) {
      if (word.length < 2 || STOP_WORDS.has(word)) continue;
      const key = stem(word);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      const spellings = this.spellings.get(key) ?? new Map<string, number>();
      spellings.set(word, (spellings.get(word) ?? 0) + 1);
      this.spellings.set(key, spellings);
    }
  }

  spelling(key: string): string {
    const spellings = [...(this.spellings.get(key) ?? new Map<string, number>())];
    return spellings.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? key;
  }
}

const STOP_WORDS = new Set<string>(englishStopWords);

function keepExample(examples: string[], text: string): void {
  if (words(text).length < EXAMPLE_MIN_WORDS || examples.includes(text)) return;
  examples.push(text);
  examples.sort((a, b) => a.length - b.length || a.localeCompare(b));
  if (examples.length > EXAMPLES) examples.length = EXAMPLES;
}

export interface DistinguishingWord {
  word: string;
  /** Standardised log-odds ratio: how far the word leans to one group, in standard errors. */
  z: number;
  detractors: number;
  promoters: number;
}

/**
 * Words that tell detractors' comments from promoters': the log-odds ratio with an
 * informative Dirichlet prior of Monroe, Colaresi and Quinn (2008), "Fightin' Words",
 * the prior being each word's count over all comments. Positive z leans to detractors.
 * Only words whose |z| reaches `minimumZ` are listed: a word met once on each side
 * (z near 0) sets nothing apart.
 */
export function distinguishingWords(tally: ThemeTally, top: number, minimumZ = 0): { detractors: DistinguishingWord[]; promoters: DistinguishingWord[] } {
  const detractors = tally.wordCounts.detractors;
  const promoters = tally.wordCounts.promoters;
  const prior = new Map<string, number>();
  for (const category of CATEGORIES) {
    for (const [word, count] of tally.wordCounts[category]) prior.set(word, (prior.get(word) ?? 0) + count);
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
    scored.push({ word: tally.spelling(word), z: delta / Math.sqrt(variance), detractors: yD, promoters: yP });
  }
  const leaning = (sign: number): DistinguishingWord[] =>
    scored
      .filter((entry) => entry.z * sign > 0 && Math.abs(entry.z) >= minimumZ)
      .sort((a, b) => (b.z - a.z) * sign || a.word.localeCompare(b.word))
      .slice(0, top);
  return { detractors: leaning(1), promoters: leaning(-1) };
}

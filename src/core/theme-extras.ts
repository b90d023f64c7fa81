import { CATEGORIES, type Category } from './categories.js';
import { ResponseSample, type SampleData, type SampledAnswer } from './discover-sample.js';
import { givenReading, type VendorColumns } from './given-topics.js';
import { periodOf } from './periods.js';
import type { SideSplit } from './report.js';
import { addSentiment, emptySentiment, type Polarity, type SentimentCounts } from './sentiment.js';
import { ownCopy } from './strings.js';
import type { Counts } from './stats.js';

/**
 * What `nps themes` gathers beyond the named themes' counts: the responses discovery
 * reads (every one, or a bounded sample of a very large file), how many comments each
 * side (an input, a period) has and how many mention each named theme there, and the
 * topics and sentiment an export carries of its own (Qualtrics Text iQ's columns).
 */

/** What the comment reader found in an answer: its language and its named themes. */
export interface AnswerReading {
  language: string;
  mentions: ReadonlyArray<{ theme: string }>;
}

/** A response's place, its side, and the export's own topics for it. */
export interface ResponseContext {
  /** The response's place in the input, unique across inputs: the sample's order. */
  order: number;
  /** The side it is compared on (an input or a period), when themes are compared over time; `rank` orders the sides. */
  side?: { name: string; rank: number } | undefined;
  given?: GivenReading | undefined;
}

/** The export's topics and sentiment for a response's comment. */
export interface GivenReading {
  topics: string[];
  /** Each topic's parent topic, by topic (Qualtrics' `Parent Topics`). */
  parents: Record<string, string>;
  polarity: Polarity | undefined;
}

/** What a job needs to place each response: how sides are cut (inputs or periods), and where the export's topics are. */
export interface ContextSettings {
  sides?: SideSplit | undefined;
  vendor?: VendorColumns | undefined;
}

/** Lines of one input never reach this: the input's number is kept above them, so a response's place is unique across inputs. */
const LINES_PER_INPUT = 2 ** 32;

/** The side a response is on, and where that side sorts; undefined for an undated response split by period. */
export function sideFor(split: SideSplit | undefined, input: number, day: number | undefined): { name: string; rank: number } | undefined {
  if (split === undefined) return undefined;
  if (split.kind === 'input') return { name: split.names[input] ?? String(input), rank: input };
  if (day === undefined) return undefined;
  const span = periodOf(day, split.period, split.fiscalStart);
  return { name: span.key, rank: span.start };
}

/** A response's context, from where it was read. */
export function responseContext(settings: ContextSettings, response: { input: number; line: number; day: number | undefined; cells: readonly string[] }): ResponseContext {
  return {
    order: response.input * LINES_PER_INPUT + response.line,
    side: sideFor(settings.sides, response.input, response.day),
    given: settings.vendor === undefined ? undefined : givenReading(response.cells, settings.vendor),
  };
}

/** One side's comments, and how many mention each named or given theme. */
export interface SideThemes {
  rank: number;
  comments: number;
  themes: Record<string, number>;
}

/** A topic the export gave: its comments and respondents by group, its sentiment, its parent. */
export interface GivenTally {
  comments: Counts;
  respondents: Counts;
  sentiment: SentimentCounts;
  parent: string | null;
}

export interface ThemeExtrasData {
  sample: SampleData;
  withComments: Counts;
  sides: Map<string, SideThemes>;
  given: Map<string, GivenTally>;
}

/** A bound on the export's distinct topics: a topics column of free text would otherwise grow without end. */
const MAX_GIVEN_TOPICS = 500;

const zero = (): Counts => ({ promoters: 0, passives: 0, detractors: 0 });
const NO_TOPICS: readonly string[] = [];

/**
 * Counts each theme an answer names once: its mentions' themes, then the export's topics,
 * in that order (the order a side's themes are first met in). An answer names a few, so
 * the earlier ones are looked through rather than gathered in a set, a response at a time.
 */
function countOnce(counts: Record<string, number>, mentions: AnswerReading['mentions'], topics: readonly string[]): void {
  const themeAt = (at: number): string => (at < mentions.length ? (mentions[at]?.theme ?? '') : (topics[at - mentions.length] ?? ''));
  for (let at = 0; at < mentions.length + topics.length; at += 1) {
    const theme = themeAt(at);
    let named = false;
    for (let before = 0; before < at && !named; before += 1) named = themeAt(before) === theme;
    if (!named) counts[theme] = (counts[theme] ?? 0) + 1;
  }
}

export class ThemeExtras {
  readonly sample = new ResponseSample();
  /** Responses with at least one comment, by group. */
  readonly withComments: Counts = zero();
  readonly sides = new Map<string, SideThemes>();
  readonly given = new Map<string, GivenTally>();

  /** `discover`: whether responses are kept for discovery (--no-discover keeps none). */
  constructor(readonly discover = true) {}

  /** A response with comments: its answers, each with its language and named themes (read only when it is kept or a side counts it). */
  add(category: Category, context: ResponseContext, answers: ReadonlyArray<{ text: string; reading: AnswerReading }>): void {
    if (answers.length === 0) return;
    const given = context.given;
    const topics = given === undefined ? [] : given.topics.filter((topic) => this.given.has(topic) || this.given.size < MAX_GIVEN_TOPICS);
    this.withComments[category] += 1;
    if (given !== undefined) this.countGiven(category, answers.length, topics, given);
    const side = context.side;
    const priority = ResponseSample.priorityOf(context.order);
    const kept = this.discover && this.sample.accepts(priority, context.order);
    if (side !== undefined) {
      const counts = this.sides.get(side.name) ?? { rank: side.rank, comments: 0, themes: {} };
      counts.comments += answers.length;
      answers.forEach(({ reading }, at) => countOnce(counts.themes, reading.mentions, at === 0 ? topics : NO_TOPICS));
      this.sides.set(side.name, counts);
    }
    // Most responses of a very large file fall outside the sample: nothing more is built for them.
    if (!kept) return;
    const sampled: SampledAnswer[] = answers.map(({ text, reading }, at) => {
      const themes = reading.mentions.map((mention) => mention.theme);
      return { text: ownCopy(text), language: reading.language, themes: at === 0 ? [...themes, ...topics] : themes };
    });
    this.sample.offer({ priority, order: context.order, category, side: side?.name, answers: sampled });
  }

  private countGiven(category: Category, comments: number, topics: readonly string[], given: GivenReading): void {
    for (const topic of topics) {
      const tally = this.given.get(topic) ?? { comments: zero(), respondents: zero(), sentiment: emptySentiment(), parent: given.parents[topic] ?? null };
      tally.comments[category] += Math.min(1, comments);
      tally.respondents[category] += 1;
      tally.sentiment[given.polarity ?? 'unknown'] += 1;
      this.given.set(topic, tally);
    }
  }

  toData(): ThemeExtrasData {
    return { sample: this.sample.toData(), withComments: this.withComments, sides: this.sides, given: this.given };
  }

  mergeData(data: ThemeExtrasData): void {
    this.sample.mergeData(data.sample);
    for (const category of CATEGORIES) this.withComments[category] += data.withComments[category];
    for (const [name, side] of data.sides) {
      const into = this.sides.get(name) ?? { rank: side.rank, comments: 0, themes: {} };
      into.comments += side.comments;
      for (const [theme, count] of Object.entries(side.themes)) into.themes[theme] = (into.themes[theme] ?? 0) + count;
      this.sides.set(name, into);
    }
    for (const [topic, tally] of data.given) {
      const into = this.given.get(topic);
      if (into === undefined) {
        if (this.given.size < MAX_GIVEN_TOPICS) this.given.set(topic, tally);
        continue;
      }
      for (const category of CATEGORIES) {
        into.comments[category] += tally.comments[category];
        into.respondents[category] += tally.respondents[category];
      }
      addSentiment(into.sentiment, tally.sentiment);
      into.parent ??= tally.parent;
    }
  }
}

import { CATEGORIES, categoryOf, type Category } from './categories.js';
import { compareKeys, describeMentions, dueBeyondCalendar, dueStatus, followUpRow, sortKeyOf, type FollowUpResponse, type FollowUpSettings, type HeldRows, type SortKey } from './followup.js';
import { dayOn } from './clock.js';
import { emailOf, personName, type NameColumns } from './names.js';
import { BottomK, priorityOf, type SampledItem } from './random.js';
import type { CompiledTemplate } from './templates.js';
import type { ThemeExtras } from './theme-extras.js';
import type { CommentReader, Mention } from './themes.js';

/**
 * Which row goes to which follow-up list, and when: every scored response is counted
 * in its group (with its revenue, and a detractor's due status); a row of a list that
 * is wanted is built (its added columns and message), made into the caller's record,
 * and held under its place in the order of work until all are known. With --sample,
 * each group keeps a seeded random sample instead. Lists of parts of the input merge.
 */

/** One scored response, as the lists take it in. */
export interface SegmentEntry {
  score: number;
  /** The moment of the answer, in milliseconds since 1970; undefined when it has no readable date. */
  time: number | undefined;
  /** Revenue from --value-column; undefined when unknown. */
  value: number | undefined;
  /** The row's place in the input, the same however the input is read: ties keep it. */
  order: number;
  /** The row's own cells (and the customers'). */
  cells: readonly string[];
  comment: string;
  /** Answers to the other open questions, each with its question's place after the comment's (0 is the first other one). */
  answers?: ReadonlyArray<{ question: number; text: string }>;
}

/** What the lists say of all the responses, listed or not. */
export interface SegmentCounts {
  scored: Record<Category, number>;
  overdue: number;
  dueToday: number;
  undatedDetractors: number;
  /** Answers dated before the window (`windowStart`): counted, never listed. */
  older: Record<Category, number>;
  /** Detractors whose reply would be due past 9999-12-31: their respond_by is cut to the calendar's last minute. */
  dueBeyondCalendar: number;
}

export function emptySegmentCounts(): SegmentCounts {
  return {
    scored: { promoters: 0, passives: 0, detractors: 0 },
    overdue: 0,
    dueToday: 0,
    undatedDetractors: 0,
    older: { promoters: 0, passives: 0, detractors: 0 },
    dueBeyondCalendar: 0,
  };
}

export function mergeSegmentCounts(into: SegmentCounts, from: SegmentCounts): void {
  for (const category of CATEGORIES) {
    into.scored[category] += from.scored[category];
    into.older[category] += from.older[category];
  }
  into.overdue += from.overdue;
  into.dueToday += from.dueToday;
  into.undatedDetractors += from.undatedDetractors;
  into.dueBeyondCalendar += from.dueBeyondCalendar;
}

export interface SegmentSettings extends FollowUpSettings {
  /** The open questions, the comment first, for the themes column of a survey that asks several (empty with one). */
  questions?: readonly string[];
  /** The lists wanted: rows of the other groups are counted, never built. */
  wanted: readonly Category[];
  sample: { size: number; seed: number } | undefined;
  /** Where each row's name and email are, for {first_name} and the CRM presets (see names.ts). */
  names?: NameColumns | undefined;
  /** The first day listed, in days since 1970 on the clock: older answers are counted, not listed. Undefined lists every one. */
  windowStart?: number | undefined;
}

/** A row's comment as read, held with the row when its discovered themes are added once every comment is seen. */
export interface HeldAnswer {
  comment: string;
  language: string | undefined;
}

export interface Held<T> {
  key: SortKey;
  payload: T;
}

/** The samples of each group, as they travel between threads. */
export type Samples<T> = Record<Category, ReadonlyArray<SampledItem<Held<T>>>>;

export class SegmentLists<T> {
  readonly counts = emptySegmentCounts();
  private readonly samples: Record<Category, BottomK<Held<T>>> | undefined;
  private readonly wanted: ReadonlySet<Category>;

  constructor(
    private readonly settings: SegmentSettings,
    private readonly messages: Record<Category, CompiledTemplate>,
    private readonly comments: CommentReader | undefined,
    /** Turns a finished row into what is held (its output line), given the comment and the language it was read in. */
    private readonly record: (cells: readonly string[], answer: HeldAnswer) => T,
    private readonly store: HeldRows<T>,
    /** The comments kept for the pooled suggestions (suggestions.csv); undefined when none are wanted. */
    readonly extras?: ThemeExtras,
  ) {
    this.wanted = new Set(settings.wanted);
    const sample = settings.sample;
    if (sample !== undefined) {
      this.samples = { promoters: new BottomK(sample.size), passives: new BottomK(sample.size), detractors: new BottomK(sample.size) };
    }
  }

  add(entry: SegmentEntry): void {
    const category = this.count(entry);
    if (category === undefined) return;
    const wanted = this.wanted.has(category);
    // Discovery reads every comment of the window, whichever lists are written: a row's themes do not depend on them.
    if (!wanted && this.extras === undefined) return;
    const comment = entry.comment.trim();
    const reading = comment === '' ? undefined : this.comments?.read(comment);
    if (reading !== undefined) this.extras?.add(category, { order: entry.order }, [{ text: comment, reading }]);
    if (!wanted) return;
    const cells = followUpRow(
      entry.cells,
      {
        score: entry.score,
        time: entry.time,
        comment: entry.comment,
        mentions: reading?.mentions ?? [],
        language: reading?.language,
        themes: this.themesByQuestion(reading?.mentions ?? [], entry.answers ?? []),
        person: this.personOf(entry.cells),
      },
      this.settings,
      this.messages,
    );
    const held = { key: sortKeyOf(category, entry, this.settings), payload: this.record(cells, { comment, language: reading?.language }) };
    const sample = this.settings.sample;
    if (this.samples !== undefined && sample !== undefined) this.samples[category].offer(priorityOf(sample.seed, entry.order), entry.order, held);
    else this.store.hold(category, held.key, held.payload);
  }

  private personOf(cells: readonly string[]): FollowUpResponse['person'] {
    const names = this.settings.names;
    return names === undefined ? undefined : { ...personName(cells, names), email: emailOf(cells, names) };
  }

  /** With several open questions, each one's themes after its name: "What could we improve?: price and billing | …". */
  private themesByQuestion(mentions: readonly Mention[], answers: ReadonlyArray<{ question: number; text: string }>): string | undefined {
    const questions = this.settings.questions ?? [];
    if (questions.length < 2 || this.comments === undefined) return undefined;
    const reader = this.comments;
    const parts: Array<[number, readonly Mention[]]> = [[0, mentions], ...answers.map((answer): [number, readonly Mention[]] => [answer.question + 1, reader.read(answer.text.trim()).mentions])];
    return parts
      .filter(([, found]) => found.length > 0)
      .map(([at, found]) => `${shortQuestion(questions[at] ?? '')}: ${describeMentions(found)}`)
      .join(' | ');
  }

  /**
   * Counts a scored response in its group and, when it is in the window, for a detractor, where its reply stands;
   * undefined for an answer older than the window, which is not listed.
   */
  private count(entry: SegmentEntry): Category | undefined {
    const category = categoryOf(entry.score);
    const counts = this.counts;
    counts.scored[category] += 1;
    const start = this.settings.windowStart;
    if (start !== undefined && entry.time !== undefined && dayOn(this.settings.clock, entry.time) < start) {
      counts.older[category] += 1;
      return undefined;
    }
    if (category === 'detractors') {
      const status = dueStatus(entry.time, this.settings);
      if (status === undefined) counts.undatedDetractors += 1;
      else if (status.kind === 'overdue') counts.overdue += 1;
      else if (status.kind === 'due today') counts.dueToday += 1;
      if (dueBeyondCalendar(entry.time, this.settings.slaMs)) counts.dueBeyondCalendar += 1;
    }
    return category;
  }

  /** The sampled rows of each group, to merge with another part's. */
  samplesHeld(): Samples<T> | undefined {
    const samples = this.samples;
    if (samples === undefined) return undefined;
    return { promoters: samples.promoters.held, passives: samples.passives.held, detractors: samples.detractors.held };
  }

  /** Adds another part's counts and samples (its held rows are the store's to adopt). */
  merge(counts: SegmentCounts, samples: Samples<T> | undefined): void {
    mergeSegmentCounts(this.counts, counts);
    if (samples === undefined || this.samples === undefined) return;
    for (const category of CATEGORIES) {
      for (const entry of samples[category]) this.samples[category].offer(entry.priority, entry.order, entry.item);
    }
  }

  /** The rows of a group, in the order of work. */
  ordered(category: Category): Iterable<T> {
    if (this.samples === undefined) return this.store.ordered(category);
    const held = [...this.samples[category].items];
    return held.sort((a, b) => compareKeys(a.key, b.key)).map((entry) => entry.payload);
  }
}

/** A question as the themes column names it: its first words, cut at 40 characters. */
function shortQuestion(question: string): string {
  const text = question.trim().replace(/\s+/g, ' ');
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * The themes column with a comment's discovered themes added after its named ones; with
 * several open questions, in the first question's part ("What could we improve?: …").
 * A label whose every word the named themes already hold is not added: "support" after
 * "support and service" says nothing more.
 */
export function withDiscovered(cell: string, labels: readonly string[], questions: readonly string[] = []): string {
  if (labels.length === 0) return cell;
  if (questions.length < 2) return joinThemes(cell, labels);
  const prefix = `${shortQuestion(questions[0] ?? '')}: `;
  if (!cell.startsWith(prefix)) return [`${prefix}${labels.join('; ')}`, ...(cell === '' ? [] : [cell])].join(' | ');
  const end = cell.indexOf(' | ');
  const first = end === -1 ? cell : cell.slice(0, end);
  return `${prefix}${joinThemes(first.slice(prefix.length), labels)}${end === -1 ? '' : cell.slice(end)}`;
}

/** The named themes, then the discovered ones that add a word: "support" adds nothing to "support and service". */
function joinThemes(cell: string, labels: readonly string[]): string {
  const named = cell === '' ? [] : cell.split('; ');
  const words = new Set(named.flatMap((theme) => theme.toLowerCase().split(/\s+/u)));
  const added = labels.filter((label, at) => labels.indexOf(label) === at && label.toLowerCase().split(/\s+/u).some((word) => !words.has(word)));
  return [...named, ...added].join('; ');
}

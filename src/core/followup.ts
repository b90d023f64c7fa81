import { categoryOf, FOLLOW_UP, type Category } from './categories.js';
import { dayOn, momentOn, offsetAt, type Clock } from './clock.js';
import { isTestimonialCandidate } from './quotable.js';
import { compileTemplate, type CompiledTemplate, type Templates } from './templates.js';
import type { Mention } from './themes.js';

/**
 * What a row of a follow-up list holds beyond the input's own columns. The columns
 * below are the one description of it: the lists' header, each row's cells and the
 * names a message template may use all come from `ADDED_COLUMNS`, so adding a
 * column is one edit here.
 */

/** One scored response, as the lists see it. */
export interface FollowUpResponse {
  score: number;
  /** The moment of the answer, in milliseconds since 1970; undefined when it has no readable date. */
  time: number | undefined;
  comment: string;
  /** The themes of the comment. */
  mentions: readonly Mention[];
  /** The comment's language (ISO 639-1, `und` when it could not be told); English when not given. */
  language?: string | undefined;
  /** The themes column written out, when a survey asks several open questions (each question's themes, named). */
  themes?: string | undefined;
}

export interface FollowUpSettings {
  /** Time allowed for a reply to a detractor, in milliseconds. */
  slaMs: number;
  /** Today, in days since 1970 on the run's clock: what "overdue" is counted against. */
  today: number;
  /** The clock due dates are counted and written on (the team's time zone). */
  clock: Clock;
}


/** Where a detractor's reply stands today; undefined when the answer has no date. */
export type DueStatus = { kind: 'overdue'; days: number } | { kind: 'due today' } | { kind: 'new' };

export function dueStatus(time: number | undefined, settings: FollowUpSettings): DueStatus | undefined {
  if (time === undefined) return undefined;
  const dueDay = dayOn(settings.clock, time + settings.slaMs);
  if (dueDay < settings.today) return { kind: 'overdue', days: settings.today - dueDay };
  return dueDay === settings.today ? { kind: 'due today' } : { kind: 'new' };
}

/** "overdue by 3 days", "due today", "new": the status column. */
export function describeStatus(status: DueStatus | undefined): string {
  if (status === undefined) return '';
  if (status.kind === 'overdue') return `overdue by ${status.days} ${status.days === 1 ? 'day' : 'days'}`;
  return status.kind;
}

interface AddedColumn {
  name: string;
  cell(response: FollowUpResponse, category: Category, settings: FollowUpSettings): string;
}

/** The columns every list adds after the input's own (and the customers'), before `message`. */
export const ADDED_COLUMNS = [
  { name: 'nps_category', cell: (_response, category) => category },
  { name: 'follow_up', cell: (_response, category, settings) => followUpFor(category, settings.slaMs) },
  {
    name: 'respond_by',
    cell: (response, category, settings) => (category === 'detractors' ? respondBy(response.time, settings.slaMs, settings.clock) : ''),
  },
  {
    name: 'status',
    cell: (response, category, settings) => (category === 'detractors' ? describeStatus(dueStatus(response.time, settings)) : ''),
  },
  {
    name: 'testimonial_candidate',
    cell: (response, category) => (category === 'promoters' ? (isTestimonialCandidate(response.comment, response.language) ? 'yes' : 'no') : ''),
  },
  { name: 'themes', cell: (response) => response.themes ?? describeMentions(response.mentions) },
] as const satisfies readonly AddedColumn[];

/** The last column: a message filled from the group's template, which may use every column before it and {score}. */
export const MESSAGE_COLUMN = 'message';

export const FOLLOW_UP_COLUMNS: readonly string[] = [...ADDED_COLUMNS.map((column) => column.name), MESSAGE_COLUMN];

/** What a customer team does with each group; detractors' reply time follows the SLA. */
export function followUpFor(category: Category, slaMs: number): string {
  return category === 'detractors' ? `Escalate and reply personally within ${describeSla(slaMs)}` : FOLLOW_UP[category];
}

/** "24 hours", "2 days": the SLA in the words of the detractors' follow-up. */
export function describeSla(slaMs: number): string {
  const hours = slaMs / 3_600_000;
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** "price and billing; support and service (negated)": the themes column. */
export function describeMentions(mentions: readonly Mention[]): string {
  return mentions.map((mention) => (mention.negated ? `${mention.theme} (negated)` : mention.theme)).join('; ');
}

/** The last minute a due time can be written in with a four-digit year: 9999-12-31 23:59 UTC. */
const LAST_DUE = Date.UTC(9999, 11, 31, 23, 59);

/** Whether an answer's reply would be due past the calendar's end (an answer dated 9999-12-31): its respond_by is cut to it. */
export function dueBeyondCalendar(time: number | undefined, slaMs: number): boolean {
  return time !== undefined && time + slaMs > LAST_DUE + 59_999;
}

/**
 * The moment a reply is due, the answer's time plus the SLA, on the team's clock:
 * "2026-11-03 09:00 UTC-08:00"; never past 9999-12-31 23:59 on that clock, which no date has a year beyond.
 */
export function respondBy(time: number | undefined, slaMs: number, clock: Clock): string {
  if (time === undefined) return '';
  const last = LAST_DUE - offsetAt(clock, LAST_DUE) * 60_000;
  return momentOn(clock, Math.min(time + slaMs, last));
}

/** The message templates, each checked against the list's columns before any row is read. */
export function compileMessages(templates: Templates, listColumns: readonly string[]): Record<Category, CompiledTemplate> {
  // {score} always means the answer, whatever the score column is called.
  const columns = [...listColumns, ...ADDED_COLUMNS.map((column) => column.name), 'score'];
  return {
    promoters: compileTemplate('promoters', templates.promoters, columns),
    passives: compileTemplate('passives', templates.passives, columns),
    detractors: compileTemplate('detractors', templates.detractors, columns),
  };
}

/** A list row: the row's own cells, then the added columns and the message. */
export function followUpRow(
  own: readonly string[],
  response: FollowUpResponse,
  settings: FollowUpSettings,
  messages: Record<Category, CompiledTemplate>,
): string[] {
  const category = categoryOf(response.score);
  const cells = own.slice();
  for (const column of ADDED_COLUMNS) cells.push(column.cell(response, category, settings));
  // The template sees {score} after the added columns; the message then takes its place.
  cells.push(String(response.score));
  cells[cells.length - 1] = messages[category].fill(cells);
  return cells;
}

/** A row waiting to be ordered in its list. */
export interface Ranked {
  score: number;
  /** Revenue from --value-column; undefined when unknown. */
  value: number | undefined;
  /** Milliseconds since 1970; undefined when the row has no readable date. */
  time: number | undefined;
  /** Position in the input, for a stable order. */
  order: number;
}

/**
 * A row's place in its list, as numbers compared one by one, smaller first: computed
 * once per row, so that sorting a million rows compares numbers, not dates.
 */
export type SortKey = number[];

export function compareKeys(a: SortKey, b: SortKey): number {
  for (let at = 0; at < a.length; at += 1) {
    const x = a[at] ?? 0;
    const y = b[at] ?? 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Newer first, undated last. */
const newestFirst = (time: number | undefined): number => (time === undefined ? Infinity : -time);
/** More revenue first, unknown last. */
const largestFirst = (value: number | undefined): number => (value === undefined ? Infinity : -value);

const STATUS_RANK = { overdue: 0, 'due today': 1, new: 2 } as const;

function statusRank(time: number | undefined, settings: FollowUpSettings): number {
  const status = dueStatus(time, settings);
  return status === undefined ? 3 : STATUS_RANK[status.kind];
}

/**
 * The order of work in each list. Detractors: overdue first, then due today, then new,
 * then undated; within each, lowest score first, then the most revenue, then the newest
 * answer. Promoters: the newest first, since the ask works best right after a good
 * answer. Passives: as they came. Ties keep input order.
 */
export function sortKeyOf(category: Category, ranked: Ranked, settings: FollowUpSettings): SortKey {
  if (category === 'promoters') return [newestFirst(ranked.time), ranked.order];
  if (category === 'passives') return [ranked.order];
  return [statusRank(ranked.time, settings), ranked.score, largestFirst(ranked.value), newestFirst(ranked.time), ranked.order];
}

/** The detractors' order as a comparison, for short lists such as the report's. */
export function byStatusThenUrgency(settings: FollowUpSettings): (a: Ranked, b: Ranked) => number {
  return (a, b) => compareKeys(sortKeyOf('detractors', a, settings), sortKeyOf('detractors', b, settings));
}

/** The promoters' order as a comparison. */
export function byRecency(a: Ranked, b: Ranked): number {
  return compareKeys([newestFirst(a.time), a.order], [newestFirst(b.time), b.order]);
}

/** An amount of revenue past this is no amount: 15 digits, all a spreadsheet keeps, and totals of them stay finite. */
export const MAX_AMOUNT = 1e15;

/** A currency around the number: a symbol ($, €, £…) or a code (USD, EUR); and spaces between its digits. */
const CURRENCY = /^(?:\p{Sc}|[A-Z]{3}\b)\s*|\s*(?:\p{Sc}|\b[A-Z]{3})$/gu;
const SPACES = /(?<=\d)[\s\u00a0\u202f\u2009](?=\d)/g;
/** 12000, 12,000.50, 1.2E+6; 1200,50 and 1.200,50 with a decimal comma. Never hexadecimal, Infinity or NaN. */
const AMOUNT = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;
const DECIMAL_COMMA = /^[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d{1,2}$/;
const NO_AMOUNT = new Set(['', '-', 'na', 'n/a', 'nan', 'null', 'none', '#n/a']);

/**
 * "$12,000.50", "12000", "€ 1 200", "USD 1,200", "1200,50": the amount; undefined for a
 * cell with no amount (empty, NA); or why the text is no amount: `NaN`, `Infinity`,
 * `0x10`, or `1E+308`, which a total would turn into Infinity.
 */
export function readAmount(text: string): number | undefined | { problem: string } {
  const trimmed = text.trim();
  if (NO_AMOUNT.has(trimmed.toLowerCase()) && trimmed.toLowerCase() !== 'nan') return undefined;
  const bare = trimmed.replace(CURRENCY, '').replace(SPACES, '');
  let amount: number | undefined;
  if (AMOUNT.test(bare)) amount = Number(bare.replaceAll(',', ''));
  else if (DECIMAL_COMMA.test(bare)) amount = Number(bare.replaceAll('.', '').replace(',', '.'));
  if (amount === undefined || !Number.isFinite(amount)) return { problem: 'is not an amount' };
  if (Math.abs(amount) > MAX_AMOUNT) return { problem: 'is past 10^15, larger than any amount' };
  return amount;
}

/**
 * Where held rows wait for their list's order. The lists hold promoters and
 * detractors until every row is known; a store may keep them in memory, or spill
 * sorted runs to disk and merge them (src/output/write/held-rows.ts).
 */
export interface HeldRows<T> {
  hold(category: Category, key: SortKey, payload: T): void;
  /** The held rows of a group, in the order of their keys. */
  ordered(category: Category): Iterable<T>;
}

/** Held rows in memory, sorted once at the end. */
export class HeldInMemory<T> implements HeldRows<T> {
  private readonly rows: Record<Category, Array<{ key: SortKey; payload: T }>> = { promoters: [], passives: [], detractors: [] };

  hold(category: Category, key: SortKey, payload: T): void {
    this.rows[category].push({ key, payload });
  }

  ordered(category: Category): T[] {
    return this.rows[category].sort((a, b) => compareKeys(a.key, b.key)).map((row) => row.payload);
  }
}

/** Keeps the first `size` items in `order` from a stream, in memory for a few times `size`. */
export class TopList<T> {
  private items: T[] = [];

  constructor(
    private readonly size: number,
    private readonly order: (a: T, b: T) => number,
  ) {}

  add(item: T): void {
    this.items.push(item);
    if (this.items.length >= this.size * 5) this.trim();
  }

  /** Adds the first items of another part of the input: the first `size` of both are the first of the whole. */
  addAll(items: readonly T[]): void {
    for (const item of items) this.add(item);
  }

  result(): T[] {
    this.trim();
    return this.items;
  }

  private trim(): void {
    this.items = this.items.sort(this.order).slice(0, this.size);
  }
}

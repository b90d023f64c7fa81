import { categoryOf, FOLLOW_UP, type Category } from './categories.js';
import { dayOn, momentOn, offsetAt, type Clock } from './clock.js';
import type { PersonName } from './names.js';
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
  /** The respondent's name and email, as far as the row tells them (see names.ts). */
  person?: (PersonName & { email: string }) | undefined;
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
  return time === undefined ? undefined : dueStatusOf(time + settings.slaMs, settings);
}

/** Where a reply due at `deadline` (ms since 1970) stands today, days counted on the team's clock. */
export function dueStatusOf(deadline: number | undefined, settings: Pick<FollowUpSettings, 'today' | 'clock'>): DueStatus | undefined {
  if (deadline === undefined) return undefined;
  const dueDay = dayOn(settings.clock, deadline);
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

/** The last column: a message filled from the group's template, which may use every column before it and those below. */
export const MESSAGE_COLUMN = 'message';

export const FOLLOW_UP_COLUMNS: readonly string[] = [...ADDED_COLUMNS.map((column) => column.name), MESSAGE_COLUMN];

/**
 * What every row also knows of its respondent, carried after `message` but written only when chosen
 * (`--columns`, a CRM preset): the answer, the name and email as far as the row tells them, the comment. A
 * template may use them, `{first_name}` included when the export has only a full name or an email.
 */
export const DERIVED_COLUMNS = ['score', 'first_name', 'last_name', 'email', 'comment'] as const;

export function derivedCells(response: FollowUpResponse): string[] {
  const person = response.person;
  return [String(response.score), person?.first ?? '', person?.last ?? '', person?.email ?? '', response.comment];
}

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

/**
 * The message templates, each checked against the list's columns before any row is read: the row's own, then
 * those added before the message (a list's ADDED_COLUMNS, or a ledger list's), then the derived ones.
 */
export function compileMessages(
  templates: Templates,
  listColumns: readonly string[],
  added: readonly string[] = ADDED_COLUMNS.map((column) => column.name),
): Record<Category, CompiledTemplate> {
  // {score} always means the answer, whatever the score column is called; {first_name} is there even with only a full name.
  const columns = [...listColumns, ...added, ...DERIVED_COLUMNS];
  return {
    promoters: compileTemplate('promoters', templates.promoters, columns),
    passives: compileTemplate('passives', templates.passives, columns),
    detractors: compileTemplate('detractors', templates.detractors, columns),
  };
}

/** A list row: the row's own cells, then the added columns and the message, then the derived columns. */
export function followUpRow(
  own: readonly string[],
  response: FollowUpResponse,
  settings: FollowUpSettings,
  messages: Record<Category, CompiledTemplate>,
): string[] {
  const category = categoryOf(response.score);
  const cells = own.slice();
  for (const column of ADDED_COLUMNS) cells.push(column.cell(response, category, settings));
  const derived = derivedCells(response);
  // The template sees the derived columns right after the added ones, where compileMessages put them.
  const message = messages[category].fill([...cells, ...derived]);
  cells.push(message, ...derived);
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

/** How urgent a reply is: overdue, due today, new, undated. */
const rankOf = (status: DueStatus | undefined): number => (status === undefined ? 3 : STATUS_RANK[status.kind]);
/** How late a reply already is, the latest first; 0 when it is not overdue. */
const lateness = (status: DueStatus | undefined): number => (status?.kind === 'overdue' ? -status.days : 0);

/**
 * The order of work in each list. Detractors: overdue first, then due today, then new,
 * then undated; among the overdue, the longest overdue first, as a team works through a
 * queue; then the lowest score, the most revenue and the newest answer. Promoters: the
 * newest first, since the ask works best right after a good answer. Passives: as they
 * came. Ties keep input order.
 */
export function sortKeyOf(category: Category, ranked: Ranked, settings: FollowUpSettings): SortKey {
  if (category === 'promoters') return [newestFirst(ranked.time), ranked.order];
  if (category === 'passives') return [ranked.order];
  return detractorKey(dueStatus(ranked.time, settings), ranked);
}

/** A detractor's place in a list, from where its reply stands (known from its answer, or from a ledger's respond_by). */
export function detractorKey(status: DueStatus | undefined, ranked: Ranked): SortKey {
  return [rankOf(status), lateness(status), ranked.score, largestFirst(ranked.value), newestFirst(ranked.time), ranked.order];
}

/**
 * The report's most urgent detractors, a snapshot rather than a queue: overdue first, then
 * due today, then new, then undated; within each, the lowest score, the most revenue, the newest.
 */
export function byStatusThenUrgency(settings: FollowUpSettings): (a: Ranked, b: Ranked) => number {
  const key = (ranked: Ranked): SortKey => [rankOf(dueStatus(ranked.time, settings)), ranked.score, largestFirst(ranked.value), newestFirst(ranked.time), ranked.order];
  return (a, b) => compareKeys(key(a), key(b));
}

/** The promoters' order as a comparison. */
export function byRecency(a: Ranked, b: Ranked): number {
  return compareKeys([newestFirst(a.time), a.order], [newestFirst(b.time), b.order]);
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
  /** The first items so far, in order: at most `size`. */
  private readonly items: T[] = [];

  constructor(
    private readonly size: number,
    private readonly order: (a: T, b: T) => number,
  ) {}

  /** Whether an item would be kept now: one that comes after the last of a full list never is (a tie keeps the earlier). */
  admits(item: T): boolean {
    const last = this.items[this.items.length - 1];
    return this.items.length < this.size || last === undefined || this.order(item, last) < 0;
  }

  /** Keeps the item in its place when it is among the first; a million rows cost one comparison each, most of them. */
  add(item: T): void {
    if (!this.admits(item)) return;
    let at = this.items.length;
    while (at > 0 && this.order(item, this.items[at - 1] as T) < 0) at -= 1;
    this.items.splice(at, 0, item);
    if (this.items.length > this.size) this.items.pop();
  }

  /** Adds the first items of another part of the input: the first `size` of both are the first of the whole. */
  addAll(items: readonly T[]): void {
    for (const item of items) this.add(item);
  }

  result(): T[] {
    return [...this.items];
  }
}

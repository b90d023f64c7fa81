import { categoryOf, FOLLOW_UP, type Category } from './categories.js';
import { readsAsPraise } from './praise.js';
import { Reservoir, seededRandom } from './sample.js';
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
}

export interface FollowUpSettings {
  /** Time allowed for a reply to a detractor, in milliseconds. */
  slaMs: number;
  /** Today, in days since 1970 (UTC): what "overdue" is counted against. */
  today: number;
}

const DAY_MS = 86_400_000;

/** Where a detractor's reply stands today; undefined when the answer has no date. */
export type DueStatus = { kind: 'overdue'; days: number } | { kind: 'due today' } | { kind: 'new' };

export function dueStatus(time: number | undefined, settings: FollowUpSettings): DueStatus | undefined {
  if (time === undefined) return undefined;
  const dueDay = Math.floor((time + settings.slaMs) / DAY_MS);
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
    cell: (response, category, settings) => (category === 'detractors' ? respondBy(response.time, settings.slaMs) : ''),
  },
  {
    name: 'status',
    cell: (response, category, settings) => (category === 'detractors' ? describeStatus(dueStatus(response.time, settings)) : ''),
  },
  {
    name: 'testimonial_candidate',
    cell: (response, category) => (category === 'promoters' ? (readsAsPraise(response.comment) ? 'yes' : 'no') : ''),
  },
  { name: 'themes', cell: (response) => describeMentions(response.mentions) },
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

/** The moment a reply is due, the answer's time plus the SLA, as a person works to it: "2026-11-03 09:00 UTC". */
export function respondBy(time: number | undefined, slaMs: number): string {
  if (time === undefined) return '';
  const iso = new Date(time + slaMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
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
  const cells = [...own, ...ADDED_COLUMNS.map((column) => column.cell(response, category, settings))];
  cells.push(messages[category].fill([...cells, String(response.score)]));
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

/** Newer first, undated last; ties keep input order. */
function newestFirst(a: Ranked, b: Ranked): number {
  if (a.time !== b.time) {
    if (a.time === undefined) return 1;
    if (b.time === undefined) return -1;
    return b.time - a.time;
  }
  return a.order - b.order;
}

/** Detractors: lowest score first, then the most revenue, then the newest answer. */
export function byUrgency(a: Ranked, b: Ranked): number {
  if (a.score !== b.score) return a.score - b.score;
  if (a.value !== b.value) {
    if (a.value === undefined) return 1;
    if (b.value === undefined) return -1;
    return b.value - a.value;
  }
  return newestFirst(a, b);
}

/** Promoters: the newest first, since the ask works best right after a good answer. */
export function byRecency(a: Ranked, b: Ranked): number {
  return newestFirst(a, b);
}

/** Passives: as they came. */
export function byInputOrder(a: Ranked, b: Ranked): number {
  return a.order - b.order;
}

const STATUS_RANK = { overdue: 0, 'due today': 1, new: 2 } as const;

/**
 * Detractors in the order of a morning's work: overdue first, then due today, then
 * new, then those with no date; within each, the urgency order.
 */
export function byStatusThenUrgency(settings: FollowUpSettings): (a: Ranked, b: Ranked) => number {
  const rank = (row: Ranked): number => {
    const status = dueStatus(row.time, settings);
    return status === undefined ? 3 : STATUS_RANK[status.kind];
  };
  return (a, b) => rank(a) - rank(b) || byUrgency(a, b);
}

type Order = (a: Ranked, b: Ranked) => number;

function listOrders(settings: FollowUpSettings): Record<Category, Order> {
  return { promoters: byRecency, passives: byInputOrder, detractors: byStatusThenUrgency(settings) };
}

/** "$12,000.50", "12000", "€ 1 200": the number, or undefined when there is none. */
export function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[^\d.-]/g, '');
  if (cleaned === '' || cleaned === '-' || cleaned === '.') return undefined;
  const amount = Number(cleaned);
  return Number.isFinite(amount) ? amount : undefined;
}

interface Held<T> extends Ranked {
  payload: T;
}

/**
 * The three lists in the order of work. Passives are handed back to be written at
 * once (their order is the input's); promoters and detractors are held, as whatever
 * the caller makes of a row (a finished output line), until all are known. With a
 * sample, every group is a uniform random sample of that size, held.
 */
export class FollowUpLists<T> {
  private readonly held: Record<Category, Held<T>[] | Reservoir<Held<T>>>;
  private order = 0;
  readonly counts: Record<Category, number> = { promoters: 0, passives: 0, detractors: 0 };
  readonly revenue: Record<'detractors' | 'passives', number> = { detractors: 0, passives: 0 };

  private readonly orders: Record<Category, Order>;

  constructor(sample: { size: number; seed: number } | undefined, settings: FollowUpSettings) {
    this.orders = listOrders(settings);
    const random = seededRandom(sample?.seed ?? 1);
    const make = (): Held<T>[] | Reservoir<Held<T>> => (sample === undefined ? [] : new Reservoir<Held<T>>(sample.size, random));
    this.held = { promoters: make(), passives: make(), detractors: make() };
  }

  /** Counts a scored response and its revenue, even when no list is wanted for its group. */
  count(score: number, value: number | undefined): Category {
    const category = categoryOf(score);
    this.counts[category] += 1;
    if (value !== undefined && category !== 'promoters') this.revenue[category] += value;
    return category;
  }

  /** Whether a group's rows are written as they come (passives, unless sampled) rather than held. */
  streams(category: Category): boolean {
    return category === 'passives' && Array.isArray(this.held.passives);
  }

  /** Holds a row of a group that is ordered (or sampled) once all are known. */
  hold(ranked: Omit<Ranked, 'order'>, payload: T): void {
    this.order += 1;
    const entry = { ...ranked, order: this.order, payload };
    const list = this.held[categoryOf(ranked.score)];
    if (Array.isArray(list)) list.push(entry);
    else list.offer(entry);
  }

  /** The held rows of a group, in its order. */
  ordered(category: Category): T[] {
    const list = this.held[category];
    const rows = Array.isArray(list) ? list : list.items;
    return rows.sort(this.orders[category]).map((row) => row.payload);
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

  result(): T[] {
    this.trim();
    return this.items;
  }

  private trim(): void {
    this.items = this.items.sort(this.order).slice(0, this.size);
  }
}

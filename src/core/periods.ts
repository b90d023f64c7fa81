import { scored, type Precision, type Scored } from './breakdown.js';
import { adjustFamily, compareCounts, type Difference } from './stats.js';
import { emptyTally, mergeTallies, type Tally } from './tally.js';
import type { CompareWarning, ScoreWarning } from './warnings.js';

export const PERIODS = {
  week: 'ISO weeks, Monday to Sunday',
  month: 'calendar months',
  quarter: 'calendar quarters',
  year: 'calendar years',
} as const satisfies Record<string, string>;
export type Period = keyof typeof PERIODS;

/** A stretch of days: `start` inclusive, `end` exclusive, in days since 1970 (UTC). */
export interface Span {
  key: string;
  start: number;
  end: number;
}

export const DAY_MS = 86_400_000;
const dayOfDate = (year: number, monthIndex: number, day: number): number => Date.UTC(year, monthIndex, day) / DAY_MS;

/**
 * The spans of the days seen, by period and fiscal start: a file's responses fall on a
 * few hundred days, and a span is asked of every response (a trend, the sides of a
 * comparison), each time a date, a key and two more dates. Spans are frozen: they are
 * shared. Each table is emptied past MAX_SPANS_KEPT days.
 */
const spansKept: Record<Period, Map<number, Map<number, Span>>> = { week: new Map(), month: new Map(), quarter: new Map(), year: new Map() };
const MAX_SPANS_KEPT = 10_000;

/**
 * The period holding a day. Quarters and years start in January, or in `fiscalStart`
 * (1–12): a fiscal year is named by the calendar year it ends in, as most companies
 * name theirs (with April, FY2027 runs from April 2026 to March 2027).
 */
export function periodOf(day: number, period: Period, fiscalStart = 1): Span {
  const table = spansOf(period, fiscalStart);
  let span = table.get(day);
  if (span === undefined) {
    if (table.size >= MAX_SPANS_KEPT) table.clear();
    span = Object.freeze(spanOf(day, period, fiscalStart));
    table.set(day, span);
  }
  return span;
}

function spansOf(period: Period, fiscalStart: number): Map<number, Span> {
  const byStart = spansKept[period];
  let spans = byStart.get(fiscalStart);
  if (spans === undefined) {
    spans = new Map();
    byStart.set(fiscalStart, spans);
  }
  return spans;
}

function spanOf(day: number, period: Period, fiscalStart: number): Span {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  switch (period) {
    case 'week': {
      // 1970-01-01 was a Thursday; the ISO year of a week is the year of its Thursday.
      const monday = day - ((day + 3) % 7);
      const thursday = new Date((monday + 3) * DAY_MS);
      const weekYear = thursday.getUTCFullYear();
      const week = Math.floor((monday + 3 - dayOfDate(weekYear, 0, 1)) / 7) + 1;
      return { key: `${weekYear}-W${String(week).padStart(2, '0')}`, start: monday, end: monday + 7 };
    }
    case 'month':
      return {
        key: `${year}-${String(month + 1).padStart(2, '0')}`,
        start: dayOfDate(year, month, 1),
        end: dayOfDate(year, month + 1, 1),
      };
    case 'quarter':
    case 'year':
      return fiscalStart === 1 ? calendarSpan(year, month, period) : fiscalSpan(year, month, period, fiscalStart);
  }
}

function calendarSpan(year: number, month: number, period: 'quarter' | 'year'): Span {
  if (period === 'year') return { key: String(year), start: dayOfDate(year, 0, 1), end: dayOfDate(year + 1, 0, 1) };
  const first = month - (month % 3);
  return { key: `${year}-Q${first / 3 + 1}`, start: dayOfDate(year, first, 1), end: dayOfDate(year, first + 3, 1) };
}

function fiscalSpan(year: number, month: number, period: 'quarter' | 'year', fiscalStart: number): Span {
  const shift = fiscalStart - 1;
  const startYear = month >= shift ? year : year - 1;
  const name = `FY${startYear + 1}`;
  if (period === 'year') return { key: name, start: dayOfDate(startYear, shift, 1), end: dayOfDate(startYear + 1, shift, 1) };
  const quarter = Math.floor(((month - shift + 12) % 12) / 3);
  const first = shift + quarter * 3;
  return { key: `${name}-Q${quarter + 1}`, start: dayOfDate(startYear, first, 1), end: dayOfDate(startYear, first + 3, 1) };
}

export interface PeriodRow extends Scored {
  period: string;
  start: number;
  end: number;
  /** The change from the period before, tested; undefined for the first, for small periods and their neighbours, and for rolling windows that overlap. */
  change: Difference | undefined;
  /** Fewer responses than the minimum: shown and marked, but tested against no neighbour. */
  small: boolean;
  /** The days of the period the answers span, when that is under PARTIAL_SHARE of it: a quarter holding one month of data. */
  partial: { days: number; of: number } | undefined;
}

/** A period is partial when the answers span less than this share of its days (the first and last periods only). */
export const PARTIAL_SHARE = 0.8;

export interface TrendSettings {
  period: Period;
  /** The month quarters and years start in, 1–12. */
  fiscalStart: number;
  precision: Precision;
  rollingDays: number | undefined;
  /** Periods with fewer responses are marked small and left out of the change tests. */
  minN: number;
  /** Whether the tallies are by day; by period (a warehouse's counts), a period is told partial only from `answered`. */
  byDay: boolean;
  /** With tallies by period: the first and last day answered, which counts from nps sql give. */
  answered?: AnsweredDays | undefined;
}

/** The first and last day of a trend's answers, in days since 1970. */
export interface AnsweredDays {
  first: number;
  last: number;
}

/** Every period from the one holding `first` to the one holding `last`, in order: empty ones included. */
function periodsBetween(first: number, last: number, period: Period, fiscalStart: number): Span[] {
  const spans: Span[] = [];
  for (let span = periodOf(first, period, fiscalStart); span.start <= last; span = periodOf(span.end, period, fiscalStart)) spans.push(span);
  return spans;
}

/**
 * Empty periods in a row beyond which the gap is left out rather than drawn: a stray
 * date (1900, or 2205 for 2025) would otherwise fill a weekly trend with thousands of
 * empty rows. A gap left out still breaks the chain: no change is tested across it.
 */
export const EMPTY_RUN_SHOWN = 6;

/**
 * One row per period from the first with responses to the last, oldest first; a
 * period with none is a row with 0 responses and no score, so that a gap shows (a
 * run of more than EMPTY_RUN_SHOWN empty periods is left out). A change is tested
 * only between a period and the one just before, both with at least `minN`
 * responses: two answers a day before the export starts are no month to test. With
 * `rollingDays`, each row scores the window of that many days ending with its
 * period; windows with nothing in them are left out, and windows that overlap are
 * not tested against each other. Several changes are one family of tests, adjusted
 * together unless `precision.adjust` is off.
 */
export function trend(days: ReadonlyMap<number, Tally>, settings: TrendSettings): PeriodRow[] {
  const { precision, rollingDays } = settings;
  // Days in order, walked once by the periods (which come in order too).
  const sorted = [...days.entries()].sort(([a], [b]) => a - b);
  const first = sorted[0]?.[0];
  const last = sorted.at(-1)?.[0];
  if (first === undefined || last === undefined) return [];
  // By day, the days themselves say which were answered; by period, only what the counts tell.
  const bounds = settings.byDay ? { first, last } : settings.answered;
  const rows: PeriodRow[] = [];
  let windowStart = 0;
  for (const span of periodsBetween(first, last, settings.period, settings.fiscalStart)) {
    const from = rollingDays === undefined ? span.start : span.end - rollingDays;
    while (windowStart < sorted.length && (sorted[windowStart]?.[0] ?? Infinity) < from) windowStart += 1;
    const tally = emptyTally();
    for (let at = windowStart; at < sorted.length; at += 1) {
      const entry = sorted[at];
      if (entry === undefined || entry[0] >= span.end) break;
      mergeTallies(tally, entry[1]);
    }
    const result = scored(tally, precision);
    if (rollingDays !== undefined && result.responses === 0) continue;
    const small = result.responses > 0 && result.responses < settings.minN;
    const previous = rows.at(-1);
    const adjacent = previous !== undefined && previous.end === (rollingDays === undefined ? span.start : from) && previous.responses > 0;
    const testable = adjacent && !previous.small && !small && result.responses > 0;
    const change = testable ? compareCounts(previous.counts, result.counts, precision.level) : undefined;
    const partial = rollingDays === undefined && bounds !== undefined ? partialSpan(span, bounds.first, bounds.last) : undefined;
    rows.push({ period: span.key, start: from, end: span.end, ...result, change, small, partial });
  }
  const shown = withoutLongGaps(rows);
  if (!precision.adjust) return shown;
  const changes = adjustFamily(shown.map((row) => row.change), precision.level);
  return shown.map((row, at) => ({ ...row, change: changes[at] }));
}

/** The days of a period the answers (from `first` to `last`) span, when that is under PARTIAL_SHARE of them. */
function partialSpan(span: Span, first: number, last: number): { days: number; of: number } | undefined {
  const of = span.end - span.start;
  const days = Math.min(span.end, last + 1) - Math.max(span.start, first);
  return days < of * PARTIAL_SHARE ? { days, of } : undefined;
}

/** What a reader of the trend must know: the periods too small to lean on, and those the answers cover only in part. */
export function trendWarnings(rows: readonly PeriodRow[], minN: number): ScoreWarning[] {
  const warnings: ScoreWarning[] = [];
  const small = rows.filter((row) => row.small);
  if (small.length > 0) {
    warnings.push({ code: 'small-periods', periods: small.map((row) => row.period), least: Math.min(...small.map((row) => row.responses)), minimum: minN });
  }
  for (const row of rows) if (row.partial) warnings.push({ code: 'partial-period', period: row.period, days: row.partial.days, of: row.partial.of });
  return warnings;
}

/** The rows less every run of more than EMPTY_RUN_SHOWN empty periods. */
function withoutLongGaps(rows: readonly PeriodRow[]): PeriodRow[] {
  const kept: PeriodRow[] = [];
  let run: PeriodRow[] = [];
  for (const row of rows) {
    if (row.responses === 0) {
      run.push(row);
      continue;
    }
    if (run.length <= EMPTY_RUN_SHOWN) kept.push(...run);
    run = [];
    kept.push(row);
  }
  return kept;
}

/** Two periods compared that are not next to each other: how far apart, in the words of the period. */
export function periodsApart(first: string, second: string, period: Period, starts: ReadonlyMap<string, number>, fiscalStart = 1): CompareWarning[] {
  const from = starts.get(first);
  const to = starts.get(second);
  if (from === undefined || to === undefined) return [];
  let steps = 0;
  for (let span = periodOf(from, period, fiscalStart); span.start < to && steps < 10_000; span = periodOf(span.end, period, fiscalStart)) steps += 1;
  if (steps <= 1) return [];
  return [{ code: 'periods-apart', first, second, period, steps }];
}

/** A day as ISO 8601, "2026-10-05". */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

import { MAX_SCORE } from './categories.js';
import { GROUP_KEY_SEPARATOR } from './breakdown.js';
import type { AnsweredDays, Period } from './periods.js';
import { DAY_MS, periodOf } from './periods.js';
import type { ScoreData } from './score.js';
import { emptyTally, mergeTallies, responsesIn, type Tally } from './tally.js';

/**
 * The sufficient statistics of `nps score`: what `nps sql` has a warehouse count, and
 * what `nps score --counts` reads back. Each row of counts belongs to one set: `all`
 * (every row of the table, one row), `by:COLUMNS` (one row per group of a `--by`,
 * its columns as given, joined by commas) or `period:UNIT` (one row per day, week,
 * month… named by its first day in `nps_day`; an empty day holds the answers with no
 * readable date). Under --dedupe a period set is marked `period:UNIT:dedupe`: each
 * period keeps one answer per respondent of its own, so that its periods add up to no
 * other. The statistics are the count of each answer 0-10, of blanks, of rejected
 * values, of duplicates (--dedupe) and of rows left out (--since, --until, --where),
 * then the first and last day of the scored answers counted.
 */
export const COUNT_COLUMNS = {
  set: 'nps_set',
  day: 'nps_day',
  blank: 'nps_blank',
  rejected: 'nps_rejected',
  duplicates: 'nps_duplicates',
  excluded: 'nps_excluded',
  firstDay: 'nps_first_day',
  lastDay: 'nps_last_day',
} as const;

/** `nps_0` … `nps_10`: the count of each answer. */
export const SCORE_COLUMNS: readonly string[] = Array.from({ length: MAX_SCORE + 1 }, (_, score) => `nps_${score}`);

/** Every column of counts that is not a group's, in the order the query gives them (after the groups'). */
export const STATISTIC_COLUMNS: readonly string[] = [
  ...SCORE_COLUMNS,
  COUNT_COLUMNS.blank,
  COUNT_COLUMNS.rejected,
  COUNT_COLUMNS.duplicates,
  COUNT_COLUMNS.excluded,
  COUNT_COLUMNS.firstDay,
  COUNT_COLUMNS.lastDay,
];

/** The granularities of `nps sql --period`: `score --period` adds days up to its own periods. */
export const COUNT_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type CountPeriod = (typeof COUNT_PERIODS)[number];

export const ALL_SET = 'all';
export const bySet = (columns: readonly string[]): string => `by:${columns.join(',')}`;
const PERIOD_PREFIX = 'period:';
/** The mark of a period set counted under --dedupe: one answer per respondent in each period. */
const DEDUPED = ':dedupe';
export const periodSet = (period: CountPeriod, deduped = false): string => `${PERIOD_PREFIX}${period}${deduped ? DEDUPED : ''}`;

/** A set of counts by period, read from its name: undefined for any other set. */
export function periodSetOf(set: string): { unit: CountPeriod; deduped: boolean } | undefined {
  if (!set.startsWith(PERIOD_PREFIX)) return undefined;
  const deduped = set.endsWith(DEDUPED);
  const name = set.slice(PERIOD_PREFIX.length, deduped ? -DEDUPED.length : undefined);
  const unit = COUNT_PERIODS.find((period) => period === name);
  return unit === undefined ? undefined : { unit, deduped };
}

/** Which counted periods add up exactly to each period of `score --period`: a week is never part of one month. */
const NESTS_IN: Record<Period, readonly CountPeriod[]> = {
  week: ['day', 'week'],
  month: ['day', 'month'],
  quarter: ['day', 'month', 'quarter'],
  year: ['day', 'month', 'quarter', 'year'],
};

/** One row of counts, read: its set, its group's values or its day, and its tally. */
export interface CountRow {
  set: string;
  /** The row's cells in the group columns, by column name. */
  values: ReadonlyMap<string, string>;
  /** Days since 1970 of the period's first day; undefined for an undated row or a row of another set. */
  day: number | undefined;
  tally: Tally;
  /** The first and last day of the row's scored answers; undefined when it has none, or the counts predate these columns. */
  firstDay?: number | undefined;
  lastDay?: number | undefined;
}

/** Tallies of counts, added up as `ScoreAccumulator` adds up responses. */
export interface CountsTotals {
  tally: Tally;
  data: ScoreData;
  /** The first and last day of the trend's answers, when every dated period row gives them: what tells a partial period. */
  answered: AnsweredDays | undefined;
}

/** The counted periods a `score --period` can be made of, finest first; `--rolling` takes days only. */
export function usablePeriods(period: Period, rolling: boolean): readonly CountPeriod[] {
  return rolling ? ['day'] : NESTS_IN[period];
}

/**
 * Adds rows of counts into the overall tally, the groups of each breakdown and the
 * days of a trend, as reading the rows would have. A group or a day with no scored
 * answer is left out, as it never appears when rows are read.
 */
export function totalsOfCounts(
  rows: readonly CountRow[],
  breakdowns: ReadonlyArray<readonly string[]>,
  periodSetName: string | undefined,
): CountsTotals {
  const tally = emptyTally();
  const groups = breakdowns.map(() => new Map<string, { values: string[]; tally: Tally }>());
  const days = periodSetName === undefined ? undefined : new Map<number, Tally>();
  let undated = 0;
  const sets = breakdowns.map(bySet);
  for (const row of rows) {
    if (row.set === ALL_SET) mergeTallies(tally, row.tally);
    const scored = responsesIn(row.tally);
    if (scored === 0) continue;
    sets.forEach((set, at) => {
      const columns = breakdowns[at] ?? [];
      const into = groups[at];
      if (set !== row.set || into === undefined) return;
      const values = columns.map((column) => row.values.get(column) ?? '');
      const id = values.join(GROUP_KEY_SEPARATOR);
      const group = into.get(id) ?? { values, tally: emptyTally() };
      into.set(id, group);
      group.tally.distribution = addDistribution(group.tally.distribution, row.tally.distribution);
    });
    if (days !== undefined && row.set === periodSetName) {
      if (row.day === undefined) undated += scored;
      else days.set(row.day, { ...emptyTally(), distribution: addDistribution(days.get(row.day)?.distribution, row.tally.distribution) });
    }
  }
  const answered = periodSetName === undefined ? undefined : answeredDays(rows.filter((row) => row.set === periodSetName && row.day !== undefined && responsesIn(row.tally) > 0));
  return { tally, data: { groups, days, undated }, answered };
}

function addDistribution(into: readonly number[] | undefined, from: readonly number[]): number[] {
  return from.map((count, score) => count + (into?.[score] ?? 0));
}

/** The first and last day answered over rows with scored answers; undefined when one of them does not say (counts made before the columns were). */
function answeredDays(rows: readonly CountRow[]): AnsweredDays | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const row of rows) {
    if (row.firstDay === undefined || row.lastDay === undefined) return undefined;
    first = Math.min(first, row.firstDay);
    last = Math.max(last, row.lastDay);
  }
  return rows.length === 0 ? undefined : { first, last };
}

/** The day after a counted period that starts on `day`; undefined when no period of `unit` that nps sql counts starts there. */
export function countedEnd(day: number, unit: CountPeriod): number | undefined {
  const date = new Date(day * DAY_MS);
  switch (unit) {
    case 'day':
      return day + 1;
    case 'week':
      return periodOf(day, 'week').start === day ? day + 7 : undefined;
    default: {
      // A quarter or a year may start in any month: nps sql --fiscal-start counts fiscal ones.
      if (date.getUTCDate() !== 1) return undefined;
      const months = unit === 'month' ? 1 : unit === 'quarter' ? 3 : 12;
      return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / DAY_MS;
    }
  }
}

/**
 * Where a counted period (of `unit`, from `day`) falls among the periods of a trend:
 * `same` when it is one of them, `inside` when it adds up into one, `across` when it
 * straddles two (a calendar quarter in quarters of a fiscal year starting in
 * February), `none` when it is no period nps sql counts.
 */
export function countedWithin(day: number, unit: CountPeriod, period: Period, fiscalStart: number): 'same' | 'inside' | 'across' | 'none' {
  const end = countedEnd(day, unit);
  if (end === undefined) return 'none';
  const span = periodOf(day, period, fiscalStart);
  if (end > span.end) return 'across';
  return span.start === day && span.end === end ? 'same' : 'inside';
}

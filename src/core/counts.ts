import { MAX_SCORE } from './categories.js';
import { GROUP_KEY_SEPARATOR } from './breakdown.js';
import type { Period } from './periods.js';
import { periodOf } from './periods.js';
import type { ScoreData } from './score.js';
import { emptyTally, mergeTallies, responsesIn, type Tally } from './tally.js';

/**
 * The sufficient statistics of `nps score`: what `nps sql` has a warehouse count, and
 * what `nps score --counts` reads back. Each row of counts belongs to one set: `all`
 * (every row of the table, one row), `by:COLUMNS` (one row per group of a `--by`,
 * its columns as given, joined by commas) or `period:UNIT` (one row per day, week,
 * month… named by its first day in `nps_day`; an empty day holds the answers with no
 * readable date). The statistics are the count of each answer 0-10, of blanks, of
 * rejected values, of duplicates (--dedupe) and of rows left out (--since, --until,
 * --where).
 */
export const COUNT_COLUMNS = {
  set: 'nps_set',
  day: 'nps_day',
  blank: 'nps_blank',
  rejected: 'nps_rejected',
  duplicates: 'nps_duplicates',
  excluded: 'nps_excluded',
} as const;

/** `nps_0` … `nps_10`: the count of each answer. */
export const SCORE_COLUMNS: readonly string[] = Array.from({ length: MAX_SCORE + 1 }, (_, score) => `nps_${score}`);

/** Every column of counts that is not a group's, in the order the query gives them (after the groups'). */
export const STATISTIC_COLUMNS: readonly string[] = [...SCORE_COLUMNS, COUNT_COLUMNS.blank, COUNT_COLUMNS.rejected, COUNT_COLUMNS.duplicates, COUNT_COLUMNS.excluded];

/** The granularities of `nps sql --period`: `score --period` adds days up to its own periods. */
export const COUNT_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type CountPeriod = (typeof COUNT_PERIODS)[number];

export const ALL_SET = 'all';
export const bySet = (columns: readonly string[]): string => `by:${columns.join(',')}`;
export const periodSet = (period: CountPeriod): string => `period:${period}`;

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
}

/** Tallies of counts, added up as `ScoreAccumulator` adds up responses. */
export interface CountsTotals {
  tally: Tally;
  data: ScoreData;
}

/** The counted periods a `score --period` can be made of, finest first; `--rolling` takes days only. */
export function usablePeriods(period: Period, rolling: boolean): readonly CountPeriod[] {
  return rolling ? ['day'] : NESTS_IN[period];
}

/**
 * Adds rows of counts into the overall tally, the groups of each breakdown and the
 * days of a trend, as reading the rows would have. A group or a day with no scored
 * answer is left out, as it never appears when rows are read. Returns a sentence
 * when a set the options need is not in the counts.
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
  return { tally, data: { groups, days, undated } };
}

function addDistribution(into: readonly number[] | undefined, from: readonly number[]): number[] {
  return from.map((count, score) => count + (into?.[score] ?? 0));
}

/** Whether a counted period's first day is where that period starts: a sign the counts were made as `nps sql` makes them. */
export function startsPeriod(day: number, period: CountPeriod): boolean {
  return period === 'day' || periodOf(day, period).start === day;
}

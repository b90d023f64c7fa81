import { countsByCategory, npsOf, percentagesOf, type Summary } from './summary.js';
import {
  compareCounts,
  interval,
  marginOfError,
  subtractCounts,
  type Counts,
  type Difference,
  type Interval,
  type IntervalMethod,
} from './stats.js';
import { emptyTally, mergeTallies, responsesIn, type Tally } from './tally.js';

export interface Precision {
  level: number;
  method: IntervalMethod;
}

/** Below this many responses a score moves by several points with each answer. */
export const FEW_RESPONSES = 30;
/** A margin wider than this hides most changes a team would act on. */
export const WIDE_MARGIN = 10;

const round = (value: number): number => Math.round(value);

/** Plain words for when a score is too uncertain to lean on. */
export function precisionWarnings(nps: number | null, responses: number, margin: number | undefined): string[] {
  if (nps === null) return [];
  const warnings: string[] = [];
  if (responses < FEW_RESPONSES) {
    warnings.push(`only ${responses} ${responses === 1 ? 'response' : 'responses'}: at least ${FEW_RESPONSES} are needed for a score to lean on`);
  }
  if (margin !== undefined && margin > WIDE_MARGIN) {
    const shown = round(margin);
    warnings.push(
      `NPS ${round(nps)} ± ${shown}: too few responses to compare with anything finer than ${shown} points`,
    );
  }
  return warnings;
}

export interface Scored {
  responses: number;
  counts: Counts;
  percentages: Summary['percentages'];
  nps: number | null;
  interval: Interval | undefined;
  marginOfError: number | undefined;
}

export function scored(tally: Tally, precision: Precision): Scored {
  const counts = countsByCategory(tally.distribution);
  const responses = responsesIn(tally);
  return {
    responses,
    counts,
    percentages: percentagesOf(counts, responses),
    nps: npsOf(counts),
    interval: interval(counts, precision.level, precision.method),
    marginOfError: marginOfError(counts, precision.level, precision.method),
  };
}

/** Joins a group's values into one key; the unit separator does not occur in survey text. */
export const GROUP_KEY_SEPARATOR = '\u001f';

/** Tallies per group, keyed by the group's values joined; the values are kept for display. */
export class GroupTallies {
  readonly groups = new Map<string, { values: string[]; tally: Tally }>();

  /** `id` identifies the group; `values` is called only the first time a group is seen. */
  tallyFor(id: string, values: () => string[]): Tally {
    let group = this.groups.get(id);
    if (group === undefined) {
      group = { values: values(), tally: emptyTally() };
      this.groups.set(id, group);
    }
    return group.tally;
  }
}

export interface GroupRow extends Scored {
  key: Record<string, string>;
  /** Fewer responses than the minimum asked for: shown, but not to be read closely. */
  small: boolean;
  /** This group against everyone else in the input. */
  versusRest: Difference | undefined;
}

/** One row per group, highest NPS first, each tested against the rest of the responses. */
export function breakdown(
  columns: readonly string[],
  groups: GroupTallies,
  overall: Counts,
  precision: Precision,
  minimum: number,
): GroupRow[] {
  const rows = [...groups.groups.values()].map(({ values, tally }): GroupRow => {
    const result = scored(tally, precision);
    return {
      key: Object.fromEntries(columns.map((column, index) => [column, values[index] ?? ''])),
      ...result,
      small: result.responses < minimum,
      versusRest: compareCounts(subtractCounts(overall, result.counts), result.counts, precision.level),
    };
  });
  return rows.sort((a, b) => (b.nps ?? -Infinity) - (a.nps ?? -Infinity));
}

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

const DAY_MS = 86_400_000;
const dayOfDate = (year: number, monthIndex: number, day: number): number => Date.UTC(year, monthIndex, day) / DAY_MS;

export function periodOf(day: number, period: Period): Span {
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
    case 'quarter': {
      const first = month - (month % 3);
      return { key: `${year}-Q${first / 3 + 1}`, start: dayOfDate(year, first, 1), end: dayOfDate(year, first + 3, 1) };
    }
    case 'year':
      return { key: String(year), start: dayOfDate(year, 0, 1), end: dayOfDate(year + 1, 0, 1) };
  }
}

export interface PeriodRow extends Scored {
  period: string;
  start: number;
  end: number;
  /** The change from the period before, tested; undefined for the first, and for rolling windows that overlap. */
  change: Difference | undefined;
}

/**
 * One row per period that has responses, oldest first. With `rollingDays`, each row
 * scores the window of that many days ending with its period instead of the period alone.
 */
export function trend(days: ReadonlyMap<number, Tally>, period: Period, precision: Precision, rollingDays?: number): PeriodRow[] {
  const spans = new Map<string, Span>();
  for (const day of days.keys()) {
    const span = periodOf(day, period);
    spans.set(span.key, span);
  }
  const ordered = [...spans.values()].sort((a, b) => a.start - b.start);
  const rows: PeriodRow[] = [];
  for (const span of ordered) {
    const from = rollingDays === undefined ? span.start : span.end - rollingDays;
    const tally = emptyTally();
    for (const [day, dayTally] of days) if (day >= from && day < span.end) mergeTallies(tally, dayTally);
    const result = scored(tally, precision);
    const previous = rows.at(-1);
    const overlapping = rollingDays !== undefined && previous !== undefined && from < previous.end;
    const change =
      previous === undefined || overlapping ? undefined : compareCounts(previous.counts, result.counts, precision.level);
    rows.push({ period: span.key, start: from, end: span.end, ...result, change });
  }
  return rows;
}

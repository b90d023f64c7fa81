import { countsByCategory, npsOf, percentagesOf, type Summary } from './summary.js';
import {
  adjustFamily,
  compareCounts,
  interval,
  marginOfError,
  subtractCounts,
  type Counts,
  type Difference,
  type Interval,
  type IntervalMethod,
} from './stats.js';
import { emptyTally, mergeTallies, type Tally } from './tally.js';
import type { ScoreWarning } from './warnings.js';

export interface Precision {
  level: number;
  method: IntervalMethod;
  /** Adjust several tests made at once for their number (Benjamini-Hochberg); off with --no-adjust. */
  adjust: boolean;
}

/** Below this many responses a score moves by several points with each answer. */
export const FEW_RESPONSES = 30;
/** A margin wider than this hides most changes a team would act on. */
export const WIDE_MARGIN = 10;

/** When a score is too uncertain to lean on, or its interval says less than it seems (src/output words each). */
export function precisionWarnings(result: Scored): ScoreWarning[] {
  const { nps, responses, marginOfError: margin, interval: range } = result;
  if (nps === null) return [];
  const warnings: ScoreWarning[] = [];
  if (range !== undefined && range.high - range.low < 1e-9) {
    warnings.push({ code: 'single-point-interval', method: range.method });
  } else if (range !== undefined && (nps < range.low || nps > range.high)) {
    warnings.push({ code: 'interval-misses-score', responses });
  }
  if (responses < FEW_RESPONSES) warnings.push({ code: 'few-responses', responses, minimum: FEW_RESPONSES });
  if (margin !== undefined && margin > WIDE_MARGIN) {
    // A change is measured between two samples, each with its own margin: about √2 times one margin.
    warnings.push({ code: 'wide-margin', nps, margin, change: Math.round(margin * Math.SQRT2) });
  }
  return warnings;
}

/** The highest answer of a shorter rating scale (1–5, 1–4…): a column of such answers is not the 0–10 question. */
const SHORT_SCALE_TOP = 5;

/**
 * When every answer is SHORT_SCALE_TOP or less, over enough answers that a real 0–10 question
 * would have some above it: a shorter rating (a 1–5 satisfaction score) read as NPS, which
 * makes every respondent a detractor. The score is still given, with this said.
 */
export function scaleWarnings(distribution: readonly number[]): ScoreWarning[] {
  const responses = distribution.reduce((sum, count) => sum + count, 0);
  const highest = distribution.reduce((top, count, score) => (count > 0 ? score : top), -1);
  if (responses < FEW_RESPONSES || highest > SHORT_SCALE_TOP) return [];
  return [{ code: 'short-scale', highest, responses }];
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
  return scoredCounts(countsByCategory(tally.distribution), precision);
}

export function scoredCounts(counts: Counts, precision: Precision): Scored {
  const responses = counts.promoters + counts.passives + counts.detractors;
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

  /** Adds another part's groups into these, so that tallies of parts of the input make the whole. */
  merge(other: GroupTallies): void {
    for (const [id, group] of other.groups) mergeTallies(this.tallyFor(id, () => [...group.values]), group.tally);
  }
}

export interface GroupRow extends Scored {
  key: Record<string, string>;
  /** Fewer responses than the minimum asked for: shown, but not to be read closely. */
  small: boolean;
  /** This group against everyone else in the input. */
  versusRest: Difference | undefined;
}

/** Two groups' values, column by column, by code unit: an order that does not depend on the locale. */
function compareKeys(a: Record<string, string>, b: Record<string, string>, columns: readonly string[]): number {
  for (const column of columns) {
    const [x, y] = [a[column] ?? '', b[column] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
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
  // Groups of equal NPS in the order of their values, not of the rows: the same table from counts made in a warehouse.
  const sorted = rows.sort((a, b) => (b.nps ?? -Infinity) - (a.nps ?? -Infinity) || compareKeys(a.key, b.key, columns));
  if (!precision.adjust) return sorted;
  // Every group against the rest is one family of tests: flagged by the adjusted p.
  const adjusted = adjustFamily(sorted.map((row) => row.versusRest), precision.level);
  return sorted.map((row, at) => ({ ...row, versusRest: adjusted[at] }));
}


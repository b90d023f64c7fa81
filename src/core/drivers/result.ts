import type { Scale } from '../rating-columns.js';
import type { DriversWarning } from '../warnings.js';

/** What key-driver analysis gives: each driver's share, interval, effect and performance, and what to fix first. */

export interface ShareInterval {
  low: number;
  high: number;
  level: number;
}

export interface Performance {
  /** The mean rating, on its own scale. */
  mean: number;
  scale: Scale;
  /** Percent of ratings at or below the bottom third of the scale; null when the column has too many distinct values. */
  low: number | null;
  /** The mean placed on its scale, 0 (all at the bottom) to 1 (all at the top): comparable across scales. */
  relative: number;
}

export interface LevelResult {
  level: string;
  responses: number;
  nps: number;
  meanScore: number;
  /** Points of the 0-10 answer above (or below) the base level, the other drivers held; 0 for the base. */
  coefficient: number;
  base: boolean;
}

export interface DriverResult {
  column: string;
  kind: 'rating' | 'categorical';
  /** Percent of the explained variance (R²) this driver carries; the shares add up to 100. */
  importance: number;
  /** The same share as a part of the whole variance of the 0-10 answer (adds up to R²). */
  r2Share: number;
  interval: ShareInterval | null;
  /** A rating's direction with the others held; null for a categorical driver (see its levels). */
  direction: 'positive' | 'negative' | null;
  /** A rating's effect: points of the 0-10 answer per point of the rating, the others held. */
  coefficient: number | null;
  /** A rating's correlation with the 0-10 answer, alone. */
  correlation: number | null;
  performance: Performance | null;
  fixFirst: boolean;
  levels?: LevelResult[];
}

export interface DriversResult {
  /** Complete responses the model is fitted on. */
  responses: number;
  /** Scored responses left out for a blank (or unreadable) driver. */
  leftOut: number;
  /** Per driver, in the order given: how many of its cells were blank, and how many held text that is no number. */
  missing: Array<{ column: string; blank: number; unreadable: number }>;
  /** NPS of the complete responses. */
  nps: number | null;
  r2: number;
  r2Interval: ShareInterval | null;
  /** Ordered by importance, largest first. */
  drivers: DriverResult[];
  /** Drivers left out of the model: the same in every complete response. */
  dropped: Array<{ column: string; reason: string }>;
  method: {
    shapley: 'exact' | 'sampled';
    /** Orders sampled (each with its reverse) when not exact. */
    permutations: number | null;
    /** Bootstrap replicates the intervals come from (0: none). */
    replicates: number;
    resampled: 'rows' | 'groups';
    level: number;
    seed: number;
  };
  warnings: DriversWarning[];
  /** How the ratings to fix first were chosen, or why none was. */
  fixFirstRule: FixFirstRule;
}

/**
 * How fix first was decided: by the bars (the usual case); when no rating passes both,
 * the one among the most important (at least the median share) with the most to gain
 * (share × room left on its scale), so that the rating carrying the score is never left
 * unflagged for sitting exactly at the median; or none, and why.
 */
export type FixFirstRule =
  | { kind: 'bars' }
  | { kind: 'most-to-gain'; column: string }
  | { kind: 'none'; why: 'no-ratings' | 'at-the-top' | 'no-lever' };

/** Below this many ratings a median splits nothing: the bars of fix first are fixed ones. */
const FEW_RATINGS = 3;

/** The bars a rating must pass to be fixed first: a share, and a performance (0..1 of its scale) to be under. */
export interface FixFirstBars {
  importance: number;
  performance: number;
  /** True for the fixed bars of one or two ratings, false for the medians. */
  few: boolean;
}

/** The bars of `markFixFirst`, for the ratings among `drivers`; undefined when there is none. The report's chart draws the same. */
export function fixFirstBars(drivers: readonly DriverResult[]): FixFirstBars | undefined {
  const ratings = drivers.filter((driver) => driver.performance !== null);
  if (ratings.length === 0) return undefined;
  const few = ratings.length < FEW_RATINGS;
  return {
    importance: few ? 100 / ratings.length : median(ratings.map((driver) => driver.importance)),
    performance: few ? 0.5 : median(ratings.map((driver) => driver.performance?.relative ?? 0)),
    few,
  };
}

/**
 * Fix first: ratings that matter more than most (above the median share) and do worse
 * than most (below the median performance); with one or two ratings, at least an equal
 * share of what the ratings explain and a mean below the middle of the rating's scale.
 */
export function markFixFirst(drivers: DriverResult[]): FixFirstRule {
  const bars = fixFirstBars(drivers);
  if (bars === undefined) return { kind: 'none', why: 'no-ratings' };
  for (const driver of drivers) {
    if (driver.performance === null) continue;
    // A rating whose rise goes with lower scores is no lever to pull.
    const important = bars.few ? driver.importance >= bars.importance : driver.importance > bars.importance;
    driver.fixFirst = driver.direction === 'positive' && important && driver.performance.relative < bars.performance;
  }
  if (drivers.some((driver) => driver.fixFirst)) return { kind: 'bars' };
  // Among the most important levers: at least the median share (or an equal share, with one or two ratings).
  const levers = drivers.filter((driver) => driver.performance !== null && driver.direction === 'positive' && driver.importance >= bars.importance);
  if (levers.length === 0) return { kind: 'none', why: 'no-lever' };
  const gain = (driver: DriverResult): number => driver.importance * (1 - (driver.performance?.relative ?? 1));
  const best = levers.reduce((top, driver) => (gain(driver) > gain(top) ? driver : top));
  if (gain(best) <= AT_THE_TOP) return { kind: 'none', why: 'at-the-top' };
  best.fixFirst = true;
  return { kind: 'most-to-gain', column: best.column };
}

/** Share × room left below which a rating is taken as rated at the top of its scale. */
const AT_THE_TOP = 1e-9;


function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

import { BOOTSTRAP_GROUPS, DEFAULTS, INTERCEPT, SCORE, type DriversOptions, type DriverSpec, type RatingStats, type Snapshot } from './accumulator.js';
import { analyse } from './analysis.js';
import type { DriversResult } from './result.js';

/**
 * Key-driver analysis from moments a warehouse counted (`nps sql --drivers`): n, the
 * sums and cross-products of the complete responses are all the Shapley shares of R²
 * need, so they are put where an accumulator keeps its own, and analysed by the same
 * code. The bootstrap intervals need the rows, so there are none; nor is the share of
 * low ratings known, which needs each rating's values one by one.
 */
export interface DriverMoments {
  name: string;
  sum: number;
  /** Σ x·y with the score. */
  withScore: number;
  /** Σ x·x' with each driver from this one on, in order. */
  withDrivers: number[];
  min: number;
  max: number;
  whole: boolean;
  blank: number;
  unreadable: number;
}

export interface Moments {
  n: number;
  promoters: number;
  detractors: number;
  leftOut: number;
  scoreSum: number;
  scoreSquares: number;
  drivers: DriverMoments[];
}

export function momentsSnapshot(moments: Moments): Snapshot {
  const k = moments.drivers.length;
  const dim = k + 2;
  let stride = 8;
  while (stride < dim) stride *= 2;
  // Everything in the first group: the others stay empty, as no row is spread among them.
  const sums = new Float64Array(BOOTSTRAP_GROUPS * stride * stride);
  const set = (i: number, j: number, value: number): void => {
    sums[Math.min(i, j) * stride + Math.max(i, j)] = value;
  };
  set(INTERCEPT, INTERCEPT, moments.n);
  set(INTERCEPT, SCORE, moments.scoreSum);
  set(SCORE, SCORE, moments.scoreSquares);
  moments.drivers.forEach((driver, at) => {
    const column = SCORE + 1 + at;
    set(INTERCEPT, column, driver.sum);
    set(SCORE, column, driver.withScore);
    driver.withDrivers.forEach((value, offset) => set(column, column + offset, value));
  });
  const specs: DriverSpec[] = moments.drivers.map((driver) => ({ kind: 'rating', name: driver.name }));
  const ratings: RatingStats[] = moments.drivers.map((driver) => ({
    small: new Float64Array(0),
    histogram: undefined,
    min: moments.n === 0 ? Number.POSITIVE_INFINITY : driver.min,
    max: moments.n === 0 ? Number.NEGATIVE_INFINITY : driver.max,
    wholeNumbers: driver.whole,
    // The warehouse's sums are of the ratings as written: unscaled (see scale.ts).
    exponent: 0,
    nonzero: moments.n > 0 && (driver.min !== 0 || driver.max !== 0),
  }));
  return {
    specs,
    dim,
    stride,
    sums,
    levels: specs.map(() => undefined),
    levelTallies: specs.map(() => undefined),
    ratings,
    ratingColumn: specs.map((_, at) => SCORE + 1 + at),
    complete: moments.n,
    nps: moments.n === 0 ? null : ((moments.promoters - moments.detractors) * 100) / moments.n,
    leftOut: moments.leftOut,
    blank: moments.drivers.map((driver) => driver.blank),
    unreadable: moments.drivers.map((driver) => driver.unreadable),
    rows: undefined,
  };
}

export function driversFromMoments(moments: Moments, options: DriversOptions = {}): DriversResult {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return analyse(momentsSnapshot(moments), { ...DEFAULTS, ...defined, moments: true });
}

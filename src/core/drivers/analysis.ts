import type { DriversWarning } from '../warnings.js';
import { lowThreshold, scaleOf } from '../rating-columns.js';
import { INTERCEPT, SCORE, type DriversOptions, type DriverSpec, type LevelTally, type Snapshot } from './accumulator.js';
import { bootstrap, percentileInterval, saturatedShare, type Draw } from './bootstrap.js';
import { centred, coefficients, correlations, sumGroups, type System } from './linear.js';
import { markFixFirst, type DriverResult, type DriversResult, type LevelResult, type Performance } from './result.js';
import { scaled } from './scale.js';
import { sampledOrders, shapleySteps } from './shapley.js';
import { completed, type Steps } from '../steps.js';
import { quote } from '../clip.js';

/**
 * From the sums an accumulator kept to the drivers' shares: which drivers enter the
 * model, the Shapley shares of R² with their bootstrap intervals, each rating's
 * performance, and the warnings a reader needs (as codes: src/output words them).
 */

/** Below this many replicates there is no interval at all. */
const MIN_REPLICATES = 20;
/** Below this many, intervals are said to be rough. */
const FEW_REPLICATES = 200;
const PER_DRIVER = 10;
const HIGH_CORRELATION = 0.8;
/** A rating this close to the score is likely the score itself, recoded. */
const DERIVED = 0.95;
/** A standardized effect, or a correlation, smaller than this has no direction worth a warning. */
const SIGN_EFFECT = 0.05;

/** One driver as it enters the model: its columns in the cross-product matrix. */
export interface ModelDriver {
  at: number;
  spec: DriverSpec;
  columns: number[];
  /** A categorical's base level, and its other levels in column order. */
  base?: string;
  levels?: string[];
}

/** The drivers that enter the model, and those left out for being the same in every complete response. */
function modelOf(snapshot: Snapshot): { model: ModelDriver[]; dropped: DriversResult['dropped']; warnings: DriversWarning[] } {
  const n = snapshot.complete;
  const dropped: DriversResult['dropped'] = [];
  const warnings: DriversWarning[] = [];
  const model: ModelDriver[] = [];
  const drop = (column: string, value: string): void => {
    dropped.push({ column, reason: `the same in every complete response (${value})` });
    warnings.push({ code: 'driver-constant', column, value });
  };
  snapshot.specs.forEach((spec, at) => {
    if (spec.kind === 'rating') {
      const stats = snapshot.ratings[at];
      if (n > 0 && stats !== undefined && stats.min === stats.max) drop(spec.name, String(stats.min));
      else model.push({ at, spec, columns: [snapshot.ratingColumn[at] ?? -1] });
      return;
    }
    const tallies = [...(snapshot.levelTallies[at] ?? new Map<string, LevelTally>())];
    // The most common level is the base the others are compared with; ties go to the first in code-point order.
    tallies.sort((a, b) => b[1].responses - a[1].responses || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const [base] = tallies;
    if (n > 0 && tallies.length < 2) {
      drop(spec.name, quote(base?.[0] ?? ''));
      return;
    }
    const others = tallies.slice(1).map(([level]) => level).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const levels = snapshot.levels[at];
    model.push({ at, spec, columns: others.map((level) => levels?.get(level) ?? -1), base: base?.[0] ?? '', levels: others });
  });
  return { model, dropped, warnings };
}

/** Why no model could be fitted: no complete response, too few for the drivers, or a score that never varies. */
function nothingToFit(n: number, p: number, columns: number): DriversWarning | undefined {
  if (n === 0) return { code: 'nothing-to-fit' };
  if (p > 0 && n < columns + 2) return { code: 'too-few-to-fit', responses: n, drivers: p };
  return p > 0 ? { code: 'score-constant' } : undefined;
}

/** The share of scored responses left out for a blank driver above which the reader is told what that means. */
export const INCOMPLETE_SHARE = 0.2;

/**
 * Many responses left out for one blank optional rating: the model describes only those
 * who rated everything, who may not be like the rest. Named with the driver most often
 * blank, the one whose leaving out would keep the most.
 */
function incompleteWarning(complete: number, leftOut: number, missing: DriversResult['missing']): DriversWarning | undefined {
  const scored = complete + leftOut;
  if (scored === 0 || leftOut / scored < INCOMPLETE_SHARE) return undefined;
  const most = missing.reduce<DriversResult['missing'][number] | undefined>((top, one) => (top === undefined || one.blank + one.unreadable > top.blank + top.unreadable ? one : top), undefined);
  return { code: 'drivers-incomplete', leftOut, scored, column: most?.column ?? '', blank: (most?.blank ?? 0) + (most?.unreadable ?? 0) };
}

export function analyse(snapshot: Snapshot, options: Required<DriversOptions>): DriversResult {
  return completed(analysisSteps(snapshot, options));
}

/** The analysis as steps that pause between fits: the subsets of the drivers, then the bootstrap's replicates. */
export function* analysisSteps(snapshot: Snapshot, options: Required<DriversOptions>): Steps<DriversResult> {
  const { model, dropped, warnings } = modelOf(snapshot);
  const total = sumGroups(snapshot);
  const n = snapshot.complete;
  const modelColumns = model.flatMap((driver) => driver.columns);
  const p = model.length;
  const exact = p <= options.exactUpTo;
  const orders = exact ? [] : sampledOrders(p, options.permutations, options.seed);
  const missing = snapshot.specs.map((spec, at) => ({ column: spec.name, blank: snapshot.blank[at] ?? 0, unreadable: snapshot.unreadable[at] ?? 0 }));
  const incomplete = incompleteWarning(n, snapshot.leftOut, missing);
  if (incomplete !== undefined) warnings.push(incomplete);
  const base = { responses: n, leftOut: snapshot.leftOut, missing, nps: snapshot.nps, dropped, warnings };
  const method = (replicates: number): DriversResult['method'] => ({
    shapley: exact ? 'exact' : 'sampled',
    permutations: exact ? null : orders.length,
    replicates,
    resampled: snapshot.rows !== undefined ? 'rows' : 'groups',
    level: options.level,
    seed: options.seed,
  });
  // A model needs more responses than columns, and a 0-10 answer that varies.
  if (p === 0 || n < modelColumns.length + 2 || centred(total, snapshot.dim, SCORE, SCORE) <= 0) {
    const why = nothingToFit(n, p, modelColumns.length);
    if (why !== undefined) warnings.push(why);
    return { ...base, r2: 0, r2Interval: null, drivers: [], method: method(0), fixFirstRule: { kind: 'none', why: 'no-ratings' } };
  }
  const needed = PER_DRIVER * snapshot.specs.length;
  if (n < needed) warnings.push({ code: 'few-per-driver', responses: n, drivers: snapshot.specs.length, needed, perDriver: PER_DRIVER });
  const system = correlations(total, snapshot.dim, modelColumns);
  warnings.push(...correlationWarnings(system, model, modelColumns));
  const collinear = new Set<number>();
  const point = yield* shapleySteps(system, model, modelColumns, exact, orders, collinear);
  const collinearWarning = describeCollinear(collinear, model);
  if (collinearWarning !== undefined) warnings.push(collinearWarning);
  if (options.moments) warnings.push({ code: 'moments-only', drivers: p });
  const draws = options.moments ? [] : yield* drawReplicates(snapshot, model, { columns: modelColumns, exact, orders, r2: point.r2 }, options, warnings);
  const drivers = driverResults(snapshot, model, modelColumns, { system, point, draws, total, level: options.level });
  warnings.push(...signWarnings(system, model, modelColumns, drivers));
  const fixFirstRule = markFixFirst(drivers);
  const ordered = [...drivers].sort((a, b) => b.importance - a.importance || (a.column < b.column ? -1 : 1));
  return {
    ...base,
    r2: point.r2,
    r2Interval: draws.length === 0 ? null : percentileInterval(draws.map((draw) => draw.r2), options.level),
    drivers: ordered,
    method: method(draws.length),
    fixFirstRule,
  };
}

/** The bootstrap replicates: the same drivers, orders and seed on resampled data, as many as the budget allows. */
function* drawReplicates(
  snapshot: Snapshot,
  model: readonly ModelDriver[],
  plan: { columns: readonly number[]; exact: boolean; orders: readonly number[][]; r2: number },
  options: Required<DriversOptions>,
  warnings: DriversWarning[],
): Steps<Draw[]> {
  const p = model.length;
  const perReplicate = plan.exact ? 2 ** p - 1 : plan.orders.length * Math.max(1, p - 1);
  const replicates = Math.min(options.replicates, Math.floor(options.budget / perReplicate));
  if (replicates < MIN_REPLICATES) {
    warnings.push({ code: 'no-bootstrap', drivers: p, replicates });
    return [];
  }
  // A model fitted exactly in more samples than the interval's upper tail holds: that tail, and so the interval, says nothing of the survey.
  const share = saturatedShare(snapshot, plan.columns, plan.r2, replicates, options.seed);
  if (share > (1 - options.level) / 2) {
    warnings.push({ code: 'few-to-resample', responses: snapshot.complete, columns: plan.columns.length, share });
    return [];
  }
  if (replicates < Math.min(FEW_REPLICATES, options.replicates)) warnings.push({ code: 'few-replicates', drivers: p, replicates });
  return yield* bootstrap(snapshot, model, plan.columns, plan.exact, plan.orders, replicates, options.seed);
}

interface Fitted {
  system: System;
  point: { r2: number; shares: number[] };
  draws: readonly Draw[];
  total: Float64Array;
  level: number;
}

/** Each driver's share, interval, effect and performance, in model order. */
function driverResults(snapshot: Snapshot, model: readonly ModelDriver[], modelColumns: readonly number[], fitted: Fitted): DriverResult[] {
  const { system, point, draws } = fitted;
  const fit = coefficients(system);
  return model.map((driver, index): DriverResult => {
    const phi = point.shares[index] ?? 0;
    const importance = point.r2 > 0 ? (phi * 100) / point.r2 : 0;
    const interval = draws.length === 0 ? null : percentileInterval(draws.map((draw) => draw.importance[index] ?? 0), fitted.level);
    const offset = modelColumns.indexOf(driver.columns[0] ?? -1);
    const shared = { column: driver.spec.name, importance, r2Share: phi, interval, fixFirst: false };
    if (driver.spec.kind === 'rating') {
      // Per point of the rating in its own units: the sums hold it divided by 2^exponent.
      const coefficient = scaled(fit.coefficients[offset] ?? 0, snapshot.ratings[driver.at]?.exponent ?? 0);
      return {
        ...shared,
        kind: 'rating',
        direction: coefficient >= 0 ? 'positive' : 'negative',
        coefficient,
        correlation: system.r[offset] ?? 0,
        performance: performanceOf(snapshot, driver.at, fitted.total),
      };
    }
    return {
      ...shared,
      kind: 'categorical',
      direction: null,
      coefficient: null,
      correlation: null,
      performance: null,
      levels: levelResults(snapshot, driver, fit.coefficients.slice(offset, offset + driver.columns.length)),
    };
  });
}

/** Ratings that follow the score almost exactly, and ratings whose effect with the others held turns against their effect alone. */
function signWarnings(system: System, model: readonly ModelDriver[], modelColumns: readonly number[], drivers: readonly DriverResult[]): DriversWarning[] {
  const warnings: DriversWarning[] = [];
  const fit = coefficients(system);
  model.forEach((driver) => {
    const correlation = system.r[modelColumns.indexOf(driver.columns[0] ?? -1)] ?? 0;
    if (driver.spec.kind === 'rating' && Math.abs(correlation) >= DERIVED) {
      warnings.push({ code: 'driver-follows-score', column: driver.spec.name, correlation });
    }
  });
  model.forEach((driver, index) => {
    // A clear effect one way with the others held, and a clear association the other way alone: a suppressor, worth a word.
    const offset = modelColumns.indexOf(driver.columns[0] ?? -1);
    const [beta, correlation] = [fit.standardized[offset] ?? 0, system.r[offset] ?? 0];
    if (driver.spec.kind !== 'rating' || beta * correlation >= 0 || Math.abs(beta) < SIGN_EFFECT || Math.abs(correlation) < SIGN_EFFECT) return;
    warnings.push({
      code: 'driver-overlaps',
      column: drivers[index]?.column ?? '',
      withOthers: beta < 0 ? 'lower' : 'higher',
      alone: correlation < 0 ? 'lower' : 'higher',
    });
  });
  return warnings;
}

function performanceOf(snapshot: Snapshot, at: number, total: Float64Array): Performance | null {
  const stats = snapshot.ratings[at];
  const column = snapshot.ratingColumn[at] ?? -1;
  const n = snapshot.complete;
  if (stats === undefined || n === 0) return null;
  const spec = snapshot.specs[at];
  const scale = (spec?.kind === 'rating' ? spec.scale : undefined) ?? scaleOf(stats.min, stats.max, stats.wholeNumbers);
  const mean = scaled((total[INTERCEPT * snapshot.dim + column] ?? 0) / n, -stats.exponent);
  const threshold = lowThreshold(scale) + 1e-9;
  let low: number | null = null;
  if (stats.histogram !== undefined) {
    let count = 0;
    stats.small.forEach((times, value) => {
      if (value <= threshold) count += times;
    });
    for (const [value, times] of stats.histogram) if (value <= threshold) count += times;
    low = (count * 100) / n;
  }
  const span = scale.max - scale.min;
  return { mean, scale, low, relative: span > 0 ? Math.min(1, Math.max(0, (mean - scale.min) / span)) : 0 };
}

function levelResults(snapshot: Snapshot, driver: ModelDriver, coefficients: readonly number[]): LevelResult[] {
  const tallies = snapshot.levelTallies[driver.at] ?? new Map<string, LevelTally>();
  const row = (level: string, coefficient: number, base: boolean): LevelResult => {
    const tally = tallies.get(level) ?? { responses: 0, promoters: 0, detractors: 0, scoreSum: 0 };
    const nps = tally.responses === 0 ? 0 : ((tally.promoters - tally.detractors) * 100) / tally.responses;
    return { level, responses: tally.responses, nps, meanScore: tally.responses === 0 ? 0 : tally.scoreSum / tally.responses, coefficient, base };
  };
  const others = (driver.levels ?? []).map((level, index) => row(level, coefficients[index] ?? 0, false));
  return [row(driver.base ?? '', 0, true), ...others.sort((a, b) => b.responses - a.responses || (a.level < b.level ? -1 : 1))];
}

/** A column of the model as a warning names it: the rating, or the segment and its level. */
function refOf(driver: ModelDriver, column: number): { column: string; level?: string } {
  if (driver.spec.kind !== 'categorical') return { column: driver.spec.name };
  return { column: driver.spec.name, level: driver.levels?.[driver.columns.indexOf(column)] ?? '' };
}

function correlationWarnings(system: System, model: readonly ModelDriver[], columns: readonly number[]): DriversWarning[] {
  const warnings: DriversWarning[] = [];
  const owner = columns.map((column) => model.findIndex((driver) => driver.columns.includes(column)));
  const said = new Set<string>();
  for (let i = 0; i < system.m; i += 1) {
    for (let j = i + 1; j < system.m; j += 1) {
      const value = system.c[i * system.m + j] ?? 0;
      const [a, b] = [model[owner[i] ?? -1], model[owner[j] ?? -1]];
      if (a === undefined || b === undefined || a === b || Math.abs(value) <= HIGH_CORRELATION) continue;
      const pair = `${a.at},${b.at}`;
      if (said.has(pair)) continue;
      said.add(pair);
      warnings.push({ code: 'drivers-correlated', first: refOf(a, columns[i] ?? -1), second: refOf(b, columns[j] ?? -1), correlation: value });
    }
  }
  return warnings;
}

function describeCollinear(masks: ReadonlySet<number>, model: readonly ModelDriver[]): DriversWarning | undefined {
  if (masks.size === 0) return undefined;
  // The smallest collinear sets name the culprits: any set containing one of them is collinear too.
  const minimal = [...masks].filter((mask) => ![...masks].some((other) => other !== mask && (other & mask) === other));
  const columns = model.filter((_, index) => minimal.some((mask) => (mask & (1 << index)) !== 0)).map((driver) => driver.spec.name);
  return { code: 'drivers-collinear', columns };
}

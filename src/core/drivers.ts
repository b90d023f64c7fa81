import { CholeskyDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import { EXIT, NpsError } from '../errors.js';
import { categoryOf } from './categories.js';
import { lowThreshold, scaleOf, type Scale } from './rating-columns.js';
import { seededRandom } from './sample.js';

/**
 * Key-driver analysis: how much of the variance of the 0-10 answer each other
 * question of the survey accounts for, by the Shapley decomposition of R² (LMG,
 * general dominance): a driver's share is its gain in R² when it joins a model,
 * averaged over every order the drivers could join in. The shares add up to the
 * model's R², whatever the drivers' overlap, which plain regression weights do not.
 *
 * Memory stays flat however many rows: each response is added to one of 1,024
 * groups, chosen by a hash of its line, and a group keeps only its cross-products
 * (X'X, X'y, y'y and n in one matrix). Any model on any subset of drivers comes
 * from those sums, and the bootstrap resamples whole groups: each group is a random
 * sample of the rows, so resampling groups varies the data as resampling rows does.
 * With few complete rows (2,048 or fewer) the rows themselves are kept and resampled.
 */

export type DriverSpec = { kind: 'rating'; name: string; scale?: Scale | undefined } | { kind: 'categorical'; name: string };

/** A driver's value in one response: a rating's number (NaN: a cell that is no number), a categorical's level, null when blank. */
export type DriverValue = number | string | null;

export interface DriversOptions {
  /** Confidence level of the bootstrap intervals. */
  level?: number;
  seed?: number;
  replicates?: number;
  /** Up to this many drivers the Shapley values are exact (every subset); beyond, from sampled orders. */
  exactUpTo?: number;
  /** Orders sampled beyond `exactUpTo` drivers, each with its reverse. */
  permutations?: number;
  /** Subset regressions the bootstrap may run in all: fewer replicates with many drivers. */
  budget?: number;
}

const DEFAULTS = { level: 0.95, seed: 1, replicates: 1000, exactUpTo: 12, permutations: 2000, budget: 300_000 } as const;

/** Groups of rows for the bootstrap: a power of two, for the hash. */
export const BOOTSTRAP_GROUPS = 1024;
/** Complete rows kept one by one for an ordinary row bootstrap. */
export const ROWS_KEPT = 2048;
/** Columns of the model: categorical levels beyond this are a mistaken column (an id, a comment). */
export const MAX_COLUMNS = 64;
/** Drivers in one analysis: subsets are numbered by bit masks, and past this no bootstrap would finish. */
export const MAX_DRIVERS = 30;
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
/** A pivot of the Cholesky factor of a correlation matrix below this: the columns are (almost) a combination of one another. */
const SINGULAR = 1e-9;
/** Distinct values of a rating counted one by one, for its share of low ratings. */
const MAX_HISTOGRAM = 4096;
/** Whole answers from 0 to this (less one) are counted in an array. */
const SMALL_VALUES = 101;

/** A driver that cannot be analysed as given: a categorical column with too many levels. */
export class DriversError extends NpsError {
  constructor(message: string) {
    // Something in the input (a column, its levels) the user can change: an input error wherever it surfaces.
    super(message, EXIT.input);
  }
}

/** Each column of the cross-product matrix: 0 is the intercept (n), 1 the score, then ratings, then levels as they appear. */
const INTERCEPT = 0;
const SCORE = 1;

interface LevelTally {
  responses: number;
  promoters: number;
  detractors: number;
  scoreSum: number;
}

interface RatingStats {
  /** Answers 0 to 100 by value, in complete responses: every rating scale, counted without a Map. */
  small: Float64Array;
  /** Other answers by value; undefined once there are too many distinct values. */
  histogram: Map<number, number> | undefined;
  min: number;
  max: number;
  wholeNumbers: boolean;
}

/** A complete row kept for the row bootstrap: its key, then (column, value) pairs. */
interface KeptRow {
  key: number;
  entries: number[];
}

/** What an accumulator holds, as it crosses between threads (structured clone keeps no class). */
export interface DriversData {
  dim: number;
  stride: number;
  sums: Float64Array;
  levels: Array<Array<[string, number]> | undefined>;
  levelTallies: Array<Array<[string, LevelTally]> | undefined>;
  ratings: Array<RatingStats | undefined>;
  complete: number;
  leftOut: number;
  blank: number[];
  unreadable: number[];
  rows: KeptRow[] | undefined;
  sequence: number;
  promoters: number;
  detractors: number;
}

/** 32-bit mix of a row's key (murmur3's finaliser): neighbouring lines land in unrelated groups. */
function groupOf(key: number): number {
  let h = (key >>> 0) ^ Math.imul(Math.floor(key / 4294967296) >>> 0, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) & (BOOTSTRAP_GROUPS - 1);
}

export class DriversAccumulator {
  private dim: number;
  private stride: number;
  private sums: Float64Array;
  /** Per categorical driver: its levels and their columns. */
  private readonly levels: Array<Map<string, number> | undefined>;
  private readonly levelTallies: Array<Map<string, LevelTally> | undefined>;
  private readonly ratings: Array<RatingStats | undefined>;
  /** Per rating driver: its column. */
  private readonly ratingColumn: number[];
  private complete = 0;
  private promoters = 0;
  private detractors = 0;
  private leftOut = 0;
  private readonly blank: number[];
  private readonly unreadable: number[];
  private rows: KeptRow[] | undefined = [];
  /** Rows added with no key are numbered in the order they come. */
  private sequence = 0;
  private readonly columnsOfRow: Int32Array;
  private readonly valuesOfRow: Float64Array;

  constructor(readonly specs: readonly DriverSpec[]) {
    if (specs.length > MAX_DRIVERS) throw new DriversError(`${specs.length} drivers are more than ${MAX_DRIVERS}: choose the ones that matter with --columns`);
    let next = SCORE + 1;
    this.ratingColumn = specs.map((spec) => (spec.kind === 'rating' ? next++ : -1));
    this.dim = next;
    this.stride = 8;
    while (this.stride < this.dim) this.stride *= 2;
    this.sums = new Float64Array(BOOTSTRAP_GROUPS * this.stride * this.stride);
    this.levels = specs.map((spec) => (spec.kind === 'categorical' ? new Map() : undefined));
    this.levelTallies = specs.map((spec) => (spec.kind === 'categorical' ? new Map() : undefined));
    this.ratings = specs.map((spec) =>
      spec.kind === 'rating'
        ? { small: new Float64Array(SMALL_VALUES), histogram: new Map(), min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, wholeNumbers: true }
        : undefined,
    );
    this.blank = specs.map(() => 0);
    this.unreadable = specs.map(() => 0);
    this.columnsOfRow = new Int32Array(specs.length + 2);
    this.valuesOfRow = new Float64Array(specs.length + 2);
  }

  /**
   * One scored response: its 0-10 answer and its drivers' values, in the order of
   * the specs. `key` (its line, unique in the input) chooses its bootstrap group, so
   * that the figures do not depend on the order rows arrive in, or on how a file is
   * cut for reading in parallel. A response with a blank driver is counted and left out.
   */
  add(score: number, values: readonly DriverValue[], key?: number): void {
    let missing = false;
    for (let at = 0; at < this.specs.length; at += 1) {
      const value = values[at] ?? null;
      if (value === null || value === '') {
        this.blank[at] = (this.blank[at] ?? 0) + 1;
        missing = true;
      } else if (this.ratingColumn[at] !== -1 && (typeof value !== 'number' || !Number.isFinite(value))) {
        this.unreadable[at] = (this.unreadable[at] ?? 0) + 1;
        missing = true;
      }
    }
    if (missing) {
      this.leftOut += 1;
      return;
    }
    const columns = this.columnsOfRow;
    const entries = this.valuesOfRow;
    columns[0] = INTERCEPT;
    entries[0] = 1;
    columns[1] = SCORE;
    entries[1] = score;
    for (let at = 0; at < this.specs.length; at += 1) {
      const value = values[at] as number | string;
      const column = this.ratingColumn[at] ?? -1;
      if (column !== -1) {
        columns[at + 2] = column;
        entries[at + 2] = value as number;
        this.countRating(at, value as number);
      } else {
        columns[at + 2] = this.levelColumn(at, String(value));
        entries[at + 2] = 1;
        this.countLevel(at, String(value), score);
      }
    }
    const width = this.specs.length + 2;
    const group = groupOf(key ?? this.sequence);
    this.sequence += 1;
    const stride = this.stride;
    const base = group * stride * stride;
    const sums = this.sums;
    for (let a = 0; a < width; a += 1) {
      const ca = columns[a] ?? 0;
      const va = entries[a] ?? 0;
      for (let b = a; b < width; b += 1) {
        const cb = columns[b] ?? 0;
        const at = ca <= cb ? base + ca * stride + cb : base + cb * stride + ca;
        sums[at] = (sums[at] ?? 0) + va * (entries[b] ?? 0);
      }
    }
    this.complete += 1;
    const category = categoryOf(score);
    if (category === 'promoters') this.promoters += 1;
    else if (category === 'detractors') this.detractors += 1;
    if (this.rows !== undefined) {
      if (this.complete > ROWS_KEPT) {
        this.rows = undefined;
      } else {
        const kept: number[] = [];
        for (let a = 0; a < width; a += 1) kept.push(columns[a] ?? 0, entries[a] ?? 0);
        this.rows.push({ key: key ?? this.sequence - 1, entries: kept });
      }
    }
  }

  private countRating(at: number, value: number): void {
    const stats = this.ratings[at];
    if (stats === undefined) return;
    if (value < stats.min) stats.min = value;
    if (value > stats.max) stats.max = value;
    if (Number.isInteger(value)) {
      if (value >= 0 && value < SMALL_VALUES) {
        stats.small[value] = (stats.small[value] ?? 0) + 1;
        return;
      }
    } else stats.wholeNumbers = false;
    const histogram = stats.histogram;
    if (histogram === undefined) return;
    histogram.set(value, (histogram.get(value) ?? 0) + 1);
    if (histogram.size > MAX_HISTOGRAM) stats.histogram = undefined;
  }

  private countLevel(at: number, level: string, score: number): void {
    const tallies = this.levelTallies[at];
    if (tallies === undefined) return;
    let tally = tallies.get(level);
    if (tally === undefined) {
      tally = { responses: 0, promoters: 0, detractors: 0, scoreSum: 0 };
      tallies.set(level, tally);
    }
    tally.responses += 1;
    tally.scoreSum += score;
    const category = categoryOf(score);
    if (category === 'promoters') tally.promoters += 1;
    else if (category === 'detractors') tally.detractors += 1;
  }

  /** The column of a categorical level, made when the level is first seen. */
  private levelColumn(at: number, level: string): number {
    const levels = this.levels[at];
    if (levels === undefined) throw new Error('a rating has no levels');
    const known = levels.get(level);
    if (known !== undefined) return known;
    if (this.dim >= MAX_COLUMNS) {
      // The limit is on all groups together: name every segment, largest first, not only the one that reached it.
      const segments = this.specs
        .map((spec, index) => ({ name: spec.name, levels: this.levels[index]?.size ?? 0, kind: spec.kind }))
        .filter((entry) => entry.kind === 'categorical')
        .sort((a, b) => b.levels - a.levels)
        .map((entry) => `${JSON.stringify(entry.name)} (${entry.levels}${entry.name === this.specs[at]?.name ? '+' : ''})`);
      throw new DriversError(
        `${segments.length === 1 ? 'the segment' : 'the segments'} ${segments.join(', ')} ${segments.length === 1 ? 'has' : 'have'} more different values than a model can hold: ` +
          'a segment driver needs a handful of groups (a plan, a region), not an id or a comment',
      );
    }
    if (this.dim >= this.stride) this.widen(this.stride * 2);
    const column = this.dim;
    this.dim += 1;
    levels.set(level, column);
    return column;
  }

  private widen(stride: number): void {
    const old = this.stride;
    const sums = new Float64Array(BOOTSTRAP_GROUPS * stride * stride);
    for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) {
      for (let i = 0; i < this.dim; i += 1) {
        for (let j = i; j < this.dim; j += 1) sums[group * stride * stride + i * stride + j] = this.sums[group * old * old + i * old + j] ?? 0;
      }
    }
    this.sums = sums;
    this.stride = stride;
  }

  /** Adds what another accumulator of the same drivers found: the same as one pass over both inputs. */
  merge(other: DriversAccumulator): this {
    // The other's level columns, as columns of this one (levels it saw first are added here).
    const map = new Int32Array(other.dim);
    for (let column = 0; column < SCORE + 1; column += 1) map[column] = column;
    other.ratingColumn.forEach((column, at) => {
      if (column !== -1) map[column] = this.ratingColumn[at] ?? -1;
    });
    other.levels.forEach((levels, at) => {
      for (const [level, column] of levels ?? []) map[column] = this.levelColumn(at, level);
    });
    const [stride, otherStride] = [this.stride, other.stride];
    for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) {
      for (let i = 0; i < other.dim; i += 1) {
        for (let j = i; j < other.dim; j += 1) {
          const value = other.sums[group * otherStride * otherStride + i * otherStride + j] ?? 0;
          if (value === 0) continue;
          const [a, b] = [map[i] ?? 0, map[j] ?? 0];
          const at = group * stride * stride + Math.min(a, b) * stride + Math.max(a, b);
          this.sums[at] = (this.sums[at] ?? 0) + value;
        }
      }
    }
    other.ratings.forEach((stats, at) => {
      const into = this.ratings[at];
      if (stats === undefined || into === undefined) return;
      into.min = Math.min(into.min, stats.min);
      into.max = Math.max(into.max, stats.max);
      into.wholeNumbers &&= stats.wholeNumbers;
      stats.small.forEach((count, value) => (into.small[value] = (into.small[value] ?? 0) + count));
      if (into.histogram === undefined || stats.histogram === undefined) {
        into.histogram = undefined;
        return;
      }
      for (const [value, count] of stats.histogram) into.histogram.set(value, (into.histogram.get(value) ?? 0) + count);
      if (into.histogram.size > MAX_HISTOGRAM) into.histogram = undefined;
    });
    other.levelTallies.forEach((tallies, at) => {
      const into = this.levelTallies[at];
      for (const [level, tally] of tallies ?? []) {
        const mine = into?.get(level);
        if (mine === undefined) into?.set(level, { ...tally });
        else {
          mine.responses += tally.responses;
          mine.promoters += tally.promoters;
          mine.detractors += tally.detractors;
          mine.scoreSum += tally.scoreSum;
        }
      }
    });
    other.blank.forEach((count, at) => (this.blank[at] = (this.blank[at] ?? 0) + count));
    other.unreadable.forEach((count, at) => (this.unreadable[at] = (this.unreadable[at] ?? 0) + count));
    this.leftOut += other.leftOut;
    this.complete += other.complete;
    this.promoters += other.promoters;
    this.detractors += other.detractors;
    this.sequence += other.sequence;
    if (this.rows === undefined || other.rows === undefined || this.complete > ROWS_KEPT) {
      this.rows = undefined;
    } else {
      for (const row of other.rows) {
        const entries = row.entries.map((value, index) => (index % 2 === 0 ? (map[value] ?? 0) : value));
        this.rows.push({ key: row.key, entries });
      }
    }
    return this;
  }

  toData(): DriversData {
    return {
      dim: this.dim,
      stride: this.stride,
      sums: this.sums,
      levels: this.levels.map((levels) => (levels === undefined ? undefined : [...levels])),
      levelTallies: this.levelTallies.map((tallies) => (tallies === undefined ? undefined : [...tallies])),
      ratings: this.ratings,
      complete: this.complete,
      leftOut: this.leftOut,
      blank: this.blank,
      unreadable: this.unreadable,
      rows: this.rows,
      sequence: this.sequence,
      promoters: this.promoters,
      detractors: this.detractors,
    };
  }

  static fromData(specs: readonly DriverSpec[], data: DriversData): DriversAccumulator {
    const acc = new DriversAccumulator(specs);
    acc.dim = data.dim;
    acc.stride = data.stride;
    acc.sums = data.sums;
    data.levels.forEach((levels, at) => {
      for (const [level, column] of levels ?? []) acc.levels[at]?.set(level, column);
    });
    data.levelTallies.forEach((tallies, at) => {
      for (const [level, tally] of tallies ?? []) acc.levelTallies[at]?.set(level, tally);
    });
    data.ratings.forEach((stats, at) => {
      if (stats !== undefined) acc.ratings[at] = stats;
    });
    acc.complete = data.complete;
    acc.leftOut = data.leftOut;
    data.blank.forEach((count, at) => (acc.blank[at] = count));
    data.unreadable.forEach((count, at) => (acc.unreadable[at] = count));
    acc.rows = data.rows;
    acc.sequence = data.sequence;
    acc.promoters = data.promoters;
    acc.detractors = data.detractors;
    return acc;
  }

  /** Complete responses so far: the ones a model is fitted on. */
  get completeResponses(): number {
    return this.complete;
  }

  result(options: DriversOptions = {}): DriversResult {
    return analyse(this.snapshot(), { ...DEFAULTS, ...withoutUndefined(options) });
  }

  private snapshot(): Snapshot {
    return {
      specs: this.specs,
      dim: this.dim,
      stride: this.stride,
      sums: this.sums,
      levels: this.levels,
      levelTallies: this.levelTallies,
      ratings: this.ratings,
      ratingColumn: this.ratingColumn,
      complete: this.complete,
      nps: this.complete === 0 ? null : ((this.promoters - this.detractors) * 100) / this.complete,
      leftOut: this.leftOut,
      blank: this.blank,
      unreadable: this.unreadable,
      rows: this.rows,
    };
  }
}

function withoutUndefined(options: DriversOptions): Partial<Required<DriversOptions>> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

interface Snapshot {
  specs: readonly DriverSpec[];
  dim: number;
  stride: number;
  sums: Float64Array;
  levels: ReadonlyArray<ReadonlyMap<string, number> | undefined>;
  levelTallies: ReadonlyArray<ReadonlyMap<string, LevelTally> | undefined>;
  ratings: ReadonlyArray<RatingStats | undefined>;
  ratingColumn: readonly number[];
  complete: number;
  nps: number | null;
  leftOut: number;
  blank: readonly number[];
  unreadable: readonly number[];
  rows: readonly KeptRow[] | undefined;
}

// ---------------------------------------------------------------------------
// The result

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
  warnings: string[];
}

/** One driver as it enters the model: its columns in the cross-product matrix. */
interface ModelDriver {
  at: number;
  spec: DriverSpec;
  columns: number[];
  /** A categorical's base level, and its other levels in column order. */
  base?: string;
  levels?: string[];
}

function analyse(snapshot: Snapshot, options: Required<DriversOptions>): DriversResult {
  const { specs } = snapshot;
  const warnings: string[] = [];
  const total = sumGroups(snapshot, undefined);
  const n = snapshot.complete;
  const dropped: DriversResult['dropped'] = [];
  const model: ModelDriver[] = [];
  specs.forEach((spec, at) => {
    if (spec.kind === 'rating') {
      const column = snapshot.ratingColumn[at] ?? -1;
      const stats = snapshot.ratings[at];
      if (n > 0 && stats !== undefined && stats.min === stats.max) {
        dropped.push({ column: spec.name, reason: `the same in every complete response (${stats.min})` });
      } else model.push({ at, spec, columns: [column] });
      return;
    }
    const tallies = [...(snapshot.levelTallies[at] ?? new Map<string, LevelTally>())];
    // The most common level is the base the others are compared with; ties go to the first in code-point order.
    tallies.sort((a, b) => b[1].responses - a[1].responses || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const [base] = tallies;
    if (n > 0 && tallies.length < 2) {
      dropped.push({ column: spec.name, reason: `the same in every complete response (${JSON.stringify(base?.[0] ?? '')})` });
      return;
    }
    const others = tallies.slice(1).map(([level]) => level).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const levels = snapshot.levels[at];
    model.push({ at, spec, columns: others.map((level) => levels?.get(level) ?? -1), base: base?.[0] ?? '', levels: others });
  });
  for (const { column, reason } of dropped) warnings.push(`${JSON.stringify(column)} is ${reason}: dropped, share 0`);
  const modelColumns = model.flatMap((driver) => driver.columns);
  const p = model.length;
  const exact = p <= options.exactUpTo;
  const permutations = exact ? [] : sampledOrders(p, options.permutations, options.seed);
  const missing = specs.map((spec, at) => ({ column: spec.name, blank: snapshot.blank[at] ?? 0, unreadable: snapshot.unreadable[at] ?? 0 }));
  const base: Omit<DriversResult, 'r2' | 'r2Interval' | 'drivers' | 'method'> = {
    responses: n,
    leftOut: snapshot.leftOut,
    missing,
    nps: snapshot.nps,
    dropped,
    warnings,
  };
  const method = (replicates: number): DriversResult['method'] => ({
    shapley: exact ? 'exact' : 'sampled',
    permutations: exact ? null : permutations.length,
    replicates,
    resampled: snapshot.rows !== undefined ? 'rows' : 'groups',
    level: options.level,
    seed: options.seed,
  });
  // A model needs more responses than columns, and a 0-10 answer that varies.
  if (p === 0 || n < modelColumns.length + 2 || centred(total, snapshot.dim, SCORE, SCORE) <= 0) {
    if (n === 0) warnings.push('no scored response has every driver answered: there is nothing to fit');
    else if (p > 0 && n < modelColumns.length + 2) warnings.push(`${n} complete ${n === 1 ? 'response is' : 'responses are'} too few to fit ${p} ${p === 1 ? 'driver' : 'drivers'}`);
    else if (p > 0) warnings.push('every complete response gives the same score: there is nothing to explain');
    return { ...base, r2: 0, r2Interval: null, drivers: [], method: method(0) };
  }
  if (n < PER_DRIVER * specs.length) {
    warnings.push(
      `only ${n.toLocaleString('en-US')} complete responses for ${specs.length} ${specs.length === 1 ? 'driver' : 'drivers'}: at least ${PER_DRIVER * specs.length} (${PER_DRIVER} per driver) are needed for shares to lean on`,
    );
  }
  const system = correlations(total, snapshot.dim, modelColumns);
  warnings.push(...correlationWarnings(system, model, modelColumns));
  const collinear = new Set<number>();
  const point = shapley(system, model, modelColumns, exact, permutations, collinear);
  const collinearWarning = describeCollinear(collinear, model);
  if (collinearWarning !== undefined) warnings.push(collinearWarning);
  const fit = coefficients(system);
  // The bootstrap: the same drivers, orders and seed on resampled data.
  const perReplicate = exact ? 2 ** p - 1 : permutations.length * Math.max(1, p - 1);
  const replicates = Math.min(options.replicates, Math.floor(options.budget / perReplicate));
  const draws = replicates >= MIN_REPLICATES ? bootstrap(snapshot, model, modelColumns, exact, permutations, replicates, options.seed) : [];
  if (replicates < MIN_REPLICATES) {
    warnings.push(`no interval: with ${p} drivers the bootstrap would take too long (${replicates} replicates at most)`);
  } else if (replicates < Math.min(FEW_REPLICATES, options.replicates)) {
    warnings.push(`intervals from only ${replicates} bootstrap replicates (${p} drivers): read them as rough`);
  }
  const drivers = model.map((driver, index): DriverResult => {
    const phi = point.shares[index] ?? 0;
    const importance = point.r2 > 0 ? (phi * 100) / point.r2 : 0;
    const interval = draws.length === 0 ? null : percentileInterval(draws.map((draw) => draw.importance[index] ?? 0), options.level);
    const offset = modelColumns.indexOf(driver.columns[0] ?? -1);
    if (driver.spec.kind === 'rating') {
      const coefficient = fit.coefficients[offset] ?? 0;
      const correlation = system.r[offset] ?? 0;
      return {
        column: driver.spec.name,
        kind: 'rating',
        importance,
        r2Share: phi,
        interval,
        direction: coefficient >= 0 ? 'positive' : 'negative',
        coefficient,
        correlation,
        performance: performanceOf(snapshot, driver.at, total),
        fixFirst: false,
      };
    }
    return {
      column: driver.spec.name,
      kind: 'categorical',
      importance,
      r2Share: phi,
      interval,
      direction: null,
      coefficient: null,
      correlation: null,
      performance: null,
      fixFirst: false,
      levels: levelResults(snapshot, driver, fit.coefficients.slice(offset, offset + driver.columns.length)),
    };
  });
  model.forEach((driver) => {
    const correlation = system.r[modelColumns.indexOf(driver.columns[0] ?? -1)] ?? 0;
    if (driver.spec.kind === 'rating' && Math.abs(correlation) >= DERIVED) {
      warnings.push(
        `${JSON.stringify(driver.spec.name)} follows the score almost exactly (r = ${correlation.toFixed(2)}): if it is computed from it ` +
          '(an NPS group, the score recoded), leave it out with --columns',
      );
    }
  });
  model.forEach((driver, index) => {
    // A clear effect one way with the others held, and a clear association the other way alone: a suppressor, worth a word.
    const offset = modelColumns.indexOf(driver.columns[0] ?? -1);
    const [beta, correlation] = [fit.standardized[offset] ?? 0, system.r[offset] ?? 0];
    if (driver.spec.kind !== 'rating' || beta * correlation >= 0 || Math.abs(beta) < SIGN_EFFECT || Math.abs(correlation) < SIGN_EFFECT) return;
    warnings.push(
      `${JSON.stringify(drivers[index]?.column ?? '')}: with the other drivers held, higher ratings go with ${beta < 0 ? 'lower' : 'higher'} scores, ` +
        `though alone they go with ${correlation < 0 ? 'lower' : 'higher'} ones: it overlaps with other drivers`,
    );
  });
  markFixFirst(drivers);
  const ordered = [...drivers].sort((a, b) => b.importance - a.importance || (a.column < b.column ? -1 : 1));
  return {
    ...base,
    r2: point.r2,
    r2Interval: draws.length === 0 ? null : percentileInterval(draws.map((draw) => draw.r2), options.level),
    drivers: ordered,
    method: method(draws.length),
  };
}

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
function markFixFirst(drivers: DriverResult[]): void {
  const bars = fixFirstBars(drivers);
  if (bars === undefined) return;
  for (const driver of drivers) {
    if (driver.performance === null) continue;
    // A rating whose rise goes with lower scores is no lever to pull.
    const important = bars.few ? driver.importance >= bars.importance : driver.importance > bars.importance;
    driver.fixFirst = driver.direction === 'positive' && important && driver.performance.relative < bars.performance;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function performanceOf(snapshot: Snapshot, at: number, total: Float64Array): Performance | null {
  const stats = snapshot.ratings[at];
  const column = snapshot.ratingColumn[at] ?? -1;
  const n = snapshot.complete;
  if (stats === undefined || n === 0) return null;
  const spec = snapshot.specs[at];
  const scale = (spec?.kind === 'rating' ? spec.scale : undefined) ?? scaleOf(stats.min, stats.max, stats.wholeNumbers);
  const mean = (total[INTERCEPT * snapshot.dim + column] ?? 0) / n;
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

// ---------------------------------------------------------------------------
// Cross-products to correlations to R²

/** The sums of every group, weighted (a bootstrap replicate's multiplicities), as one dim × dim upper triangle. */
function sumGroups(snapshot: Snapshot, weights: Int32Array | undefined): Float64Array {
  const { dim, stride, sums } = snapshot;
  const total = new Float64Array(dim * dim);
  for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) {
    const weight = weights === undefined ? 1 : (weights[group] ?? 0);
    if (weight === 0) continue;
    const base = group * stride * stride;
    for (let i = 0; i < dim; i += 1) {
      for (let j = i; j < dim; j += 1) total[i * dim + j] = (total[i * dim + j] ?? 0) + weight * (sums[base + i * stride + j] ?? 0);
    }
  }
  return total;
}

/** Kept rows, weighted by how often a replicate drew each: the same triangle as `sumGroups`. */
function sumRows(rows: readonly KeptRow[], weights: Int32Array, dim: number): Float64Array {
  const total = new Float64Array(dim * dim);
  rows.forEach((row, index) => {
    const weight = weights[index] ?? 0;
    if (weight === 0) return;
    const { entries } = row;
    for (let a = 0; a < entries.length; a += 2) {
      for (let b = a; b < entries.length; b += 2) {
        const [i, j] = [entries[a] ?? 0, entries[b] ?? 0];
        const at = i <= j ? i * dim + j : j * dim + i;
        total[at] = (total[at] ?? 0) + weight * (entries[a + 1] ?? 0) * (entries[b + 1] ?? 0);
      }
    }
  });
  return total;
}

/** Cross-product of columns i and j about their means (from the raw sums of an upper triangle). */
function centred(total: Float64Array, dim: number, i: number, j: number): number {
  const at = (a: number, b: number): number => total[a <= b ? a * dim + b : b * dim + a] ?? 0;
  const n = at(INTERCEPT, INTERCEPT);
  if (n === 0) return 0;
  return at(i, j) - (at(INTERCEPT, i) * at(INTERCEPT, j)) / n;
}

/** The model's columns as a correlation matrix, their correlations with the score, and their spreads. */
interface System {
  /** m × m, row-major. */
  c: Float64Array;
  r: Float64Array;
  m: number;
  /** Centred sums of squares, for coefficients in the columns' own units. */
  spread: Float64Array;
  scoreSpread: number;
}

function correlations(total: Float64Array, dim: number, columns: readonly number[]): System {
  const m = columns.length;
  const spread = new Float64Array(m);
  columns.forEach((column, index) => (spread[index] = centred(total, dim, column, column)));
  const scoreSpread = centred(total, dim, SCORE, SCORE);
  const n = total[0] ?? 0;
  // A column with (almost) no spread in this sample (a level no resampled row has) carries nothing: it is made a column of its own.
  const dead = (index: number): boolean => !((spread[index] ?? 0) > 1e-12 * Math.max(1, n));
  const c = new Float64Array(m * m);
  const r = new Float64Array(m);
  for (let i = 0; i < m; i += 1) {
    c[i * m + i] = 1;
    if (dead(i)) continue;
    r[i] = scoreSpread > 0 ? centred(total, dim, columns[i] ?? 0, SCORE) / Math.sqrt((spread[i] ?? 0) * scoreSpread) : 0;
    for (let j = i + 1; j < m; j += 1) {
      if (dead(j)) continue;
      const value = centred(total, dim, columns[i] ?? 0, columns[j] ?? 0) / Math.sqrt((spread[i] ?? 0) * (spread[j] ?? 0));
      c[i * m + j] = value;
      c[j * m + i] = value;
    }
  }
  return { c, r, m, spread, scoreSpread };
}

/** R² of the model on some of the columns (their offsets in the system), and whether they were collinear. */
function r2Of(system: System, offsets: readonly number[]): { r2: number; singular: boolean } {
  const k = offsets.length;
  if (k === 0) return { r2: 0, singular: false };
  const solved = solveSystem(system, offsets);
  let r2 = 0;
  offsets.forEach((offset, index) => (r2 += (system.r[offset] ?? 0) * (solved.x[index] ?? 0)));
  return { r2: Math.min(1, Math.max(0, r2)), singular: solved.singular };
}

/**
 * Solves C_TT x = r_T by Cholesky; when the columns are (almost) collinear, by the
 * pseudo-inverse, which gives the least-squares fit on the space they span.
 */
function solveSystem(system: System, offsets: readonly number[]): { x: number[]; singular: boolean } {
  const k = offsets.length;
  const matrix = new Matrix(k, k);
  const vector = new Matrix(k, 1);
  offsets.forEach((row, i) => {
    vector.set(i, 0, system.r[row] ?? 0);
    offsets.forEach((column, j) => matrix.set(i, j, system.c[row * system.m + column] ?? 0));
  });
  const cholesky = new CholeskyDecomposition(matrix);
  if (cholesky.isPositiveDefinite()) {
    const lower = cholesky.lowerTriangularMatrix;
    let wellPosed = true;
    for (let i = 0; i < k; i += 1) if (!(lower.get(i, i) ** 2 > SINGULAR)) wellPosed = false;
    if (wellPosed) return { x: cholesky.solve(vector).getColumn(0), singular: false };
  }
  return { x: pseudoInverse(matrix).mmul(vector).getColumn(0), singular: true };
}

/** Coefficients of the full model in each column's own units: points of the 0-10 answer per unit. */
function coefficients(system: System): { coefficients: number[]; standardized: number[] } {
  const offsets = Array.from({ length: system.m }, (_, index) => index);
  const { x } = solveSystem(system, offsets);
  return {
    standardized: x,
    coefficients: x.map((beta, index) => {
      const spread = system.spread[index] ?? 0;
      return spread > 0 ? beta * Math.sqrt(system.scoreSpread / spread) : 0;
    }),
  };
}

function correlationWarnings(system: System, model: readonly ModelDriver[], columns: readonly number[]): string[] {
  const warnings: string[] = [];
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
      const what = (driver: ModelDriver, column: number): string =>
        driver.spec.kind === 'categorical' ? `${JSON.stringify(driver.spec.name)} = ${JSON.stringify(driver.levels?.[driver.columns.indexOf(column)] ?? '')}` : JSON.stringify(driver.spec.name);
      warnings.push(
        `${what(a, columns[i] ?? -1)} and ${what(b, columns[j] ?? -1)} correlate at ${value.toFixed(2)}: ` +
          'the share they carry together is split between them, and each alone may matter more than its share says',
      );
    }
  }
  return warnings;
}

function describeCollinear(masks: ReadonlySet<number>, model: readonly ModelDriver[]): string | undefined {
  if (masks.size === 0) return undefined;
  // The smallest collinear sets name the culprits: any set containing one of them is collinear too.
  const minimal = [...masks].filter((mask) => ![...masks].some((other) => other !== mask && (other & mask) === other));
  const drivers = model.filter((_, index) => minimal.some((mask) => (mask & (1 << index)) !== 0)).map((driver) => JSON.stringify(driver.spec.name));
  const listed = drivers.length <= 1 ? drivers.join('') : `${drivers.slice(0, -1).join(', ')} and ${drivers[drivers.length - 1] ?? ''}`;
  return `${listed} are collinear (one is a combination of the others): their shares come from a pseudo-inverse and are not to be told apart`;
}

// ---------------------------------------------------------------------------
// Shapley values of R²

/** `count` orders of `p` drivers for sampled Shapley values: half random, each followed by its reverse, which cancels much of the noise. */
function sampledOrders(p: number, count: number, seed: number): number[][] {
  const random = seededRandom(seed ^ 0x5bd1e995);
  const orders: number[][] = [];
  const pairs = Math.max(1, Math.round(count / 2));
  for (let pair = 0; pair < pairs; pair += 1) {
    const order = Array.from({ length: p }, (_, index) => index);
    for (let i = p - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    orders.push(order, [...order].reverse());
  }
  return orders;
}

interface Shares {
  r2: number;
  /** Each driver's part of R², in model order. */
  shares: number[];
}

function shapley(
  system: System,
  model: readonly ModelDriver[],
  columns: readonly number[],
  exact: boolean,
  orders: readonly number[][],
  collinear: Set<number> | undefined,
): Shares {
  const p = model.length;
  const offsetsOf = model.map((driver) => driver.columns.map((column) => columns.indexOf(column)));
  const cache = new Map<number, number>([[0, 0]]);
  const r2 = (mask: number): number => {
    const known = cache.get(mask);
    if (known !== undefined) return known;
    const offsets: number[] = [];
    for (let index = 0; index < p; index += 1) if ((mask & (1 << index)) !== 0) offsets.push(...(offsetsOf[index] ?? []));
    const fit = r2Of(system, offsets);
    if (fit.singular) collinear?.add(mask);
    cache.set(mask, fit.r2);
    return fit.r2;
  };
  const shares = new Array<number>(p).fill(0);
  const full = (1 << p) - 1;
  if (exact) {
    // weight(s) = s! (p - s - 1)! / p!: the chance that exactly the s drivers of a subset come before a driver.
    const weight = [1 / p];
    for (let s = 1; s < p; s += 1) weight.push(((weight[s - 1] ?? 0) * s) / (p - s));
    for (let mask = 0; mask <= full; mask += 1) {
      const size = popcount(mask);
      const before = r2(mask);
      for (let index = 0; index < p; index += 1) {
        const bit = 1 << index;
        if ((mask & bit) !== 0) continue;
        shares[index] = (shares[index] ?? 0) + (weight[size] ?? 0) * (r2(mask + bit) - before);
      }
    }
  } else {
    for (const order of orders) {
      let mask = 0;
      let before = 0;
      for (const index of order) {
        mask |= 1 << index;
        const after = r2(mask);
        shares[index] = (shares[index] ?? 0) + after - before;
        before = after;
      }
    }
    for (let index = 0; index < p; index += 1) shares[index] = (shares[index] ?? 0) / orders.length;
  }
  return { r2: r2(full), shares };
}

function popcount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

// ---------------------------------------------------------------------------
// The bootstrap

interface Draw {
  r2: number;
  importance: number[];
}

function bootstrap(
  snapshot: Snapshot,
  model: readonly ModelDriver[],
  columns: readonly number[],
  exact: boolean,
  orders: readonly number[][],
  replicates: number,
  seed: number,
): Draw[] {
  const random = seededRandom(seed);
  // Kept rows are resampled in the order of their keys, whatever order they came in.
  const rows = snapshot.rows === undefined ? undefined : [...snapshot.rows].sort((a, b) => a.key - b.key);
  const units = rows?.length ?? BOOTSTRAP_GROUPS;
  const weights = new Int32Array(units);
  const draws: Draw[] = [];
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    weights.fill(0);
    for (let draw = 0; draw < units; draw += 1) {
      const unit = Math.floor(random() * units);
      weights[unit] = (weights[unit] ?? 0) + 1;
    }
    const total = rows === undefined ? sumGroups(snapshot, weights) : sumRows(rows, weights, snapshot.dim);
    if (centred(total, snapshot.dim, SCORE, SCORE) <= 0) continue;
    const result = shapley(correlations(total, snapshot.dim, columns), model, columns, exact, orders, undefined);
    if (!(result.r2 > 0)) continue;
    draws.push({ r2: result.r2, importance: result.shares.map((share) => (share * 100) / result.r2) });
  }
  return draws;
}

/** The percentile interval: the middle `level` of the replicates' values (linear between order statistics). */
function percentileInterval(values: readonly number[], level: number): ShareInterval {
  const sorted = [...values].sort((a, b) => a - b);
  const quantile = (q: number): number => {
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    const fraction = position - below;
    return (sorted[below] ?? 0) + fraction * ((sorted[Math.min(below + 1, sorted.length - 1)] ?? 0) - (sorted[below] ?? 0));
  };
  return { low: quantile((1 - level) / 2), high: quantile(1 - (1 - level) / 2), level };
}

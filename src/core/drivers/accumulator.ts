import { categoryOf } from '../categories.js';
import { InputProblem } from '../problems.js';
import type { Scale } from '../rating-columns.js';
import { analyse, analysisSteps } from './analysis.js';
import { exponentFor, rescaleColumn, scaled } from './scale.js';
import type { Steps } from '../steps.js';
import type { DriversResult } from './result.js';
import { quote } from '../clip.js';

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
  /** The sums come from a warehouse's moments, not from rows: no bootstrap, whose intervals need the rows. */
  moments?: boolean;
}

export const DEFAULTS: Required<DriversOptions> = { level: 0.95, seed: 1, replicates: 1000, exactUpTo: 12, permutations: 2000, budget: 300_000, moments: false };

/** Groups of rows for the bootstrap: a power of two, for the hash. */
export const BOOTSTRAP_GROUPS = 1024;
/** Complete rows kept one by one for an ordinary row bootstrap. */
export const ROWS_KEPT = 2048;
/** Columns of the model: categorical levels beyond this are a mistaken column (an id, a comment). */
export const MAX_COLUMNS = 64;
/** Drivers in one analysis: subsets are numbered by bit masks, and past this no bootstrap would finish. */
export const MAX_DRIVERS = 30;
/** Distinct values of a rating counted one by one, for its share of low ratings. */
const MAX_HISTOGRAM = 4096;
/** Whole answers from 0 to this (less one) are counted in an array. */
const SMALL_VALUES = 101;

/** A driver that cannot be analysed as given: a categorical column with too many levels. */
export class DriversError extends InputProblem {}

/** Each column of the cross-product matrix: 0 is the intercept (n), 1 the score, then ratings, then levels as they appear. */
export const INTERCEPT = 0;
export const SCORE = 1;

export interface LevelTally {
  responses: number;
  promoters: number;
  detractors: number;
  scoreSum: number;
}

export interface RatingStats {
  /** Answers 0 to 100 by value, in complete responses: every rating scale, counted without a Map. */
  small: Float64Array;
  /** Other answers by value; undefined once there are too many distinct values. */
  histogram: Map<number, number> | undefined;
  min: number;
  max: number;
  wholeNumbers: boolean;
  /** The rating enters the sums as value / 2^exponent (see scale.ts); 0 for any ordinary rating. */
  exponent: number;
  /** Whether it has had a value other than 0: until then its exponent may still go down. */
  nonzero: boolean;
}

/** A complete row kept for the row bootstrap: its key, then (column, value) pairs. */
export interface KeptRow {
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
        ? { small: new Float64Array(SMALL_VALUES), histogram: new Map(), min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, wholeNumbers: true, exponent: 0, nonzero: false }
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
    if (this.countMissing(values)) {
      this.leftOut += 1;
      return;
    }
    const width = this.fillRow(score, values);
    const group = groupOf(key ?? this.sequence);
    this.sequence += 1;
    this.addProducts(width, group);
    this.complete += 1;
    const category = categoryOf(score);
    if (category === 'promoters') this.promoters += 1;
    else if (category === 'detractors') this.detractors += 1;
    this.keepRow(width, key ?? this.sequence - 1);
  }

  /** Counts the blank and unreadable drivers of a response; true when it has any (and is left out). */
  private countMissing(values: readonly DriverValue[]): boolean {
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
    return missing;
  }

  /** The row's columns of the matrix and their values (1 for a level), after the intercept and the score; its width. */
  private fillRow(score: number, values: readonly DriverValue[]): number {
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
        entries[at + 2] = this.scaleRating(at, column, value as number);
        this.countRating(at, value as number);
      } else {
        columns[at + 2] = this.levelColumn(at, String(value));
        entries[at + 2] = 1;
        this.countLevel(at, String(value), score);
      }
    }
    return this.specs.length + 2;
  }

  /** A rating's value as it enters the sums: scaled by its column's power of two, which a value far larger than the others raises. */
  private scaleRating(at: number, column: number, value: number): number {
    const stats = this.ratings[at];
    if (stats === undefined) return value;
    this.setExponent(stats, column, exponentFor(value, stats.exponent, stats.nonzero));
    if (value !== 0) stats.nonzero = true;
    return scaled(value, stats.exponent);
  }

  /** Moves a rating to a new exponent, its sums so far rescaled (a column of zeros needs none). */
  private setExponent(stats: RatingStats, column: number, exponent: number): void {
    if (exponent === stats.exponent) return;
    if (stats.nonzero) rescaleColumn(this.sums, { groups: BOOTSTRAP_GROUPS, stride: this.stride, dim: this.dim }, column, exponent - stats.exponent, this.rows);
    stats.exponent = exponent;
  }

  /** Adds the row's cross-products to its group's upper triangle. */
  private addProducts(width: number, group: number): void {
    const columns = this.columnsOfRow;
    const entries = this.valuesOfRow;
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
  }

  /** Keeps the row itself while there are few, for an ordinary row bootstrap. */
  private keepRow(width: number, key: number): void {
    if (this.rows === undefined) return;
    if (this.complete > ROWS_KEPT) {
      this.rows = undefined;
      return;
    }
    const kept: number[] = [];
    for (let a = 0; a < width; a += 1) kept.push(this.columnsOfRow[a] ?? 0, this.valuesOfRow[a] ?? 0);
    this.rows.push({ key, entries: kept });
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
        .map((entry) => `${quote(entry.name)} (${entry.levels}${entry.name === this.specs[at]?.name ? '+' : ''})`);
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
    const map = this.columnMap(other);
    const shifts = this.alignExponents(other);
    this.mergeSums(other, map, shifts);
    this.mergeRatings(other);
    this.mergeLevels(other);
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
        const entries = row.entries.map((value, index) => (index % 2 === 0 ? (map[value] ?? 0) : scaled(value, shifts[row.entries[index - 1] ?? 0] ?? 0)));
        this.rows.push({ key: row.key, entries });
      }
    }
    return this;
  }

  /** The other's columns as columns of this one (levels it saw first are added here). */
  private columnMap(other: DriversAccumulator): Int32Array {
    const map = new Int32Array(other.dim);
    for (let column = 0; column < SCORE + 1; column += 1) map[column] = column;
    other.ratingColumn.forEach((column, at) => {
      if (column !== -1) map[column] = this.ratingColumn[at] ?? -1;
    });
    other.levels.forEach((levels, at) => {
      for (const [level, column] of levels ?? []) map[column] = this.levelColumn(at, level);
    });
    return map;
  }

  /**
   * Both sides' ratings brought to one exponent, the larger: this side's sums rescaled
   * now; the shift of each of the other side's columns, to apply as its sums are added.
   */
  private alignExponents(other: DriversAccumulator): Int32Array {
    const shifts = new Int32Array(other.dim);
    other.ratings.forEach((theirs, at) => {
      const mine = this.ratings[at];
      const column = this.ratingColumn[at] ?? -1;
      if (theirs === undefined || mine === undefined || column === -1) return;
      const target = !theirs.nonzero ? mine.exponent : !mine.nonzero ? theirs.exponent : Math.max(mine.exponent, theirs.exponent);
      this.setExponent(mine, column, target);
      shifts[other.ratingColumn[at] ?? 0] = theirs.nonzero ? target - theirs.exponent : 0;
      mine.nonzero ||= theirs.nonzero;
    });
    return shifts;
  }

  private mergeSums(other: DriversAccumulator, map: Int32Array, shifts: Int32Array): void {
    const [stride, otherStride] = [this.stride, other.stride];
    for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) {
      for (let i = 0; i < other.dim; i += 1) {
        for (let j = i; j < other.dim; j += 1) {
          const raw = other.sums[group * otherStride * otherStride + i * otherStride + j] ?? 0;
          if (raw === 0) continue;
          const value = scaled(scaled(raw, shifts[i] ?? 0), shifts[j] ?? 0);
          const [a, b] = [map[i] ?? 0, map[j] ?? 0];
          const at = group * stride * stride + Math.min(a, b) * stride + Math.max(a, b);
          this.sums[at] = (this.sums[at] ?? 0) + value;
        }
      }
    }
  }

  private mergeRatings(other: DriversAccumulator): void {
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
  }

  private mergeLevels(other: DriversAccumulator): void {
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

  /** Adds another part's accumulator, given as data. */
  mergeData(data: DriversData): this {
    return this.merge(DriversAccumulator.fromData(this.specs, data));
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

  /** The same result, as steps that pause between fits (see core/steps.ts). */
  resultSteps(options: DriversOptions = {}): Steps<DriversResult> {
    return analysisSteps(this.snapshot(), { ...DEFAULTS, ...withoutUndefined(options) });
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

export interface Snapshot {
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


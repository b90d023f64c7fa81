import { seededRandom } from '../random.js';
import { BOOTSTRAP_GROUPS, SCORE, type KeptRow, type Snapshot } from './accumulator.js';
import type { ModelDriver } from './analysis.js';
import { centred, correlations, groupParts, rowParts, sumParts } from './linear.js';
import type { ShareInterval } from './result.js';
import type { Steps } from '../steps.js';
import { shapleySteps } from './shapley.js';

/** The bootstrap: the shares again on resampled groups (or rows), for their intervals. */

export interface Draw {
  r2: number;
  importance: number[];
}

export function* bootstrap(
  snapshot: Snapshot,
  model: readonly ModelDriver[],
  columns: readonly number[],
  exact: boolean,
  orders: readonly number[][],
  replicates: number,
  seed: number,
): Steps<Draw[]> {
  const random = seededRandom(seed);
  const rows = snapshot.rows === undefined ? undefined : inDrawOrder(snapshot.rows);
  const parts = rows === undefined ? groupParts(snapshot) : rowParts(rows, snapshot.dim);
  const weights = new Int32Array(rows?.length ?? BOOTSTRAP_GROUPS);
  const draws: Draw[] = [];
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    drawWeights(random, weights);
    const total = sumParts(parts, weights);
    if (centred(total, snapshot.dim, SCORE, SCORE) <= 0) continue;
    yield;
    const result = yield* shapleySteps(correlations(total, snapshot.dim, columns), model, columns, exact, orders, undefined);
    if (!(result.r2 > 0)) continue;
    draws.push({ r2: result.r2, importance: result.shares.map((share) => (share * 100) / result.r2) });
  }
  return draws;
}

/** Kept rows are resampled in the order of their keys, whatever order they came in. */
function inDrawOrder(rows: readonly KeptRow[]): KeptRow[] {
  return [...rows].sort((a, b) => a.key - b.key);
}

/** One replicate's draws: how often each unit is drawn, in as many draws as there are units. */
function drawWeights(random: () => number, weights: Int32Array): void {
  weights.fill(0);
  for (let draw = 0; draw < weights.length; draw += 1) {
    const unit = Math.floor(random() * weights.length);
    weights[unit] = (weights[unit] ?? 0) + 1;
  }
}

/** The survey's R² this close to 1 is an exact fit, rounding aside. */
const EXACT_FIT = 1 - 1e-9;
/** What is left of a score once the ratings have explained what they can, at most this (times the largest value), is nothing. */
const NOTHING_LEFT = 1e-9;
/**
 * Past this many complete responses per term (the model's columns and a mean), a sample
 * that the model fits exactly while the survey is not is too rare to look for: the draws
 * are not replayed.
 */
const RESAMPLED_PER_TERM = 10;

/**
 * The share of the bootstrap's samples that the model fits exactly (R² of 100%), when the
 * survey itself is not: a sample of a few responses (or of a few different answers, which
 * 1-5 ratings repeat) has fewer of them than the model has terms, and an interval made of
 * those fits describes them, not the survey. The samples are `bootstrap`'s own draws (the
 * same seed, the same rows in the same order, the same draws); those it passes over (a score the same
 * throughout) are not counted. A sample is fitted exactly when its different answers'
 * scores are a combination of their ratings and a mean: told by elimination on those
 * answers alone, not by fitting the model. Groups (a large file) and surveys of many
 * responses per term are not replayed.
 */
export function saturatedShare(snapshot: Snapshot, columns: readonly number[], surveyR2: number, replicates: number, seed: number): number {
  const kept = snapshot.rows;
  if (kept === undefined || replicates === 0 || kept.length > RESAMPLED_PER_TERM * (columns.length + 1) || surveyR2 >= EXACT_FIT) return 0;
  const rows = inDrawOrder(kept);
  const answers = answersOf(rows, columns);
  const random = seededRandom(seed);
  const weights = new Int32Array(rows.length);
  const seen = new Int32Array(answers.list.length).fill(-1);
  const drawn: number[] = [];
  // A survey of a few rows draws the same answers, in the same order, in many replicates: each such draw is solved once.
  const fits = new Map<string, boolean>();
  let fitted = 0;
  let exact = 0;
  // Loops rather than functions made for each replicate: a file of a few rows asks this a thousand times, in cold code.
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    drawWeights(random, weights);
    drawn.length = 0;
    for (let row = 0; row < weights.length; row += 1) {
      const answer = answers.ofRow[row] ?? 0;
      if (weights[row] === 0 || seen[answer] === replicate) continue;
      seen[answer] = replicate;
      drawn.push(answer);
    }
    if (sameScore(drawn, answers.list, columns.length + 1)) continue;
    fitted += 1;
    const key = drawn.join(',');
    let isExact = fits.get(key);
    if (isExact === undefined) {
      isExact = fitsExactly(drawn.map((answer) => answers.list[answer] ?? []), columns.length + 1);
      fits.set(key, isExact);
    }
    if (isExact) exact += 1;
  }
  return fitted === 0 ? 0 : exact / fitted;
}

/** Whether every drawn answer has the same score (the value at `at`). */
function sameScore(drawn: readonly number[], list: readonly number[][], at: number): boolean {
  const first = list[drawn[0] ?? -1]?.[at] ?? 0;
  for (const answer of drawn) if ((list[answer]?.[at] ?? 0) !== first) return false;
  return true;
}

/** Each row's answers to the model (1 for the mean, each column's value, the score last), each different one once. */
function answersOf(rows: readonly KeptRow[], columns: readonly number[]): { list: number[][]; ofRow: Int32Array } {
  const place = new Map(columns.map((column, at) => [column, at + 1]));
  const ids = new Map<string, number>();
  const list: number[][] = [];
  const ofRow = Int32Array.from(rows, (row) => {
    const answer = new Array<number>(columns.length + 2).fill(0);
    answer[0] = 1;
    for (let at = 0; at < row.entries.length; at += 2) {
      const column = row.entries[at] ?? -1;
      const value = row.entries[at + 1] ?? 0;
      if (column === SCORE) answer[columns.length + 1] = value;
      else if (place.has(column)) answer[place.get(column) ?? 0] = value;
    }
    const key = answer.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = list.length;
      ids.set(key, id);
      list.push(answer);
    }
    return id;
  });
  return { list, ofRow };
}

/**
 * Whether the last value of each row (the score) is a combination of its first `terms`
 * (the mean and the ratings): Gaussian elimination with partial pivoting over those,
 * then nothing may be left of the scores of the rows no rating pivots on.
 */
function fitsExactly(answers: readonly number[][], terms: number): boolean {
  const rows = answers.map((answer) => [...answer]);
  let largest = 1;
  for (const row of rows) for (const value of row) largest = Math.max(largest, Math.abs(value));
  const tolerance = NOTHING_LEFT * largest;
  let pivots = 0;
  for (let column = 0; column < terms && pivots < rows.length; column += 1) {
    let best = pivots;
    for (let row = pivots + 1; row < rows.length; row += 1) if (Math.abs(rows[row]?.[column] ?? 0) > Math.abs(rows[best]?.[column] ?? 0)) best = row;
    const pivot = rows[best];
    if (pivot === undefined || Math.abs(pivot[column] ?? 0) <= tolerance) continue;
    [rows[pivots], rows[best]] = [pivot, rows[pivots] ?? pivot];
    for (let row = pivots + 1; row < rows.length; row += 1) {
      const target = rows[row];
      if (target === undefined) continue;
      const factor = (target[column] ?? 0) / (pivot[column] ?? 1);
      for (let at = column; at <= terms; at += 1) target[at] = (target[at] ?? 0) - factor * (pivot[at] ?? 0);
    }
    pivots += 1;
  }
  for (let row = pivots; row < rows.length; row += 1) if (!(Math.abs(rows[row]?.[terms] ?? 0) <= tolerance)) return false;
  return true;
}

/** The percentile interval: the middle `level` of the replicates' values (linear between order statistics). */
export function percentileInterval(values: readonly number[], level: number): ShareInterval {
  const sorted = [...values].sort((a, b) => a - b);
  const quantile = (q: number): number => {
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    const fraction = position - below;
    return (sorted[below] ?? 0) + fraction * ((sorted[Math.min(below + 1, sorted.length - 1)] ?? 0) - (sorted[below] ?? 0));
  };
  return { low: quantile((1 - level) / 2), high: quantile(1 - (1 - level) / 2), level };
}


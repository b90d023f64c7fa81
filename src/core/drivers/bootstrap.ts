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
  // Kept rows are resampled in the order of their keys, whatever order they came in.
  const rows = snapshot.rows === undefined ? undefined : [...snapshot.rows].sort((a, b) => a.key - b.key);
  const units = rows?.length ?? BOOTSTRAP_GROUPS;
  const parts = rows === undefined ? groupParts(snapshot) : rowParts(rows, snapshot.dim);
  const weights = new Int32Array(units);
  const draws: Draw[] = [];
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    weights.fill(0);
    for (let draw = 0; draw < units; draw += 1) {
      const unit = Math.floor(random() * units);
      weights[unit] = (weights[unit] ?? 0) + 1;
    }
    const total = sumParts(parts, weights);
    if (centred(total, snapshot.dim, SCORE, SCORE) <= 0) continue;
    yield;
    const result = yield* shapleySteps(correlations(total, snapshot.dim, columns), model, columns, exact, orders, undefined);
    if (!(result.r2 > 0)) continue;
    draws.push({ r2: result.r2, importance: result.shares.map((share) => (share * 100) / result.r2) });
  }
  return draws;
}

/** Below this, the chance that a sample is fitted exactly is too small to look for: a twentieth of the smallest tail (99%). */
const NEGLIGIBLE = 1e-4;

/**
 * The share of the bootstrap's samples that hold no more different responses than the
 * model has terms (its columns and a mean): such a sample is fitted exactly (R² of 100%,
 * whatever the drivers), so when many are, an interval is made of those fits rather than
 * of the survey. Responses that give the same answers (the score and the model's columns)
 * are one response here: 1-5 ratings repeat. The samples are `bootstrap`'s own draws,
 * counted without fitting; they are drawn only when a bound says the share could matter.
 * Groups (a large file) are never that few.
 */
export function saturatedShare(kept: readonly KeptRow[] | undefined, columns: readonly number[], replicates: number, seed: number): number {
  if (kept === undefined || replicates === 0) return 0;
  // In the order the bootstrap resamples them (see below), for the same draws.
  const rows = [...kept].sort((a, b) => a.key - b.key);
  const patterns = patternsOf(rows, columns);
  const distinct = Math.max(0, ...patterns) + 1;
  const terms = columns.length + 1;
  if (distinct <= terms) return 1;
  if (saturatedBound(patterns, distinct, terms) < NEGLIGIBLE) return 0;
  const random = seededRandom(seed);
  const seen = new Int32Array(distinct).fill(-1);
  let saturated = 0;
  for (let replicate = 0; replicate < replicates; replicate += 1) {
    let found = 0;
    for (let draw = 0; draw < rows.length; draw += 1) {
      const pattern = patterns[Math.floor(random() * rows.length)] ?? 0;
      if (seen[pattern] !== replicate) found += 1;
      seen[pattern] = replicate;
    }
    if (found <= terms) saturated += 1;
  }
  return saturated / replicates;
}

/** Each row's answers as the model sees them (the score and its columns), numbered in the order first met. */
function patternsOf(rows: readonly KeptRow[], columns: readonly number[]): Int32Array {
  const wanted = new Set([SCORE, ...columns]);
  const ids = new Map<string, number>();
  return Int32Array.from(rows, (row) => {
    const parts: number[] = [];
    for (let at = 0; at < row.entries.length; at += 2) if (wanted.has(row.entries[at] ?? -1)) parts.push(row.entries[at] ?? 0, row.entries[at + 1] ?? 0);
    const key = parts.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  });
}

/**
 * An upper bound on the chance that n draws hold at most `terms` different answers: every
 * such sample falls within some set of `terms` answers, and none holds more rows than the
 * `terms` most common, so the chance is at most C(distinct, terms) × (their rows / n)^n.
 */
function saturatedBound(patterns: Int32Array, distinct: number, terms: number): number {
  const counts = new Array<number>(distinct).fill(0);
  for (const pattern of patterns) counts[pattern] = (counts[pattern] ?? 0) + 1;
  const most = counts.sort((a, b) => b - a).slice(0, terms).reduce((sum, count) => sum + count, 0);
  let logChoose = 0;
  for (let at = 1; at <= terms; at += 1) logChoose += Math.log((distinct - terms + at) / at);
  return Math.exp(logChoose + patterns.length * Math.log(most / patterns.length));
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


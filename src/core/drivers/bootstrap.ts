import { seededRandom } from '../random.js';
import { BOOTSTRAP_GROUPS, SCORE, type Snapshot } from './accumulator.js';
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

/**
 * The chance that a bootstrap sample of `units` draws holds no more than `terms`
 * different ones: such a sample is fitted exactly (R² of 100%, whatever the drivers),
 * so when the chance is high, an interval is made of those fits rather than of the
 * survey. Worked out, not drawn, so that it does not hang on the seed: after each
 * draw, the chance of each number of different units so far. Groups (a large file)
 * are never that few, nor are rows past four per term.
 */
export function saturatedChance(units: number | undefined, terms: number): number {
  if (units === undefined || units > 4 * terms) return 0;
  let chances = [1];
  for (let draw = 0; draw < units; draw += 1) {
    const next = new Array<number>(chances.length + 1).fill(0);
    chances.forEach((chance, distinct) => {
      next[distinct] = (next[distinct] ?? 0) + (chance * distinct) / units;
      next[distinct + 1] = (next[distinct + 1] ?? 0) + (chance * (units - distinct)) / units;
    });
    chances = next;
  }
  return chances.slice(0, terms + 1).reduce((sum, chance) => sum + chance, 0);
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


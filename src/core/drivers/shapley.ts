import { seededRandom } from '../random.js';
import { completed, type Steps } from '../steps.js';
import type { ModelDriver } from './analysis.js';
import { r2Of, type System } from './linear.js';
import { subsetR2s } from './subsets.js';

/** Shapley values of R²: each driver's average gain in R² over every order the drivers could join the model in. */

/** `count` orders of `p` drivers for sampled Shapley values: half random, each followed by its reverse, which cancels much of the noise. */
export function sampledOrders(p: number, count: number, seed: number): number[][] {
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

export interface Shares {
  r2: number;
  /** Each driver's part of R², in model order. */
  shares: number[];
}

export function shapley(
  system: System,
  model: readonly ModelDriver[],
  columns: readonly number[],
  exact: boolean,
  orders: readonly number[][],
  collinear: Set<number> | undefined,
): Shares {
  return completed(shapleySteps(system, model, columns, exact, orders, collinear));
}

/** The subsets (or orders) of the drivers, fitted one at a time: the steps pause every so many fits. */
const FITS_PER_STEP = 64;

export function* shapleySteps(
  system: System,
  model: readonly ModelDriver[],
  columns: readonly number[],
  exact: boolean,
  orders: readonly number[][],
  collinear: Set<number> | undefined,
): Steps<Shares> {
  const offsetsOf = model.map((driver) => driver.columns.map((column) => columns.indexOf(column)));
  return exact ? yield* exactShares(system, offsetsOf, collinear) : yield* sampledShares(system, offsetsOf, orders, collinear);
}

/** Every subset of the drivers fitted once, each driver's gain weighed by the chance of its subset coming first. */
function* exactShares(system: System, offsetsOf: readonly number[][], collinear: Set<number> | undefined): Steps<Shares> {
  const p = offsetsOf.length;
  const full = (1 << p) - 1;
  const fits = yield* subsetR2s(system, offsetsOf, collinear, FITS_PER_STEP);
  const shares = new Array<number>(p).fill(0);
  // weight(s) = s! (p - s - 1)! / p!: the chance that exactly the s drivers of a subset come before a driver.
  const weight = [1 / p];
  for (let s = 1; s < p; s += 1) weight.push(((weight[s - 1] ?? 0) * s) / (p - s));
  for (let mask = 0; mask <= full; mask += 1) {
    const size = popcount(mask);
    const before = fits[mask] ?? 0;
    for (let index = 0; index < p; index += 1) {
      const bit = 1 << index;
      if ((mask & bit) !== 0) continue;
      shares[index] = (shares[index] ?? 0) + (weight[size] ?? 0) * ((fits[mask + bit] ?? 0) - before);
    }
  }
  return { r2: fits[full] ?? 0, shares };
}

/** Past a dozen drivers: the gains along sampled orders, each subset met fitted once. */
function* sampledShares(
  system: System,
  offsetsOf: readonly number[][],
  orders: readonly number[][],
  collinear: Set<number> | undefined,
): Steps<Shares> {
  const p = offsetsOf.length;
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
  for (const [at, order] of orders.entries()) {
    if (at % Math.max(1, Math.floor(FITS_PER_STEP / p)) === 0) yield;
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
  return { r2: r2((1 << p) - 1), shares };
}

function popcount(mask: number): number {
  let count = 0;
  for (let rest = mask; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}


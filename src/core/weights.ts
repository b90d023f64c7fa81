import { CATEGORIES, type Category } from './categories.js';
import { readAmount, type AmountProblem } from './money.js';
import { criticalValue } from './normal.js';

/**
 * The NPS weighted by a value of each response (MRR, ARR, seats): each answer counts
 * +100, 0 or −100 times its weight, NPSw = Σw·x / Σw. Its standard error is the
 * linearisation (Taylor) variance of a ratio estimator, SE² = Σw²(x − NPSw)² / (Σw)²,
 * and Kish's effective sample size (Σw)² / Σw² says how many unweighted answers the
 * weighted score is worth. Only the sums of w and w² in each group are kept, so the
 * sums of parts of the input add up to the sums of the whole.
 */

/** Each group's +100, 0 or −100. */
export const CATEGORY_POINTS: Readonly<Record<Category, number>> = { promoters: 100, passives: 0, detractors: -100 };

export interface WeightSums {
  /** Σw of the responses in each group. */
  weight: Record<Category, number>;
  /** Σw² of the responses in each group. */
  squared: Record<Category, number>;
  /** Responses weighted. */
  responses: number;
}

export function emptyWeightSums(): WeightSums {
  return { weight: { promoters: 0, passives: 0, detractors: 0 }, squared: { promoters: 0, passives: 0, detractors: 0 }, responses: 0 };
}

export function addWeight(sums: WeightSums, category: Category, weight: number): void {
  sums.weight[category] += weight;
  sums.squared[category] += weight * weight;
  sums.responses += 1;
}

export function mergeWeightSums(into: WeightSums, from: WeightSums): WeightSums {
  for (const category of CATEGORIES) {
    into.weight[category] += from.weight[category];
    into.squared[category] += from.squared[category];
  }
  into.responses += from.responses;
  return into;
}

/** A normal interval from a standard error, on the −100..+100 scale. */
export interface NormalInterval {
  low: number;
  high: number;
  level: number;
  /** How the standard error is computed: `linearisation`, `account-means` or `cluster-robust`. */
  method: 'linearisation' | 'account-means' | 'cluster-robust';
  standardError: number;
}

/** centre ± z·SE, clipped to −100..+100 as every NPS interval is. */
export function normalInterval(centre: number, standardError: number, level: number, method: NormalInterval['method']): NormalInterval {
  const half = criticalValue(level) * standardError;
  return { low: Math.max(-100, centre - half), high: Math.min(100, centre + half), level, method, standardError };
}

export interface WeightedScore {
  nps: number;
  interval: NormalInterval;
  /** Kish's effective n: (Σw)² / Σw². */
  effectiveN: number;
  /** Responses weighted (those whose weight could be read). */
  responses: number;
  /** Σw. */
  total: number;
}

/** The weighted NPS of the sums; undefined when no weight is above zero. */
export function weightedScore(sums: WeightSums, level: number): WeightedScore | undefined {
  const total = CATEGORIES.reduce((sum, category) => sum + sums.weight[category], 0);
  const squared = CATEGORIES.reduce((sum, category) => sum + sums.squared[category], 0);
  if (!(total > 0)) return undefined;
  const nps = CATEGORIES.reduce((sum, category) => sum + sums.weight[category] * CATEGORY_POINTS[category], 0) / total;
  const spread = CATEGORIES.reduce((sum, category) => sum + sums.squared[category] * (CATEGORY_POINTS[category] - nps) ** 2, 0);
  const standardError = Math.sqrt(spread) / total;
  return { nps, interval: normalInterval(nps, standardError, level, 'linearisation'), effectiveN: (total * total) / squared, responses: sums.responses, total };
}

/** A row whose value could not be used, with where it is and why: said on stderr with its line. */
export interface LeftOutRow {
  input: number;
  line: number;
  text: string;
  reason: AmountProblem;
}

/** The rows a value column could not give an amount for: the first few with their lines, and how many in all. */
export interface LeftOut {
  count: number;
  first: LeftOutRow[];
  /** Of `count`, blank cells of a customer column: said once (the join already named the responses no customer matched). */
  blankJoined: number;
}

/** Rows listed one by one before the rest are only counted. */
export const LEFT_OUT_LISTED = 10;

export function emptyLeftOut(): LeftOut {
  return { count: 0, first: [], blankJoined: 0 };
}

/** The cell's amount, or undefined after noting the row as left out; `joined` when the column comes from --customers. */
export function amountOrLeftOut(text: string, input: number, line: number, leftOut: LeftOut, joined = false): number | undefined {
  const amount = readAmount(text);
  if (amount.kind === 'amount') return amount.value;
  leftOut.count += 1;
  if (joined && amount.reason === 'blank') leftOut.blankJoined += 1;
  else if (leftOut.first.length < LEFT_OUT_LISTED) leftOut.first.push({ input, line, text, reason: amount.reason });
  return undefined;
}

/** Adds a later part's rows left out: parts merge in file order, so the first stay first. */
export function mergeLeftOut(into: LeftOut, from: LeftOut): void {
  into.count += from.count;
  into.blankJoined += from.blankJoined;
  for (const row of from.first) if (into.first.length < LEFT_OUT_LISTED) into.first.push(row);
}

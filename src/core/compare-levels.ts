import { accountLevel, addToCluster, emptyClusterCounts, type AccountLevel, type ClusterCounts } from './accounts.js';
import { categoryOf } from './categories.js';
import { testedDifference, type Difference } from './stats.js';
import { addWeight, emptyWeightSums, weightedScore, type WeightedScore, type WeightSums } from './weights.js';

/**
 * `nps compare` on accounts or on weights: the account-level NPS of A and B (each
 * account once), or their weighted NPS, and the matching test of B − A. Each side's
 * standard error is its own (the spread of its account means over √k; the
 * linearisation of its weighted ratio), and the two-sample z-test adds their
 * variances, as two independent samples. An account that answered on both sides
 * makes them dependent, which this test ignores: it is then conservative.
 */

export interface SideLevels {
  clusters: ClusterCounts;
  weights: WeightSums;
}

export function emptySideLevels(): SideLevels {
  return { clusters: emptyClusterCounts(), weights: emptyWeightSums() };
}

/** Adds one response: its account's key ('' for none) and its weight (undefined when it has none). */
export function addToSide(side: SideLevels, score: number, account: string | undefined, weight: number | undefined): void {
  const category = categoryOf(score);
  if (account !== undefined) addToCluster(side.clusters, account, category);
  if (weight !== undefined) addWeight(side.weights, category, weight);
}

export interface LevelComparison<Side> {
  a: Side | undefined;
  b: Side | undefined;
  /** B − A with its z-test; undefined when a side has no figure or no standard error. */
  difference: Difference | undefined;
}

function tested<Side extends { nps: number }>(a: Side | undefined, b: Side | undefined, errorOf: (side: Side) => number | undefined, level: number): LevelComparison<Side> {
  const errorA = a === undefined ? undefined : errorOf(a);
  const errorB = b === undefined ? undefined : errorOf(b);
  if (a === undefined || b === undefined || errorA === undefined || errorB === undefined) return { a, b, difference: undefined };
  return { a, b, difference: testedDifference(b.nps - a.nps, Math.hypot(errorA, errorB), level) };
}

/** The account-level NPS of A and B, and B − A by the two-sample z-test on their account means. */
export function compareAccounts(a: SideLevels, b: SideLevels, level: number): LevelComparison<AccountLevel> {
  return tested(accountLevel(a.clusters, level), accountLevel(b.clusters, level), (side) => side.interval?.standardError, level);
}

/** The weighted NPS of A and B, and B − A by the z-test on their linearisation standard errors. */
export function compareWeighted(a: SideLevels, b: SideLevels, level: number): LevelComparison<WeightedScore> {
  return tested(weightedScore(a.weights, level), weightedScore(b.weights, level), (side) => side.interval.standardError, level);
}

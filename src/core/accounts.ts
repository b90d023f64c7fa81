import { CATEGORIES, type Category } from './categories.js';
import type { Counts } from './stats.js';
import { CATEGORY_POINTS, normalInterval, type NormalInterval } from './weights.js';

/**
 * Scores when several people answer for one customer account. Respondents of one
 * account answer alike, so two views matter: the NPS of the accounts, each counted
 * once (the mean over accounts of each account's mean of +100/0/−100, with a normal
 * interval from the spread of the account means), and the NPS of the responses with
 * an interval that knows they come in clusters (the cluster-robust variance of a
 * mean, accounts as clusters, with the k/(k − 1) small-sample factor). Only each
 * account's counts are kept, so the counts of parts of the input add up.
 */

const emptyCounts = (): Counts => ({ promoters: 0, passives: 0, detractors: 0 });
const total = (counts: Counts): number => counts.promoters + counts.passives + counts.detractors;
/** Σx over the responses of `counts`, x being +100, 0 or −100. */
const pointsOf = (counts: Counts): number => (counts.promoters - counts.detractors) * 100;

/** Each account's counts, and the responses that name no account. */
export interface ClusterCounts {
  accounts: Map<string, Counts>;
  /** Scored responses whose account cell is blank: each is a cluster of its own in the cluster-robust variance. */
  unassigned: Counts;
}

export function emptyClusterCounts(): ClusterCounts {
  return { accounts: new Map(), unassigned: emptyCounts() };
}

/** Counts a response in its account; '' is no account. */
export function addToCluster(clusters: ClusterCounts, account: string, category: Category): void {
  if (account === '') {
    clusters.unassigned[category] += 1;
    return;
  }
  let counts = clusters.accounts.get(account);
  if (counts === undefined) {
    counts = emptyCounts();
    clusters.accounts.set(account, counts);
  }
  counts[category] += 1;
}

export function mergeClusterCounts(into: ClusterCounts, from: ClusterCounts): ClusterCounts {
  for (const [account, counts] of from.accounts) {
    const mine = into.accounts.get(account);
    if (mine === undefined) into.accounts.set(account, { ...counts });
    else for (const category of CATEGORIES) mine[category] += counts[category];
  }
  for (const category of CATEGORIES) into.unassigned[category] += from.unassigned[category];
  return into;
}

/** The NPS of the accounts, each counted once. */
export interface AccountLevel {
  /** Accounts with at least one scored response. */
  count: number;
  nps: number;
  /** Undefined with a single account: one mean has no spread. */
  interval: NormalInterval | undefined;
}

/** Mean over accounts of each account's mean; SE = sd of the account means (n − 1) / √k. */
export function accountLevel(clusters: ClusterCounts, level: number): AccountLevel | undefined {
  const means = [...clusters.accounts.values()].map((counts) => pointsOf(counts) / total(counts));
  const k = means.length;
  if (k === 0) return undefined;
  const nps = means.reduce((sum, mean) => sum + mean, 0) / k;
  if (k < 2) return { count: k, nps, interval: undefined };
  const variance = means.reduce((sum, mean) => sum + (mean - nps) ** 2, 0) / (k - 1);
  return { count: k, nps, interval: normalInterval(nps, Math.sqrt(variance / k), level, 'account-means') };
}

/** The respondent-level NPS with accounts as clusters. */
export interface Clustered {
  interval: NormalInterval;
  /** Clusters: the accounts, and each response that names none. */
  clusters: number;
  /** The cluster-robust variance over the plain (Wald) variance of the same responses; undefined when that is 0. */
  designEffect: number | undefined;
}

/**
 * The cluster-robust (sandwich) variance of the mean of the responses' +100/0/−100:
 * V = k/(k − 1) · Σ_g (Σ_{i∈g} (x_i − x̄))² / n², over k clusters; the design effect is
 * V over the Wald variance Σ(x_i − x̄)² / n². Undefined with fewer than two clusters.
 */
export function clustered(clusters: ClusterCounts, level: number): Clustered | undefined {
  const groups = [...clusters.accounts.values()];
  const all = groups.reduce((sum, counts) => {
    for (const category of CATEGORIES) sum[category] += counts[category];
    return sum;
  }, { ...clusters.unassigned });
  const n = total(all);
  const k = groups.length + total(clusters.unassigned);
  if (n === 0 || k < 2) return undefined;
  const mean = pointsOf(all) / n;
  const squaredDeviations = (counts: Counts): number => CATEGORIES.reduce((sum, category) => sum + counts[category] * (CATEGORY_POINTS[category] - mean) ** 2, 0);
  // A response with no account is a cluster of one: its sum of deviations is its own deviation.
  const between = groups.reduce((sum, counts) => sum + (pointsOf(counts) - total(counts) * mean) ** 2, 0) + squaredDeviations(clusters.unassigned);
  const variance = ((k / (k - 1)) * between) / (n * n);
  const plain = squaredDeviations(all) / (n * n);
  return {
    interval: normalInterval(mean, Math.sqrt(variance), level, 'cluster-robust'),
    clusters: k,
    designEffect: plain > 0 ? variance / plain : undefined,
  };
}

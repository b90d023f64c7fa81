import type { AccountRow } from '../../core/account-book.js';
import type { AccountsView, LevelFigures } from '../../core/levels.js';
import type { NormalInterval } from '../../core/weights.js';

/**
 * The fields accounts, weights and reach add to `nps score --json` (and the account
 * list of `nps accounts --format json`): public contracts, documented in docs/json.md.
 */

function intervalJson(interval: NormalInterval | undefined): object | null {
  if (interval === undefined) return null;
  return { low: interval.low, high: interval.high, level: interval.level, method: interval.method, standardError: interval.standardError };
}

/** The account-level and weighted figures of a slice: the whole, a group, a period; only those asked for. */
export function figuresJson(figures: LevelFigures | undefined, view: AccountsView): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  if (view.levels.byAccount) {
    const accounts = figures?.accounts;
    json['accounts'] = accounts === undefined ? null : { count: accounts.count, nps: accounts.nps, interval: intervalJson(accounts.interval) };
  }
  if (view.levels.weightedBy) {
    const weighted = figures?.weighted;
    json['weighted'] = weighted === undefined ? null : { nps: weighted.nps, interval: intervalJson(weighted.interval), effectiveN: weighted.effectiveN, responses: weighted.responses, totalWeight: weighted.total };
  }
  return json;
}

/** The top-level fields of `nps score --json` that accounts, weights and reach add. */
export function accountsViewJson(view: AccountsView): Record<string, unknown> {
  const { levels } = view;
  const json = figuresJson(levels.overall, view);
  if (levels.byAccount) {
    const accounts = json['accounts'];
    if (accounts !== null && typeof accounts === 'object') json['accounts'] = { ...accounts, twoOrMoreDetractors: levels.twoOrMoreDetractors ?? 0 };
    const clustered = levels.overall.clustered;
    json['clusterInterval'] = clustered === undefined ? null : { ...intervalJson(clustered.interval), clusters: clustered.clusters };
    json['designEffect'] = clustered?.designEffect ?? null;
  }
  if (levels.weightedBy && json['weighted'] !== null && typeof json['weighted'] === 'object') json['weighted'] = { ...json['weighted'], leftOut: levels.weightLeftOut.count };
  const revenue = levels.revenue;
  if (revenue !== undefined) {
    json['revenueAtRisk'] = {
      detractors: revenue.detractors,
      passives: revenue.passives,
      promoters: revenue.promoters,
      total: revenue.total,
      accounts: revenue.accounts,
      withoutValue: revenue.withoutValue,
      column: view.valueName ?? null,
      per: view.unit ?? null,
      by: view.unit === 'account' || view.unit === 'customer' ? view.unitWords : null,
    };
  }
  if (view.coverage !== undefined) json['coverage'] = view.coverage;
  if (view.responseRate !== undefined) json['responseRate'] = view.responseRate;
  return json;
}

/** One account of the list, as JSON. */
export function accountRowJson(row: AccountRow): Record<string, unknown> {
  return {
    account: row.account,
    responses: row.responses,
    respondents: row.respondents,
    promoters: row.counts.promoters,
    passives: row.counts.passives,
    detractors: row.counts.detractors,
    nps: row.nps,
    latest: row.latest,
    category: row.category,
    value: row.value ?? null,
    valuesDiffer: row.valuesDiffer,
    escalate: row.escalate,
  };
}

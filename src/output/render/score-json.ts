import { GROUP_KEY_SEPARATOR, type GroupRow, type Scored } from '../../core/breakdown.js';
import type { AccountsView, LevelFigures } from '../../core/levels.js';
import { isoDay, type PeriodRow } from '../../core/periods.js';
import type { ScoreReport } from '../../core/score.js';
import type { Difference, Interval } from '../../core/stats.js';
import type { Summary } from '../../core/summary.js';
import { accountsViewJson, figuresJson } from './accounts-json.js';
import { warningJson } from './warnings.js';

/** The documented `nps score --json` object; its field names are a public contract. */
export interface ScoreJson {
  nps: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  percentages: Summary['percentages'];
  distribution: Record<string, number>;
  rows: number;
  blank: number;
  rejected: number;
  partial: number;
  duplicates: number;
  excluded: number;
  interval: Interval | null;
  marginOfError: number | null;
  warnings: Array<Record<string, unknown>>;
  groups?: unknown[];
  breakdowns?: unknown[];
  periods?: unknown[];
  /** With accounts, weights, values or --invited: accounts, clusterInterval, designEffect, weighted, revenueAtRisk, coverage, responseRate. */
  [field: string]: unknown;
}

export function differenceJson(difference: Difference | undefined): object | null {
  if (difference === undefined) return null;
  return {
    difference: difference.difference,
    adjustedDifference: difference.adjustedDifference,
    interval: difference.interval,
    p: difference.p,
    pAdjusted: difference.pAdjusted,
    significant: difference.significant,
    exact: difference.exact,
  };
}

export function scoredJson(result: Scored): object {
  return {
    responses: result.responses,
    promoters: result.counts.promoters,
    passives: result.counts.passives,
    detractors: result.counts.detractors,
    percentages: result.percentages,
    nps: result.nps,
    interval: result.interval ?? null,
    marginOfError: result.marginOfError ?? null,
  };
}

interface GroupLevels {
  view: AccountsView;
  figures: ReadonlyMap<string, LevelFigures>;
}

function groupJson(group: GroupRow, columns: readonly string[], levels: GroupLevels | undefined): object {
  const json = { key: group.key, ...scoredJson(group), small: group.small, versusRest: differenceJson(group.versusRest) };
  if (levels === undefined) return json;
  const id = columns.map((column) => group.key[column] ?? '').join(GROUP_KEY_SEPARATOR);
  return { ...json, ...figuresJson(levels.figures.get(id), levels.view) };
}

function periodJson(row: PeriodRow, view?: AccountsView, at = 0): object {
  const json = {
    period: row.period,
    start: isoDay(row.start),
    end: isoDay(row.end - 1),
    ...scoredJson(row),
    small: row.small,
    partial: row.partial ?? null,
    change: differenceJson(row.change),
  };
  return view === undefined ? json : { ...json, ...figuresJson(view.levels.periods?.[at], view) };
}

export function toScoreJson(report: ScoreReport): ScoreJson {
  const { summary, overall } = report;
  const json: ScoreJson = {
    nps: summary.nps,
    responses: summary.responses,
    promoters: summary.counts.promoters,
    passives: summary.counts.passives,
    detractors: summary.counts.detractors,
    percentages: summary.percentages,
    distribution: Object.fromEntries(summary.distribution.map((count, score) => [String(score), count])),
    rows: summary.rows,
    blank: summary.blank,
    rejected: summary.rejected,
    partial: summary.partial,
    duplicates: summary.duplicates,
    excluded: summary.excluded,
    interval: overall.interval ?? null,
    marginOfError: overall.marginOfError ?? null,
    warnings: report.warnings.map(warningJson),
  };
  const view = report.accounts;
  const levelsOf = (at: number): GroupLevels | undefined =>
    view === undefined ? undefined : { view, figures: view.levels.breakdowns[at] ?? new Map() };
  const [first] = report.breakdowns;
  if (first !== undefined) {
    json.groups = first.groups.map((group) => groupJson(group, first.columns, levelsOf(0)));
    json.breakdowns = report.breakdowns.map((breakdown, at) => ({ by: breakdown.columns, groups: breakdown.groups.map((group) => groupJson(group, breakdown.columns, levelsOf(at))) }));
  }
  if (report.periods) json.periods = report.periods.map((row, at) => periodJson(row, view, at));
  return view === undefined ? json : { ...json, ...accountsViewJson(view) };
}

export function renderScoreJson(report: ScoreReport): string {
  return `${JSON.stringify(toScoreJson(report), null, 2)}\n`;
}

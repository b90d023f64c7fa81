import type { GroupRow, Scored } from '../../core/breakdown.js';
import { isoDay, type PeriodRow } from '../../core/periods.js';
import type { ScoreReport } from '../../core/score.js';
import type { Difference, Interval } from '../../core/stats.js';
import type { Summary } from '../../core/summary.js';
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

function groupJson(group: GroupRow): object {
  return { key: group.key, ...scoredJson(group), small: group.small, versusRest: differenceJson(group.versusRest) };
}

function periodJson(row: PeriodRow): object {
  return {
    period: row.period,
    start: isoDay(row.start),
    end: isoDay(row.end - 1),
    ...scoredJson(row),
    small: row.small,
    partial: row.partial ?? null,
    change: differenceJson(row.change),
  };
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
  const [first] = report.breakdowns;
  if (first !== undefined) {
    json.groups = first.groups.map(groupJson);
    json.breakdowns = report.breakdowns.map((breakdown) => ({ by: breakdown.columns, groups: breakdown.groups.map(groupJson) }));
  }
  if (report.periods) json.periods = report.periods.map(periodJson);
  return json;
}

export function renderScoreJson(report: ScoreReport): string {
  return `${JSON.stringify(toScoreJson(report), null, 2)}\n`;
}

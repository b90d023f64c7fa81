import type { Summary } from '../core/summary.js';

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
}

export function toScoreJson(summary: Summary): ScoreJson {
  return {
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
  };
}

export function renderScoreJson(summary: Summary): string {
  return `${JSON.stringify(toScoreJson(summary), null, 2)}\n`;
}

import type { Counts } from '../../core/stats.js';
import { groupDigits } from '../../core/digits.js';

interface Need {
  worstCase: number;
  forMix: number | null;
}

/** What `nps sample-size` found; also its JSON form. */
export interface SampleSizeReport {
  confidence: number;
  power: number;
  mix: Counts | null;
  margin: { points: number; responses: Need } | undefined;
  difference: { points: number; responsesPerGroup: Need } | undefined;
}

export function renderSampleSizeJson(report: SampleSizeReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const count = (value: number): string => `${groupDigits(value)} ${value === 1 ? 'response' : 'responses'}`;

export function renderSampleSize(report: SampleSizeReport): string {
  const lines: string[] = [];
  const percent = `${Math.round(report.confidence * 100)}%`;
  const { mix } = report;
  const mixText = mix
    ? `with ${mix.promoters * 100}% promoters, ${mix.passives * 100}% passives and ${mix.detractors * 100}% detractors`
    : '';
  if (report.margin) {
    lines.push(`For an NPS within ± ${report.margin.points} points (${percent} confidence):`);
    lines.push(`  ${count(report.margin.responses.worstCase)} in the worst case (half promoters, half detractors)`);
    if (report.margin.responses.forMix !== null) lines.push(`  ${count(report.margin.responses.forMix)} ${mixText}`);
  }
  if (report.difference) {
    lines.push(
      `To detect a ${report.difference.points}-point difference between two groups (${percent} confidence, ${Math.round(report.power * 100)}% power):`,
    );
    lines.push(`  ${count(report.difference.responsesPerGroup.worstCase)} in each group in the worst case`);
    if (report.difference.responsesPerGroup.forMix !== null) {
      lines.push(`  ${count(report.difference.responsesPerGroup.forMix)} in each group ${mixText}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

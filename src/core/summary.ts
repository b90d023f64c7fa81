import { categoryOf, type Category } from './categories.js';
import { responsesIn, rowsIn, type Tally } from './tally.js';

export interface Summary {
  rows: number;
  responses: number;
  blank: number;
  rejected: number;
  partial: number;
  duplicates: number;
  excluded: number;
  counts: Record<Category, number>;
  /** Share of responses in each group, 0..100; null when there are no responses. */
  percentages: Record<Category, number | null>;
  /** % promoters − % detractors, −100..100, unrounded; null when there are no responses. */
  nps: number | null;
  distribution: number[];
}

export function countsByCategory(distribution: readonly number[]): Record<Category, number> {
  const counts: Record<Category, number> = { promoters: 0, passives: 0, detractors: 0 };
  distribution.forEach((count, score) => {
    counts[categoryOf(score)] += count;
  });
  return counts;
}

/** NPS from counts; computed as one division so that 60/20/20 gives exactly 40. */
export function npsOf(counts: Record<Category, number>): number | null {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0) return null;
  return ((counts.promoters - counts.detractors) * 100) / n;
}

/** Each group's share of `responses`, 0..100; null when there are none. */
export function percentagesOf(counts: Record<Category, number>, responses: number): Summary['percentages'] {
  const share = (part: number): number | null => (responses === 0 ? null : (part * 100) / responses);
  return { promoters: share(counts.promoters), passives: share(counts.passives), detractors: share(counts.detractors) };
}

export function summarize(tally: Tally): Summary {
  const counts = countsByCategory(tally.distribution);
  const responses = responsesIn(tally);
  return {
    rows: rowsIn(tally),
    responses,
    blank: tally.blank,
    rejected: tally.rejected,
    partial: tally.partial,
    duplicates: tally.duplicates,
    excluded: tally.excluded,
    counts,
    percentages: percentagesOf(counts, responses),
    nps: npsOf(counts),
    distribution: [...tally.distribution],
  };
}

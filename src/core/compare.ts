import { scored, type Precision, type Scored } from './breakdown.js';
import type { Category } from './categories.js';
import { movementBetween, respondentsIn, type Movement } from './movement.js';
import { compareCounts, type Difference } from './stats.js';
import type { Tally } from './tally.js';

/** One side of a comparison: a file, a value of a column, or a period. */
export interface Sample {
  /** The file, or the column value or period the sample is made of. */
  name: string;
  tally: Tally;
  /** Respondent to group, the last answer counting, when the input has a respondent column. */
  groups: Map<string, Category> | undefined;
}

export interface CompareReport {
  a: Scored & { file: string };
  b: Scored & { file: string };
  difference: Difference | undefined;
  verdict: string;
  movement: Movement | undefined;
  level: number;
  /** What A and B are: "File", the --by column, or "Period". */
  sampleKind: string;
}

/** "B is 9.9 points higher; with these sample sizes that could be chance (p = 0.058)." */
export function verdict(difference: Difference): string {
  const points = Math.abs(difference.difference).toFixed(1);
  const direction = difference.difference > 0 ? 'higher' : difference.difference < 0 ? 'lower' : 'different';
  const gap = difference.difference === 0 ? 'B and A have the same NPS' : `B is ${points} points ${direction} than A`;
  const p = difference.p < 0.001 ? 'p < 0.001' : `p = ${difference.p.toFixed(3)}`;
  return difference.significant
    ? `${gap}; that is unlikely to be chance (${p}).`
    : `${gap}; with these sample sizes that could be chance (${p}).`;
}

export function compareSamples(a: Sample, b: Sample, precision: Precision, sampleKind: string): CompareReport {
  const resultA = scored(a.tally, precision);
  const resultB = scored(b.tally, precision);
  const difference = compareCounts(resultA.counts, resultB.counts, precision.level);
  const movement = a.groups && b.groups ? movementBetween(a.groups, b.groups) : undefined;
  return {
    a: { file: a.name, ...resultA },
    b: { file: b.name, ...resultB },
    difference,
    verdict: difference === undefined ? 'One of the two has no scored responses: there is nothing to compare.' : verdict(difference),
    movement: movement && respondentsIn(movement) > 0 ? movement : undefined,
    level: precision.level,
    sampleKind,
  };
}

import type { AccountLevel } from './accounts.js';
import type { LevelComparison, SideLevels } from './compare-levels.js';
import { FEW_RESPONSES, scored, scoredCounts, type Precision, type Scored } from './breakdown.js';
import type { Category } from './categories.js';
import { movementBetween, respondentsIn, type Movement } from './movement.js';
import { compareCounts, decidedExactly, EXACT_BELOW, exactPairedP, testedDifference, type Counts, type Difference } from './stats.js';
import type { Tally } from './tally.js';
import type { WeightedScore } from './weights.js';
import type { CompareWarning } from './warnings.js';

/** One side of a comparison: a file, a value of a column, or a period. */
export interface Sample {
  /** The file, or the column value or period the sample is made of. */
  name: string;
  tally: Tally;
  /** Respondent to group, the last answer counting, when the input has a respondent column. */
  groups: Map<string, Category> | undefined;
  /** Each account's counts and the sums of the weights, with --account-column or --weight-column. */
  levels?: SideLevels | undefined;
}

/** The paired test on the respondents who answered in both samples. */
export interface PairedResult {
  respondents: number;
  difference: Difference;
}

export interface CompareReport {
  a: Scored & { file: string };
  b: Scored & { file: string };
  difference: Difference | undefined;
  verdict: string;
  /** The test behind `difference`, in words. */
  test: string;
  /** With at least 30 respondents in both: the paired test on them (the main one under --paired). */
  paired: PairedResult | undefined;
  movement: Movement | undefined;
  level: number;
  /** What A and B are: "File", the --by column, or "Period". */
  sampleKind: string;
  /** Plain sentences: samples too small to lean on, periods far apart. */
  warnings: CompareWarning[];
  /** The one verdict to quote; undefined when a side has no scored response. */
  headline: Headline | undefined;
  /** With --account-column: the account-level NPS of A and B and its test. */
  accounts?: LevelComparison<AccountLevel> | undefined;
  /** With --weight-column: the weighted NPS of A and B and its test, and the column. */
  weighted?: (LevelComparison<WeightedScore> & { column: string }) | undefined;
}

/**
 * The one verdict a board can quote. The change is B − A of the two scores as shown (to
 * one decimal, so that it is their difference); the test behind it is the paired one when
 * the people in both are (nearly) all who answered, or --paired asks, and otherwise the
 * two-sample test on everyone, with the paired result beside it when there is one.
 */
export interface Headline {
  points: number;
  from: number;
  to: number;
  decidedBy: 'everyone' | 'both';
  p: number;
  significant: boolean;
  /** Respondents in both samples (0 without respondent columns), and their share of the smaller sample. */
  inBoth: number;
  coverage: number;
}

/** When the respondents in both are this share of the smaller sample, the paired test is the verdict. */
export const SAME_PEOPLE = 0.8;

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

function headlineOf(a: Scored, b: Scored, difference: Difference | undefined, paired: PairedResult | undefined, forcePaired: boolean): Headline | undefined {
  if (a.nps === null || b.nps === null || difference === undefined) return undefined;
  const smaller = Math.min(a.responses, b.responses);
  const inBoth = paired?.respondents ?? 0;
  const coverage = smaller === 0 ? 0 : inBoth / smaller;
  const byPair = paired !== undefined && (forcePaired || (inBoth >= PAIRED_MINIMUM && coverage >= SAME_PEOPLE));
  const decided = byPair ? paired.difference : difference;
  const [from, to] = [oneDecimal(a.nps), oneDecimal(b.nps)];
  return { points: oneDecimal(to - from), from, to, decidedBy: byPair ? 'both' : 'everyone', p: decided.p, significant: decided.significant, inBoth, coverage };
}

/** Respondents in both samples at least, for a paired test worth its name. */
export const PAIRED_MINIMUM = 30;

/** "B is 9.9 points higher; with these sample sizes that could be chance (p = 0.058)." */
export function verdict(difference: Difference): string {
  const points = Math.abs(difference.difference).toFixed(1);
  const direction = difference.difference > 0 ? 'higher' : 'lower';
  const gap = difference.difference === 0 ? 'B and A have the same NPS' : `B is ${points} points ${direction} than A`;
  const p = difference.p < 0.001 ? 'p < 0.001' : `p = ${difference.p.toFixed(3)}`;
  return difference.significant
    ? `${gap}; that is unlikely to be chance (${p}).`
    : `${gap}; with these sample sizes that could be chance (${p}).`;
}

const VALUE: Record<Category, number> = { promoters: 1, passives: 0, detractors: -1 };

/**
 * The paired test: each respondent in both samples moves −2..+2 category steps
 * (detractor −1, passive 0, promoter +1); the mean move × 100 is the change of NPS
 * among them, and its variance is the moves' own (n − 1), so respondents who keep
 * their answer make the test sharper than two independent samples would.
 */
export function pairedTest(before: ReadonlyMap<string, Category>, after: ReadonlyMap<string, Category>, level: number): PairedResult | undefined {
  const moves: number[] = [];
  for (const [respondent, to] of after) {
    const from = before.get(respondent);
    if (from !== undefined) moves.push(VALUE[to] - VALUE[from]);
  }
  const n = moves.length;
  if (n < 2) return undefined;
  const mean = moves.reduce((sum, move) => sum + move, 0) / n;
  const variance = moves.reduce((sum, move) => sum + (move - mean) ** 2, 0) / (n - 1);
  const difference = testedDifference(mean * 100, Math.sqrt(variance / n) * 100, level);
  if (n >= EXACT_BELOW) return { respondents: n, difference };
  return { respondents: n, difference: decidedExactly(difference, exactPairedP(moves), level) };
}

function matchedCounts(groups: ReadonlyMap<string, Category>, others: ReadonlyMap<string, Category>): Counts {
  const counts: Counts = { promoters: 0, passives: 0, detractors: 0 };
  for (const [respondent, category] of groups) if (others.has(respondent)) counts[category] += 1;
  return counts;
}

function smallSamples(sides: ReadonlyArray<readonly [side: 'A' | 'B', sample: Scored]>): CompareWarning[] {
  return sides
    .filter(([, sample]) => sample.responses > 0 && sample.responses < FEW_RESPONSES)
    .map(([side, { responses }]) => ({ code: 'small-sample', side, responses, minimum: FEW_RESPONSES }));
}

const METHOD_NOTE = {
  'adjusted-wald': '',
  wald: '; the intervals of A and B are Wald intervals, the difference uses adjusted-Wald variances',
  bayes: '; the intervals of A and B are credible intervals, the difference uses adjusted-Wald variances',
} as const;

/** The two samples compared: independently, or, with `paired`, only the respondents in both and by the paired test. */
export function compareSamples(a: Sample, b: Sample, precision: Precision, sampleKind: string, options: { paired?: boolean } = {}): CompareReport {
  const paired = a.groups && b.groups ? pairedTest(a.groups, b.groups, precision.level) : undefined;
  const usePaired = options.paired === true;
  const resultA = usePaired && a.groups && b.groups ? scoredCounts(matchedCounts(a.groups, b.groups), precision) : scored(a.tally, precision);
  const resultB = usePaired && a.groups && b.groups ? scoredCounts(matchedCounts(b.groups, a.groups), precision) : scored(b.tally, precision);
  const difference = usePaired ? paired?.difference : compareCounts(resultA.counts, resultB.counts, precision.level);
  const movement = a.groups && b.groups ? movementBetween(a.groups, b.groups) : undefined;
  const sides = { a: { file: a.name, ...resultA }, b: { file: b.name, ...resultB } };
  const warnings = smallSamples([['A', resultA], ['B', resultB]]);
  const test = difference === undefined
    ? ''
    : difference.exact
    ? `exact permutation test${usePaired ? ' on the respondents in both' : ''}: with fewer than ${EXACT_BELOW} responses on a side, the z-test would be far too sure`
    : usePaired
    ? `paired z-test on the ${paired?.respondents ?? 0} respondents in both: the mean change of each one's group`
    : `two-sample z-test on B − A, with adjusted-Wald variances (Rocks 2016)${METHOD_NOTE[precision.method]}`;
  const pairedResult = paired !== undefined && paired.respondents >= PAIRED_MINIMUM ? paired : undefined;
  return {
    ...sides,
    difference,
    headline: headlineOf(resultA, resultB, difference, usePaired ? paired : pairedResult, usePaired),
    verdict: difference === undefined ? 'One of the two has no scored responses: there is nothing to compare.' : verdict(difference),
    test,
    paired: pairedResult,
    movement: movement && respondentsIn(movement) > 0 ? movement : undefined,
    level: precision.level,
    sampleKind,
    warnings,
  };
}


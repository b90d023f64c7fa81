import { describe, expect, it } from 'vitest';
import { criticalValue, normalCdf, normalQuantile } from '../../../src/core/normal.js';
import { breakdown, GroupTallies, precisionWarnings, scaleWarnings, scoredCounts } from '../../../src/core/breakdown.js';
import type { Category } from '../../../src/core/categories.js';
import { pairedTest, verdict } from '../../../src/core/compare.js';
import { seededRandom } from '../../../src/core/random.js';
import {
  adjustFamily,
  compareCounts,
  EXACT_BELOW,
  exactP,
  exactPairedP,
  interval,
  marginForMix,
  marginOfError,
  powerOfDifference,
  responsesForDifference,
  responsesForMargin,
  shiftMix,
  WORST_CASE_MIX,
  type Counts,
} from '../../../src/core/stats.js';
import { countsByCategory, npsOf } from '../../../src/core/summary.js';
import { addScore, emptyTally, mergeTallies } from '../../../src/core/tally.js';
import { wordWarning } from '../../../src/output/render/warnings.js';

const counts = (detractors: number, passives: number, promoters: number): Counts => ({ detractors, passives, promoters });

describe('the normal distribution', () => {
  it('has the textbook critical values', () => {
    expect(criticalValue(0.95)).toBeCloseTo(1.959964, 5);
    expect(criticalValue(0.9)).toBeCloseTo(1.644854, 5);
    expect(criticalValue(0.99)).toBeCloseTo(2.575829, 5);
  });
  it('inverts its CDF', () => {
    for (const p of [0.001, 0.02, 0.3, 0.5, 0.8, 0.975, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 6);
  });
});

describe('NPS intervals (test vectors, 95%)', () => {
  it('54/108/162: NPS 33.333, Wald [25.217, 41.449], adjusted Wald [24.945, 41.110]', () => {
    const c = counts(54, 108, 162);
    expect(npsOf(c)).toBeCloseTo(33.333, 3);
    const wald = interval(c, 0.95, 'wald');
    expect(wald?.low).toBeCloseTo(25.217, 3);
    expect(wald?.high).toBeCloseTo(41.449, 3);
    const adjusted = interval(c, 0.95, 'adjusted-wald');
    expect(adjusted?.low).toBeCloseTo(24.945, 3);
    expect(adjusted?.high).toBeCloseTo(41.11, 3);
  });

  it('395/476/291: NPS -8.950, Wald margin 4.388', () => {
    const c = counts(395, 476, 291);
    expect(npsOf(c)).toBeCloseTo(-8.95, 3);
    expect(marginOfError(c, 0.95, 'wald')).toBeCloseTo(4.388, 3);
  });

  it('2/0/9: Wald runs past 100, adjusted Wald gives [8.001, 91.999]', () => {
    const c = counts(2, 0, 9);
    const waldHalf = marginOfError(c, 0.95, 'wald') ?? 0;
    expect((npsOf(c) ?? 0) + waldHalf).toBeGreaterThan(100);
    expect(interval(c, 0.95, 'wald')?.high).toBe(100);
    const adjusted = interval(c, 0.95, 'adjusted-wald');
    expect(adjusted?.low).toBeCloseTo(8.001, 3);
    expect(adjusted?.high).toBeCloseTo(91.999, 3);
  });

  it('0/0/5: adjusted Wald is clipped at 100', () => {
    const adjusted = interval(counts(0, 0, 5), 0.95, 'adjusted-wald');
    expect(adjusted?.high).toBe(100);
    expect(adjusted?.low).toBeCloseTo(17.49, 2);
  });

  it('uses the covariance: the variance is pP + pD - (pP - pD)^2', () => {
    // Half promoters, half detractors: variance 1, so the Wald margin is 196/sqrt(n).
    expect(marginOfError(counts(50, 0, 50), 0.95, 'wald')).toBeCloseTo(19.6, 1);
    // pP(1-pP) + pD(1-pD) would give 0.5 and a margin of 13.9 instead.
  });

  it('has no interval without responses', () => {
    expect(interval(counts(0, 0, 0), 0.95, 'adjusted-wald')).toBeUndefined();
  });

  it('widens with the confidence level', () => {
    const c = counts(54, 108, 162);
    const width = (level: number): number => {
      const i = interval(c, level, 'adjusted-wald');
      return (i?.high ?? 0) - (i?.low ?? 0);
    };
    expect(width(0.9)).toBeLessThan(width(0.95));
    expect(width(0.95)).toBeLessThan(width(0.99));
  });

  it('gives the Dirichlet posterior interval: close to the normal one for a large sample', () => {
    // Posterior Dirichlet(163, 109, 55): mean NPS (163 - 55) / 327 = 33.03, sd 4.12, so about 24.9 to 41.1.
    const bayes = interval(counts(54, 108, 162), 0.95, 'bayes');
    expect(bayes?.low).toBeCloseTo(24.95, 0);
    expect(bayes?.high).toBeCloseTo(41.1, 0);
  });

  it('gives the same Bayesian interval for the same counts', () => {
    expect(interval(counts(3, 4, 5), 0.95, 'bayes')).toEqual(interval(counts(3, 4, 5), 0.95, 'bayes'));
  });

  it('keeps the Bayesian interval inside -100..100 and skewed for a small extreme sample', () => {
    // Five promoters: the posterior Dirichlet(6, 1, 1) leaves the NPS well below 100 and far from symmetric.
    const bayes = interval(counts(0, 0, 5), 0.95, 'bayes');
    expect(bayes?.high).toBeLessThan(100);
    expect(bayes?.high).toBeGreaterThan(90);
    expect(bayes?.low).toBeGreaterThan(0);
    expect(bayes?.low).toBeLessThan(40);
  });
});

describe('comparing two scores', () => {
  it('150/150/200 vs 175/150/175: difference 10.0 (adjusted 9.94), p = 0.057 (reference.py), not significant', () => {
    const result = compareCounts(counts(175, 150, 175), counts(150, 150, 200), 0.95);
    expect(result?.difference).toBeCloseTo(10, 6);
    expect(result?.adjustedDifference).toBeCloseTo(9.94, 2);
    expect(result?.p).toBeCloseTo(0.0569307, 6);
    expect(result?.significant).toBe(false);
    expect(result?.interval?.low).toBeLessThan(0);
  });

  it('finds a large gap in large samples significant', () => {
    const result = compareCounts(counts(300, 300, 400), counts(200, 300, 500), 0.95);
    expect(result?.significant).toBe(true);
    expect(result?.p).toBeLessThan(0.001);
  });
});

describe('the mix a difference away', () => {
  it('moves up when the mix has room, else down, always by the gap asked', () => {
    const mix = (promoters: number, passives: number, detractors: number): Counts => ({ promoters, passives, detractors });
    expect(shiftMix(mix(0.9, 0.1, 0), 0.2)).toEqual(mix(0.8, 0.1, 0.1));
    for (const from of [mix(0.9, 0.1, 0), mix(0.5, 0.3, 0.2), mix(0, 0, 1), mix(1, 0, 0), mix(0.2, 0.6, 0.2)]) {
      for (const gap of [0.05, 0.1, 0.2, 0.3, 0.5, 1]) {
        const to = shiftMix(from, gap);
        expect(to, `${JSON.stringify(from)} by ${gap}`).toBeDefined();
        if (to === undefined) continue;
        expect(Math.abs(to.promoters - to.detractors - (from.promoters - from.detractors))).toBeCloseTo(gap, 12);
        expect(Math.min(to.promoters, to.passives, to.detractors)).toBeGreaterThanOrEqual(-1e-12);
      }
    }
  });

  it('asks more responses of a smaller difference, whatever the mix', () => {
    const lopsided = { promoters: 0.9, passives: 0.1, detractors: 0 };
    const sizes = [10, 20, 30].map((points) => responsesForDifference(points, 0.95, 0.8, lopsided) ?? Infinity);
    expect(sizes[0]).toBeGreaterThan(sizes[1] ?? 0);
    expect(sizes[1]).toBeGreaterThan(sizes[2] ?? 0);
  });
});

describe('sample sizes (test/reference/sample_size.py)', () => {
  it.each([
    ['worst case', undefined, 5, 1533],
    ['worst case', undefined, 10, 380],
    ['50/30/20', { promoters: 0.5, passives: 0.3, detractors: 0.2 }, 5, 935],
    ['50/30/20', { promoters: 0.5, passives: 0.3, detractors: 0.2 }, 10, 232],
    ['90/10/0', { promoters: 0.9, passives: 0.1, detractors: 0 }, 10, 55],
    ['100/0/0', { promoters: 1, passives: 0, detractors: 0 }, 5, 80],
  ] as const)('%s, ±%d points: the smallest n whose adjusted-Wald margin is within it: %d', (_name, mix, points, n) => {
    expect(responsesForMargin(points, 0.95, mix)).toBe(n);
    expect(marginForMix(mix ?? WORST_CASE_MIX, n, 0.95)).toBeLessThanOrEqual(points);
    expect(marginForMix(mix ?? WORST_CASE_MIX, n - 1, 0.95)).toBeGreaterThan(points);
  });

  it('delivers the margin for lopsided mixes that the old formula missed (32 responses gave ±14.4 for 90/10/0)', () => {
    expect(marginForMix({ promoters: 0.9, passives: 0.1, detractors: 0 }, 32, 0.95)).toBeGreaterThan(12);
  });

  it('finds the responses per group for 80% power to see 10 points, as the reference simulates (0.800 at 1558, 0.799 at 900)', () => {
    expect(responsesForDifference(10, 0.95, 0.8)).toBe(1558);
    expect(responsesForDifference(10, 0.95, 0.8, { promoters: 0.5, passives: 0.3, detractors: 0.2 })).toBe(900);
    expect(powerOfDifference(10, 1558, 0.95)).toBeCloseTo(0.80014, 4);
  });
});

describe('a difference, its words, its interval and its p never disagree', () => {
  it('holds for 10,000 random pairs of samples, centred on the raw difference', () => {
    const random = seededRandom(14);
    const draw = (): Counts => {
      const size = random() < 0.3 ? 1 + Math.floor(random() * 5) : Math.floor(random() * 2000);
      const shares = [random(), random() * random(), random()];
      const sum = shares.reduce((x, y) => x + y, 0) || 1;
      return counts(Math.round((size * (shares[0] ?? 0)) / sum), Math.round((size * (shares[1] ?? 0)) / sum), Math.round((size * (shares[2] ?? 0)) / sum));
    };
    let compared = 0;
    for (let trial = 0; trial < 10_000; trial += 1) {
      const a = draw();
      const b = draw();
      const difference = compareCounts(a, b, 0.95);
      if (difference === undefined) continue;
      compared += 1;
      expect(difference.difference).toBeCloseTo((npsOf(b) ?? 0) - (npsOf(a) ?? 0), 9);
      expect(difference.significant).toBe(difference.p < 0.05);
      if (difference.difference === 0) expect(difference.significant).toBe(false);
      // A side under 10 responses: the exact test decides, and there is no interval to disagree with it.
      expect(difference.exact).toBe(Math.min(a.promoters + a.passives + a.detractors, b.promoters + b.passives + b.detractors) < EXACT_BELOW);
      if (difference.interval === null) {
        expect(difference.exact).toBe(true);
      } else {
        const inside = difference.interval.low <= difference.difference && difference.difference <= difference.interval.high;
        expect(inside).toBe(true);
        const excludesZero = difference.interval.low > 0 || difference.interval.high < 0;
        expect(difference.significant).toBe(excludesZero);
        if (difference.significant) expect(Math.sign(difference.interval.low)).toBe(Math.sign(difference.difference));
      }
      const words = verdict(difference);
      if (difference.difference > 0) expect(words).toContain('higher');
      if (difference.difference < 0) expect(words).toContain('lower');
    }
    expect(compared).toBeGreaterThan(9000);
  });

  it('tests a side of fewer than 10 responses exactly: every deal of the pooled answers counted', () => {
    // One detractor against one promoter: two deals, both as far apart: p = 1.
    expect(compareCounts(counts(1, 0, 0), counts(0, 0, 1), 0.95)).toMatchObject({ p: 1, significant: false, exact: true, interval: null });
    // n detractors against n promoters: only 2 of C(2n, n) deals are as extreme.
    expect(exactP(counts(3, 0, 0), counts(0, 0, 3))).toBeCloseTo(2 / 20, 12);
    expect(exactP(counts(4, 0, 0), counts(0, 0, 4))).toBeCloseTo(2 / 70, 12);
    expect(exactP(counts(5, 0, 0), counts(0, 0, 5))).toBeCloseTo(2 / 252, 12);
    // One detractor against 9 promoters and 1 detractor: the detractor is in the small side with probability 2/11.
    expect(exactP(counts(1, 0, 0), counts(1, 0, 9))).toBeCloseTo(2 / 11, 12);
    expect(compareCounts(counts(1, 0, 0), counts(0, 0, 1), 0.95)?.p).toBe(1);
    // Against brute force over every deal (test/reference/exact.py).
    const reference: Array<[number[], number[], number]> = [
      [[2, 1, 0], [0, 1, 3], 0.08571428571428572],
      [[1, 2, 3], [0, 1, 5], 0.42424242424242425],
      [[3, 0, 1], [1, 2, 6], 0.10909090909090909],
      [[0, 4, 2], [3, 3, 6], 1.0],
    ];
    for (const [a, b, p] of reference) expect(exactP(counts(a[0] ?? 0, a[1] ?? 0, a[2] ?? 0), counts(b[0] ?? 0, b[1] ?? 0, b[2] ?? 0))).toBeCloseTo(p, 12);
    // The exact paired test: 4 respondents all up one step: 2 of 16 sign flips as extreme.
    expect(exactPairedP([1, 1, 1, 1])).toBeCloseTo(2 / 16, 12);
  });

  it('no longer calls 1 promoter against 990 promoters and 10 passives lower and significant', () => {
    const difference = compareCounts(counts(0, 0, 1), counts(0, 10, 990), 0.95);
    expect(difference?.difference).toBeCloseTo(-1, 9);
    expect(difference?.significant).toBe(false);
    expect(verdict(defined(difference))).toContain('could be chance');
    const same = compareCounts(counts(0, 0, 30), counts(0, 0, 40), 0.95);
    expect(same?.p).toBe(1);
    expect(verdict(defined(same))).toBe('B and A have the same NPS; with these sample sizes that could be chance (p = 1.000).');
  });
});

describe('several tests at once', () => {
  it('adjusts p-values by Benjamini-Hochberg, as the reference computes them', () => {
    const tested = [0.00132093, 0.33890526, 0.00015656].map((p) => ({ ...defined(compareCounts(counts(1, 1, 1), counts(1, 1, 1), 0.95)), p }));
    const adjusted = adjustFamily(tested, 0.95);
    expect(adjusted.map((difference) => difference.pAdjusted)).toEqual([
      expect.closeTo(0.0019814, 6),
      expect.closeTo(0.3389053, 6),
      expect.closeTo(0.0004697, 6),
    ]);
  });

  it('keeps 40 groups drawn from one population from being flagged by chance', () => {
    const random = seededRandom(40);
    let flaggedAlone = 0;
    let flaggedAdjusted = 0;
    const trials = 20;
    for (let trial = 0; trial < trials; trial += 1) {
      const groups = new GroupTallies();
      for (let row = 0; row < 40 * 200; row += 1) {
        const roll = random();
        addScore(groups.tallyFor(`g${row % 40}`, () => [`g${row % 40}`]), roll < 0.5 ? 10 : roll < 0.7 ? 8 : 3);
      }
      const overall = [...groups.groups.values()].reduce((sum, { tally }) => mergeTallies(sum, tally), emptyTally());
      const totals = countsByCategory(overall.distribution);
      const count = (adjust: boolean): number =>
        breakdown(['g'], groups, totals, { level: 0.95, method: 'adjusted-wald', adjust }, 30).filter((row) => row.versusRest?.significant).length;
      flaggedAlone += count(false);
      flaggedAdjusted += count(true);
    }
    // Alone, about 5% of 40, 2 groups a trial; adjusted, far fewer.
    expect(flaggedAlone / trials).toBeGreaterThan(1);
    expect(flaggedAdjusted / trials).toBeLessThan(0.25);
  });
});

describe('the paired test', () => {
  it('gives the reference\'s figures for the 500 respondents of compare-a and compare-b', () => {
    const a = new Map<string, Category>();
    const b = new Map<string, Category>();
    for (let i = 1; i <= 500; i += 1) {
      a.set(`u${i}`, i <= 175 ? 'detractors' : i <= 325 ? 'passives' : 'promoters');
      b.set(`u${i}`, i <= 140 || i > 490 ? 'detractors' : i <= 290 ? 'passives' : 'promoters');
    }
    const paired = pairedTest(a, b, 0.95);
    expect(paired?.respondents).toBe(500);
    expect(paired?.difference.difference).toBeCloseTo(10, 9);
    expect(paired?.difference.p).toBeCloseTo(1.0901897e-6, 10);
    expect(paired?.difference.interval?.low).toBeCloseTo(5.979246, 5);
  });
});

describe('intervals that say less than they seem', () => {
  it('warns when a Wald interval is a point, and when an interval leaves out its own score', () => {
    const precision = { level: 0.95, method: 'wald' as const, adjust: true };
    const allPromoters = scoredCounts(counts(0, 0, 30), precision);
    expect(precisionWarnings(allPromoters)).toContainEqual({ code: 'single-point-interval', method: 'wald' });
    expect(precisionWarnings(allPromoters).map(wordWarning).join(' ')).toContain('the Wald interval is a single point');
    const one = scoredCounts(counts(0, 0, 1), { ...precision, method: 'adjusted-wald' });
    expect(precisionWarnings(one)).toContainEqual({ code: 'interval-misses-score', responses: 1 });
    expect(precisionWarnings(one).map(wordWarning).join(' ')).toContain('with 1 response the interval does not even hold the score itself');
  });

  it('warns when no answer is above 5 over 30 answers or more: a 1–5 rating read as the 0–10 question', () => {
    // 400 answers of a 1–5 satisfaction score: every one a detractor.
    const csat = [0, 56, 82, 99, 90, 73, 0, 0, 0, 0, 0];
    expect(scaleWarnings(csat)).toEqual([{ code: 'short-scale', highest: 5, responses: 400 }]);
    expect(scaleWarnings(csat).map(wordWarning).join(' ')).toContain('every one of the 400 responses is 5 or less');
    expect(scaleWarnings([0, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0])).toEqual([{ code: 'short-scale', highest: 3, responses: 30 }]);
    // One answer above 5, or too few answers to say: no warning.
    expect(scaleWarnings([0, 56, 82, 99, 90, 73, 1, 0, 0, 0, 0])).toEqual([]);
    expect(scaleWarnings([0, 5, 5, 5, 5, 9, 0, 0, 0, 0, 0])).toEqual([]);
    expect(scaleWarnings([3, 0, 0, 0, 0, 0, 0, 0, 0, 20, 30])).toEqual([]);
  });
});

/** A value a test needs to be there: fails the test where it is not. */
function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value, found undefined');
  return value;
}

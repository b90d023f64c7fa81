import { describe, expect, it } from 'vitest';
import { criticalValue, normalCdf, normalQuantile } from '../../src/core/normal.js';
import {
  compareCounts,
  interval,
  marginOfError,
  responsesForDifference,
  responsesForMargin,
  varianceOfMix,
  type Counts,
} from '../../src/core/stats.js';
import { npsOf } from '../../src/core/summary.js';

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
  it('150/150/200 vs 175/150/175: difference 10.0 (adjusted 9.94), p = 0.058, not significant', () => {
    const result = compareCounts(counts(175, 150, 175), counts(150, 150, 200), 0.95);
    expect(result?.difference).toBeCloseTo(10, 6);
    expect(result?.adjustedDifference).toBeCloseTo(9.94, 2);
    expect(result?.p).toBeCloseTo(0.058, 3);
    expect(result?.significant).toBe(false);
    expect(result?.interval.low).toBeLessThan(0);
  });

  it('finds a large gap in large samples significant', () => {
    const result = compareCounts(counts(300, 300, 400), counts(200, 300, 500), 0.95);
    expect(result?.significant).toBe(true);
    expect(result?.p).toBeLessThan(0.001);
  });
});

describe('sample sizes', () => {
  it('needs 1534 responses for ±5 points at 95% in the worst case', () => {
    // (1.96 / 0.05)^2 = 1536.6, less the 3 pseudo-responses of the adjusted interval.
    expect(responsesForMargin(5, 0.95)).toBe(1534);
  });
  it('needs fewer for a mix with fewer extremes', () => {
    const mix = { promoters: 0.5, passives: 0.3, detractors: 0.2 };
    expect(varianceOfMix(mix)).toBeCloseTo(0.61, 6);
    expect(responsesForMargin(5, 0.95, varianceOfMix(mix))).toBe(935);
  });
  it('needs this many per group to detect a 10-point gap with 80% power', () => {
    // (1.96 + 0.8416)^2 * 2 / 0.1^2 = 1569.8
    expect(responsesForDifference(10, 0.95, 0.8)).toBe(1567);
  });
});

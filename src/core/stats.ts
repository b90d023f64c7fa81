import type { Category } from './categories.js';
import { criticalValue, normalCdf } from './normal.js';
import { seededRandom } from './sample.js';
import { npsOf } from './summary.js';

export type Counts = Record<Category, number>;

/** The interval methods `--interval` offers; the README cites the source of each. */
export const INTERVAL_METHODS = {
  'adjusted-wald': 'adjusted Wald (Rocks 2016): add 0.75, 1.5 and 0.75 to detractors, passives and promoters',
  wald: 'plain Wald: the normal approximation on the raw proportions',
  bayes: 'the equal-tailed interval of the Dirichlet posterior with a uniform prior (1, 1, 1)',
} as const satisfies Record<string, string>;
export type IntervalMethod = keyof typeof INTERVAL_METHODS;

export const CONFIDENCE_LEVELS = [0.9, 0.95, 0.99] as const;

/** An NPS interval on the −100..100 scale. */
export interface Interval {
  low: number;
  high: number;
  level: number;
  method: IntervalMethod;
}

export interface Estimate {
  /** The NPS the interval is centred on: the raw NPS for Wald, the adjusted one otherwise. */
  centre: number;
  /** Standard error of the NPS, on the −100..100 scale. */
  standardError: number;
}

interface Proportions {
  promoters: number;
  detractors: number;
  n: number;
}

const clip = (value: number): number => Math.min(100, Math.max(-100, value));

/**
 * Var(P − D) for one respondent: pP + pD − (pP − pD)². Promoter and detractor
 * shares are negatively correlated, which the (pP − pD)² term accounts for.
 */
function perResponseVariance({ promoters, detractors }: Proportions): number {
  return promoters + detractors - (promoters - detractors) ** 2;
}

function proportions(counts: Counts, added: Counts): Proportions {
  const promoters = counts.promoters + added.promoters;
  const passives = counts.passives + added.passives;
  const detractors = counts.detractors + added.detractors;
  const n = promoters + passives + detractors;
  return { promoters: promoters / n, detractors: detractors / n, n };
}

const NOTHING_ADDED: Counts = { promoters: 0, passives: 0, detractors: 0 };
/** Rocks (2016): 3 pseudo-responses split 0.75 / 1.5 / 0.75 pull extreme samples towards the centre. */
const ROCKS_ADDED: Counts = { promoters: 0.75, passives: 1.5, detractors: 0.75 };
/** A uniform Dirichlet prior: one pseudo-response in each group. */
const UNIFORM_PRIOR: Counts = { promoters: 1, passives: 1, detractors: 1 };

/** Centre and standard error of the NPS by a method; undefined when there are no responses. */
export function estimate(counts: Counts, method: IntervalMethod): Estimate | undefined {
  const n = counts.promoters + counts.passives + counts.detractors;
  if (n === 0 && method === 'wald') return undefined;
  if (method === 'bayes') {
    const p = proportions(counts, UNIFORM_PRIOR);
    // Var(pP − pD) under Dirichlet(α) is (pP + pD − (pP − pD)²) / (α₀ + 1).
    return { centre: (p.promoters - p.detractors) * 100, standardError: Math.sqrt(perResponseVariance(p) / (p.n + 1)) * 100 };
  }
  const p = proportions(counts, method === 'wald' ? NOTHING_ADDED : ROCKS_ADDED);
  return { centre: (p.promoters - p.detractors) * 100, standardError: Math.sqrt(perResponseVariance(p) / p.n) * 100 };
}

/** Draws from the posterior: on 324 responses the interval's ends vary by 0.07 points (sd over 20 seeds); ~15 ms an interval. */
const POSTERIOR_DRAWS = 20_000;

/** A standard normal draw (Box–Muller). */
function normalDraw(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A Gamma(shape, 1) draw by Marsaglia and Tsang's method; shape ≥ 1, as every posterior shape here is. */
function gammaDraw(shape: number, random: () => number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normalDraw(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * The equal-tailed posterior interval of the NPS under a Dirichlet(1, 1, 1) prior,
 * from draws of the posterior Dirichlet(P + 1, Pa + 1, D + 1). The generator is
 * seeded by the counts, so the same counts always give the same interval.
 */
function posteriorInterval(counts: Counts, level: number): { low: number; high: number } {
  const random = seededRandom(counts.promoters * 2_654_435_761 + counts.passives * 40_503 + counts.detractors * 97 + 1);
  const draws = new Float64Array(POSTERIOR_DRAWS);
  for (let index = 0; index < POSTERIOR_DRAWS; index += 1) {
    const promoters = gammaDraw(counts.promoters + 1, random);
    const passives = gammaDraw(counts.passives + 1, random);
    const detractors = gammaDraw(counts.detractors + 1, random);
    draws[index] = ((promoters - detractors) * 100) / (promoters + passives + detractors);
  }
  draws.sort();
  const at = (share: number): number => draws[Math.min(POSTERIOR_DRAWS - 1, Math.floor(share * POSTERIOR_DRAWS))] ?? 0;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/** The interval for the NPS of `counts`, clipped to −100..100; undefined with no responses. */
export function interval(counts: Counts, level: number, method: IntervalMethod): Interval | undefined {
  if (counts.promoters + counts.passives + counts.detractors === 0) return undefined;
  if (method === 'bayes') return { ...posteriorInterval(counts, level), level, method };
  const fit = estimate(counts, method);
  if (fit === undefined) return undefined;
  const half = criticalValue(level) * fit.standardError;
  return { low: clip(fit.centre - half), high: clip(fit.centre + half), level, method };
}

/** Half the width of the interval before clipping: the "±" people quote. */
export function marginOfError(counts: Counts, level: number, method: IntervalMethod): number | undefined {
  if (counts.promoters + counts.passives + counts.detractors === 0) return undefined;
  if (method === 'bayes') {
    const posterior = posteriorInterval(counts, level);
    return (posterior.high - posterior.low) / 2;
  }
  const fit = estimate(counts, method);
  return fit === undefined ? undefined : criticalValue(level) * fit.standardError;
}

export interface Difference {
  /** NPS of B minus NPS of A, from the raw counts. */
  difference: number;
  /** The same from the adjusted proportions, which the test uses. */
  adjustedDifference: number;
  interval: Interval;
  z: number;
  /** Two-sided p-value: the chance of a gap at least this large if the two scores were really equal. */
  p: number;
  significant: boolean;
}

/**
 * Compares two independent samples: a z-test on the difference of adjusted NPS,
 * with the variances of the two samples added.
 */
export function compareCounts(a: Counts, b: Counts, level: number): Difference | undefined {
  const fitA = estimate(a, 'adjusted-wald');
  const fitB = estimate(b, 'adjusted-wald');
  const rawA = npsOf(a);
  const rawB = npsOf(b);
  if (fitA === undefined || fitB === undefined || rawA === null || rawB === null) return undefined;
  const adjustedDifference = fitB.centre - fitA.centre;
  const standardError = Math.hypot(fitA.standardError, fitB.standardError);
  const half = criticalValue(level) * standardError;
  const z = adjustedDifference / standardError;
  const p = 2 * (1 - normalCdf(Math.abs(z)));
  return {
    difference: rawB - rawA,
    adjustedDifference,
    interval: {
      low: Math.max(-200, adjustedDifference - half),
      high: Math.min(200, adjustedDifference + half),
      level,
      method: 'adjusted-wald',
    },
    z,
    p,
    significant: p < 1 - level,
  };
}

export function subtractCounts(whole: Counts, part: Counts): Counts {
  return {
    promoters: whole.promoters - part.promoters,
    passives: whole.passives - part.passives,
    detractors: whole.detractors - part.detractors,
  };
}

/** The largest per-response variance of an NPS, reached with half promoters and half detractors. */
export const WORST_CASE_VARIANCE = 1;

/** Per-response variance for a mix of shares (each 0..1, summing to 1). */
export function varianceOfMix(mix: Counts): number {
  const total = mix.promoters + mix.passives + mix.detractors;
  return perResponseVariance({ promoters: mix.promoters / total, detractors: mix.detractors / total, n: total });
}

/** Responses needed for a margin of error of `margin` NPS points (adjusted Wald adds 3 pseudo-responses). */
export function responsesForMargin(margin: number, level: number, variance = WORST_CASE_VARIANCE): number {
  const z = criticalValue(level);
  return Math.max(1, Math.ceil((z * z * variance) / (margin / 100) ** 2) - 3);
}

/** Responses needed in each of two groups to detect a gap of `difference` points with the given power. */
export function responsesForDifference(
  difference: number,
  level: number,
  power: number,
  variance = WORST_CASE_VARIANCE,
): number {
  const z = criticalValue(level) + criticalValue(2 * power - 1);
  return Math.max(1, Math.ceil((z * z * 2 * variance) / (difference / 100) ** 2) - 3);
}

import type { Category } from './categories.js';
import { criticalValue, normalCdf } from './normal.js';
import { seededRandom } from './random.js';
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
  /** NPS of B minus NPS of A, from the raw counts: what the test is centred on. */
  difference: number;
  /** The difference of the adjusted NPS (each shrunk towards 0 by Rocks' pseudo-responses): shown for reference only. */
  adjustedDifference: number;
  /** The interval of B − A; null when the exact test decides (a side under EXACT_BELOW responses). */
  interval: Interval | null;
  z: number;
  /** Two-sided p-value: the chance of a gap at least this large if the two scores were really equal. */
  p: number;
  /** With several tests at once, p adjusted by Benjamini-Hochberg; null for a single test. */
  pAdjusted: number | null;
  /** Whether the gap is unlikely to be chance: by `pAdjusted` when there is one, else by `p`. */
  significant: boolean;
  /**
   * True when a side has fewer than EXACT_BELOW responses: p then comes from the exact
   * permutation test, and `interval` is null (no interval matches that test).
   */
  exact: boolean;
}

/**
 * Below this many responses on a side, the z-test is far too confident: one detractor
 * against one promoter gives z ≈ 4, where the exact permutation test gives p = 1 (two
 * arrangements, equally likely). There the exact test decides.
 */
export const EXACT_BELOW = 10;

/**
 * Compares two independent samples: a two-sided z-test on B − A, the difference of
 * their NPS as shown, with the variance of each sample from its adjusted-Wald
 * estimate (Rocks 2016), which behaves with small or extreme samples. Centring the
 * test and its interval on the difference shown (not on the difference of adjusted
 * scores) keeps the words, the sign, the interval and p in agreement: p is below
 * 1 − level exactly when the interval leaves out 0.
 */
export function compareCounts(a: Counts, b: Counts, level: number): Difference | undefined {
  const fitA = estimate(a, 'adjusted-wald');
  const fitB = estimate(b, 'adjusted-wald');
  const rawA = npsOf(a);
  const rawB = npsOf(b);
  if (fitA === undefined || fitB === undefined || rawA === null || rawB === null) return undefined;
  const difference = rawB - rawA;
  const standardError = Math.hypot(fitA.standardError, fitB.standardError);
  const result = testedDifference(difference, standardError, level, fitB.centre - fitA.centre);
  if (Math.min(total(a), total(b)) >= EXACT_BELOW) return result;
  return decidedExactly(result, exactP(a, b), level);
}

/** A difference whose p comes from an exact test: no interval matches that test, so none is given. */
export function decidedExactly(difference: Difference, p: number, level: number): Difference {
  return { ...difference, interval: null, p, significant: p < 1 - level, exact: true };
}

/**
 * The exact (permutation) test of two small samples: given the pooled answers, every way
 * of dealing them into samples of these sizes is equally likely if the two scores are
 * really equal; p is the probability of the deals whose gap is at least the one seen
 * (two-sided). The smaller sample's counts are enumerated: at most EXACT_BELOW² deals.
 */
export function exactP(a: Counts, b: Counts): number {
  const small = total(a) <= total(b) ? a : b;
  const pooled = { promoters: a.promoters + b.promoters, passives: a.passives + b.passives, detractors: a.detractors + b.detractors };
  const n = total(small);
  const all = total(pooled);
  const gapOf = (promoters: number, detractors: number): number =>
    Math.abs((promoters - detractors) / n - (pooled.promoters - promoters - (pooled.detractors - detractors)) / (all - n));
  const seen = gapOf(small.promoters, small.detractors) - 1e-9;
  const logDeals = logChoose(all, n);
  let p = 0;
  for (let promoters = 0; promoters <= Math.min(n, pooled.promoters); promoters += 1) {
    for (let detractors = 0; detractors <= Math.min(n - promoters, pooled.detractors); detractors += 1) {
      const passives = n - promoters - detractors;
      if (passives > pooled.passives || gapOf(promoters, detractors) < seen) continue;
      p += Math.exp(
        logChoose(pooled.promoters, promoters) + logChoose(pooled.passives, passives) + logChoose(pooled.detractors, detractors) - logDeals,
      );
    }
  }
  return Math.min(1, p);
}

/**
 * The exact paired test of a few respondents: if nothing changed, each one's move was as
 * likely up as down, so p is the share of the 2ⁿ sign flips whose mean move is at least
 * the one seen.
 */
export function exactPairedP(moves: readonly number[]): number {
  const n = moves.length;
  const seen = Math.abs(moves.reduce((sum, move) => sum + move, 0)) - 1e-9;
  let extreme = 0;
  for (let signs = 0; signs < 2 ** n; signs += 1) {
    let sum = 0;
    for (let i = 0; i < n; i += 1) sum += (signs >> i) & 1 ? -(moves[i] ?? 0) : (moves[i] ?? 0);
    if (Math.abs(sum) >= seen) extreme += 1;
  }
  return extreme / 2 ** n;
}

/** ln C(n, k), by the log-gamma function: exact enough for samples of millions. */
function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Lanczos' approximation (g = 7, nine coefficients), relative error under 1e-15. */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const y = x - 1;
  let sum = c[0] ?? 0;
  for (let i = 1; i < 9; i += 1) sum += (c[i] ?? 0) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

function total(counts: Counts): number {
  return counts.promoters + counts.passives + counts.detractors;
}

/** A difference with its z-test and interval, from its standard error. */
export function testedDifference(difference: number, standardError: number, level: number, adjustedDifference = difference): Difference {
  const half = criticalValue(level) * standardError;
  const z = standardError === 0 ? (difference === 0 ? 0 : Math.sign(difference) * Infinity) : difference / standardError;
  const p = z === 0 ? 1 : Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return {
    difference,
    adjustedDifference,
    interval: { low: Math.max(-200, difference - half), high: Math.min(200, difference + half), level, method: 'adjusted-wald' },
    z,
    p,
    pAdjusted: null,
    significant: p < 1 - level,
    exact: false,
  };
}

/**
 * Several tests at once (groups against the rest, period changes, theme impacts):
 * the Benjamini-Hochberg step-up adjustment (Benjamini & Hochberg 1995), which keeps
 * the expected share of false discoveries among the flagged ones below 1 − level.
 * Each difference gains its adjusted p and is flagged by it.
 */
export function adjustFamily<T extends Difference | undefined>(differences: readonly T[], level: number): T[] {
  const tested = differences.flatMap((difference, at) => (difference === undefined ? [] : [{ at, p: difference.p }]));
  const m = tested.length;
  if (m < 2) return [...differences];
  const order = [...tested].sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(differences.length).fill(1);
  let running = 1;
  for (let rank = m; rank >= 1; rank -= 1) {
    const entry = order[rank - 1];
    if (entry === undefined) continue;
    running = Math.min(running, (entry.p * m) / rank);
    adjusted[entry.at] = Math.min(1, running);
  }
  return differences.map((difference, at) => {
    if (difference === undefined) return difference;
    const pAdjusted = adjusted[at] ?? 1;
    return { ...difference, pAdjusted, significant: pAdjusted < 1 - level };
  });
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

/**
 * The standard error, in NPS points, that `score` gives `n` responses of a mix (shares
 * summing to 1): the very estimate its adjusted-Wald interval and `compare`'s test use.
 */
function mixStandardError(mix: Counts, n: number): number {
  const counts = { promoters: n * mix.promoters, passives: n * mix.passives, detractors: n * mix.detractors };
  return estimate(counts, 'adjusted-wald')?.standardError ?? 0;
}

/** The margin of error `score` prints for `n` responses of a mix, in NPS points: the same adjusted-Wald interval. */
export function marginForMix(mix: Counts, n: number, level: number): number {
  return criticalValue(level) * mixStandardError(mix, n);
}

/** The smallest n ≥ 1 for which `good(n)` holds, when it holds for every larger n too; undefined past 100 million. */
function smallestN(good: (n: number) => boolean): number | undefined {
  let high = 1;
  while (!good(high)) {
    high *= 2;
    if (high > 100_000_000) return undefined;
  }
  let low = Math.floor(high / 2) + 1;
  if (high === 1) return 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (good(middle)) high = middle;
    else low = middle + 1;
  }
  return high;
}

/** Half promoters and half detractors: the mix with the largest variance, the worst case. */
export const WORST_CASE_MIX: Counts = { promoters: 0.5, passives: 0, detractors: 0.5 };

/**
 * The fewest responses whose margin, computed by the interval `score` uses, is at
 * most `margin` points for this mix: found by search, not by inverting a formula
 * that ignores the pseudo-responses and so fell short for lopsided mixes.
 */
export function responsesForMargin(margin: number, level: number, mix: Counts = WORST_CASE_MIX): number | undefined {
  return smallestN((n) => marginForMix(mix, n, level) <= margin);
}

/**
 * The power of the test `compare` runs (two-sided z-test on B − A with adjusted-Wald
 * variances) to detect a true gap of `difference` points between two groups of `n`
 * each: group A of the mix, group B the mix moved by the gap (`shiftMix`).
 */
export function powerOfDifference(difference: number, n: number, level: number, mix: Counts = WORST_CASE_MIX): number {
  const shifted = shiftMix(mix, difference / 100);
  if (shifted === undefined) return 0;
  const standardError = Math.hypot(mixStandardError(mix, n), mixStandardError(shifted, n));
  const z = criticalValue(level);
  const gap = ((npsOfMix(shifted) - npsOfMix(mix)) * 100) / standardError;
  return normalCdf(gap - z) + normalCdf(-gap - z);
}

const npsOfMix = (mix: Counts): number => mix.promoters - mix.detractors;

/**
 * The mix a gap of `shift` (in shares) away: upwards when the mix has room (detractors
 * become promoters first, then passives), else downwards from the same mix (promoters
 * become detractors first, then passives); undefined when neither way has room.
 */
export function shiftMix(mix: Counts, shift: number): Counts | undefined {
  const roomUp = 2 * mix.detractors + mix.passives;
  if (roomUp >= shift - 1e-12) {
    const fromDetractors = Math.min(mix.detractors, shift / 2);
    const fromPassives = shift - 2 * fromDetractors;
    return { promoters: mix.promoters + fromDetractors + fromPassives, passives: mix.passives - fromPassives, detractors: mix.detractors - fromDetractors };
  }
  const roomDown = 2 * mix.promoters + mix.passives;
  if (roomDown >= shift - 1e-12) {
    const fromPromoters = Math.min(mix.promoters, shift / 2);
    const fromPassives = shift - 2 * fromPromoters;
    return { promoters: mix.promoters - fromPromoters, passives: mix.passives - fromPassives, detractors: mix.detractors + fromPromoters + fromPassives };
  }
  return undefined;
}

/** The fewest responses in each of two groups for the test to detect a gap of `difference` points with this power. */
export function responsesForDifference(difference: number, level: number, power: number, mix: Counts = WORST_CASE_MIX): number | undefined {
  return smallestN((n) => powerOfDifference(difference, n, level, mix) >= power);
}

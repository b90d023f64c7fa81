import { describe, expect, it } from 'vitest';
import { DriversAccumulator, DriversError, MAX_COLUMNS, type DriverSpec, type DriverValue } from '../../../src/core/drivers/accumulator.js';
import { fixFirstBars, markFixFirst, type DriverResult } from '../../../src/core/drivers/result.js';
import { wordWarning } from '../../../src/output/render/warnings.js';
import { driversChart } from '../../../src/output/render/svg.js';
import { detectRatingColumns, looksLikeRating, lowThreshold, scaleOf } from '../../../src/core/rating-columns.js';
import { seededRandom } from '../../../src/core/random.js';

/** A seeded source of the numbers the fixtures below are made of. */
function source(seed: number): { uniform: () => number; normal: () => number; pick: <T>(items: readonly T[]) => T } {
  const uniform = seededRandom(seed);
  return {
    uniform,
    normal: () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform()),
    pick: (items) => items[Math.floor(uniform() * items.length)] as (typeof items)[number],
  };
}

const rating = (name: string): DriverSpec => ({ kind: 'rating', name });
const categorical = (name: string): DriverSpec => ({ kind: 'categorical', name });

interface Row {
  score: number;
  values: DriverValue[];
  key: number;
}

function accumulate(specs: readonly DriverSpec[], rows: readonly Row[]): DriversAccumulator {
  const acc = new DriversAccumulator(specs);
  for (const row of rows) acc.add(row.score, row.values, row.key);
  return acc;
}

/** Ratings 1-5 and a plan; the score 0-10 built from them: integers, so every sum is exact in any order. */
function survey(count: number, seed = 3): Row[] {
  const random = source(seed);
  return Array.from({ length: count }, (_, index) => {
    const general = random.normal();
    const support = Math.min(5, Math.max(1, Math.round(3 + 0.6 * general + random.normal())));
    const price = Math.min(5, Math.max(1, Math.round(3 + 0.4 * general + random.normal())));
    const plan = random.pick(['free', 'free', 'pro', 'team']);
    const latent = 4 + 0.9 * support + 0.3 * price + (plan === 'pro' ? 1 : 0) + 1.2 * random.normal();
    return { score: Math.min(10, Math.max(0, Math.round(latent))), values: [support, price, plan], key: index + 2 };
  });
}

const SPECS = [rating('support'), rating('price'), categorical('plan')];

describe('DriversAccumulator: a known structure', () => {
  // y = 2a + b + noise, a and b independent with the same spread: R² = 5/6, and a carries 4/5 of it.
  const random = source(11);
  const rows: Row[] = Array.from({ length: 20_000 }, (_, index) => {
    const a = random.normal();
    const b = random.normal();
    return { score: 2 * a + b + random.normal(), values: [a, b], key: index + 2 };
  });
  const result = accumulate([rating('a'), rating('b')], rows).result();

  it('splits R² 80/20 and finds the coefficients 2 and 1', () => {
    expect(result.r2).toBeCloseTo(5 / 6, 1);
    expect(result.drivers.map((driver) => driver.column)).toEqual(['a', 'b']);
    expect(result.drivers[0]?.importance).toBeCloseTo(80, 0);
    expect(result.drivers[1]?.importance).toBeCloseTo(20, 0);
    expect(result.drivers[0]?.coefficient).toBeCloseTo(2, 1);
    expect(result.drivers[1]?.coefficient).toBeCloseTo(1, 1);
    expect(result.drivers.every((driver) => driver.direction === 'positive')).toBe(true);
  });

  it('gives shares that add up to 100 and intervals around them', () => {
    expect(result.drivers.reduce((sum, driver) => sum + driver.importance, 0)).toBeCloseTo(100, 9);
    expect(result.drivers.reduce((sum, driver) => sum + driver.r2Share, 0)).toBeCloseTo(result.r2, 9);
    for (const driver of result.drivers) {
      expect(driver.interval?.low).toBeLessThan(driver.importance);
      expect(driver.interval?.high).toBeGreaterThan(driver.importance);
      expect(driver.interval?.level).toBe(0.95);
    }
    expect(result.method).toMatchObject({ shapley: 'exact', replicates: 1000, resampled: 'groups', seed: 1 });
    expect(result.warnings).toEqual([]);
  });
});

describe('DriversAccumulator: merging and order', () => {
  for (const count of [600, 6000]) {
    const rows = survey(count);
    const mode = count <= 2048 ? 'rows' : 'groups';

    it(`merging two parts gives what one pass gives (${mode} resampled)`, () => {
      const whole = accumulate(SPECS, rows).result();
      // The parts see the plans in different orders, so their level columns differ until merged.
      const first = accumulate(SPECS, rows.filter((row) => row.key % 3 === 0));
      const second = accumulate(SPECS, [...rows.filter((row) => row.key % 3 !== 0)].reverse());
      expect(first.merge(second).result()).toEqual(whole);
      expect(whole.method.resampled).toBe(mode);
    });

    it(`gives the same figures whatever order the rows come in (${mode})`, () => {
      const shuffled = [...rows].sort((a, b) => ((a.key * 7919) % 1009) - ((b.key * 7919) % 1009));
      expect(accumulate(SPECS, shuffled).result()).toEqual(accumulate(SPECS, rows).result());
    });
  }

  it('crosses threads as data and comes back the same', () => {
    const acc = accumulate(SPECS, survey(3000));
    const copy = DriversAccumulator.fromData(SPECS, structuredClone(acc.toData()));
    expect(copy.result()).toEqual(acc.result());
  });
});

describe('DriversAccumulator: the seed', () => {
  const acc = accumulate(SPECS, survey(1500));

  it('gives the same intervals for the same seed, other intervals for another, the same shares', () => {
    const one = acc.result({ seed: 1 });
    expect(acc.result({ seed: 1 })).toEqual(one);
    const other = acc.result({ seed: 2 });
    expect(other.drivers.map((driver) => driver.importance)).toEqual(one.drivers.map((driver) => driver.importance));
    expect(other.drivers[0]?.interval).not.toEqual(one.drivers[0]?.interval);
    expect(Math.abs((other.drivers[0]?.interval?.low ?? 0) - (one.drivers[0]?.interval?.low ?? 0))).toBeLessThan(3);
  });

  it('widens the intervals with the confidence level', () => {
    const at90 = acc.result({ level: 0.9 }).drivers[0]?.interval;
    const at99 = acc.result({ level: 0.99 }).drivers[0]?.interval;
    expect((at99?.high ?? 0) - (at99?.low ?? 0)).toBeGreaterThan((at90?.high ?? 0) - (at90?.low ?? 0));
  });
});

describe('DriversAccumulator: categorical drivers', () => {
  it('compares each level with the most common one, the others held', () => {
    const result = accumulate(SPECS, survey(6000)).result();
    const plan = result.drivers.find((driver) => driver.column === 'plan');
    expect(plan?.kind).toBe('categorical');
    expect(plan?.direction).toBeNull();
    expect(plan?.performance).toBeNull();
    expect(plan?.levels?.[0]).toMatchObject({ level: 'free', base: true, coefficient: 0 });
    const level = (name: string) => plan?.levels?.find((one) => one.level === name);
    // pro was built a point higher than free, team the same.
    expect(level('pro')?.coefficient).toBeCloseTo(1, 0);
    expect(Math.abs(level('team')?.coefficient ?? 1)).toBeLessThan(0.15);
    expect(plan?.levels?.reduce((sum, level) => sum + level.responses, 0)).toBe(result.responses);
  });

  it('takes the first level in code-point order as the base when two are as common', () => {
    const rows: Row[] = Array.from({ length: 400 }, (_, index) => ({
      score: (index * 7) % 11,
      values: [(index % 5) + 1, ['b', 'a', 'B'][index % 3] ?? 'a'],
      key: index,
    }));
    const tied = accumulate([rating('r'), categorical('c')], rows.filter((row) => row.values[1] !== 'b')).result();
    // "B" (U+0042) comes before "a" (U+0061).
    expect(tied.drivers.find((driver) => driver.column === 'c')?.levels?.[0]).toMatchObject({ level: 'B', base: true });
  });

  it('refuses a column with more levels than a model can hold', () => {
    const acc = new DriversAccumulator([categorical('id')]);
    expect(() => {
      for (let index = 0; index < MAX_COLUMNS + 5; index += 1) acc.add(5, [`id-${index}`], index);
    }).toThrow(DriversError);
  });
});

describe('DriversAccumulator: what it warns about', () => {
  it('drops a constant driver with share 0', () => {
    const rows = survey(500).map((row) => ({ ...row, values: [...row.values.slice(0, 2), 3] }));
    const result = accumulate([rating('support'), rating('price'), rating('always three')], rows).result();
    expect(result.dropped).toEqual([{ column: 'always three', reason: 'the same in every complete response (3)' }]);
    expect(result.drivers.map((driver) => driver.column)).toEqual(['support', 'price']);
    expect(result.warnings).toContainEqual({ code: 'driver-constant', column: 'always three', value: '3' });
    expect(result.warnings.map(wordWarning)).toContain('"always three" is the same in every complete response (3): dropped, share 0');
  });

  it('names collinear drivers, and still splits R² into shares that add up', () => {
    const random = source(5);
    const rows: Row[] = Array.from({ length: 3000 }, (_, index) => {
      const a = 1 + Math.floor(random.uniform() * 5);
      const b = 1 + Math.floor(random.uniform() * 5);
      const other = 1 + Math.floor(random.uniform() * 5);
      return { score: Math.min(10, a + b + (random.uniform() < 0.5 ? 0 : 1)), values: [a, b, a + b, other], key: index };
    });
    const result = accumulate([rating('a'), rating('b'), rating('a plus b'), rating('other')], rows).result();
    expect(result.warnings).toContainEqual({ code: 'drivers-collinear', columns: ['a', 'b', 'a plus b'] });
    expect(result.warnings.map(wordWarning)).toContain(
      '"a", "b" and "a plus b" are collinear (one is a combination of the others): their shares come from a pseudo-inverse and are not to be told apart',
    );
    expect(result.drivers.reduce((sum, driver) => sum + driver.importance, 0)).toBeCloseTo(100, 6);
    expect(result.drivers.at(-1)?.column).toBe('other');
    // a and b play the same part: their shares are equal, whatever the pseudo-inverse made of the full model.
    const share = (name: string): number => result.drivers.find((driver) => driver.column === name)?.importance ?? 0;
    expect(share('a')).toBeCloseTo(share('b'), 0);
  });

  it('warns when two drivers correlate above 0.8, and when there are few responses per driver', () => {
    const random = source(8);
    const rows: Row[] = Array.from({ length: 25 }, (_, index) => {
      const a = 1 + Math.floor(random.uniform() * 5);
      const near = random.uniform() < 0.9 ? a : 1 + Math.floor(random.uniform() * 5);
      return { score: Math.min(10, 2 * a), values: [a, near, 1 + (index % 5)], key: index };
    });
    const result = accumulate([rating('a'), rating('near a'), rating('c')], rows).result();
    expect(result.warnings.map(wordWarning).some((warning) => /^"a" and "near a" correlate at 0\.\d\d: the share they carry together is split between them/.test(warning))).toBe(true);
    expect(result.warnings).toContainEqual({ code: 'few-per-driver', responses: 25, drivers: 3, needed: 30, perDriver: 10 });
  });

  it('says when a rating follows the score almost exactly, as a recoded score does', () => {
    const rows: Row[] = Array.from({ length: 300 }, (_, index) => {
      const score = index % 11;
      return { score, values: [Math.round(score / 2), 1 + ((index * 7) % 5)], key: index };
    });
    const result = accumulate([rating('group'), rating('other')], rows).result({ replicates: 50 });
    expect(result.warnings.map(wordWarning).some((warning) => /^"group" follows the score almost exactly \(r = 0\.9\d\): if it is computed from it/.test(warning))).toBe(true);
    expect(result.warnings.filter((warning) => warning.code === 'driver-follows-score').map((warning) => ('column' in warning ? warning.column : ''))).toEqual(['group']);
  });

  it('counts blank and unreadable drivers, and leaves their rows out', () => {
    const acc = new DriversAccumulator([rating('r'), categorical('c')]);
    acc.add(9, [4, 'pro'], 1);
    acc.add(3, [null, 'pro'], 2);
    acc.add(7, [Number.NaN, 'free'], 3);
    acc.add(8, [2, null], 4);
    acc.add(8, [null, ''], 5);
    const result = acc.result();
    expect(result.responses).toBe(1);
    expect(result.leftOut).toBe(4);
    expect(result.missing).toEqual([
      { column: 'r', blank: 2, unreadable: 1 },
      { column: 'c', blank: 2, unreadable: 0 },
    ]);
  });

  it('gives fewer replicates with many drivers, and says so', () => {
    const acc = accumulate(SPECS, survey(3000));
    const thin = acc.result({ budget: 7 * 50 });
    expect(thin.method.replicates).toBe(50);
    expect(thin.warnings.map(wordWarning)).toContain('intervals from only 50 bootstrap replicates (3 drivers): read them as rough');
    const none = acc.result({ budget: 7 * 10 });
    expect(none.drivers[0]?.interval).toBeNull();
    expect(none.method.replicates).toBe(0);
  });
});

/** The chance that n draws with replacement from n hold at most t different ones, by inclusion-exclusion on whole numbers. */
function atMostDistinct(n: number, t: number): number {
  const choose = (a: number, b: number): bigint => {
    let result = 1n;
    for (let i = 0; i < b; i += 1) result = (result * BigInt(a - i)) / BigInt(i + 1);
    return result;
  };
  const onto = (d: number): bigint => {
    let sum = 0n;
    for (let j = 0; j <= d; j += 1) sum += (j % 2 === 0 ? 1n : -1n) * choose(d, j) * BigInt(d - j) ** BigInt(n);
    return sum;
  };
  let ways = 0n;
  for (let d = 1; d <= t; d += 1) ways += choose(n, d) * onto(d);
  return Number((ways * 10n ** 12n) / BigInt(n) ** BigInt(n)) / 1e12;
}

/** The share of samples fitted exactly that a result's warning gives; undefined without the warning. */
const resampledShare = (result: ReturnType<DriversAccumulator['result']>): number | undefined => {
  const warning = result.warnings.find((entry) => entry.code === 'few-to-resample');
  return warning?.code === 'few-to-resample' ? warning.share : undefined;
};

/** Rows of a score and ratings given as numbers, in order. */
const answered = (answers: ReadonlyArray<readonly number[]>): Row[] => answers.map(([score = 0, ...values], key) => ({ score, values, key }));

describe('the bootstrap of a survey too small to resample', () => {
  const ratings = (count: number): DriverSpec[] => Array.from({ length: count }, (_, at) => rating(`r${at}`));

  it('finds, in its own draws, the share of samples the model fits exactly', () => {
    // Ratings of no pattern: a sample is fitted exactly when it holds no more different responses than terms.
    const random = source(5);
    const rows = answered(Array.from({ length: 9 }, () => [Math.floor(random.uniform() * 11), ...Array.from({ length: 6 }, () => 1 + 4 * random.uniform())]));
    const share = resampledShare(accumulate(ratings(6), rows).result());
    expect(Math.abs((share ?? 0) - atMostDistinct(9, 7))).toBeLessThan(0.03);
  });

  it('counts responses that give the same answers as one, and the same ratings with other scores as no exact fit', () => {
    const five = [[9, 5, 4, 5], [3, 1, 2, 1], [7, 3, 3, 4], [10, 5, 5, 5], [6, 2, 3, 2]];
    // Five answers three times each, three ratings (four terms): about a sixth of samples hold four or fewer.
    const repeated = resampledShare(accumulate(ratings(3), answered([...five, ...five, ...five])).result());
    expect(repeated).toBeGreaterThan(0.1);
    expect(repeated).toBeLessThan(0.25);
    // The same ratings given twice with different scores: a sample with both is never fitted exactly.
    const clash = [[9, 5, 5], [9, 5, 5], [9, 5, 5], [9, 5, 5], [6, 5, 5], [6, 5, 5], [6, 5, 5], [6, 5, 5], [3, 1, 2], [7, 3, 4], [5, 2, 4]];
    const clashing = accumulate(ratings(2), answered(clash)).result();
    expect(resampledShare(clashing)).toBeUndefined();
    expect(clashing.r2Interval).not.toBeNull();
  });

  it('keeps the intervals of a survey the model fits exactly itself', () => {
    // The score is exactly 2a + b - 3 on every row: every sample is fitted exactly, as the survey is.
    const rows = answered(Array.from({ length: 10 }, (_, at) => [2 * (1 + (at % 4)) + (1 + ((at * 3) % 5)) - 3, 1 + (at % 4), 1 + ((at * 3) % 5)]));
    const result = accumulate(ratings(2), rows).result();
    expect(result.r2).toBeCloseTo(1, 9);
    expect(resampledShare(result)).toBeUndefined();
    expect(result.r2Interval).not.toBeNull();
  });

  it('gives no interval when more samples than the upper tail fit exactly, and says why', () => {
    const specs = SPECS.slice(0, 3);
    const result = accumulate(specs, survey(9)).result();
    expect(result.drivers.every((driver) => driver.interval === null)).toBe(true);
    expect(result.r2Interval).toBeNull();
    expect(result.method.replicates).toBe(0);
    const warning = result.warnings.find((entry) => entry.code === 'few-to-resample');
    expect(warning).toMatchObject({ responses: 9 });
    if (warning === undefined) return;
    expect(wordWarning(warning)).toMatch(/^no interval: 9 complete responses are too few to resample\. In (\d+%|over 99%) of the bootstrap's samples/);
    expect(wordWarning({ ...warning, share: 0.9976 })).toContain('In over 99% of');
    expect(wordWarning({ ...warning, share: 1 })).toContain('In 100% of');
    const enough = accumulate(specs, survey(40)).result();
    expect(enough.r2Interval).not.toBeNull();
    expect(enough.warnings.some((entry) => entry.code === 'few-to-resample')).toBe(false);
  });

  it('at 99% needs a smaller share than at 95%', () => {
    // Two ratings of no pattern: three terms. Eight different responses hold three or fewer in 2% of samples.
    const random = source(8);
    const rows = answered(Array.from({ length: 8 }, () => [Math.floor(random.uniform() * 11), 1 + 4 * random.uniform(), 1 + 4 * random.uniform()]));
    const at95 = accumulate(ratings(2), rows).result({ level: 0.95 });
    expect(at95.r2Interval).not.toBeNull();
    const at99 = accumulate(ratings(2), rows).result({ level: 0.99 });
    expect(at99.r2Interval).toBeNull();
    expect(resampledShare(at99)).toBeGreaterThan(0.005);
  });
});

describe('DriversAccumulator: sampled orders beyond the exact limit', () => {
  it('agrees with the exact shares within half a point, and says it sampled', () => {
    const random = source(21);
    const specs = Array.from({ length: 7 }, (_, index) => rating(`r${index}`));
    const rows: Row[] = Array.from({ length: 5000 }, (_, key) => {
      const general = random.normal();
      const values = specs.map(() => Math.min(7, Math.max(1, Math.round(4 + 0.7 * general + random.normal()))));
      const score = values.reduce((sum, value, index) => sum + (value * (index + 1)) / 10, 0) + random.normal();
      return { score, values, key };
    });
    const acc = accumulate(specs, rows);
    const exact = acc.result({ replicates: 50 });
    const sampled = acc.result({ exactUpTo: 5, replicates: 50 });
    expect(sampled.method).toMatchObject({ shapley: 'sampled', permutations: 2000 });
    expect(exact.method.shapley).toBe('exact');
    expect(sampled.r2).toBeCloseTo(exact.r2, 12);
    expect(sampled.drivers.reduce((sum, driver) => sum + driver.importance, 0)).toBeCloseTo(100, 9);
    for (const driver of exact.drivers) {
      const same = sampled.drivers.find((one) => one.column === driver.column);
      expect(Math.abs((same?.importance ?? 0) - driver.importance)).toBeLessThan(0.5);
    }
  });
});

describe('DriversAccumulator: performance and what to fix first', () => {
  it('with one or two ratings, marks the one that carries more than its part and sits below the middle of its scale', () => {
    const random = source(5);
    const specs = [rating('strong, rated low'), rating('weak, rated low')];
    const rows: Row[] = Array.from({ length: 2000 }, (_, key) => {
      const values = [Math.min(5, Math.max(1, Math.round(2 + random.normal()))), Math.min(5, Math.max(1, Math.round(2 + random.normal())))];
      const score = Math.min(10, Math.max(0, Math.round(2 * (values[0] ?? 0) + 0.3 * (values[1] ?? 0) + random.normal())));
      return { score, values, key };
    });
    const two = accumulate(specs, rows).result({ replicates: 50 });
    expect(two.drivers.filter((driver) => driver.fixFirst).map((driver) => driver.column)).toEqual(['strong, rated low']);
    expect(fixFirstBars(two.drivers)).toEqual({ importance: 50, performance: 0.5, few: true });
    // The report's chart shades the same corner the marks come from.
    expect(driversChart(two.drivers)).toContain('<title>Fix first: at least an equal share, below the middle of the scale</title>');
    const one = accumulate([specs[0] ?? rating('x')], rows.map((row) => ({ ...row, values: row.values.slice(0, 1) }))).result({ replicates: 50 });
    expect(one.drivers[0]?.fixFirst).toBe(true);
  });

  it('gives the mean on its scale, the share of low ratings, and marks important ratings that do badly', () => {
    const random = source(4);
    const specs = [rating('strong, rated low'), rating('strong, rated high'), rating('weak, rated low'), rating('weak, rated high')];
    const rows: Row[] = Array.from({ length: 4000 }, (_, key) => {
      const low = () => Math.min(5, Math.max(1, Math.round(2 + random.normal())));
      const high = () => Math.min(5, Math.max(1, Math.round(4 + random.normal())));
      const values = [low(), high(), low(), high()];
      const score = Math.min(10, Math.max(0, Math.round(2 * (values[0] ?? 0) + 1.5 * (values[1] ?? 0) + 0.2 * (values[2] ?? 0) + 0.1 * (values[3] ?? 0) - 5 + random.normal())));
      return { score, values, key };
    });
    const result = accumulate(specs, rows).result({ replicates: 100 });
    const byName = new Map(result.drivers.map((driver) => [driver.column, driver]));
    expect(result.drivers.filter((driver) => driver.fixFirst).map((driver) => driver.column)).toEqual(['strong, rated low']);
    const first = byName.get('strong, rated low')?.performance;
    expect(first?.scale).toEqual({ min: 1, max: 5 });
    expect(first?.mean).toBeGreaterThan(1.8);
    expect(first?.mean).toBeLessThan(2.3);
    expect(first?.low).toBeGreaterThan(50);
    expect(first?.relative).toBeCloseTo(((first?.mean ?? 0) - 1) / 4, 12);
  });
});

describe('rating columns', () => {
  const column = (...cells: Array<number | null | undefined>): Array<number | null | undefined> => cells;

  it('takes whole numbers on a small scale, mostly answered, with three values or more', () => {
    expect(looksLikeRating(column(1, 2, 3, 4, 5, null, 3))).toBe(true);
    expect(looksLikeRating(column(0, 10, 7, 9, 8, 3))).toBe(true);
    expect(looksLikeRating(column(0, 1, 1, 0, 1, 0))).toBe(false);
    expect(looksLikeRating(column(1, 2, 3, 40, 5, 6))).toBe(false);
    expect(looksLikeRating(column(1.5, 2, 3, 4, 5, 2))).toBe(false);
    expect(looksLikeRating(column(1, null, null, null, 2, 3, null))).toBe(false);
    expect(looksLikeRating(column(1, 2, 3))).toBe(false);
    // A row number, as pandas writes its index: counting up, not rating.
    expect(looksLikeRating(column(0, 1, 2, 3, 4, 5, 6, 7))).toBe(false);
  });

  it('leaves out the columns given a role, and headers of numbers that are no ratings', () => {
    const rows = Array.from({ length: 10 }, (_, index) => [1 + (index % 5), 1 + (index % 4), 1 + (index % 3), index % 11]);
    expect(detectRatingColumns(['support', 'quarter', 'Ease of use', 'score'], rows, new Set([3]))).toEqual([0, 2]);
    expect(detectRatingColumns(['Q1_NPS_GROUP', 'NPS group'], rows, new Set())).toEqual([]);
    // Text that is no number is an answer, not a blank: half numbers, half words is no rating.
    const mixed = Array.from({ length: 10 }, (_, index) => [index % 2 === 0 ? 1 + (index % 5) : undefined]);
    expect(detectRatingColumns(['support'], mixed, new Set())).toEqual([]);
  });

  it('reads the scale off the answers, and calls its bottom third low', () => {
    expect(scaleOf(1, 5, true)).toEqual({ min: 1, max: 5 });
    expect(scaleOf(2, 4, true)).toEqual({ min: 1, max: 5 });
    expect(scaleOf(0, 4, true)).toEqual({ min: 0, max: 5 });
    expect(scaleOf(1, 7, true)).toEqual({ min: 1, max: 7 });
    expect(scaleOf(1, 9, true)).toEqual({ min: 0, max: 10 });
    expect(scaleOf(12, 480, true)).toEqual({ min: 12, max: 480 });
    expect(scaleOf(1.5, 4.5, false)).toEqual({ min: 1.5, max: 4.5 });
    expect(lowThreshold({ min: 1, max: 5 })).toBeCloseTo(2.333, 3);
    expect(lowThreshold({ min: 0, max: 10 })).toBeCloseTo(3.333, 3);
  });
});

describe('fix first', () => {
  const rating = (column: string, importance: number, relative: number, direction: 'positive' | 'negative' = 'positive'): DriverResult => ({
    column,
    kind: 'rating',
    importance,
    r2Share: importance / 200,
    interval: null,
    direction,
    coefficient: 0.5,
    correlation: 0.4,
    performance: { mean: 1 + relative * 4, scale: { min: 1, max: 5 }, low: null, relative },
    fixFirst: false,
  });

  it('flags what the bars flag: above the median share and below the median performance', () => {
    const drivers = [rating('support', 44, 0.4), rating('ease', 30, 0.7), rating('price', 26, 0.6)];
    expect(markFixFirst(drivers)).toEqual({ kind: 'bars' });
    expect(drivers.filter((driver) => driver.fixFirst).map((driver) => driver.column)).toEqual(['support']);
  });

  it('flags the important rating with most to gain when it sits exactly at the median', () => {
    // Support carries 44% but is rated at the median: no rating passes both bars.
    const drivers = [rating('support', 44, 0.6), rating('ease', 30, 0.7), rating('price', 26, 0.5)];
    expect(markFixFirst(drivers)).toEqual({ kind: 'most-to-gain', column: 'support' });
    expect(drivers.filter((driver) => driver.fixFirst).map((driver) => driver.column)).toEqual(['support']);
  });

  it('flags none, and says why, when the ratings that matter are at the top or are no lever', () => {
    const top = [rating('support', 44, 1), rating('ease', 30, 1), rating('price', 26, 0.5)];
    expect(markFixFirst(top)).toEqual({ kind: 'none', why: 'at-the-top' });
    expect(top.some((driver) => driver.fixFirst)).toBe(false);
    const backwards = [rating('support', 44, 0.6, 'negative'), rating('ease', 30, 0.7, 'negative'), rating('price', 26, 0.5)];
    expect(markFixFirst(backwards)).toEqual({ kind: 'none', why: 'no-lever' });
  });
});

describe('rescaling a driver never changes the shares', () => {
  const rows = survey(3000, 17);
  const base = accumulate(SPECS, rows).result({ replicates: 200 });
  const times = (factor: number): Row[] => rows.map((row) => ({ ...row, values: [(row.values[0] as number) * factor, row.values[1] ?? null, row.values[2] ?? null] }));

  it.each([1e155, 1e300, 2 ** 900, 1e-150, 1e-300, 3.7])('support × %d: the same R², shares and intervals, the effect per point divided by it', (factor) => {
    const result = accumulate(SPECS, times(factor)).result({ replicates: 200 });
    expect(result.r2).toBeCloseTo(base.r2, 10);
    const share = (of: typeof base, column: string): number => of.drivers.find((driver) => driver.column === column)?.importance ?? Number.NaN;
    for (const column of ['support', 'price', 'plan']) expect(share(result, column), column).toBeCloseTo(share(base, column), 8);
    const support = (of: typeof base): (typeof base.drivers)[number] | undefined => of.drivers.find((driver) => driver.column === 'support');
    expect(support(result)?.interval?.low).toBeCloseTo(support(base)?.interval?.low ?? Number.NaN, 6);
    expect((support(result)?.coefficient ?? 0) * factor).toBeCloseTo(support(base)?.coefficient ?? Number.NaN, 8);
    expect((support(result)?.performance?.mean ?? 0) / factor).toBeCloseTo(support(base)?.performance?.mean ?? Number.NaN, 8);
    expect(result.warnings.map((warning) => warning.code)).toEqual(base.warnings.map((warning) => warning.code));
  });

  it('one huge value met late rescales what came before, and parts merged give what one pass gives', () => {
    const late = rows.map((row, index) => (index === 2500 ? { ...row, values: [1e200, row.values[1] ?? null, row.values[2] ?? null] } : row));
    const whole = accumulate(SPECS, late).result({ replicates: 50 });
    const first = accumulate(SPECS, late.slice(0, 1000));
    const second = accumulate(SPECS, late.slice(1000));
    const merged = first.mergeData(second.toData()).result({ replicates: 50 });
    expect(merged.r2).toBe(whole.r2);
    expect(merged.drivers.map((driver) => driver.importance)).toEqual(whole.drivers.map((driver) => driver.importance));
    expect(Number.isFinite(whole.r2)).toBe(true);
    const reversed = accumulate(SPECS, late.slice(1000)).mergeData(accumulate(SPECS, late.slice(0, 1000)).toData()).result({ replicates: 50 });
    expect(reversed.r2).toBeCloseTo(whole.r2, 12);
  });
});

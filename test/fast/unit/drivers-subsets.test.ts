import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_GROUPS, type KeptRow, type Snapshot } from '../../../src/core/drivers/accumulator.js';
import { groupParts, r2Of, rowParts, sumParts, type System } from '../../../src/core/drivers/linear.js';
import { subsetR2s } from '../../../src/core/drivers/subsets.js';
import { seededRandom } from '../../../src/core/random.js';
import { completed } from '../../../src/core/steps.js';

/**
 * A correlation system of m columns from a few random rows: with fewer rows than columns, or a
 * column copied or made of two others, some subsets are collinear.
 */
function randomSystem(random: () => number, m: number): System {
  const rows = 2 + Math.floor(random() * (m + 12));
  const x = Array.from({ length: rows }, () => Array.from({ length: m + 1 }, () => Math.round(random() * 4)));
  const shape = random();
  for (const row of x) {
    if (shape < 0.2 && m > 2) row[2] = row[1] ?? 0;
    else if (shape < 0.4 && m > 3) row[3] = (row[0] ?? 0) + (row[1] ?? 0);
  }
  const mean = (j: number): number => x.reduce((sum, row) => sum + (row[j] ?? 0), 0) / rows;
  const centred = (i: number, j: number): number => x.reduce((sum, row) => sum + ((row[i] ?? 0) - mean(i)) * ((row[j] ?? 0) - mean(j)), 0);
  const spread = Float64Array.from({ length: m }, (_, i) => centred(i, i));
  const c = new Float64Array(m * m);
  const r = new Float64Array(m);
  const scoreSpread = centred(m, m);
  for (let i = 0; i < m; i += 1) {
    c[i * m + i] = 1;
    const si = spread[i] ?? 0;
    if (si > 0 && scoreSpread > 0) r[i] = centred(i, m) / Math.sqrt(si * scoreSpread);
    for (let j = i + 1; j < m; j += 1) {
      const sj = spread[j] ?? 0;
      const value = si > 0 && sj > 0 ? centred(i, j) / Math.sqrt(si * sj) : 0;
      c[i * m + j] = value;
      c[j * m + i] = value;
    }
  }
  return { c, r, m, spread, scoreSpread };
}

/** Drivers of one column each, or some of several (a segment's levels). */
function driversOf(random: () => number, m: number): number[][] {
  const drivers: number[][] = [];
  for (let column = 0; column < m; ) {
    const width = random() < 0.25 ? Math.min(m - column, 2 + Math.floor(random() * 2)) : 1;
    drivers.push(Array.from({ length: width }, (_, index) => column + index));
    column += width;
  }
  return drivers;
}

describe('R² of every subset of the drivers, the factor grown a driver at a time', () => {
  it('is r2Of, fitted subset by subset, to the last bit, with the same collinear subsets: 400 seeded systems', () => {
    const random = seededRandom(29);
    let collinearSystems = 0;
    let subsets = 0;
    for (let round = 0; round < 400; round += 1) {
      const m = 1 + Math.floor(random() * 9);
      const system = randomSystem(random, m);
      const drivers = driversOf(random, m);
      const collinear = new Set<number>();
      let fallbacks = 0;
      const counted: typeof r2Of = (...fit) => {
        fallbacks += 1;
        return r2Of(...fit);
      };
      const fits = completed(subsetR2s(system, drivers, collinear, 64, counted));
      const expected = new Set<number>();
      expect(fits[0]).toBe(0);
      for (let mask = 1; mask < 2 ** drivers.length; mask += 1) {
        const offsets = drivers.flatMap((columns, index) => ((mask & (1 << index)) !== 0 ? columns : []));
        const fit = r2Of(system, offsets);
        if (fit.singular) expected.add(mask);
        expect(fits[mask], `round ${round}, subset ${mask}`).toBe(fit.r2);
        subsets += 1;
      }
      expect([...collinear].sort((a, b) => a - b), `round ${round}`).toEqual([...expected].sort((a, b) => a - b));
      // Only the collinear subsets were fitted from nothing: every other one on the factor grown along the way.
      expect(fallbacks, `round ${round}`).toBe(expected.size);
      if (expected.size > 0) collinearSystems += 1;
    }
    expect(subsets).toBeGreaterThan(10_000);
    // Both kinds were met.
    expect(collinearSystems).toBeGreaterThan(50);
    expect(collinearSystems).toBeLessThan(350);
  });

  it('pauses every so many fits', () => {
    const random = seededRandom(3);
    const steps = subsetR2s(randomSystem(random, 8), Array.from({ length: 8 }, (_, index) => [index]), undefined, 16);
    let pauses = 0;
    while (steps.next().done !== true) pauses += 1;
    // As many as when the 256 subsets were fitted one by one, pausing every 16.
    expect(pauses).toBe(256 / 16);
  });
});

/** The sums a replicate weighs, unit by unit: each drawn group's (or row's) part added in turn. */
function weighedOneByOne(snapshot: Snapshot, weights: Int32Array): Float64Array {
  const { dim, stride, sums } = snapshot;
  const total = new Float64Array(dim * dim);
  if (snapshot.rows === undefined) {
    for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) {
      const weight = weights[group] ?? 0;
      if (weight === 0) continue;
      for (let i = 0; i < dim; i += 1) {
        for (let j = i; j < dim; j += 1) total[i * dim + j] = (total[i * dim + j] ?? 0) + weight * (sums[group * stride * stride + i * stride + j] ?? 0);
      }
    }
    return total;
  }
  snapshot.rows.forEach((row, index) => {
    const weight = weights[index] ?? 0;
    if (weight === 0) return;
    for (let a = 0; a < row.entries.length; a += 2) {
      for (let b = a; b < row.entries.length; b += 2) {
        const [i, j] = [row.entries[a] ?? 0, row.entries[b] ?? 0];
        const at = i <= j ? i * dim + j : j * dim + i;
        total[at] = (total[at] ?? 0) + weight * (row.entries[a + 1] ?? 0) * (row.entries[b + 1] ?? 0);
      }
    }
  });
  return total;
}

function drawn(random: () => number, units: number): Int32Array {
  const weights = new Int32Array(units);
  for (let draw = 0; draw < units; draw += 1) {
    const unit = Math.floor(random() * units);
    weights[unit] = (weights[unit] ?? 0) + 1;
  }
  return weights;
}

describe("a bootstrap replicate's sums, laid out cell by cell", () => {
  it("are the groups' sums weighed one group after another, to the last bit", () => {
    const random = seededRandom(5);
    const dim = 6;
    const stride = 8;
    // Sums of decimals with many digits: the order of the additions shows in the last bits.
    const sums = Float64Array.from({ length: BOOTSTRAP_GROUPS * stride * stride }, () => random() * 1e3 - 300);
    const snapshot = { dim, stride, sums, rows: undefined } as unknown as Snapshot;
    const parts = groupParts(snapshot);
    for (let replicate = 0; replicate < 20; replicate += 1) {
      const weights = drawn(random, BOOTSTRAP_GROUPS);
      expect(Array.from(sumParts(parts, weights))).toEqual(Array.from(weighedOneByOne(snapshot, weights)));
    }
  });

  it("are the kept rows' products weighed one row after another, to the last bit, rows missing columns included", () => {
    const random = seededRandom(6);
    const dim = 7;
    const rows: KeptRow[] = Array.from({ length: 300 }, (_, key) => {
      const entries: number[] = [];
      // Columns in any order, some left out (a segment's other levels).
      for (const column of [0, 1, 5, 2, 6, 3, 4]) if (column < 2 || random() < 0.7) entries.push(column, random() * 10 - 2);
      return { key, entries };
    });
    const snapshot = { dim, stride: 8, sums: new Float64Array(0), rows } as unknown as Snapshot;
    const parts = rowParts(rows, dim);
    for (let replicate = 0; replicate < 20; replicate += 1) {
      const weights = drawn(random, rows.length);
      expect(Array.from(sumParts(parts, weights))).toEqual(Array.from(weighedOneByOne(snapshot, weights)));
    }
  });

  it('skip the units not drawn when a part is not a finite number', () => {
    const rows: KeptRow[] = [
      { key: 0, entries: [0, 1, 1, Number.POSITIVE_INFINITY] },
      { key: 1, entries: [0, 1, 1, 2] },
    ];
    const total = sumParts(rowParts(rows, 2), Int32Array.from([0, 2]));
    // Row 0 is not drawn: its infinity leaves no NaN behind.
    expect(Array.from(total)).toEqual([2, 4, 0, 8]);
    const sums = new Float64Array(BOOTSTRAP_GROUPS * 64).fill(1);
    sums[0] = Number.NaN;
    const weights = new Int32Array(BOOTSTRAP_GROUPS).fill(1);
    weights[0] = 0;
    const groups = sumParts(groupParts({ dim: 1, stride: 8, sums, rows: undefined } as unknown as Snapshot), weights);
    expect(Array.from(groups)).toEqual([BOOTSTRAP_GROUPS - 1]);
  });
});

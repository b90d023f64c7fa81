import { CholeskyDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { choleskyLower, solveLower } from '../../../src/core/drivers/linear.js';
import { pseudoSolution } from '../../../src/core/drivers/pseudo.js';
import { seededRandom } from '../../../src/core/random.js';

/** A random correlation-like matrix: Xᵀ X of a few random rows, scaled to a unit diagonal; near-collinear when asked. */
function randomSystem(random: () => number, k: number, collinear: boolean): { a: Float64Array; b: Float64Array } {
  const rows = k + 1 + Math.floor(random() * 20);
  const x = Array.from({ length: rows }, () => Array.from({ length: k }, () => random() * 2 - 1));
  if (collinear && k > 1) for (const row of x) row[k - 1] = (row[0] ?? 0) * 0.5 + (row[1] ?? 0) * 0.5 + (random() < 0.5 ? 0 : 1e-9 * random());
  const a = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) for (let j = 0; j < k; j += 1) a[i * k + j] = x.reduce((sum, row) => sum + (row[i] ?? 0) * (row[j] ?? 0), 0);
  const scale = Array.from({ length: k }, (_, i) => Math.sqrt(a[i * k + i] ?? 1));
  for (let i = 0; i < k; i += 1) for (let j = 0; j < k; j += 1) a[i * k + j] = (a[i * k + j] ?? 0) / ((scale[i] ?? 1) * (scale[j] ?? 1));
  return { a, b: Float64Array.from({ length: k }, () => random() * 2 - 1) };
}

describe('the drivers Cholesky factor, written out', () => {
  it('is ml-matrix CholeskyDecomposition to the last bit, and solves as it does: 2,000 seeded systems of 1 to 12 columns', () => {
    const random = seededRandom(11);
    let positive = 0;
    let refused = 0;
    for (let round = 0; round < 2000; round += 1) {
      const k = 1 + Math.floor(random() * 12);
      const { a, b } = randomSystem(random, k, round % 5 === 0);
      const matrix = new Matrix(Array.from({ length: k }, (_, i) => Array.from(a.subarray(i * k, i * k + k))));
      const theirs = new CholeskyDecomposition(matrix);
      // Filled with garbage first: the factor owes nothing to what its array held before.
      const lower = new Float64Array(k * k).fill(7.5);
      expect(choleskyLower(a, k, lower), `round ${round}`).toBe(theirs.isPositiveDefinite());
      if (!theirs.isPositiveDefinite()) {
        refused += 1;
        continue;
      }
      positive += 1;
      expect(Array.from(lower), `round ${round}`).toEqual(theirs.lowerTriangularMatrix.to1DArray());
      const solved = Float64Array.from(b);
      solveLower(lower, solved, k);
      expect(Array.from(solved), `round ${round}`).toEqual(theirs.solve(Matrix.columnVector(Array.from(b))).getColumn(0));
    }
    // Both kinds were met.
    expect(positive).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(10);
  });
});

describe('the pseudo-inverse solution, written out', () => {
  it("is ml-matrix's pseudoInverse(a).mmul(b) to the last bit: 3,000 seeded systems of 1 to 12 columns, nearly half of them singular", () => {
    const random = seededRandom(17);
    let singular = 0;
    for (let round = 0; round < 3000; round += 1) {
      const k = 1 + Math.floor(random() * 12);
      const { a, b } = randomSystem(random, k, round % 3 !== 0);
      // Some systems have fewer rows than columns, columns repeated, or a column of zeros.
      if (round % 7 === 0 && k > 2) for (let i = 0; i < k; i += 1) [a[i * k + 1], a[1 * k + i]] = [a[i * k + 2] ?? 0, a[2 * k + i] ?? 0];
      if (round % 11 === 0) for (let i = 0; i < k; i += 1) [a[i * k], a[i]] = [0, 0];
      const matrix = new Matrix(Array.from({ length: k }, (_, i) => Array.from(a.subarray(i * k, i * k + k))));
      const theirs = pseudoInverse(matrix).mmul(Matrix.columnVector(Array.from(b))).getColumn(0);
      expect(pseudoSolution(a, b, k), `round ${round}`).toEqual(theirs);
      if (!new CholeskyDecomposition(matrix).isPositiveDefinite()) singular += 1;
    }
    expect(singular).toBeGreaterThan(1000);
  });

  it('is so on matrices of zeros, infinities, NaN, and the largest and smallest numbers: 4,000 of 1 to 4 columns', () => {
    const random = seededRandom(31);
    const values = [0, -0, 1, -1, 0.5, 3, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e308, -1e308, 5e-324, 1e-300, 2 ** -1074 * 3];
    for (let round = 0; round < 4000; round += 1) {
      const k = 1 + Math.floor(random() * 4);
      // Mostly ordinary numbers, a few special ones: a NaN everywhere would end every decomposition at once.
      const pick = (): number => (random() < 0.15 ? (values[Math.floor(random() * values.length)] ?? 0) : Math.round(random() * 8 - 4) * 10 ** Math.floor(random() * 6 - 3));
      const a = Float64Array.from({ length: k * k }, pick);
      const b = Float64Array.from({ length: k }, pick);
      const matrix = new Matrix(Array.from({ length: k }, (_, i) => Array.from(a.subarray(i * k, i * k + k))));
      expect(pseudoSolution(a, b, k), `round ${round}: ${JSON.stringify(Array.from(a, String))}`).toEqual(
        pseudoInverse(matrix).mmul(Matrix.columnVector(Array.from(b))).getColumn(0),
      );
    }
  }, 20_000);

  it('gives up, rather than turn for ever as ml-matrix does, on a matrix of subnormal numbers', () => {
    const a = Float64Array.from([1e-300, 5e-324, 5e-324, 1e-200, 0, 1e-300, 1e-200, 1e-300, -5e-324]);
    expect(() => pseudoSolution(a, Float64Array.from([1, 1, 1]), 3)).toThrow('did not converge');
  });

  it('is so on the Gram matrices of a few rows of small whole numbers, as a bootstrap of a small survey makes them: 3,000 of them', () => {
    const random = seededRandom(23);
    for (let round = 0; round < 3000; round += 1) {
      const k = 1 + Math.floor(random() * 12);
      const x = Array.from({ length: 1 + Math.floor(random() * k) }, () => Array.from({ length: k }, () => Math.round(random() * 4)));
      const a = new Float64Array(k * k);
      for (let i = 0; i < k; i += 1) for (let j = 0; j < k; j += 1) a[i * k + j] = x.reduce((sum, row) => sum + (row[i] ?? 0) * (row[j] ?? 0), 0);
      const b = Float64Array.from({ length: k }, () => random() * 2 - 1);
      const matrix = new Matrix(Array.from({ length: k }, (_, i) => Array.from(a.subarray(i * k, i * k + k))));
      expect(pseudoSolution(a, b, k), `round ${round}`).toEqual(pseudoInverse(matrix).mmul(Matrix.columnVector(Array.from(b))).getColumn(0));
    }
  });
});

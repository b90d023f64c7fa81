import { CholeskyDecomposition, Matrix, pseudoInverse } from '../../libraries/ml-matrix.js';
import { BOOTSTRAP_GROUPS, INTERCEPT, SCORE, type KeptRow, type Snapshot } from './accumulator.js';

/** Cross-products to correlations to R²: every model on any subset of the drivers, from the sums alone. */

/** A pivot of the Cholesky factor of a correlation matrix below this: the columns are (almost) a combination of one another. */
const SINGULAR = 1e-9;

/** The sums of every group, weighted (a bootstrap replicate's multiplicities), as one dim × dim upper triangle. */
export function sumGroups(snapshot: Snapshot, weights: Int32Array | undefined): Float64Array {
  const { dim, stride, sums } = snapshot;
  const total = new Float64Array(dim * dim);
  for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) {
    const weight = weights === undefined ? 1 : (weights[group] ?? 0);
    if (weight === 0) continue;
    const base = group * stride * stride;
    for (let i = 0; i < dim; i += 1) {
      for (let j = i; j < dim; j += 1) total[i * dim + j] = (total[i * dim + j] ?? 0) + weight * (sums[base + i * stride + j] ?? 0);
    }
  }
  return total;
}

/** Kept rows, weighted by how often a replicate drew each: the same triangle as `sumGroups`. */
export function sumRows(rows: readonly KeptRow[], weights: Int32Array, dim: number): Float64Array {
  const total = new Float64Array(dim * dim);
  rows.forEach((row, index) => {
    const weight = weights[index] ?? 0;
    if (weight === 0) return;
    const { entries } = row;
    for (let a = 0; a < entries.length; a += 2) {
      for (let b = a; b < entries.length; b += 2) {
        const [i, j] = [entries[a] ?? 0, entries[b] ?? 0];
        const at = i <= j ? i * dim + j : j * dim + i;
        total[at] = (total[at] ?? 0) + weight * (entries[a + 1] ?? 0) * (entries[b + 1] ?? 0);
      }
    }
  });
  return total;
}

/** Cross-product of columns i and j about their means (from the raw sums of an upper triangle). */
export function centred(total: Float64Array, dim: number, i: number, j: number): number {
  const at = (a: number, b: number): number => total[a <= b ? a * dim + b : b * dim + a] ?? 0;
  const n = at(INTERCEPT, INTERCEPT);
  if (n === 0) return 0;
  return at(i, j) - (at(INTERCEPT, i) * at(INTERCEPT, j)) / n;
}

/** The model's columns as a correlation matrix, their correlations with the score, and their spreads. */
export interface System {
  /** m × m, row-major. */
  c: Float64Array;
  r: Float64Array;
  m: number;
  /** Centred sums of squares, for coefficients in the columns' own units. */
  spread: Float64Array;
  scoreSpread: number;
}

export function correlations(total: Float64Array, dim: number, columns: readonly number[]): System {
  const m = columns.length;
  const spread = new Float64Array(m);
  columns.forEach((column, index) => (spread[index] = centred(total, dim, column, column)));
  const scoreSpread = centred(total, dim, SCORE, SCORE);
  const n = total[0] ?? 0;
  // A column with (almost) no spread in this sample (a level no resampled row has) carries nothing: it is made a column of its own.
  const dead = (index: number): boolean => !((spread[index] ?? 0) > 1e-12 * Math.max(1, n));
  const c = new Float64Array(m * m);
  const r = new Float64Array(m);
  for (let i = 0; i < m; i += 1) {
    c[i * m + i] = 1;
    if (dead(i)) continue;
    r[i] = scoreSpread > 0 ? centred(total, dim, columns[i] ?? 0, SCORE) / Math.sqrt((spread[i] ?? 0) * scoreSpread) : 0;
    for (let j = i + 1; j < m; j += 1) {
      if (dead(j)) continue;
      const value = centred(total, dim, columns[i] ?? 0, columns[j] ?? 0) / Math.sqrt((spread[i] ?? 0) * (spread[j] ?? 0));
      c[i * m + j] = value;
      c[j * m + i] = value;
    }
  }
  return { c, r, m, spread, scoreSpread };
}

/** R² of the model on some of the columns (their offsets in the system), and whether they were collinear. */
export function r2Of(system: System, offsets: readonly number[]): { r2: number; singular: boolean } {
  const k = offsets.length;
  if (k === 0) return { r2: 0, singular: false };
  const solved = solveSystem(system, offsets);
  let r2 = 0;
  offsets.forEach((offset, index) => (r2 += (system.r[offset] ?? 0) * (solved.x[index] ?? 0)));
  return { r2: Math.min(1, Math.max(0, r2)), singular: solved.singular };
}

/**
 * Solves C_TT x = r_T by Cholesky; when the columns are (almost) collinear, by the
 * pseudo-inverse, which gives the least-squares fit on the space they span.
 */
export function solveSystem(system: System, offsets: readonly number[]): { x: number[]; singular: boolean } {
  const k = offsets.length;
  const matrix = new Matrix(k, k);
  const vector = new Matrix(k, 1);
  offsets.forEach((row, i) => {
    vector.set(i, 0, system.r[row] ?? 0);
    offsets.forEach((column, j) => matrix.set(i, j, system.c[row * system.m + column] ?? 0));
  });
  const cholesky = new CholeskyDecomposition(matrix);
  if (cholesky.isPositiveDefinite()) {
    const lower = cholesky.lowerTriangularMatrix;
    let wellPosed = true;
    for (let i = 0; i < k; i += 1) if (!(lower.get(i, i) ** 2 > SINGULAR)) wellPosed = false;
    if (wellPosed) return { x: cholesky.solve(vector).getColumn(0), singular: false };
  }
  return { x: pseudoInverse(matrix).mmul(vector).getColumn(0), singular: true };
}

/** Coefficients of the full model in each column's own units: points of the 0-10 answer per unit. */
export function coefficients(system: System): { coefficients: number[]; standardized: number[] } {
  const offsets = Array.from({ length: system.m }, (_, index) => index);
  const { x } = solveSystem(system, offsets);
  return {
    standardized: x,
    coefficients: x.map((beta, index) => {
      const spread = system.spread[index] ?? 0;
      return spread > 0 ? beta * Math.sqrt(system.scoreSpread / spread) : 0;
    }),
  };
}


import { mlMatrix } from '../../libraries/ml-matrix.js';
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
  const { a, b, l } = scratchFor(k);
  offsets.forEach((row, i) => {
    b[i] = system.r[row] ?? 0;
    offsets.forEach((column, j) => (a[i * k + j] = system.c[row * system.m + column] ?? 0));
  });
  if (choleskyLower(a, k, l)) {
    let wellPosed = true;
    for (let i = 0; i < k; i += 1) if (!((l[i * k + i] ?? 0) ** 2 > SINGULAR)) wellPosed = false;
    if (wellPosed) {
      solveLower(l, b, k);
      return { x: Array.from({ length: k }, (_, i) => b[i] ?? 0), singular: false };
    }
  }
  const { Matrix, pseudoInverse } = mlMatrix();
  const matrix = new Matrix(k, k);
  for (let i = 0; i < k; i += 1) for (let j = 0; j < k; j += 1) matrix.set(i, j, a[i * k + j] ?? 0);
  return { x: pseudoInverse(matrix).mmul(Matrix.columnVector(Array.from(b.subarray(0, k)))).getColumn(0), singular: true };
}

/**
 * The arrays a system is solved in, made once and kept: a fit solves tens of thousands of
 * small systems, and a typed array of more than 64 bytes is made outside V8's heap, at a
 * cost larger than a small system's whole arithmetic.
 */
const scratch = { a: new Float64Array(0), b: new Float64Array(0), l: new Float64Array(0) };

function scratchFor(k: number): typeof scratch {
  if (scratch.b.length < k) {
    scratch.a = new Float64Array(k * k);
    scratch.b = new Float64Array(k);
    scratch.l = new Float64Array(k * k);
  }
  return scratch;
}

/**
 * The lower Cholesky factor of a symmetric k × k matrix (row-major), written into `l`;
 * false when the matrix is not positive definite. Written out rather than ml-matrix's
 * CholeskyDecomposition, whose objects cost more than the arithmetic of these small systems
 * (a fit of six ratings solves 64 of them for each of its 1,000 bootstrap replicates); the
 * arithmetic is the same, in the same order, so the factor is the same to the last bit (a
 * test holds the two to each other).
 */
export function choleskyLower(a: Float64Array, k: number, l: Float64Array): boolean {
  let positiveDefinite = true;
  for (let j = 0; j < k; j += 1) {
    let d = 0;
    for (let c = 0; c < j; c += 1) {
      let s = 0;
      for (let i = 0; i < c; i += 1) s += (l[c * k + i] ?? 0) * (l[j * k + i] ?? 0);
      s = ((a[j * k + c] ?? 0) - s) / (l[c * k + c] ?? 0);
      l[j * k + c] = s;
      d = d + s * s;
    }
    d = (a[j * k + j] ?? 0) - d;
    positiveDefinite &&= d > 0;
    l[j * k + j] = Math.sqrt(Math.max(d, 0));
    for (let c = j + 1; c < k; c += 1) l[j * k + c] = 0;
  }
  return positiveDefinite;
}

/** Solves L Lᵀ x = b in place (b becomes x) with the factor of choleskyLower, in ml-matrix's order of operations. */
export function solveLower(l: Float64Array, x: Float64Array, k: number): void {
  for (let row = 0; row < k; row += 1) {
    for (let i = 0; i < row; i += 1) x[row] = (x[row] ?? 0) - (x[i] ?? 0) * (l[row * k + i] ?? 0);
    x[row] = (x[row] ?? 0) / (l[row * k + row] ?? 0);
  }
  for (let row = k - 1; row >= 0; row -= 1) {
    for (let i = row + 1; i < k; i += 1) x[row] = (x[row] ?? 0) - (x[i] ?? 0) * (l[i * k + row] ?? 0);
    x[row] = (x[row] ?? 0) / (l[row * k + row] ?? 0);
  }
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


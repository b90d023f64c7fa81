import { BOOTSTRAP_GROUPS, INTERCEPT, SCORE, type KeptRow, type Snapshot } from './accumulator.js';
import { pseudoSolution } from './pseudo.js';

/** Cross-products to correlations to R²: every model on any subset of the drivers, from the sums alone. */

/** A pivot of the Cholesky factor of a correlation matrix below this: the columns are (almost) a combination of one another. */
export const SINGULAR = 1e-9;

/**
 * The sums of every group, as one dim × dim upper triangle. A group no row fell in (its count
 * is 0) holds only zeros, and adding +0 to a sum changes no bit of it: such groups are passed
 * over, most of the 1,024 in a file of a few rows.
 */
export function sumGroups(snapshot: Snapshot): Float64Array {
  const { dim, stride, sums } = snapshot;
  const total = new Float64Array(dim * dim);
  for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) {
    const base = group * stride * stride;
    if (sums[base + INTERCEPT * stride + INTERCEPT] === 0) continue;
    for (let i = 0; i < dim; i += 1) {
      for (let j = i; j < dim; j += 1) total[i * dim + j] = (total[i * dim + j] ?? 0) + (sums[base + i * stride + j] ?? 0);
    }
  }
  return total;
}

/**
 * What a bootstrap replicate's sums are made of, cell by cell of the triangle: the units
 * (groups, or kept rows) with a part in the cell, and their part (for a row, the two
 * values it multiplies). A replicate weighs them by how often it drew each unit. Laid
 * out once for the thousand replicates.
 */
export interface Parts {
  dim: number;
  /** Each cell's index in the triangle. */
  cells: Int32Array;
  /** Rows' parts, cell by cell: where each cell's parts start (one more entry: where the last ends); undefined for groups. */
  starts: Int32Array | undefined;
  /** The row of each part; undefined for groups, every group holding a part in every cell. */
  units: Int32Array | undefined;
  /** Each part's first value; groups' group by group: group 0's sum of each cell, then group 1's… */
  first: Float64Array;
  /** The second value of a row's product; undefined for groups, whose part is one sum. */
  second: Float64Array | undefined;
  /** Whether every part is a finite number, once looked at. */
  finite?: boolean;
}

/** The groups' sums, group by group: group 0's sum of each cell of the triangle, then group 1's… */
export function groupParts(snapshot: Snapshot): Parts {
  const { dim, stride, sums } = snapshot;
  const count = (dim * (dim + 1)) / 2;
  const cells = new Int32Array(count);
  const first = new Float64Array(count * BOOTSTRAP_GROUPS);
  let cell = 0;
  for (let i = 0; i < dim; i += 1) {
    for (let j = i; j < dim; j += 1) {
      cells[cell] = i * dim + j;
      for (let group = 0; group < BOOTSTRAP_GROUPS; group += 1) first[group * count + cell] = sums[group * stride * stride + i * stride + j] ?? 0;
      cell += 1;
    }
  }
  return { dim, cells, starts: undefined, units: undefined, first, second: undefined };
}

/** Kept rows' products by cell, in the order of the rows: each row's pair of values, in the order of its entries. */
export function rowParts(rows: readonly KeptRow[], dim: number): Parts {
  const byCell = new Map<number, { units: number[]; first: number[]; second: number[] }>();
  rows.forEach((row, unit) => {
    const { entries } = row;
    for (let a = 0; a < entries.length; a += 2) {
      for (let b = a; b < entries.length; b += 2) {
        const [i, j] = [entries[a] ?? 0, entries[b] ?? 0];
        const at = i <= j ? i * dim + j : j * dim + i;
        let parts = byCell.get(at);
        if (parts === undefined) byCell.set(at, (parts = { units: [], first: [], second: [] }));
        parts.units.push(unit);
        parts.first.push(entries[a + 1] ?? 0);
        parts.second.push(entries[b + 1] ?? 0);
      }
    }
  });
  const ordered = [...byCell].sort((x, y) => x[0] - y[0]);
  const starts = new Int32Array(ordered.length + 1);
  let at = 0;
  ordered.forEach(([, parts], cell) => {
    starts[cell] = at;
    at += parts.units.length;
  });
  starts[ordered.length] = at;
  return {
    dim,
    cells: Int32Array.from(ordered.map(([cell]) => cell)),
    starts,
    units: Int32Array.from(ordered.flatMap(([, parts]) => parts.units)),
    first: Float64Array.from(ordered.flatMap(([, parts]) => parts.first)),
    second: Float64Array.from(ordered.flatMap(([, parts]) => parts.second)),
  };
}

/**
 * A replicate's sums: each unit's part weighed by how often the replicate drew it, added in
 * the order of the units, as the sums of the whole data are. A unit the replicate did not
 * draw changes no bit of a sum: 0 times a finite number is ±0, and a sum that starts at +0
 * is never -0, so adding ±0 leaves it as it was. So groups not drawn are passed over, and
 * kept rows are all added, 0 times or more, when every part is finite; parts that are not
 * all finite are skipped as the unit-by-unit sums skip them.
 */
export function sumParts(parts: Parts, weights: Int32Array): Float64Array {
  const { starts, units, second } = parts;
  return starts === undefined || units === undefined || second === undefined ? sumGroupParts(parts, weights) : sumRowParts(parts, { starts, units, second }, weights);
}

/**
 * Groups' parts, group by group: a group the replicate did not draw (about a third of them)
 * is passed over whole, whatever its parts (a part that is not finite is so skipped as the
 * group-by-group sums skip it); each cell's sum still adds the groups in their order.
 */
function sumGroupParts(parts: Parts, weights: Int32Array): Float64Array {
  const { dim, cells, first } = parts;
  const count = cells.length;
  const sums = new Float64Array(count);
  for (let group = 0; group < weights.length; group += 1) {
    const weight = weights[group] ?? 0;
    if (weight === 0) continue;
    const base = group * count;
    for (let cell = 0; cell < count; cell += 1) sums[cell] = (sums[cell] ?? 0) + weight * (first[base + cell] ?? 0);
  }
  const total = new Float64Array(dim * dim);
  for (let cell = 0; cell < count; cell += 1) total[cells[cell] ?? 0] = sums[cell] ?? 0;
  return total;
}

/** Rows' parts, cell by cell: one multiply and one add a part, with no branch, when every part is finite. */
function sumRowParts(parts: Parts, rows: { starts: Int32Array; units: Int32Array; second: Float64Array }, weights: Int32Array): Float64Array {
  const { dim, cells, first } = parts;
  const { starts, units, second } = rows;
  const total = new Float64Array(dim * dim);
  const finite = parts.finite ?? (parts.finite = first.every(Number.isFinite) && second.every(Number.isFinite));
  for (let cell = 0; cell < cells.length; cell += 1) {
    const start = starts[cell] ?? 0;
    const end = starts[cell + 1] ?? 0;
    let sum = 0;
    if (!finite) {
      for (let at = start; at < end; at += 1) {
        const weight = weights[units[at] ?? 0] ?? 0;
        if (weight !== 0) sum += weight * (first[at] ?? 0) * (second[at] ?? 0);
      }
    } else {
      for (let at = start; at < end; at += 1) sum += (weights[units[at] ?? 0] ?? 0) * (first[at] ?? 0) * (second[at] ?? 0);
    }
    total[cells[cell] ?? 0] = sum;
  }
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
  return { r2: explained(system, offsets, solved.x, k), singular: solved.singular };
}

/** R² from a model's solution on its columns (offsets in the system): Σ r·β in the columns' order, held to [0, 1]. */
export function explained(system: System, offsets: ArrayLike<number>, x: ArrayLike<number>, k: number): number {
  let r2 = 0;
  for (let index = 0; index < k; index += 1) r2 += (system.r[offsets[index] ?? 0] ?? 0) * (x[index] ?? 0);
  return Math.min(1, Math.max(0, r2));
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
  return { x: pseudoSolution(a, b, k), singular: true };
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
 * (sampled Shapley values solve thousands of them for each bootstrap replicate); the
 * arithmetic is the same, in the same order, so the factor is the same to the last bit (a
 * test holds the two to each other). `subsetR2s` grows factors row by row with the same
 * arithmetic.
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
  solveTransposed(l, k, x, k);
}

/** Solves Lᵀ x = y in place (y becomes x), the factor's rows `stride` apart: solveLower's second half. */
export function solveTransposed(l: Float64Array, stride: number, x: Float64Array, k: number): void {
  for (let row = k - 1; row >= 0; row -= 1) {
    for (let i = row + 1; i < k; i += 1) x[row] = (x[row] ?? 0) - (x[i] ?? 0) * (l[i * stride + row] ?? 0);
    x[row] = (x[row] ?? 0) / (l[row * stride + row] ?? 0);
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


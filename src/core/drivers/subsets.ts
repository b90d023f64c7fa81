import type { Steps } from '../steps.js';
import { explained, r2Of, SINGULAR, solveTransposed, type System } from './linear.js';

/**
 * R² of the model on every subset of the drivers, the exact Shapley values' 2^p fits.
 *
 * A subset's columns are its drivers' in model order, and the Cholesky factor of its
 * correlation matrix is built a row at a time, each row from the rows above it alone. So
 * a subset shares the rows of the subset made of its first drivers, and only the rows of
 * the drivers it adds are worked out: the subsets are taken in an order where each one
 * keeps as much of the one before as it can. The arithmetic of each row and of the
 * solution is `solveSystem`'s, in the same order, so each R² is the same to the last bit
 * (a test holds the two to each other); what is saved is the rows worked out again, and
 * the arrays of tens of thousands of small fits. A subset whose columns are (almost)
 * collinear is handed to `r2Of`, which fits it by the pseudo-inverse.
 */
export function* subsetR2s(
  system: System,
  offsetsOf: readonly (readonly number[])[],
  collinear: Set<number> | undefined,
  fitsPerStep: number,
  // The fit of a collinear subset; a test counts the subsets that come to it.
  fitCollinear: typeof r2Of = r2Of,
): Steps<Float64Array> {
  const p = offsetsOf.length;
  const values = new Float64Array(2 ** p);
  const path = new Path(system, offsetsOf);
  for (let turn = 1; turn < values.length; turn += 1) {
    // As often as when every subset was fitted from nothing: once every so many fits.
    if ((turn + 1) % fitsPerStep === 0) yield;
    // Counting with the bits reversed: from one subset to the next, the last drivers change and the first stay.
    const mask = reversedBits(turn, p);
    path.follow(mask);
    const fit = path.fit();
    if (fit !== undefined) {
      values[mask] = fit;
      continue;
    }
    const singular = fitCollinear(system, path.offsets());
    if (singular.singular) collinear?.add(mask);
    values[mask] = singular.r2;
  }
  return values;
}

function reversedBits(value: number, bits: number): number {
  let reversed = 0;
  for (let bit = 0; bit < bits; bit += 1) if ((value & (1 << bit)) !== 0) reversed |= 1 << (bits - 1 - bit);
  return reversed;
}

/** The drivers of the current subset in model order, with their rows of the factor and of L⁻¹ r. */
class Path {
  private readonly m: number;
  /** The factor's rows, m apart. */
  private readonly lower: Float64Array;
  /** L⁻¹ r, row by row. */
  private readonly forward: Float64Array;
  private readonly solution: Float64Array;
  /** The columns (offsets in the system) of the rows. */
  private readonly columns: Int32Array;
  private readonly drivers: number[] = [];
  /** Rows, and whether every pivot so far is well above 0, after each driver of the path. */
  private readonly rowsAfter: Int32Array;
  private readonly wellPosedAfter: Uint8Array;

  constructor(
    private readonly system: System,
    private readonly offsetsOf: readonly (readonly number[])[],
  ) {
    this.m = system.m;
    this.lower = new Float64Array(this.m * this.m);
    this.forward = new Float64Array(this.m);
    this.solution = new Float64Array(this.m);
    this.columns = new Int32Array(this.m);
    this.rowsAfter = new Int32Array(offsetsOf.length + 1);
    this.wellPosedAfter = new Uint8Array(offsetsOf.length + 1).fill(1);
  }

  /** Makes the path the drivers of `mask`, keeping the rows of the drivers it shares with the path before. */
  follow(mask: number): void {
    let depth = 0;
    let index = 0;
    for (; index < this.offsetsOf.length; index += 1) {
      if ((mask & (1 << index)) === 0) continue;
      if (this.drivers[depth] !== index) break;
      depth += 1;
    }
    this.drivers.length = depth;
    for (; index < this.offsetsOf.length; index += 1) if ((mask & (1 << index)) !== 0) this.add(index);
  }

  private add(driver: number): void {
    const depth = this.drivers.length;
    let row = this.rowsAfter[depth] ?? 0;
    let wellPosed = this.wellPosedAfter[depth] === 1;
    for (const column of this.offsetsOf[driver] ?? []) {
      this.columns[row] = column;
      wellPosed = this.addRow(row) && wellPosed;
      row += 1;
    }
    this.drivers.push(driver);
    this.rowsAfter[depth + 1] = row;
    this.wellPosedAfter[depth + 1] = wellPosed ? 1 : 0;
  }

  /** Row j of the factor and of L⁻¹ r (choleskyLower's and solveLower's arithmetic); false when its pivot is (almost) 0. */
  private addRow(j: number): boolean {
    const { lower: l, m, columns, system } = this;
    const own = (columns[j] ?? 0) * system.m;
    let d = 0;
    for (let c = 0; c < j; c += 1) {
      let s = 0;
      for (let i = 0; i < c; i += 1) s += (l[c * m + i] ?? 0) * (l[j * m + i] ?? 0);
      s = ((system.c[own + (columns[c] ?? 0)] ?? 0) - s) / (l[c * m + c] ?? 0);
      l[j * m + c] = s;
      d = d + s * s;
    }
    d = (system.c[own + (columns[j] ?? 0)] ?? 0) - d;
    const pivot = Math.sqrt(Math.max(d, 0));
    l[j * m + j] = pivot;
    let y = system.r[columns[j] ?? 0] ?? 0;
    for (let i = 0; i < j; i += 1) y = y - (this.forward[i] ?? 0) * (l[j * m + i] ?? 0);
    this.forward[j] = y / pivot;
    return d > 0 && pivot ** 2 > SINGULAR;
  }

  /** R² of the path's model (r2Of's arithmetic, on the rows kept), or undefined when its columns are (almost) collinear. */
  fit(): number | undefined {
    const depth = this.drivers.length;
    const k = this.rowsAfter[depth] ?? 0;
    if (k === 0) return 0;
    if (this.wellPosedAfter[depth] !== 1) return undefined;
    const x = this.solution;
    x.set(this.forward.subarray(0, k));
    solveTransposed(this.lower, this.m, x, k);
    return explained(this.system, this.columns, x, k);
  }

  offsets(): number[] {
    return Array.from(this.columns.subarray(0, this.rowsAfter[this.drivers.length] ?? 0));
  }
}

/**
 * The least-squares solution of a small square system (a, b) by the pseudo-inverse, for
 * the models whose columns are (almost) collinear: x = V Σ⁺ Uᵀ b from the singular value
 * decomposition of a.
 *
 * This is ml-matrix's `pseudoInverse(a).mmul(b)` (version 6.15) written out on flat arrays
 * kept from one system to the next: the decomposition is the one of its
 * `SingularValueDecomposition` (JAMA's Golub–Kahan algorithm), step for step, with the
 * same cut-off and the same products, so x is the same to the last bit (a test holds the
 * two to each other). A bootstrap replicate of a small survey meets thousands of these
 * systems, and ml-matrix's matrices of row arrays, made and read through methods, cost
 * several times the arithmetic. Only square systems come here.
 */
export function pseudoSolution(a: Float64Array, b: Float64Array, k: number): number[] {
  const svd = decompose(a, k);
  const cutoff = Number.EPSILON * k * (svd.s[0] ?? 0);
  const inverted = Array.from(svd.s.subarray(0, k), (value) => (Math.abs(value) > cutoff ? 1.0 / value : 0.0));
  // Σ⁺ Uᵀ, then V (Σ⁺ Uᵀ), then that times b: each product summed as ml-matrix's mmul sums it.
  const { right, product } = svd;
  for (let j = 0; j < k; j += 1) {
    for (let i = 0; i < k; i += 1) {
      let sum = 0;
      for (let c = 0; c < k; c += 1) sum += (i === c ? (inverted[i] ?? 0) : 0) * svd.u(j, c);
      right[i * k + j] = sum;
    }
  }
  for (let j = 0; j < k; j += 1) {
    for (let i = 0; i < k; i += 1) {
      let sum = 0;
      for (let c = 0; c < k; c += 1) sum += svd.v(i, c) * (right[c * k + j] ?? 0);
      product[i * k + j] = sum;
    }
  }
  return Array.from({ length: k }, (_, i) => {
    let sum = 0;
    for (let c = 0; c < k; c += 1) sum += (product[i * k + c] ?? 0) * (b[c] ?? 0);
    return sum;
  });
}

function hypotenuse(a: number, b: number): number {
  if (Math.abs(a) > Math.abs(b)) {
    const r = b / a;
    return Math.abs(a) * Math.sqrt(1 + r * r);
  }
  if (b !== 0) {
    const r = a / b;
    return Math.abs(b) * Math.sqrt(1 + r * r);
  }
  return 0;
}

/**
 * The decomposition's arrays, n × n, kept as ml-matrix keeps them while it works: `at` is
 * the matrix transposed, and U and V are stored transposed (row r of `ut` is U's column r).
 */
class Decomposition {
  readonly n: number;
  readonly at: Float64Array;
  readonly ut: Float64Array;
  readonly vt: Float64Array;
  readonly s: Float64Array;
  readonly e: Float64Array;
  readonly work: Float64Array;
  /** The products of the pseudo-inverse: Σ⁺ Uᵀ, then V Σ⁺ Uᵀ. */
  readonly right: Float64Array;
  readonly product: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.at = new Float64Array(n * n);
    this.ut = new Float64Array(n * n);
    this.vt = new Float64Array(n * n);
    this.s = new Float64Array(n);
    this.e = new Float64Array(n);
    this.work = new Float64Array(n);
    this.right = new Float64Array(n * n);
    this.product = new Float64Array(n * n);
  }

  /** U[i][j] and V[i][j], the singular vectors as the decomposition returns them. */
  u(i: number, j: number): number {
    return this.ut[j * this.n + i] ?? 0;
  }

  v(i: number, j: number): number {
    return this.vt[j * this.n + i] ?? 0;
  }
}

let kept: Decomposition | undefined;

/** QR turns for each singular value before the decomposition gives up (LAPACK's bidiagonal QR allows 6 n² in all). */
const MAX_TURNS_PER_VALUE = 1000;

function decompose(a: Float64Array, n: number): Decomposition {
  if (kept?.n !== n) kept = new Decomposition(n);
  const d = kept;
  for (let i = 0; i < n; i += 1) for (let j = 0; j < n; j += 1) d.at[j * n + i] = a[i * n + j] ?? 0;
  d.ut.fill(0);
  d.vt.fill(0);
  d.s.fill(0);
  d.e.fill(0);
  d.work.fill(0);
  // ml-matrix's bounds for an m × n matrix, square here: the column reflections stop one short of the
  // last column (nct = min(m - 1, n)), the row reflections two short (nrt = max(0, min(n - 2, m))).
  const nct = n - 1;
  const nrt = Math.max(0, n - 2);
  bidiagonalize(d, nct, nrt);
  d.s[nct] = d.at[nct * n + nct] ?? 0;
  if (nrt + 1 < n) d.e[nrt] = d.at[(n - 1) * n + nrt] ?? 0;
  d.e[n - 1] = 0;
  generateU(d, nct);
  generateV(d, nrt);
  iterate(d, n);
  return d;
}

/** Householder reflections to bidiagonal form: the diagonal in s, the superdiagonal in e. */
function bidiagonalize(d: Decomposition, nct: number, nrt: number): void {
  const { n, at, s, e } = d;
  for (let k = 0; k < nct; k += 1) {
    columnReflection(d, k);
    for (let j = k + 1; j < n; j += 1) {
      if ((s[k] ?? 0) !== 0) {
        let t = 0;
        for (let i = k; i < n; i += 1) t += (at[k * n + i] ?? 0) * (at[j * n + i] ?? 0);
        t = -t / (at[k * n + k] ?? 0);
        for (let i = k; i < n; i += 1) at[j * n + i] = (at[j * n + i] ?? 0) + t * (at[k * n + i] ?? 0);
      }
      e[j] = at[j * n + k] ?? 0;
    }
    for (let i = k; i < n; i += 1) d.ut[k * n + i] = at[k * n + i] ?? 0;
    if (k < nrt) rowReflection(d, k);
  }
}

function columnReflection(d: Decomposition, k: number): void {
  const { n, at, s } = d;
  s[k] = 0;
  for (let i = k; i < n; i += 1) s[k] = hypotenuse(s[k] ?? 0, at[k * n + i] ?? 0);
  if (s[k] !== 0) {
    if ((at[k * n + k] ?? 0) < 0) s[k] = -(s[k] ?? 0);
    for (let i = k; i < n; i += 1) at[k * n + i] = (at[k * n + i] ?? 0) / (s[k] ?? 0);
    at[k * n + k] = (at[k * n + k] ?? 0) + 1;
  }
  s[k] = -(s[k] ?? 0);
}

function rowReflection(d: Decomposition, k: number): void {
  const { n, at, e, work } = d;
  e[k] = 0;
  for (let i = k + 1; i < n; i += 1) e[k] = hypotenuse(e[k] ?? 0, e[i] ?? 0);
  if (e[k] !== 0) {
    if ((e[k + 1] ?? 0) < 0) e[k] = 0 - (e[k] ?? 0);
    for (let i = k + 1; i < n; i += 1) e[i] = (e[i] ?? 0) / (e[k] ?? 0);
    e[k + 1] = (e[k + 1] ?? 0) + 1;
  }
  e[k] = -(e[k] ?? 0);
  if (k + 1 < n && e[k] !== 0) {
    for (let i = k + 1; i < n; i += 1) work[i] = 0;
    for (let i = k + 1; i < n; i += 1) for (let j = k + 1; j < n; j += 1) work[i] = (work[i] ?? 0) + (e[j] ?? 0) * (at[j * n + i] ?? 0);
    for (let j = k + 1; j < n; j += 1) {
      const t = -(e[j] ?? 0) / (e[k + 1] ?? 0);
      for (let i = k + 1; i < n; i += 1) at[j * n + i] = (at[j * n + i] ?? 0) + t * (work[i] ?? 0);
    }
  }
  for (let i = k + 1; i < n; i += 1) d.vt[k * n + i] = e[i] ?? 0;
}

function generateU(d: Decomposition, nct: number): void {
  const { n, ut: u, s } = d;
  for (let j = nct; j < n; j += 1) {
    for (let i = 0; i < n; i += 1) u[j * n + i] = 0;
    u[j * n + j] = 1;
  }
  for (let k = nct - 1; k >= 0; k -= 1) {
    if (s[k] !== 0) {
      for (let j = k + 1; j < n; j += 1) {
        let t = 0;
        for (let i = k; i < n; i += 1) t += (u[k * n + i] ?? 0) * (u[j * n + i] ?? 0);
        t = -t / (u[k * n + k] ?? 0);
        for (let i = k; i < n; i += 1) u[j * n + i] = (u[j * n + i] ?? 0) + t * (u[k * n + i] ?? 0);
      }
      for (let i = k; i < n; i += 1) u[k * n + i] = -(u[k * n + i] ?? 0);
      u[k * n + k] = 1 + (u[k * n + k] ?? 0);
      for (let i = 0; i < k - 1; i += 1) u[k * n + i] = 0;
    } else {
      for (let i = 0; i < n; i += 1) u[k * n + i] = 0;
      u[k * n + k] = 1;
    }
  }
}

function generateV(d: Decomposition, nrt: number): void {
  const { n, vt: v, e } = d;
  for (let k = n - 1; k >= 0; k -= 1) {
    if (k < nrt && e[k] !== 0) {
      for (let j = k + 1; j < n; j += 1) {
        let t = 0;
        for (let i = k + 1; i < n; i += 1) t += (v[k * n + i] ?? 0) * (v[j * n + i] ?? 0);
        t = -t / (v[k * n + k + 1] ?? 0);
        for (let i = k + 1; i < n; i += 1) v[j * n + i] = (v[j * n + i] ?? 0) + t * (v[k * n + i] ?? 0);
      }
    }
    for (let i = 0; i < n; i += 1) v[k * n + i] = 0;
    v[k * n + k] = 1;
  }
}

/** Rotates row `to` with row `from` of a transposed store: to' = cs·to + sn·from, from' = -sn·to + cs·from. */
function rotate(store: Float64Array, n: number, to: number, from: number, cs: number, sn: number): void {
  for (let i = 0; i < n; i += 1) {
    const t = cs * (store[to * n + i] ?? 0) + sn * (store[from * n + i] ?? 0);
    store[from * n + i] = -sn * (store[to * n + i] ?? 0) + cs * (store[from * n + i] ?? 0);
    store[to * n + i] = t;
  }
}

/**
 * The QR steps on the bidiagonal form until the superdiagonal is negligible. A matrix of
 * subnormal numbers can keep ml-matrix's loop turning for ever (a 3 × 3 one of 1e-300 and
 * 5e-324 does); a correlation matrix, with its diagonal of ones, takes a few turns for each
 * value. Past a bound no matrix that converges comes near, the decomposition gives up.
 */
function iterate(d: Decomposition, start: number): void {
  const { s, e } = d;
  const pp = start - 1;
  let turns = 0;
  for (let p = start; p > 0; turns += 1) {
    if (turns > MAX_TURNS_PER_VALUE * start) throw new Error(`the singular value decomposition of a ${start} × ${start} matrix did not converge`);
    let k: number;
    for (k = p - 2; k >= -1; k -= 1) {
      if (k === -1) break;
      const alpha = Number.MIN_VALUE + Number.EPSILON * Math.abs((s[k] ?? 0) + Math.abs(s[k + 1] ?? 0));
      if (Math.abs(e[k] ?? 0) <= alpha || Number.isNaN(e[k])) {
        e[k] = 0;
        break;
      }
    }
    let kase: number;
    if (k === p - 2) kase = 4;
    else {
      let ks: number;
      for (ks = p - 1; ks >= k; ks -= 1) {
        if (ks === k) break;
        const t = (ks !== p ? Math.abs(e[ks] ?? 0) : 0) + (ks !== k + 1 ? Math.abs(e[ks - 1] ?? 0) : 0);
        if (Math.abs(s[ks] ?? 0) <= Number.EPSILON * t) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k) kase = 3;
      else if (ks === p - 1) kase = 1;
      else {
        kase = 2;
        k = ks;
      }
    }
    k += 1;
    if (kase === 1) deflateBottom(d, k, p);
    else if (kase === 2) splitAt(d, k, p);
    else if (kase === 3) qrStep(d, k, p);
    else p = converge(d, k, p, pp);
  }
}

/** Case 1: s[p-1] is negligible; chases e[p-2] away. */
function deflateBottom(d: Decomposition, k: number, p: number): void {
  const { s, e } = d;
  let f = e[p - 2] ?? 0;
  e[p - 2] = 0;
  for (let j = p - 2; j >= k; j -= 1) {
    const t = hypotenuse(s[j] ?? 0, f);
    const cs = (s[j] ?? 0) / t;
    const sn = f / t;
    s[j] = t;
    if (j !== k) {
      f = -sn * (e[j - 1] ?? 0);
      e[j - 1] = cs * (e[j - 1] ?? 0);
    }
    rotate(d.vt, d.n, j, p - 1, cs, sn);
  }
}

/** Case 2: s[k-1] is negligible; splits the matrix there. */
function splitAt(d: Decomposition, k: number, p: number): void {
  const { s, e } = d;
  let f = e[k - 1] ?? 0;
  e[k - 1] = 0;
  for (let j = k; j < p; j += 1) {
    const t = hypotenuse(s[j] ?? 0, f);
    const cs = (s[j] ?? 0) / t;
    const sn = f / t;
    s[j] = t;
    f = -sn * (e[j] ?? 0);
    e[j] = cs * (e[j] ?? 0);
    rotate(d.ut, d.n, j, k - 1, cs, sn);
  }
}

/** Case 3: one QR step with a shift. */
function qrStep(d: Decomposition, k: number, p: number): void {
  const { s, e, n } = d;
  const scale = Math.max(Math.abs(s[p - 1] ?? 0), Math.abs(s[p - 2] ?? 0), Math.abs(e[p - 2] ?? 0), Math.abs(s[k] ?? 0), Math.abs(e[k] ?? 0));
  const sp = (s[p - 1] ?? 0) / scale;
  const spm1 = (s[p - 2] ?? 0) / scale;
  const epm1 = (e[p - 2] ?? 0) / scale;
  const sk = (s[k] ?? 0) / scale;
  const ek = (e[k] ?? 0) / scale;
  const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
  const c = sp * epm1 * (sp * epm1);
  let shift = 0;
  if (b !== 0 || c !== 0) {
    shift = b < 0 ? 0 - Math.sqrt(b * b + c) : Math.sqrt(b * b + c);
    shift = c / (b + shift);
  }
  let f = (sk + sp) * (sk - sp) + shift;
  let g = sk * ek;
  for (let j = k; j < p - 1; j += 1) {
    let t = hypotenuse(f, g);
    if (t === 0) t = Number.MIN_VALUE;
    let cs = f / t;
    let sn = g / t;
    if (j !== k) e[j - 1] = t;
    f = cs * (s[j] ?? 0) + sn * (e[j] ?? 0);
    e[j] = cs * (e[j] ?? 0) - sn * (s[j] ?? 0);
    g = sn * (s[j + 1] ?? 0);
    s[j + 1] = cs * (s[j + 1] ?? 0);
    rotate(d.vt, n, j, j + 1, cs, sn);
    t = hypotenuse(f, g);
    if (t === 0) t = Number.MIN_VALUE;
    cs = f / t;
    sn = g / t;
    s[j] = t;
    f = cs * (e[j] ?? 0) + sn * (s[j + 1] ?? 0);
    s[j + 1] = -sn * (e[j] ?? 0) + cs * (s[j + 1] ?? 0);
    g = sn * (e[j + 1] ?? 0);
    e[j + 1] = cs * (e[j + 1] ?? 0);
    if (j < n - 1) rotate(d.ut, n, j, j + 1, cs, sn);
  }
  e[p - 2] = f;
}

/** Case 4: s[k] has converged: made positive, and moved down past smaller values. Returns the new p. */
function converge(d: Decomposition, start: number, p: number, pp: number): number {
  const { s, n } = d;
  let k = start;
  if ((s[k] ?? 0) <= 0) {
    s[k] = (s[k] ?? 0) < 0 ? -(s[k] ?? 0) : 0;
    for (let i = 0; i <= pp; i += 1) d.vt[k * n + i] = -(d.vt[k * n + i] ?? 0);
  }
  while (k < pp) {
    if ((s[k] ?? 0) >= (s[k + 1] ?? 0)) break;
    const t = s[k] ?? 0;
    s[k] = s[k + 1] ?? 0;
    s[k + 1] = t;
    if (k < n - 1) swapRows(d.vt, n, k);
    if (k < n - 1) swapRows(d.ut, n, k);
    k += 1;
  }
  return p - 1;
}

function swapRows(store: Float64Array, n: number, k: number): void {
  for (let i = 0; i < n; i += 1) {
    const t = store[(k + 1) * n + i] ?? 0;
    store[(k + 1) * n + i] = store[k * n + i] ?? 0;
    store[k * n + i] = t;
  }
}

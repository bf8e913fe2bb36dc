/**
 * The small dense linear algebra the loop monitors need: least squares by Householder QR,
 * and the eigenvalues of a small real matrix. No exceptions on degenerate input: a
 * rank-deficient design or a non-finite value is reported in the result.
 */

export interface LeastSquaresResult {
  /** β minimising ‖y − Xβ‖² (NaN entries when `ok` is false). */
  coefficients: number[];
  /** Residual sum of squares ‖y − Xβ‖² (NaN when `ok` is false). */
  rss: number;
  /** False when the design is rank-deficient (to the tolerance), too short, or not finite. */
  ok: boolean;
  /** Why `ok` is false. */
  reason?: string;
}

/** A column counts as dependent on the earlier ones when its orthogonal part is below this fraction of its norm. */
const RANK_TOLERANCE = 1e-10;

function failed(m: number, reason: string): LeastSquaresResult {
  return { coefficients: new Array<number>(m).fill(Number.NaN), rss: Number.NaN, ok: false, reason };
}

/**
 * Ordinary least squares by Householder QR (Golub & Van Loan, *Matrix Computations*,
 * 4th ed. §5.3), which avoids squaring the condition number as the normal equations do.
 * `rows[i]` is the i-th row of X (include a 1 for an intercept). The RSS is the squared
 * norm of the last n − m entries of Qᵀy. Column j is declared dependent (and the fit
 * fails with a reason) when |R_jj| ≤ 1e-10 · ‖X_j‖.
 */
export function leastSquares(rows: readonly (readonly number[])[], y: readonly number[]): LeastSquaresResult {
  const n = rows.length;
  const m = rows[0]?.length ?? 0;
  if (m === 0) return failed(0, 'no regressors');
  if (n !== y.length) return failed(m, `X has ${n} rows but y has ${y.length} values`);
  if (n < m) return failed(m, `${n} observations for ${m} coefficients`);
  // Column-major copy: a[j][i] = X[i][j].
  const a: number[][] = [];
  for (let j = 0; j < m; j++) a.push(rows.map((r) => r[j]!));
  const b = [...y];
  if (!a.every((col) => col.every(Number.isFinite)) || !b.every(Number.isFinite)) return failed(m, 'non-finite value in the data');
  const colNorms = a.map((col) => Math.hypot(...col));
  for (let j = 0; j < m; j++) {
    const col = a[j]!;
    let norm = 0;
    for (let i = j; i < n; i++) norm += col[i]! * col[i]!;
    norm = Math.sqrt(norm);
    if (!(norm > RANK_TOLERANCE * colNorms[j]!)) return failed(m, `column ${j} is constant or collinear with earlier columns`);
    // Householder vector v = x − α e₁ with α = −sign(x₀)‖x‖, so no cancellation in v₀.
    const alpha = col[j]! > 0 ? -norm : norm;
    const v = col.slice(j);
    v[0]! -= alpha;
    let vv = 0;
    for (const vi of v) vv += vi * vi;
    const reflect = (target: number[]): void => {
      let dot = 0;
      for (let i = j; i < n; i++) dot += v[i - j]! * target[i]!;
      const f = (2 * dot) / vv;
      for (let i = j; i < n; i++) target[i]! -= f * v[i - j]!;
    };
    for (let c = j; c < m; c++) reflect(a[c]!);
    reflect(b);
  }
  // Back-substitution on R β = (Qᵀy)[0..m).
  const beta = new Array<number>(m).fill(0);
  for (let j = m - 1; j >= 0; j--) {
    let s = b[j]!;
    for (let c = j + 1; c < m; c++) s -= a[c]![j]! * beta[c]!;
    beta[j] = s / a[j]![j]!;
  }
  let rss = 0;
  for (let i = m; i < n; i++) rss += b[i]! * b[i]!;
  return { coefficients: beta, rss, ok: true };
}

/** A complex number. */
export interface Complex {
  re: number;
  im: number;
}

/**
 * Coefficients c₀ … c_n of the characteristic polynomial det(λI − A) = Σ c_i λ^i (c_n = 1)
 * by the Faddeev–LeVerrier recursion: M₁ = I, c_{n−k} = −tr(A M_k)/k,
 * M_{k+1} = A M_k + c_{n−k} I. Exact in exact arithmetic; well-conditioned enough for the
 * small (n ≤ 6) matrices it is used on here.
 */
export function characteristicPolynomial(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  const c = new Array<number>(n + 1).fill(0);
  c[n] = 1;
  let M: number[][] = matrix.map((_, i) => matrix.map((__, j) => (i === j ? 1 : 0)));
  for (let k = 1; k <= n; k++) {
    const AM = matrix.map((row) => M[0]!.map((_, j) => row.reduce((s, aij, l) => s + aij * M[l]![j]!, 0)));
    let trace = 0;
    for (let i = 0; i < n; i++) trace += AM[i]![i]!;
    c[n - k] = -trace / k;
    M = AM.map((row, i) => row.map((v, j) => (i === j ? v + c[n - k]! : v)));
  }
  return c;
}

function cmul(a: Complex, b: Complex): Complex {
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

function cdiv(a: Complex, b: Complex): Complex {
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}

/** Evaluates Σ c_i z^i by Horner's rule. */
function polyAt(c: readonly number[], z: Complex): Complex {
  let acc: Complex = { re: c[c.length - 1]!, im: 0 };
  for (let i = c.length - 2; i >= 0; i--) {
    acc = cmul(acc, z);
    acc.re += c[i]!;
  }
  return acc;
}

/**
 * All complex roots of the monic polynomial Σ c_i z^i (c_n = 1) by the Durand–Kerner
 * (Weierstrass) simultaneous iteration, started on a circle of the Cauchy bound radius.
 * Simple roots converge to machine precision; a root of multiplicity m only to about
 * ε^(1/m) (≈ 1e-8 for a double root), ample for a loop-gain estimate.
 */
export function polynomialRoots(c: readonly number[]): Complex[] {
  const n = c.length - 1;
  if (n < 1) return [];
  const radius = 1 + Math.max(...c.slice(0, n).map(Math.abs));
  let z: Complex[] = [];
  for (let k = 0; k < n; k++) {
    const angle = (2 * Math.PI * k) / n + 0.4;
    z.push({ re: radius * Math.cos(angle), im: radius * Math.sin(angle) });
  }
  for (let iter = 0; iter < 1000; iter++) {
    let change = 0;
    const next = z.map((zi, i) => {
      let denom: Complex = { re: 1, im: 0 };
      z.forEach((zj, j) => {
        if (j !== i) denom = cmul(denom, { re: zi.re - zj.re, im: zi.im - zj.im });
      });
      const step = cdiv(polyAt(c, zi), denom);
      change = Math.max(change, Math.hypot(step.re, step.im) / Math.max(1, Math.hypot(zi.re, zi.im)));
      return { re: zi.re - step.re, im: zi.im - step.im };
    });
    z = next;
    if (!next.every((r) => Number.isFinite(r.re) && Number.isFinite(r.im))) break;
    if (change < 1e-15) break;
  }
  return z;
}

/**
 * Eigenvalues of a small real square matrix (roots of its characteristic polynomial).
 * Intended for n ≤ 6; sorted by decreasing modulus.
 */
export function eigenvalues(matrix: readonly (readonly number[])[]): Complex[] {
  return polynomialRoots(characteristicPolynomial(matrix)).sort((p, q) => Math.hypot(q.re, q.im) - Math.hypot(p.re, p.im));
}

/** Spectral radius max |λ_i| of a small real square matrix; NaN if any entry is not finite. */
export function spectralRadius(matrix: readonly (readonly number[])[]): number {
  if (!matrix.every((row) => row.every(Number.isFinite))) return Number.NaN;
  if (matrix.length === 0) return 0;
  return Math.max(...eigenvalues(matrix).map((l) => Math.hypot(l.re, l.im)));
}

/**
 * Two-sample Kolmogorov–Smirnov test: the largest gap D between two empirical CDFs, and
 * its p-value: exact for small samples (n·m ≤ 10 000, as SciPy's `ks_2samp` with
 * `method='exact'`), asymptotic above.
 *
 * Exact: under the null every interleaving of the two sorted samples is equally likely,
 * i.e. every monotone lattice path from (0, 0) to (n, m); D ≥ d exactly when the path
 * touches a point with |i·m − j·n| ≥ d·n·m. The p-value sums, over the first such point
 * each path touches, (paths reaching it without touching before) × (paths from it to the
 * end) / C(n + m, n), in logs, so small p-values keep their digits (no 1 − P cancellation).
 *
 * Asymptotic:
 * The p-value follows Numerical Recipes (Press et al., 2nd ed. §14.3 `kstwo`; 3rd ed.
 * §14.3.3), as older SciPy `ks_2samp` releases did (current SciPy's `method='asymp'` uses
 * a different approximation, so its p-values differ slightly from these):
 *
 *   nₑ = n·m / (n + m),   λ = (√nₑ + 0.12 + 0.11/√nₑ) · D,   p = Q_KS(λ)
 *
 * (Stephens 1970's small-sample correction). Below n·m ≈ 10 000 it is anti-conservative
 * (at n = m = 8 it rejects 8.6 % of null samples at nominal 5 %), hence the exact path.
 */
import { kolmogorovSurvival } from './special.ts';

/** Largest n·m for which the p-value is computed exactly (SciPy's `method='auto'` uses 10 000 too). */
export const KS_EXACT_MAX_CELLS = 10_000;

export interface KsResult {
  /** D = sup_x |F_a(x) − F_b(x)|, in [0, 1]; NaN when a sample has no finite values. */
  statistic: number;
  /** P(D ≥ observed) under "same distribution" (exact when n·m ≤ 10 000, else asymptotic); 1 when D is NaN. */
  pValue: number;
  /** Finite values used from each sample. */
  n1: number;
  n2: number;
  /** Why the statistic is NaN, when it is. */
  reason?: string;
}

/**
 * The two-sample KS statistic D over the finite values of both samples (ties handled by
 * stepping both empirical CDFs past a shared value before comparing them).
 */
export function ksStatistic(a: readonly number[], b: readonly number[]): number {
  const x = a.filter((v) => Number.isFinite(v)).sort((p, q) => p - q);
  const y = b.filter((v) => Number.isFinite(v)).sort((p, q) => p - q);
  return ksStatisticSorted(x, y);
}

/** {@link ksStatistic} for samples already sorted ascending and free of non-finite values (O(n + m)). */
export function ksStatisticSorted(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0) return Number.NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < n && x[i]! === v) i++;
    while (j < m && y[j]! === v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return d;
}

/**
 * Two-sample Kolmogorov–Smirnov test with the p-value described above.
 * Non-finite values are ignored. Never throws: an empty sample gives a NaN statistic,
 * p-value 1 and a reason.
 */
export function ksTwoSample(a: readonly number[], b: readonly number[]): KsResult {
  const x = a.filter((v) => Number.isFinite(v)).sort((p, q) => p - q);
  const y = b.filter((v) => Number.isFinite(v)).sort((p, q) => p - q);
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) {
    return { statistic: Number.NaN, pValue: 1, n1, n2, reason: 'a sample has no finite values' };
  }
  const statistic = ksStatisticSorted(x, y);
  const pValue = n1 * n2 <= KS_EXACT_MAX_CELLS ? ksExactPValue(statistic, n1, n2) : ksPValue(statistic, n1, n2);
  return { statistic, pValue, n1, n2 };
}

/** log k! for k = 0..n (one pass per p-value, so the inner loop does no special functions). */
function logFactorials(n: number): Float64Array {
  const out = new Float64Array(n + 1);
  for (let k = 2; k <= n; k++) out[k] = out[k - 1]! + Math.log(k);
  return out;
}

/**
 * Exact P(D ≥ d) for sample sizes n and m with no ties (see the module comment). O(n·m)
 * time and O(m) memory. d is rounded to the lattice (a multiple of 1/(n·m)).
 */
export function ksExactPValue(d: number, n1: number, n2: number): number {
  if (Number.isNaN(d) || !(n1 > 0) || !(n2 > 0)) return 1;
  // The same count either way round; one order makes the sum (and its last bits) symmetric.
  const n = Math.max(n1, n2);
  const m = Math.min(n1, n2);
  const c = Math.round(d * n * m);
  if (c <= 0) return 1;
  const lf = logFactorials(n + m);
  const logChoose = (a: number, b: number) => lf[a]! - lf[b]! - lf[a - b]!;
  const logTotal = logChoose(n + m, n);
  const outside = (i: number, j: number) => Math.abs(i * m - j * n) >= c;
  // inside[j]: paths from (0, 0) to (i, j) that never touched an outside point (row i).
  let inside = new Float64Array(m + 1);
  let p = 0;
  for (let i = 0; i <= n; i++) {
    const next = new Float64Array(m + 1);
    for (let j = 0; j <= m; j++) {
      const reach = i === 0 && j === 0 ? 1 : (i > 0 ? inside[j]! : 0) + (j > 0 ? next[j - 1]! : 0);
      if (reach === 0) continue;
      if (outside(i, j)) p += Math.exp(Math.log(reach) + logChoose(n - i + m - j, n - i) - logTotal);
      else next[j] = reach;
    }
    inside = next;
  }
  return Math.min(1, p);
}

/** Asymptotic p-value of a two-sample KS statistic `d` for sample sizes n1, n2 (Numerical Recipes `kstwo`). */
export function ksPValue(d: number, n1: number, n2: number): number {
  if (Number.isNaN(d) || !(n1 > 0) || !(n2 > 0)) return 1;
  const en = Math.sqrt((n1 * n2) / (n1 + n2));
  return kolmogorovSurvival((en + 0.12 + 0.11 / en) * d);
}

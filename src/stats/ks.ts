/**
 * Two-sample Kolmogorov–Smirnov test: the largest gap D between two empirical CDFs, and
 * its asymptotic p-value.
 *
 * The p-value follows Numerical Recipes (Press et al., 2nd ed. §14.3 `kstwo`; 3rd ed.
 * §14.3.3), as older SciPy `ks_2samp` releases did (current SciPy's `method='asymp'` uses
 * a different approximation, so its p-values differ slightly from these):
 *
 *   nₑ = n·m / (n + m),   λ = (√nₑ + 0.12 + 0.11/√nₑ) · D,   p = Q_KS(λ)
 *
 * (Stephens 1970's small-sample correction). Good for nₑ ≳ 4; conservative below.
 */
import { kolmogorovSurvival } from './special.ts';

export interface KsResult {
  /** D = sup_x |F_a(x) − F_b(x)|, in [0, 1]; NaN when a sample has no finite values. */
  statistic: number;
  /** Asymptotic P(D ≥ observed) under "same distribution"; 1 when D is NaN. */
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
 * Two-sample Kolmogorov–Smirnov test with the asymptotic p-value described above.
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
  return { statistic, pValue: ksPValue(statistic, n1, n2), n1, n2 };
}

/** Asymptotic p-value of a two-sample KS statistic `d` for sample sizes n1, n2 (Numerical Recipes `kstwo`). */
export function ksPValue(d: number, n1: number, n2: number): number {
  if (Number.isNaN(d) || !(n1 > 0) || !(n2 > 0)) return 1;
  const en = Math.sqrt((n1 * n2) / (n1 + n2));
  return kolmogorovSurvival((en + 0.12 + 0.11 / en) * d);
}

/**
 * Loop gain from a first-order vector autoregression, VAR(1) (Lütkepohl, *New Introduction
 * to Multiple Time Series Analysis*, 2005, §2.1 and §3.2):
 *
 *   z_t = c + A z_{t−1} + e_t,   z_t = (series₁_t, …, series_k_t)
 *
 * fitted equation by equation by OLS (which is the multivariate least-squares estimator).
 * The spectral radius ρ(A) = max |λ_i(A)| is the loop gain: a shock's effect after h steps
 * scales like ρ^h, so ρ < 1 is a stable loop, ρ near 1 a persistent one, and ρ > 1 an
 * explosive one (e.g. orders_A → price change → orders_B → …).
 */
import { eigenvalues, leastSquares, type Complex } from './linalg.ts';

export interface Var1Result {
  /** A, k×k: coefficients[i][j] is the effect of series j at t−1 on series i at t. NaN entries on failure. */
  coefficients: number[][];
  /** c, the k intercepts. */
  intercepts: number[];
  /** Eigenvalues of A, by decreasing modulus. */
  eigenvalues: Complex[];
  /** ρ(A) = max |λ_i|: the estimated loop gain; NaN on failure. */
  spectralRadius: number;
  /** Observations used per equation (T − 1). */
  n: number;
  /** Why the fit failed, when it did. */
  reason?: string;
}

/**
 * Fits a VAR(1) with intercept to k aligned series (each `series[i]` a time series of the
 * same length T) and returns A and its spectral radius. Needs T − 1 > k + 1. Never throws:
 * unequal lengths, non-finite values or a singular design (a constant or collinear series)
 * give NaN coefficients and radius with a reason. Eigenvalues come from
 * {@link eigenvalues}, intended for k ≤ 6.
 */
export function fitVar1(series: readonly (readonly number[])[]): Var1Result {
  const k = series.length;
  const T = series[0]?.length ?? 0;
  const n = Math.max(0, T - 1);
  const fail = (reason: string): Var1Result => ({
    coefficients: Array.from({ length: k }, () => new Array<number>(k).fill(Number.NaN)),
    intercepts: new Array<number>(k).fill(Number.NaN),
    eigenvalues: [],
    spectralRadius: Number.NaN,
    n,
    reason,
  });
  if (k === 0) return fail('no series');
  if (series.some((s) => s.length !== T)) return fail('series have different lengths');
  if (n <= k + 1) return fail(`${T} values are too few for a VAR(1) on ${k} series (need at least ${k + 3})`);
  const rows: number[][] = [];
  for (let t = 1; t < T; t++) rows.push([1, ...series.map((s) => s[t - 1]!)]);
  const coefficients: number[][] = [];
  const intercepts: number[] = [];
  for (let i = 0; i < k; i++) {
    const fit = leastSquares(rows, series[i]!.slice(1));
    if (!fit.ok) return fail(`equation ${i}: ${fit.reason}`);
    intercepts.push(fit.coefficients[0]!);
    coefficients.push(fit.coefficients.slice(1));
  }
  const lambdas = eigenvalues(coefficients);
  const spectralRadius = Math.max(...lambdas.map((l) => Math.hypot(l.re, l.im)));
  return { coefficients, intercepts, eigenvalues: lambdas, spectralRadius, n };
}

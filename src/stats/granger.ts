/**
 * Granger causality F-test, "x Granger-causes y" (Granger 1969): do past values of x
 * improve a least-squares prediction of y beyond y's own past?
 *
 *   restricted:    y_t = c + Σ_{i=1..p} a_i y_{t−i} + e_t
 *   unrestricted:  y_t = c + Σ_{i=1..p} a_i y_{t−i} + Σ_{i=1..p} b_i x_{t−i} + e_t
 *
 *   F = ((RSS_r − RSS_u) / p) / (RSS_u / (n − 2p − 1)),   F ~ F(p, n − 2p − 1) under H₀: b = 0
 *
 * over the n = T − p observations with a full set of lags — the sum-of-squared-residuals
 * F-test of statsmodels' `grangercausalitytests` ("ssr based F test").
 */
import { leastSquares } from './linalg.ts';
import { fSurvival } from './special.ts';

export interface GrangerResult {
  /** The F statistic; NaN when the test is undefined (see `reason`). */
  statistic: number;
  /** P(F(df1, df2) > statistic); 1 when the statistic is NaN. */
  pValue: number;
  /** Numerator degrees of freedom (p). */
  df1: number;
  /** Denominator degrees of freedom (n − 2p − 1). */
  df2: number;
  /** Observations used (T − p). */
  n: number;
  rssRestricted: number;
  rssUnrestricted: number;
  /** Why the statistic is NaN, when it is. */
  reason?: string;
}

/** Design rows for the regressions: [1, y_{t−1} … y_{t−p}] (+ [x_{t−1} … x_{t−p}] when `withX`). */
function laggedRows(x: readonly number[], y: readonly number[], p: number, withX: boolean): number[][] {
  const rows: number[][] = [];
  for (let t = p; t < y.length; t++) {
    const row = [1];
    for (let i = 1; i <= p; i++) row.push(y[t - i]!);
    if (withX) for (let i = 1; i <= p; i++) row.push(x[t - i]!);
    rows.push(row);
  }
  return rows;
}

/**
 * Granger causality F-test that `x` Granger-causes `y` with `lags` lags; x and y are aligned
 * by index and must have the same length. Never throws: too few observations, non-finite
 * values or a singular design (e.g. a constant series) give a NaN statistic, p-value 1 and
 * a reason.
 * @param lags p, the number of lags of each series. @default 1
 */
export function grangerCausality(x: readonly number[], y: readonly number[], lags = 1): GrangerResult {
  const p = Math.floor(lags);
  const n = y.length - p;
  const df1 = p;
  const df2 = n - 2 * p - 1;
  const base = { df1, df2, n, rssRestricted: Number.NaN, rssUnrestricted: Number.NaN };
  const undefinedTest = (reason: string, extra: Partial<GrangerResult> = {}): GrangerResult => ({
    ...base,
    ...extra,
    statistic: Number.NaN,
    pValue: 1,
    reason,
  });
  if (!(p >= 1)) return undefinedTest(`lags must be at least 1 (got ${lags})`);
  if (x.length !== y.length) return undefinedTest(`x has ${x.length} values but y has ${y.length}`);
  if (!(df2 >= 1)) return undefinedTest(`${y.length} values are too few for ${p} lags (need at least ${3 * p + 2})`);
  const target = y.slice(p);
  const restricted = leastSquares(laggedRows(x, y, p, false), target);
  if (!restricted.ok) return undefinedTest(`restricted regression: ${restricted.reason}`);
  const unrestricted = leastSquares(laggedRows(x, y, p, true), target);
  const rss = { rssRestricted: restricted.rss, rssUnrestricted: unrestricted.rss };
  if (!unrestricted.ok) return undefinedTest(`unrestricted regression: ${unrestricted.reason}`, rss);
  if (restricted.rss === 0) return undefinedTest('y is fitted exactly by its own past', rss);
  // RSS_u ≤ RSS_r in exact arithmetic; clamp rounding so F is never negative.
  const gain = Math.max(0, restricted.rss - unrestricted.rss);
  const statistic = unrestricted.rss === 0 ? Number.POSITIVE_INFINITY : gain / df1 / (unrestricted.rss / df2);
  return { ...base, ...rss, statistic, pValue: fSurvival(statistic, df1, df2) };
}

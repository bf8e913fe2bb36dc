/**
 * Correlation statistics for loop and herding monitors: Pearson's r, lagged
 * cross-correlation (does x lead y?), and the mean pairwise correlation of several series
 * (herding: do the models hold the same positions at the same times?).
 *
 * Inputs are plain arrays (a monitor's rolling window read oldest first). Pairs in which
 * either value is not finite are dropped. A statistic that is undefined — fewer than two
 * pairs, or a series with zero variance — is NaN, never an exception.
 */

/** Ranks 1..n of the values, ties sharing their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) out[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation: Pearson's r of the ranks (finite pairs only). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const keep = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]) && Number.isFinite(y[i]));
  return pearson(ranks(keep.map((i) => x[i]!)), ranks(keep.map((i) => y[i]!)));
}

/**
 * Pearson's product-moment correlation of paired values, computed with two passes
 * (means first, then centred sums) for accuracy. NaN when fewer than two finite pairs
 * remain or either series is constant.
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    count += 1;
    sx += a;
    sy += b;
  }
  if (count < 2) return Number.NaN;
  const mx = sx / count;
  const my = sy / count;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = y[i]!;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    sxx += (a - mx) * (a - mx);
    syy += (b - my) * (b - my);
    sxy += (a - mx) * (b - my);
  }
  if (sxx === 0 || syy === 0) return Number.NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Lagged cross-correlation: element k (k = 0 … maxLag) is corr(x_t, y_{t+k}) over the
 * overlapping pairs (x_0, y_k) … (x_{n−1−k}, y_{n−1}), each lag with its own means and
 * variances (Pearson on the overlap). A peak at k > 0 means x leads y by k steps: a model's
 * orders today line up with a signal's change k ticks later.
 *
 * This differs from the biased estimator of R's `ccf` / statsmodels' `ccf`, which divides
 * every lag by the full-sample variances and n, and so shrinks long lags toward zero.
 * NaN where the overlap is too short or constant.
 */
export function crossCorrelation(x: readonly number[], y: readonly number[], maxLag: number): number[] {
  const n = Math.min(x.length, y.length);
  const out: number[] = [];
  for (let k = 0; k <= maxLag; k++) {
    if (k >= n) {
      out.push(Number.NaN);
      continue;
    }
    out.push(pearson(x.slice(0, n - k), y.slice(k, n)));
  }
  return out;
}

export interface LagPeak {
  /** Lag k at which |corr(x_t, y_{t+k})| is largest. */
  lag: number;
  /** The correlation at that lag (signed). */
  correlation: number;
}

/**
 * The lag in 1 … maxLag (or 0 … maxLag with `includeZero`) with the largest absolute
 * cross-correlation, ignoring NaN lags; lag −1 and correlation NaN when all are NaN.
 * @param includeZero @default false
 */
export function peakCrossCorrelation(
  x: readonly number[],
  y: readonly number[],
  maxLag: number,
  includeZero = false,
): LagPeak {
  const ccf = crossCorrelation(x, y, maxLag);
  let best: LagPeak = { lag: -1, correlation: Number.NaN };
  for (let k = includeZero ? 0 : 1; k < ccf.length; k++) {
    const r = ccf[k]!;
    if (Number.isNaN(r)) continue;
    if (Number.isNaN(best.correlation) || Math.abs(r) > Math.abs(best.correlation)) best = { lag: k, correlation: r };
  }
  return best;
}

export interface PairwiseCorrelation {
  /** Mean of the defined pairwise correlations; NaN when none is defined. */
  mean: number;
  /** Every pair i < j with its correlation (NaN when undefined, e.g. a flat position). */
  pairs: { i: number; j: number; correlation: number }[];
}

/**
 * Herding: the mean pairwise Pearson correlation of several series over the same window
 * (e.g. each model's position). Near 1, the models move together; pairs involving a
 * constant series (a halted model) are reported as NaN and left out of the mean.
 */
export function meanPairwiseCorrelation(series: readonly (readonly number[])[]): PairwiseCorrelation {
  const pairs: PairwiseCorrelation['pairs'] = [];
  let sum = 0;
  let defined = 0;
  for (let i = 0; i < series.length; i++) {
    for (let j = i + 1; j < series.length; j++) {
      const correlation = pearson(series[i]!, series[j]!);
      pairs.push({ i, j, correlation });
      if (!Number.isNaN(correlation)) {
        sum += correlation;
        defined += 1;
      }
    }
  }
  return { mean: defined === 0 ? Number.NaN : sum / defined, pairs };
}

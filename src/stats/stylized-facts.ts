/**
 * The stylized facts of asset returns (Cont 2001, "Empirical properties of asset returns:
 * stylized facts and statistical issues", Quantitative Finance 1): heavy tails, no linear
 * autocorrelation, slowly decaying autocorrelation of |r| (volatility clustering),
 * aggregational Gaussianity and the leverage effect. `tulip facts` uses them to say how
 * much a scenario's market looks like a real one.
 *
 * Every function takes a Float64Array of returns (log returns, so that they add over
 * time) and is pure. A statistic that is undefined — a series too short for it, or one
 * with zero variance — is NaN, never an exception. The definitions follow scipy and
 * numpy so that test/fixtures/stylized-facts.json (written by
 * scripts/reference/stylized_facts.py) can check them to 1e-10.
 */
import { pearson } from './correlation.ts';

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

/**
 * Every value the same. Checked exactly, before any moment: the mean of a constant series
 * can be an ulp off its value, which would leave a variance of ~1e-36 and a finite,
 * meaningless statistic (scipy guards the same case with a tolerance).
 */
function isConstant(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}

/**
 * Fisher excess kurtosis with biased (population) moments, m4 / m2² − 3 where
 * mk = (1/n) Σ (x_t − mean)^k: `scipy.stats.kurtosis(x)` with its defaults
 * (fisher=True, bias=True). 0 for a Gaussian; real daily returns lie around 5 to 50.
 * NaN for fewer than 2 values or zero variance (a constant series).
 */
export function excessKurtosis(x: Float64Array): number {
  if (x.length < 2 || isConstant(x)) return Number.NaN;
  const m = mean(x);
  let m2 = 0;
  let m4 = 0;
  for (const v of x) {
    const d2 = (v - m) * (v - m);
    m2 += d2;
    m4 += d2 * d2;
  }
  m2 /= x.length;
  m4 /= x.length;
  if (m2 === 0) return Number.NaN;
  return m4 / (m2 * m2) - 3;
}

/**
 * The sample autocorrelation at `lag` as statsmodels' `acf` defines it:
 *
 *     Σ_{t=0}^{n−1−lag} (x_t − m)(x_{t+lag} − m)  /  Σ_{t=0}^{n−1} (x_t − m)²
 *
 * with m the mean of all n values (one mean and one denominator for every lag, which
 * shrinks the estimate toward 0 at long lags and keeps the ACF positive semi-definite).
 * 1 at lag 0. NaN when lag is not a whole number ≥ 0, when lag ≥ n (no pair), or for a
 * constant series.
 */
export function autocorrelation(x: Float64Array, lag: number): number {
  const n = x.length;
  if (!Number.isInteger(lag) || lag < 0 || lag >= n || isConstant(x)) return Number.NaN;
  const m = mean(x);
  let den = 0;
  for (const v of x) den += (v - m) * (v - m);
  if (den === 0) return Number.NaN;
  let num = 0;
  for (let t = 0; t + lag < n; t++) num += (x[t]! - m) * (x[t + lag]! - m);
  return num / den;
}

/** The default number of order statistics of the Hill estimator: the top 5 % of n values. */
export function hillDefaultK(n: number): number {
  return Math.floor(0.05 * n);
}

/**
 * The Hill estimator of the tail index α of |r| (Hill 1975). With the values sorted
 * descending, x_(1) ≥ x_(2) ≥ …,
 *
 *     α = 1 / ( (1/k) Σ_{i=1}^{k} ln(x_(i) / x_(k+1)) )
 *
 * Real returns have α about 3 (2 to 5); a Gaussian's tails are thinner than any power
 * law, so its estimate grows with n and with smaller k.
 *
 * The absolute value of each entry is taken (returns may be passed as they are). Entries
 * that are zero or not finite are dropped before anything else: a zero has no logarithm
 * and says nothing about the tail (it is a tick on which the price did not move), and n
 * below means the count of the remaining, positive values. `k` defaults to
 * floor(0.05 n). NaN when k is not a whole number with 1 ≤ k ≤ n − 1 (x_(k+1) must
 * exist), and when the top k + 1 values are all equal (the mean log spacing is 0).
 */
export function hillTailIndex(absX: Float64Array, k?: number): number {
  const values = Array.from(absX, Math.abs).filter((v) => v > 0 && Number.isFinite(v));
  const n = values.length;
  const kk = k ?? hillDefaultK(n);
  if (!Number.isInteger(kk) || kk < 1 || kk > n - 1) return Number.NaN;
  values.sort((a, b) => b - a);
  const threshold = values[kk]!;
  let sum = 0;
  for (let i = 0; i < kk; i++) sum += Math.log(values[i]! / threshold);
  if (sum === 0) return Number.NaN;
  return kk / sum;
}

/**
 * Non-overlapping sums of m consecutive returns, [x_0+…+x_{m−1}, x_m+…+x_{2m−1}, …]: the
 * m-tick log returns (log returns add). The incomplete block at the end, if any, is
 * dropped, so there are floor(n / m) sums. m must be a whole number ≥ 1 (a RangeError
 * otherwise: a caller's mistake, not a property of the data).
 */
export function aggregate(x: Float64Array, m: number): Float64Array {
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`aggregate: m must be a whole number ≥ 1, got ${m}`);
  const out = new Float64Array(Math.floor(x.length / m));
  for (let b = 0; b < out.length; b++) {
    let s = 0;
    for (let i = b * m; i < (b + 1) * m; i++) s += x[i]!;
    out[b] = s;
  }
  return out;
}

/**
 * Cont's leverage effect: Pearson's correlation of r_t with r_{t+lag}², over the n − lag
 * pairs (t = 0 … n−1−lag). Negative in real equity markets: a fall raises the volatility
 * that follows it more than a rise of the same size. Pairs with a non-finite value are
 * dropped (as pearson does). NaN when lag is not a whole number ≥ 1, with fewer than 2
 * pairs, or when either side has zero variance.
 */
export function leverageCorrelation(x: Float64Array, lag = 1): number {
  if (!Number.isInteger(lag) || lag < 1 || lag >= x.length) return Number.NaN;
  const now: number[] = [];
  const laterSquared: number[] = [];
  for (let t = 0; t + lag < x.length; t++) {
    now.push(x[t]!);
    laterSquared.push(x[t + lag]! * x[t + lag]!);
  }
  if (isConstant(now) || isConstant(laterSquared)) return Number.NaN;
  return pearson(now, laterSquared);
}

/** The lags of the |r| autocorrelation `stylizedFacts` reports: one tick, short and long memory. */
export const ACF_ABS_LAGS = [1, 10, 50] as const;
/** Ticks per block of the aggregated returns whose kurtosis `stylizedFacts` reports. */
export const AGGREGATION_TICKS = 50;

export interface StylizedFacts {
  /** Number of returns. */
  n: number;
  /** Excess kurtosis of the 1-tick returns (heavy tails: > 0). */
  excessKurtosis: number;
  /** Hill tail index of |r|, top 5 % (heavy tails: about 3). */
  hillIndex: number;
  /** ACF of |r| at lags 1, 10 and 50 (volatility clustering: positive, decaying slowly). */
  acfAbs: { 1: number; 10: number; 50: number };
  /** ACF of r at lag 1 (no linear predictability: ≈ 0). */
  acfLag1: number;
  /** Excess kurtosis of the 50-tick aggregated returns (aggregational Gaussianity: toward 0). */
  kurtosis50: number;
  /** corr(r_t, r_{t+1}²) (leverage effect: negative). */
  leverage: number;
}

/**
 * All the facts of one return series. Each is NaN where its statistic is undefined (see
 * the functions above): e.g. kurtosis50 needs at least 2 blocks of 50 returns, acfAbs[50]
 * more than 50 returns, and a constant series has none but n.
 */
export function stylizedFacts(returns: Float64Array): StylizedFacts {
  const abs = returns.map(Math.abs);
  return {
    n: returns.length,
    excessKurtosis: excessKurtosis(returns),
    hillIndex: hillTailIndex(abs),
    acfAbs: { 1: autocorrelation(abs, 1), 10: autocorrelation(abs, 10), 50: autocorrelation(abs, 50) },
    acfLag1: autocorrelation(returns, 1),
    kurtosis50: excessKurtosis(aggregate(returns, AGGREGATION_TICKS)),
    leverage: leverageCorrelation(returns, 1),
  };
}

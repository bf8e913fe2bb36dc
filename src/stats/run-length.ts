/**
 * Run length to a false alarm (ARL0) from monitored null runs, with right-censoring.
 *
 * Each run of T ticks gives its run length to the first alarm, L = t + 1, or, without an
 * alarm, a censored length T. Treating run lengths as geometric (memoryless: a detector
 * that restarts after each alarm), the maximum-likelihood ARL0 is Σ L / d over all runs,
 * d the number of runs that alarmed; its confidence interval is the exponential-mean
 * interval for time-censored data (Cox 1953; e.g. Meeker & Escobar, Statistical Methods
 * for Reliability Data, §7.6):
 *
 *   [ 2·Σ L / χ²_{1−α/2}(2d + 2),  2·Σ L / χ²_{α/2}(2d) ]   (upper bound ∞ when d = 0).
 */
import { chiSquareSurvival } from './special.ts';

export interface Arl0Estimate {
  /** Σ L / d; Infinity when no run alarmed. */
  arl0: number;
  /** Runs that alarmed (d). */
  alarmed: number;
  /** Runs without an alarm (censored at their length). */
  censored: number;
  /** Σ L over all runs (ticks of exposure). */
  exposure: number;
  /** Confidence interval for ARL0 at `level`. */
  lower: number;
  upper: number;
  level: number;
}

/** The χ² quantile: x with P(χ²_k ≤ x) = p, by bisection on the survival function (p in (0, 1)). */
export function chiSquareQuantile(p: number, k: number): number {
  if (!(p > 0 && p < 1) || !(k > 0)) return Number.NaN;
  let lo = 0;
  let hi = Math.max(1, k);
  while (1 - chiSquareSurvival(hi, k) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (1 - chiSquareSurvival(mid, k) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Censored ARL0 and its interval from each run's first-alarm tick (null: none) and length. */
export function estimateArl0(firstAlarms: readonly (number | null)[], lengths: readonly number[], level = 0.95): Arl0Estimate {
  let exposure = 0;
  let alarmed = 0;
  firstAlarms.forEach((t, i) => {
    if (t === null) exposure += lengths[i]!;
    else {
      exposure += t + 1;
      alarmed++;
    }
  });
  const alpha = 1 - level;
  const lower = (2 * exposure) / chiSquareQuantile(1 - alpha / 2, 2 * alarmed + 2);
  const upper = alarmed === 0 ? Infinity : (2 * exposure) / chiSquareQuantile(alpha / 2, 2 * alarmed);
  return { arl0: alarmed === 0 ? Infinity : exposure / alarmed, alarmed, censored: firstAlarms.length - alarmed, exposure, lower, upper, level };
}

export interface AlarmRule {
  /** `above`: statistic > threshold is past it; `below`: statistic < threshold. */
  direction: 'above' | 'below';
  /** Ticks in a row past the threshold. */
  debounce: number;
  /** No alarm before this tick. */
  warmup: number;
}

/**
 * The first alarm tick of a recorded statistic at a threshold, with the runner's rule
 * (streaks counted from tick 0; NaN is never past a threshold); null when none.
 */
export function firstAlarm(statistic: ArrayLike<number>, threshold: number, rule: AlarmRule): number | null {
  let streak = 0;
  for (let t = 0; t < statistic.length; t++) {
    const x = statistic[t]!;
    const beyond = Number.isFinite(x) && (rule.direction === 'below' ? x < threshold : x > threshold);
    streak = beyond ? streak + 1 : 0;
    if (beyond && t >= rule.warmup && streak >= rule.debounce) return t;
  }
  return null;
}

/**
 * Two-sided tabular CUSUM for a shift in a process mean (Page 1954; D. C. Montgomery,
 * *Introduction to Statistical Quality Control*, 6th ed. §9.1.2):
 *
 *   C⁺ₜ = max(0, xₜ − (μ₀ + K) + C⁺ₜ₋₁)      C⁻ₜ = max(0, (μ₀ − K) − xₜ + C⁻ₜ₋₁)
 *
 * with C⁺₀ = C⁻₀ = 0, allowance K = k·σ and decision interval H = h·σ. An alarm is raised
 * when C⁺ or C⁻ exceeds H. Montgomery's recommended design k = 0.5, h = 5 has an in-control
 * average run length of about 465 and detects a one-sigma shift in about 10.4 values (his
 * Table 9.3). After an alarm the
 * sums restart from zero on the next update (`resetOnAlarm`), as Montgomery advises once
 * the assignable cause is dealt with.
 */

export interface CusumOptions {
  /** μ₀: the in-control (target) mean. @default 0 */
  target?: number;
  /** σ: the in-control standard deviation; K and H are in its units. @default 1 */
  sigma?: number;
  /** k: allowance (reference value) in sigmas, usually half the shift to detect. @default 0.5 */
  k?: number;
  /** h: decision interval in sigmas. @default 5 */
  h?: number;
  /** Restart both sums from zero on the update after an alarm. @default true */
  resetOnAlarm?: boolean;
}

export interface CusumResult {
  /** C⁺ₜ: cumulative evidence of an upward shift. */
  upper: number;
  /** C⁻ₜ: cumulative evidence of a downward shift. */
  lower: number;
  /** max(C⁺, C⁻), to compare with `decisionInterval` (H = h·σ). */
  statistic: number;
  /** Whether C⁺ or C⁻ exceeds H on this update. */
  alarm: boolean;
  /** Which side alarmed ('up' wins a tie), or null. */
  direction: 'up' | 'down' | null;
  /**
   * Montgomery's estimate of the shifted mean on an alarm: μ₀ + K + C⁺/N⁺ (or μ₀ − K − C⁻/N⁻),
   * N the number of consecutive nonzero sums; NaN when there is no alarm.
   */
  shiftedMean: number;
}

/** Plain-data state of a {@link Cusum} (JSON-safe). */
export interface CusumState {
  upper: number;
  lower: number;
  /** N⁺, N⁻: consecutive updates with a nonzero sum (the run since the estimated change). */
  upperRun: number;
  lowerRun: number;
  count: number;
  alarm: boolean;
}

function freshState(): CusumState {
  return { upper: 0, lower: 0, upperRun: 0, lowerRun: 0, count: 0, alarm: false };
}

/** Streaming two-sided tabular CUSUM; see the module comment. */
export class Cusum {
  readonly target: number;
  readonly sigma: number;
  /** K = k·σ, in the stream's units. */
  readonly allowance: number;
  /** H = h·σ, in the stream's units. */
  readonly decisionInterval: number;
  readonly resetOnAlarm: boolean;
  private s: CusumState = freshState();

  constructor(options: CusumOptions = {}) {
    this.target = options.target ?? 0;
    this.sigma = options.sigma ?? 1;
    this.allowance = (options.k ?? 0.5) * this.sigma;
    this.decisionInterval = (options.h ?? 5) * this.sigma;
    this.resetOnAlarm = options.resetOnAlarm ?? true;
  }

  /** Feeds one value. A non-finite value is ignored (the state is unchanged, no alarm). */
  update(x: number): CusumResult {
    if (!Number.isFinite(x)) return this.result(false);
    if (this.s.alarm && this.resetOnAlarm) this.s = { ...freshState(), count: this.s.count };
    const s = this.s;
    s.count += 1;
    s.upper = Math.max(0, x - (this.target + this.allowance) + s.upper);
    s.lower = Math.max(0, this.target - this.allowance - x + s.lower);
    s.upperRun = s.upper > 0 ? s.upperRun + 1 : 0;
    s.lowerRun = s.lower > 0 ? s.lowerRun + 1 : 0;
    s.alarm = s.upper > this.decisionInterval || s.lower > this.decisionInterval;
    return this.result(s.alarm);
  }

  private result(alarm: boolean): CusumResult {
    const s = this.s;
    const up = s.upper > this.decisionInterval;
    const direction = !alarm ? null : up ? 'up' : 'down';
    let shiftedMean = Number.NaN;
    if (direction === 'up') shiftedMean = this.target + this.allowance + s.upper / s.upperRun;
    if (direction === 'down') shiftedMean = this.target - this.allowance - s.lower / s.lowerRun;
    return { upper: s.upper, lower: s.lower, statistic: Math.max(s.upper, s.lower), alarm, direction, shiftedMean };
  }

  /** Values seen since construction or {@link reset}. */
  get count(): number {
    return this.s.count;
  }

  /** Sets both sums to zero and forgets the count. */
  reset(): void {
    this.s = freshState();
  }

  /** A JSON-safe copy of the state. */
  state(): CusumState {
    return { ...this.s };
  }

  /** Restores a state taken by {@link state} (from this or an identically configured detector). */
  restore(state: CusumState): void {
    this.s = { ...state };
  }
}

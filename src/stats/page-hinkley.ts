/**
 * Page–Hinkley test (Page 1954; Hinkley 1971) for a shift in the mean of a stream, as
 * implemented by River's `drift.PageHinkley` (v0.21+), whose defaults these are.
 *
 * With x̄ₜ the running mean of everything seen since the last reset:
 *
 *   Uₜ = α·Uₜ₋₁ + (xₜ − x̄ₜ − δ)     increase statistic: Uₜ − min_{s≤t} U_s
 *   Lₜ = α·Lₜ₋₁ + (xₜ − x̄ₜ + δ)     decrease statistic: max_{s≤t} L_s − Lₜ
 *
 * A drift is signalled once at least `minInstances` values have been seen and the watched
 * statistic exceeds `threshold` (λ). Like River, the detector starts afresh on the update
 * after a drift (`resetOnDrift`).
 */

export type PageHinkleyMode = 'up' | 'down' | 'both';

export interface PageHinkleyOptions {
  /** Values needed (since the last reset) before a drift can be signalled. @default 30 */
  minInstances?: number;
  /** δ: the magnitude of change tolerated, in the stream's units. @default 0.005 */
  delta?: number;
  /** λ: the alarm threshold on the statistic, in units × samples. @default 50 */
  threshold?: number;
  /** Forgetting factor applied to the cumulative sums each step. @default 1 - 0.0001 */
  alpha?: number;
  /** Which shifts to detect: increases, decreases, or both (River's default). @default 'both' */
  mode?: PageHinkleyMode;
  /** Start afresh on the update after a drift, as River does. @default true */
  resetOnDrift?: boolean;
}

export interface PageHinkleyResult {
  /** The watched statistic (the larger of the two for `both`); compare it with `threshold`. */
  statistic: number;
  /** Whether the statistic exceeded the threshold on this update (after the warm-up). */
  drift: boolean;
}

/** Plain-data state of a {@link PageHinkley} detector (JSON-safe). */
export interface PageHinkleyState {
  n: number;
  mean: number;
  sumIncrease: number;
  sumDecrease: number;
  minIncrease: number;
  maxDecrease: number;
  drift: boolean;
}

function freshState(): PageHinkleyState {
  return { n: 0, mean: 0, sumIncrease: 0, sumDecrease: 0, minIncrease: 0, maxDecrease: 0, drift: false };
}

/** Streaming Page–Hinkley detector; see the module comment for the recurrence. */
export class PageHinkley {
  readonly minInstances: number;
  readonly delta: number;
  readonly threshold: number;
  readonly alpha: number;
  readonly mode: PageHinkleyMode;
  readonly resetOnDrift: boolean;
  private s: PageHinkleyState = freshState();

  constructor(options: PageHinkleyOptions = {}) {
    this.minInstances = options.minInstances ?? 30;
    this.delta = options.delta ?? 0.005;
    this.threshold = options.threshold ?? 50;
    this.alpha = options.alpha ?? 1 - 0.0001;
    this.mode = options.mode ?? 'both';
    this.resetOnDrift = options.resetOnDrift ?? true;
  }

  /** Feeds one value. A non-finite value is ignored (the state is unchanged, no drift). */
  update(x: number): PageHinkleyResult {
    if (!Number.isFinite(x)) return { statistic: this.statistic(), drift: false };
    if (this.s.drift && this.resetOnDrift) this.s = freshState();
    const s = this.s;
    s.n += 1;
    s.mean += (x - s.mean) / s.n;
    const dev = x - s.mean;
    s.sumIncrease = this.alpha * s.sumIncrease + dev - this.delta;
    s.sumDecrease = this.alpha * s.sumDecrease + dev + this.delta;
    // River starts the running extremes at ±Infinity; taking the first sums is equivalent and stays JSON-safe.
    s.minIncrease = s.n === 1 ? s.sumIncrease : Math.min(s.minIncrease, s.sumIncrease);
    s.maxDecrease = s.n === 1 ? s.sumDecrease : Math.max(s.maxDecrease, s.sumDecrease);
    const statistic = this.statistic();
    s.drift = s.n >= this.minInstances && statistic > this.threshold;
    return { statistic, drift: s.drift };
  }

  /** The current statistic for the configured mode (0 before any value). */
  statistic(): number {
    const up = this.s.sumIncrease - this.s.minIncrease;
    const down = this.s.maxDecrease - this.s.sumDecrease;
    if (this.mode === 'up') return up;
    if (this.mode === 'down') return down;
    return Math.max(up, down);
  }

  /** Values seen since the last reset. */
  get count(): number {
    return this.s.n;
  }

  /** Forgets everything seen so far. */
  reset(): void {
    this.s = freshState();
  }

  /** A JSON-safe copy of the detector's state. */
  state(): PageHinkleyState {
    return { ...this.s };
  }

  /** Restores a state taken by {@link state} (from this or an identically configured detector). */
  restore(state: PageHinkleyState): void {
    this.s = { ...state };
  }
}

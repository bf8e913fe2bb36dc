/**
 * ADWIN, adaptive windowing (Bifet & Gavaldà, "Learning from time-changing data with
 * adaptive windowing", SDM 2007): keeps the longest recent window in which no two
 * sub-windows have significantly different means, dropping the oldest data when a cut
 * shows a change.
 *
 * The window is stored as an exponential histogram (ADWIN2; Datar et al. 2002): row i
 * holds buckets of 2^i values, each with its total and its sum of squared deviations
 * (merged as in Babcock et al. 2003); when a row has more than `maxBuckets` buckets its
 * two oldest merge into one bucket of the next row. Memory and time per check are
 * O(maxBuckets · log width).
 *
 * Every `clock` values (once the window is longer than `gracePeriod`) each cut between
 * adjacent buckets splits the window into an older W₀ (n₀ values) and a newer W₁ (n₁); a
 * change is declared when both have at least `minWindowLength` values and
 *
 *   |μ̂₀ − μ̂₁| > √(2·m·σ̂²·δ′) + (2/3)·δ′·m,   m = 1/(n₀ − L + 1) + 1/(n₁ − L + 1),
 *   δ′ = ln(2·ln(width) / δ),  σ̂² = the window's variance,  L = minWindowLength
 *
 * (the bound of MOA's and River's ADWIN). The oldest bucket is then dropped and the cuts
 * are checked again until none shows a change. Defaults follow River's `drift.ADWIN`.
 *
 * Differences from River, which checks every cut except the newest bucket of each row,
 * may move a detection by one clock period. River also discards the whole window on the
 * update after a drift; so does this class by default (`resetOnDrift`), while
 * `resetOnDrift: false` keeps the shrunk window as in the paper and MOA.
 */

export interface AdwinOptions {
  /** δ: confidence; smaller means fewer false alarms and slower detection. @default 0.002 */
  delta?: number;
  /** Check for change every this many values. @default 32 */
  clock?: number;
  /** Buckets kept per row of the exponential histogram before the two oldest merge. @default 5 */
  maxBuckets?: number;
  /** Minimum length of each sub-window at a cut. @default 5 */
  minWindowLength?: number;
  /** No change is checked for until the window is longer than this. @default 10 */
  gracePeriod?: number;
  /** Start from an empty window on the update after a drift, as River does. @default true */
  resetOnDrift?: boolean;
}

export interface AdwinResult {
  /** Whether a change was detected on this update (the window has already been shrunk). */
  drift: boolean;
  /** Number of values in the window. */
  width: number;
  /** Mean of the window (0 when empty). */
  estimate: number;
}

/** One row of the histogram: buckets of equal size, oldest first. */
interface AdwinRow {
  totals: number[];
  variances: number[];
}

/** Plain-data state of an {@link Adwin} detector (JSON-safe). */
export interface AdwinState {
  /** rows[i] holds buckets of 2^i values, oldest first. */
  rows: AdwinRow[];
  width: number;
  total: number;
  /** Sum of squared deviations from the window mean. */
  variance: number;
  tick: number;
  detections: number;
  drift: boolean;
}

function freshState(): AdwinState {
  return { rows: [{ totals: [], variances: [] }], width: 0, total: 0, variance: 0, tick: 0, detections: 0, drift: false };
}

/** Streaming ADWIN detector; see the module comment. */
export class Adwin {
  readonly delta: number;
  readonly clock: number;
  readonly maxBuckets: number;
  readonly minWindowLength: number;
  readonly gracePeriod: number;
  readonly resetOnDrift: boolean;
  private s: AdwinState = freshState();

  constructor(options: AdwinOptions = {}) {
    this.delta = options.delta ?? 0.002;
    this.clock = options.clock ?? 32;
    this.maxBuckets = options.maxBuckets ?? 5;
    this.minWindowLength = options.minWindowLength ?? 5;
    this.gracePeriod = options.gracePeriod ?? 10;
    this.resetOnDrift = options.resetOnDrift ?? true;
  }

  /** Feeds one value. A non-finite value is ignored (the state is unchanged, no drift). */
  update(x: number): AdwinResult {
    if (!Number.isFinite(x)) return { drift: false, width: this.width, estimate: this.estimate };
    if (this.s.drift && this.resetOnDrift) this.s = { ...freshState(), detections: this.s.detections };
    this.insert(x);
    this.s.drift = this.detectChange();
    if (this.s.drift) this.s.detections += 1;
    return { drift: this.s.drift, width: this.s.width, estimate: this.estimate };
  }

  /** Number of values in the window. */
  get width(): number {
    return this.s.width;
  }

  /** Mean of the window (0 when empty, as in River). */
  get estimate(): number {
    return this.s.width === 0 ? 0 : this.s.total / this.s.width;
  }

  /** Population variance of the window (0 when empty). */
  get windowVariance(): number {
    return this.s.width === 0 ? 0 : this.s.variance / this.s.width;
  }

  /** Changes detected since construction (kept across resets after a drift; cleared by {@link reset}). */
  get detections(): number {
    return this.s.detections;
  }

  /** Forgets the window and the detection count. */
  reset(): void {
    this.s = freshState();
  }

  /** A JSON-safe deep copy of the detector's state. */
  state(): AdwinState {
    return structuredClone(this.s);
  }

  /** Restores a state taken by {@link state} (from this or an identically configured detector). */
  restore(state: AdwinState): void {
    this.s = structuredClone(state);
  }

  private insert(x: number): void {
    const s = this.s;
    const row0 = s.rows[0]!;
    row0.totals.push(x);
    row0.variances.push(0);
    s.width += 1;
    if (s.width > 1) {
      // Welford-style update of the sum of squared deviations with the previous mean.
      const d = x - s.total / (s.width - 1);
      s.variance += ((s.width - 1) * d * d) / s.width;
    }
    s.total += x;
    this.compress();
  }

  /** Merges the two oldest buckets of any row holding more than maxBuckets, cascading upward. */
  private compress(): void {
    const rows = this.s.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (row.totals.length <= this.maxBuckets) break;
      const size = 2 ** i;
      const [t1, t2] = row.totals.splice(0, 2) as [number, number];
      const [v1, v2] = row.variances.splice(0, 2) as [number, number];
      const dm = (t1 - t2) / size;
      // Combine two equal-sized buckets: v = v₁ + v₂ + n₁n₂(μ₁ − μ₂)²/(n₁ + n₂) with n₁ = n₂ = size.
      const merged = v1 + v2 + (size * dm * dm) / 2;
      if (i + 1 === rows.length) rows.push({ totals: [], variances: [] });
      rows[i + 1]!.totals.push(t1 + t2);
      rows[i + 1]!.variances.push(merged);
    }
  }

  /** Drops the oldest bucket, updating width, total and variance. */
  private deleteOldest(): void {
    const s = this.s;
    const last = s.rows.length - 1;
    const row = s.rows[last]!;
    const n = 2 ** last;
    const u = row.totals.shift()!;
    const v = row.variances.shift()!;
    s.width -= n;
    s.total -= u;
    if (s.width === 0) {
      s.total = 0;
      s.variance = 0;
    } else {
      const dm = u / n - s.total / s.width;
      s.variance = Math.max(0, s.variance - v - (n * s.width * dm * dm) / (n + s.width));
    }
    if (row.totals.length === 0 && last > 0) s.rows.pop();
  }

  private detectChange(): boolean {
    const s = this.s;
    s.tick += 1;
    if (s.tick % this.clock !== 0 || s.width <= this.gracePeriod) return false;
    let changed = false;
    while (s.width > 0 && this.findCut()) {
      changed = true;
      this.deleteOldest();
    }
    return changed;
  }

  /** Whether any cut of the current window separates significantly different means. */
  private findCut(): boolean {
    const s = this.s;
    let n0 = 0;
    let u0 = 0;
    for (let i = s.rows.length - 1; i >= 0; i--) {
      const row = s.rows[i]!;
      const size = 2 ** i;
      for (let k = 0; k < row.totals.length; k++) {
        n0 += size;
        u0 += row.totals[k]!;
        const n1 = s.width - n0;
        if (n1 <= 0) return false;
        if (n0 >= this.minWindowLength && n1 >= this.minWindowLength) {
          if (this.cutExceedsBound(n0, n1, u0 / n0 - (s.total - u0) / n1)) return true;
        }
      }
    }
    return false;
  }

  private cutExceedsBound(n0: number, n1: number, meanGap: number): boolean {
    const L = this.minWindowLength;
    const deltaPrime = Math.log((2 * Math.log(this.s.width)) / this.delta);
    const m = 1 / (n0 - L + 1) + 1 / (n1 - L + 1);
    const epsilon = Math.sqrt(2 * m * this.windowVariance * deltaPrime) + (2 / 3) * deltaPrime * m;
    return Math.abs(meanGap) > epsilon;
  }
}

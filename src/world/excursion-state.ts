/**
 * Per-world state of a price's path away from value (P/V - 1), one entry per
 * [world * assets + asset]; updated by market/excursion.ts at each clearing and kept in
 * snapshots with the rest of the market state.
 */

/** A gap |P/V - 1| at least this large is a "large excursion" (15 % away from value). */
export const LARGE_EXCURSION = 0.15;

export class ExcursionState {
  /** Ticks cleared so far for each [world * assets + asset] (the tick of the next update). */
  readonly ticks: Float64Array;
  /** Largest P/V - 1 so far, 0 while the price never rose above value. */
  readonly peakOvershoot: Float64Array;
  /** Tick of that peak (-1: never above value). */
  readonly peakOvershootTick: Float64Array;
  /** Lowest P/V - 1 since the peak (the deepest fall after it). */
  readonly lowAfterPeak: Float64Array;
  /** Largest 1 - P/V so far: how far the price fell below value. */
  readonly peakUndershoot: Float64Array;
  /** +1 or -1: the direction of the first gap of at least LARGE_EXCURSION; 0: none yet. */
  readonly firstExcursion: Float64Array;
  /** Tick of that first large gap (-1: none yet). */
  readonly firstExcursionTick: Float64Array;

  constructor(size: number) {
    this.ticks = new Float64Array(size);
    this.peakOvershoot = new Float64Array(size);
    this.peakOvershootTick = new Float64Array(size).fill(-1);
    this.lowAfterPeak = new Float64Array(size);
    this.peakUndershoot = new Float64Array(size);
    this.firstExcursion = new Float64Array(size);
    this.firstExcursionTick = new Float64Array(size).fill(-1);
  }

  arrays(): Float64Array[] {
    return [this.ticks, this.peakOvershoot, this.peakOvershootTick, this.lowAfterPeak, this.peakUndershoot, this.firstExcursion, this.firstExcursionTick];
  }
}

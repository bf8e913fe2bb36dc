/**
 * The shape of a price's path away from value, tracked tick by tick for every world and
 * asset, so that a lesson can say more than "the price strayed": which way it went first,
 * how far it rose above value, and whether it fell back after the peak.
 *
 * All figures are on the gap g = P/V - 1 after each tick's trading. `peakDeviation`
 * (max |g|, kept by the market) counts a crash below value like a bubble; these do not.
 */
import { LARGE_EXCURSION, type ExcursionState } from '../world/excursion-state.ts';

/** Takes in one cleared tick's gap P/V - 1 for entry i. */
export function trackExcursion(s: ExcursionState, i: number, gap: number): void {
  const tick = s.ticks[i]!;
  s.ticks[i] = tick + 1;
  if (gap > s.peakOvershoot[i]!) {
    s.peakOvershoot[i] = gap;
    s.peakOvershootTick[i] = tick;
    s.lowAfterPeak[i] = gap;
  } else if (gap < s.lowAfterPeak[i]!) s.lowAfterPeak[i] = gap;
  if (-gap > s.peakUndershoot[i]!) s.peakUndershoot[i] = -gap;
  if (s.firstExcursion[i] === 0 && Math.abs(gap) >= LARGE_EXCURSION) {
    s.firstExcursion[i] = Math.sign(gap);
    s.firstExcursionTick[i] = tick;
  }
}

export interface ExcursionSummary {
  /** Largest P/V - 1 over the run (0: never above value): how far a bubble rose. */
  peakOvershoot: number;
  /** Tick of that peak (-1: never above value). */
  peakOvershootTick: number;
  /** Largest 1 - P/V over the run (0: never below value): how far a crash fell. */
  peakUndershoot: number;
  /**
   * Share of the overshoot given back after the peak: (peak gap - lowest gap after it) /
   * peak gap. 1: back to value; above 1: on below value; 0: no fall (or no overshoot).
   */
  fallAfterPeak: number;
  /** +1 up, -1 down: the direction of the first gap |P/V - 1| >= 0.15; 0: none. */
  firstExcursion: number;
  /** Tick of that first large gap (-1: none). */
  firstExcursionTick: number;
}

export function excursionSummary(s: ExcursionState, i: number): ExcursionSummary {
  const peak = s.peakOvershoot[i]!;
  return {
    peakOvershoot: peak,
    peakOvershootTick: s.peakOvershootTick[i]!,
    peakUndershoot: s.peakUndershoot[i]!,
    fallAfterPeak: peak > 0 ? (peak - s.lowAfterPeak[i]!) / peak : 0,
    firstExcursion: s.firstExcursion[i]!,
    firstExcursionTick: s.firstExcursionTick[i]!,
  };
}

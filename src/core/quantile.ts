/**
 * Quantiles, defined once for every reader (summaries, compare tables, report bands, the
 * UI's fan chart, PSI bin edges).
 */

/**
 * The q-quantile of ascending values by linear interpolation between order statistics
 * (Hyndman & Fan 1996 type 7, the default of R and NumPy); NaN for no values.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The median: the middle value, or the mean of the two middle ones. Written as (a + b) / 2
 * rather than through quantileSorted so every median in tulip (run, check, compare, sweep)
 * is the same number to the last bit.
 */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

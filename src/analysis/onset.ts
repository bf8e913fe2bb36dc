/**
 * Ground-truth loop onset from an influence series: the first tick t at which
 * |I(t)| > ε holds for m consecutive ticks (t, t+1, …, t+m−1). Defaults: ε = 1 (in the
 * series' units; 1% of a price of 100 for `price:X`), m = 5 ticks.
 */

/** Defaults of the onset rule (also the schema's `truth.epsilon` and `truth.consecutive`). */
export const ONSET_DEFAULTS = { epsilon: 1, consecutive: 5 } as const;

/** The first tick where |values| exceeds `epsilon` for `consecutive` ticks in a row, or null. */
export function loopOnset(values: ArrayLike<number>, epsilon: number = ONSET_DEFAULTS.epsilon, consecutive: number = ONSET_DEFAULTS.consecutive): number | null {
  let run = 0;
  for (let t = 0; t < values.length; t++) {
    run = Math.abs(values[t]!) > epsilon ? run + 1 : 0;
    if (run >= consecutive) return t - consecutive + 1;
  }
  return null;
}

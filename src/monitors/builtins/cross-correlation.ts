/**
 * Feedback-loop monitor: lagged cross-correlation between what a model does and the
 * later changes of a signal. corr(cause_t, effect_{t+k}) for k = 1..maxLag over a
 * rolling window; the statistic is the largest of them (signed). A model's buying
 * followed by further rises of the price it (or another model) reads is the signature
 * of a reinforcing loop; in a healthy market orders are followed by reversion, and the
 * correlation is negative. With `effect` a series the model itself reads, this watches a
 * self-loop; with another model's input or orders, a cross-model loop.
 */
import { z } from 'zod';
import type { Monitor } from '../monitor.ts';
import type { SeriesReader } from '../series.ts';
import { RollingWindow, windowsLifecycle } from '../rolling-window.ts';
import { pearson } from '../../stats/correlation.ts';

export const CrossCorrelationOptions = z.strictObject({
  cause: z.string().default('orders:A').describe('The acting series, e.g. orders:A.'),
  effect: z.string().default('return:X').describe('The series whose later changes are watched, e.g. return:X or orders:B.'),
  window: z.number().int().min(10).default(40).describe('Ticks in the rolling window.'),
  maxLag: z.number().int().min(1).max(50).default(5).describe('Largest lag k (ticks) tried.'),
  threshold: z.number().min(-1).max(1).default(0.55).describe('Alarm when the largest lagged correlation exceeds this.'),
});

export function crossCorrelationMonitor(o: z.output<typeof CrossCorrelationOptions>, cause: SeriesReader, effect: SeriesReader): Monitor {
  const xs = new RollingWindow(o.window + o.maxLag);
  const ys = new RollingWindow(o.window + o.maxLag);
  return {
    observe: (v) => {
      if (!cause.ready(v) || !effect.ready(v)) {
        // A model not (or no longer) trading: its orders say nothing; start the window again.
        xs.clear();
        ys.clear();
        return { statistic: Number.NaN, threshold: o.threshold };
      }
      const x = cause.read(v);
      const y = effect.read(v);
      if (!Number.isFinite(x) || !Number.isFinite(y)) return { statistic: Number.NaN, threshold: o.threshold };
      xs.push(x);
      ys.push(y);
      if (!xs.full) return { statistic: Number.NaN, threshold: o.threshold };
      const X = xs.toArray();
      const Y = ys.toArray();
      let best = -Infinity;
      let bestLag = 0;
      for (let k = 1; k <= o.maxLag; k++) {
        const c = pearson(X.slice(o.maxLag - k, o.maxLag - k + o.window), Y.slice(o.maxLag, o.maxLag + o.window));
        if (c > best) {
          best = c;
          bestLag = k;
        }
      }
      const statistic = Number.isFinite(best) ? best : Number.NaN;
      return {
        statistic,
        threshold: o.threshold,
        message: `${cause.name} is followed by ${effect.name} moving the same way ${bestLag} tick(s) later (correlation ${statistic.toFixed(2)}): a reinforcing loop`,
        evidence: { lag: bestLag, correlation: statistic },
      };
    },
    ...windowsLifecycle([xs, ys]),
  };
}

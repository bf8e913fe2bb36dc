/**
 * Feedback-loop monitors built on regression: rolling Granger causality (the standard
 * sum-of-squared-residuals F-test: does the cause's past improve the prediction of the
 * effect beyond the effect's own past?) and the loop gain of a VAR(1) fitted on the
 * loop's series (its spectral radius: above 1 the loop feeds itself without bound).
 */
import { z } from 'zod';
import type { Monitor } from '../monitor.ts';
import type { SeriesReader } from '../series.ts';
import { RollingWindow, windowsLifecycle } from '../rolling-window.ts';
import { grangerCausality } from '../../stats/granger.ts';
import { fitVar1 } from '../../stats/var-gain.ts';

export const GrangerOptions = z.strictObject({
  cause: z.string().default('orders:A').describe('The series that may cause, e.g. orders:A.'),
  effect: z.string().default('orders:B').describe('The series that may be caused, e.g. orders:B or return:X.'),
  window: z.number().int().min(20).default(60).describe('Ticks in the rolling window.'),
  lags: z.number().int().min(1).max(10).default(2).describe('Lags p in both regressions.'),
  threshold: z.number().positive().max(1).default(0.0001).describe('Alarm when the p-value falls below this (small: the test runs every tick).'),
});

export function grangerMonitor(o: z.output<typeof GrangerOptions>, cause: SeriesReader, effect: SeriesReader): Monitor {
  const xs = new RollingWindow(o.window);
  const ys = new RollingWindow(o.window);
  const quiet = { statistic: Number.NaN, threshold: o.threshold, direction: 'below' as const };
  return {
    observe: (v) => {
      if (!cause.ready(v) || !effect.ready(v)) {
        xs.clear();
        ys.clear();
        return quiet;
      }
      const x = cause.read(v);
      const y = effect.read(v);
      if (!Number.isFinite(x) || !Number.isFinite(y)) return quiet;
      xs.push(x);
      ys.push(y);
      if (!xs.full) return quiet;
      const r = grangerCausality(xs.toArray(), ys.toArray(), o.lags);
      return {
        statistic: r.pValue,
        threshold: o.threshold,
        direction: 'below',
        message: `${cause.name} Granger-causes ${effect.name} (F = ${r.statistic.toFixed(1)}, p = ${r.pValue.toExponential(1)})`,
        evidence: { F: r.statistic, df1: r.df1, df2: r.df2 },
      };
    },
    ...windowsLifecycle([xs, ys]),
  };
}

export const LoopGainOptions = z.strictObject({
  series: z.array(z.string()).min(2).max(5).default(['orders:A', 'return:X', 'orders:B']).describe('The loop’s series, fitted jointly as a VAR(1).'),
  window: z.number().int().min(20).default(80).describe('Ticks in the rolling window.'),
  threshold: z.number().positive().default(0.95).describe('Alarm when the spectral radius (estimated loop gain) exceeds this.'),
});

export function loopGainMonitor(o: z.output<typeof LoopGainOptions>, readers: SeriesReader[]): Monitor {
  const windows = readers.map(() => new RollingWindow(o.window));
  const quiet = { statistic: Number.NaN, threshold: o.threshold };
  return {
    observe: (v) => {
      if (!readers.every((r) => r.ready(v))) {
        windows.forEach((w) => w.clear());
        return quiet;
      }
      const values = readers.map((r) => r.read(v));
      if (!values.every(Number.isFinite)) return quiet;
      values.forEach((x, i) => windows[i]!.push(x));
      if (!windows[0]!.full) return quiet;
      const fit = fitVar1(windows.map((w) => w.toArray()));
      return { statistic: fit.spectralRadius, threshold: o.threshold, message: `the loop ${readers.map((r) => r.name).join(' -> ')} has an estimated gain of ${fit.spectralRadius.toFixed(2)}` };
    },
    ...windowsLifecycle(windows),
  };
}

export const FeatureUsageOptions = z.strictObject({
  model: z.string().describe('Model whose features are weighed.'),
  window: z.number().int().min(5).default(50).describe('Ticks over which each served feature’s spread is measured.'),
  threshold: z.number().min(0).max(1).default(0.05).describe('Flag the least-used feature when its share of total use falls below this.'),
});

/**
 * Feature usage: each feature's use = mean |input weight| x the spread of its served
 * (standardized) values over a window; a feature whose share of the total stays near
 * zero does not pay for its upkeep, and removal is recommended.
 */
export function featureUsageMonitor(o: z.output<typeof FeatureUsageOptions>): Monitor {
  let windows: RollingWindow[] | undefined;
  const quiet = { statistic: Number.NaN, threshold: o.threshold, direction: 'below' as const };
  return {
    observe: (v) => {
      const names = v.features(o.model);
      if (!v.active(o.model) || names.length < 2) return quiet;
      windows ??= names.map(() => new RollingWindow(o.window));
      names.forEach((f, i) => windows![i]!.push(v.featureServed(o.model, f)));
      if (!windows[0]!.full) return quiet;
      const weights = v.featureWeights(o.model);
      const use = names.map((_, i) => weights[i]! * spread(windows![i]!.toArray()));
      const total = use.reduce((a, b) => a + b, 0);
      if (!(total > 0)) return quiet;
      let least = 0;
      use.forEach((u, i) => (u < use[least]! ? (least = i) : undefined));
      const share = use[least]! / total;
      return {
        statistic: share,
        threshold: o.threshold,
        direction: 'below',
        message: `${o.model} barely uses ${names[least]} (${(100 * share).toFixed(1)}% of its input use): consider removing it`,
        evidence: Object.fromEntries(names.map((f, i) => [f, use[i]! / total])),
      };
    },
    reset: () => windows?.forEach((w) => w.clear()),
    state: () => windows?.map((w) => w.state()),
    restore: (s) => {
      const saved = s as number[][] | undefined;
      if (!saved) return;
      windows = saved.map((values) => {
        const w = new RollingWindow(o.window);
        w.restore(values);
        return w;
      });
    },
  };
}

function spread(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
}

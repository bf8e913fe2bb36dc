/**
 * Built-in monitors that need no statistics library: bubble, input range, herding,
 * drawdown and realized prediction error.
 */
import { z } from 'zod';
import type { Monitor, MonitorView } from '../monitor.ts';
import { RollingWindow, windowsLifecycle } from '../rolling-window.ts';
import { pearson } from '../../stats/correlation.ts';

export const BubbleOptions = z.strictObject({
  asset: z.string().default('X').describe('Asset watched.'),
  threshold: z.number().positive().default(0.15).describe('Alarm when |P/V - 1| exceeds this.'),
});

/** Price/fundamental divergence |P/V - 1|: the bubble itself, seen directly. */
export function bubbleMonitor(o: z.output<typeof BubbleOptions>): Monitor {
  return {
    observe: (v) => {
      const statistic = Math.abs(v.price(o.asset) / v.fundamental(o.asset) - 1);
      return { statistic, threshold: o.threshold, message: `${o.asset} trades ${(100 * statistic).toFixed(1)}% away from its value`, evidence: { price: v.price(o.asset), fundamental: v.fundamental(o.asset) } };
    },
  };
}

export const RangeOptions = z.strictObject({
  model: z.string().describe('Model whose inputs are validated.'),
  feature: z.string().optional().describe('One feature (default: every feature of the model).'),
  threshold: z.number().positive().default(8).describe('Alarm when a raw input is more than this many warm-up standard deviations from its warm-up mean.'),
});

/**
 * Input validation: each raw feature value against the range seen in training (its
 * warm-up mean and standard deviation). A units error (dollars read as cents) is
 * thousands of standard deviations out; ordinary moves are a few.
 */
export function rangeMonitor(o: z.output<typeof RangeOptions>): Monitor {
  return {
    observe: (v) => {
      if (!v.fitted(o.model)) return { statistic: Number.NaN, threshold: o.threshold };
      let worst = 0;
      let worstFeature = '';
      for (const f of o.feature ? [o.feature] : v.features(o.model)) {
        const { mean, std } = v.featureReference(o.model, f);
        const z = Math.abs(v.featureRaw(o.model, f) - mean) / std;
        if (!(z <= worst)) {
          worst = z;
          worstFeature = f;
        }
      }
      return {
        statistic: worst,
        threshold: o.threshold,
        message: `${o.model}'s input ${worstFeature} is ${Number.isFinite(worst) ? worst.toFixed(0) : worst} standard deviations from its training range`,
        evidence: { feature: worstFeature, value: v.featureRaw(o.model, worstFeature) },
      };
    },
  };
}

export const HerdingOptions = z.strictObject({
  models: z.array(z.string()).length(2).describe('The two models compared.'),
  window: z.number().int().min(5).default(50).describe('Ticks of positions correlated.'),
  threshold: z.number().min(0).max(1).default(0.8).describe('Alarm when the correlation of positions exceeds this.'),
});

/** Herding: correlation of two models' positions over a window. */
export function herdingMonitor(o: z.output<typeof HerdingOptions>): Monitor {
  const [a, b] = o.models as [string, string];
  const wa = new RollingWindow(o.window);
  const wb = new RollingWindow(o.window);
  return {
    observe: (v) => {
      if (!v.active(a) || !v.active(b)) return { statistic: Number.NaN, threshold: o.threshold };
      wa.push(v.position(a));
      wb.push(v.position(b));
      const statistic = wa.full ? pearson(wa.toArray(), wb.toArray()) : Number.NaN;
      return { statistic, threshold: o.threshold, message: `${a} and ${b} move their positions together (correlation ${statistic.toFixed(2)})` };
    },
    ...windowsLifecycle([wa, wb]),
  };
}

export const DrawdownOptions = z.strictObject({
  model: z.string().describe('Model watched.'),
  threshold: z.number().positive().default(20000).describe('Alarm when PnL is this far below its running peak (currency units).'),
});

/** Drawdown: how far a model's PnL is below its best so far. */
export function drawdownMonitor(o: z.output<typeof DrawdownOptions>): Monitor {
  let peak = 0;
  return {
    observe: (v: MonitorView) => {
      const pnl = v.pnl(o.model);
      peak = Math.max(peak, pnl);
      return { statistic: peak - pnl, threshold: o.threshold, message: `${o.model} is ${(peak - pnl).toFixed(0)} below its best PnL` };
    },
    reset: () => (peak = 0),
    state: () => peak,
    restore: (s) => (peak = s as number),
  };
}

export const ErrorOptions = z.strictObject({
  model: z.string().describe('Model watched.'),
  reference: z.number().int().min(10).default(100).describe('Ticks of realized errors that form the reference (the first ones the model makes).'),
  window: z.number().int().min(5).default(30).describe('Recent ticks compared with the reference.'),
  threshold: z.number().positive().default(3).describe('Alarm when recent mean squared error / reference mean squared error exceeds this.'),
});

/** Performance: realized prediction error over a recent window against a reference window. */
export function errorMonitor(o: z.output<typeof ErrorOptions>): Monitor {
  let reference: number[] = [];
  const recent = new RollingWindow(o.window);
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    observe: (v) => {
      const e = (v.realizedTarget(o.model) - v.laggedPrediction(o.model)) ** 2;
      if (!Number.isFinite(e)) return { statistic: Number.NaN, threshold: o.threshold };
      if (reference.length < o.reference) {
        reference.push(e);
        return { statistic: Number.NaN, threshold: o.threshold };
      }
      recent.push(e);
      const statistic = recent.full ? mean(recent.toArray()) / Math.max(1e-12, mean(reference)) : Number.NaN;
      return { statistic, threshold: o.threshold, message: `${o.model}'s recent prediction error is ${statistic.toFixed(1)}x its reference` };
    },
    reset: () => recent.clear(),
    state: () => [reference, recent.state()],
    restore: (s) => {
      const [r, w] = s as number[][];
      reference = [...r!];
      recent.restore(w!);
    },
  };
}

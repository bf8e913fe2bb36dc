/**
 * Input monitors for data dependencies: how often a model's inputs are missing, how stale
 * they are, and whether what is served still looks like what the model was trained on
 * (training–serving skew). They read the signal layer's per-feature state through the
 * MonitorView (featureMissing, featureStale) and the pipeline's warm-up reference.
 */
import { z } from 'zod';
import type { Monitor, MonitorView } from '../monitor.ts';
import { RollingWindow } from '../rolling-window.ts';

const modelOption = z.string().describe('Model whose inputs are watched.');
const featureOption = z.string().optional().describe('One feature (default: the worst of the model’s features).');

function featuresOf(v: MonitorView, model: string, feature: string | undefined): readonly string[] {
  return feature ? [feature] : v.features(model);
}

/** Per-feature rolling windows, with state for snapshots. */
function windows(length: number) {
  const byFeature = new Map<string, RollingWindow>();
  return {
    get(f: string): RollingWindow {
      let w = byFeature.get(f);
      if (!w) byFeature.set(f, (w = new RollingWindow(length)));
      return w;
    },
    clear: () => byFeature.clear(),
    state: () => [...byFeature.entries()].map(([f, w]) => [f, w.state()] as const),
    restore: (s: unknown) => {
      byFeature.clear();
      for (const [f, values] of s as [string, number[]][]) {
        const w = new RollingWindow(length);
        w.restore(values);
        byFeature.set(f, w);
      }
    },
  };
}

export const MissingRateOptions = z.strictObject({
  model: modelOption,
  feature: featureOption,
  window: z.number().int().min(1).default(20).describe('Ticks over which the share of missing values is measured.'),
  threshold: z.number().min(0).max(1).default(0.2).describe('Alarm when more than this share of the window was missing.'),
});

/** Missing rate: the share of the last `window` ticks a feature's source was down (statistic NaN until the window fills). */
export function missingRateMonitor(o: z.output<typeof MissingRateOptions>): Monitor {
  const w = windows(o.window);
  return {
    observe: (v) => {
      let worst = Number.NaN;
      let worstFeature = '';
      for (const f of featuresOf(v, o.model, o.feature)) {
        const win = w.get(f);
        win.push(v.featureMissing(o.model, f) ? 1 : 0);
        if (!win.full) continue;
        const rate = win.toArray().reduce((s, x) => s + x, 0) / win.size;
        if (!(rate <= worst)) [worst, worstFeature] = [rate, f];
      }
      return { statistic: worst, threshold: o.threshold, message: `${o.model}'s input ${worstFeature} was missing ${(100 * worst).toFixed(0)}% of the last ${o.window} ticks`, evidence: { feature: worstFeature } };
    },
    reset: w.clear,
    state: w.state,
    restore: w.restore,
  };
}

export const StalenessOptions = z.strictObject({
  model: modelOption,
  feature: featureOption,
  threshold: z.number().min(0).default(3).describe('Alarm when a feature has had no fresh value for more than this many ticks.'),
});

/** Staleness: ticks since a feature last had a fresh value. */
export function stalenessMonitor(o: z.output<typeof StalenessOptions>): Monitor {
  return {
    observe: (v) => {
      let worst = 0;
      let worstFeature = '';
      for (const f of featuresOf(v, o.model, o.feature)) {
        const s = v.featureStale(o.model, f);
        if (s > worst || worstFeature === '') [worst, worstFeature] = [s, f];
      }
      return { statistic: worst, threshold: o.threshold, message: `${o.model}'s input ${worstFeature} has had no fresh value for ${worst} ticks`, evidence: { feature: worstFeature } };
    },
  };
}

export const SkewOptions = z.strictObject({
  model: modelOption,
  feature: featureOption,
  window: z.number().int().min(2).default(20).describe('Recent served (raw) values compared with the training reference.'),
  threshold: z.number().positive().default(5).describe('Alarm when the recent mean is more than this many training standard deviations from the training mean, or the recent spread is more than this many times the training spread.'),
});

/**
 * Training–serving skew: the raw values served over the last `window` ticks against the
 * warm-up reference the model was trained with. Statistic: the larger of |recent mean -
 * training mean| / training std and the spread ratio s/σ. A units change (x100) scores in
 * the hundreds; a silent change that widens the values shows up as a spread ratio. (A
 * frozen, stale input narrows the spread: that is the staleness monitor's job.)
 */
export function skewMonitor(o: z.output<typeof SkewOptions>): Monitor {
  const w = windows(o.window);
  return {
    observe: (v) => {
      if (!v.fitted(o.model)) return { statistic: Number.NaN, threshold: o.threshold };
      let worst = Number.NaN;
      let worstFeature = '';
      for (const f of featuresOf(v, o.model, o.feature)) {
        const win = w.get(f);
        win.push(v.featureRaw(o.model, f));
        if (!win.full) continue;
        const xs = win.toArray();
        const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
        const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
        const ref = v.featureReference(o.model, f);
        const shift = Math.abs(mean - ref.mean) / ref.std;
        const spread = sd / ref.std;
        const stat = Math.max(shift, spread);
        if (!(stat <= worst)) [worst, worstFeature] = [stat, f];
      }
      return { statistic: worst, threshold: o.threshold, message: `${o.model}'s input ${worstFeature} is served unlike its training data (skew ${Number.isFinite(worst) ? worst.toFixed(1) : worst})`, evidence: { feature: worstFeature } };
    },
    reset: w.clear,
    state: w.state,
    restore: w.restore,
  };
}

/**
 * The loop gain of a model's feedback through the price, white-box: from what the
 * simulation knows (the model's weights, its features' definitions and spreads, its
 * policy, the price impact), not from fitting the series.
 *
 * A move of δ in X's log price moves each raw feature by sᶠ·δ (sᶠ = ∂feature/∂log price:
 * 1 − 1/window for momentum, −value for value-ratio), the prediction by Σ wᶠ sᶠ / σᶠ · δ
 * (wᶠ: weight of the standardized feature, σᶠ its standardization spread), the target
 * position by gain × that; the trader closes tradeRate of the gap in the next tick, which
 * moves the price by impact × its order. The share of the move that comes back a tick
 * later, the loop's one-tick gain, is
 *
 *     ε̂ = impact × tradeRate × gain × Σ_f wᶠ · sᶠ / σᶠ
 *
 * Above 0 the loop reinforces (momentum chasing), below 0 it dampens (value trading); a
 * fixed point is magnified about 1/(1 − ε̂), and at ε̂ ≥ 1 the loop feeds itself without
 * bound. It leaves out the other traders (fundamentalists lean against the move) and the
 * momentum window's forgetting, so it reads as the loop's own gain, not the market's.
 * The statistic is the median of ε̂ over a window (the weights jump at each retraining).
 * While the position cap binds (|gain × prediction| ≥ maxPosition) the marginal gain is
 * 0: the monitor reports the cap as saturating instead of calling the loop safe.
 */
import { z } from 'zod';
import type { Monitor, MonitorView } from '../monitor.ts';
import { RollingWindow } from '../rolling-window.ts';

export const ModelLoopGainOptions = z.strictObject({
  model: z.string().default('B').describe('The model whose loop through the price is measured.'),
  asset: z.string().default('X').describe('The asset its orders move.'),
  window: z.number().int().min(1).default(20).describe('Ticks over which the per-tick estimate is summarized (median).'),
  threshold: z.number().default(0.5).describe('Alarm when the estimated loop gain ε exceeds this (0.5: a fixed point magnified 2x; at 1 the loop explodes).'),
});
type Options = z.output<typeof ModelLoopGainOptions>;

/** ε̂ of one tick, or NaN when the model has no linear weights yet. */
export function modelLoopGain(v: MonitorView, model: string, asset: string): number {
  const names = v.features(model);
  const weights = v.weights(model);
  let sensitivity = 0;
  names.forEach((f, i) => {
    const s = v.featurePriceSensitivity(model, f, asset);
    if (s !== 0) sensitivity += (weights[i]! * s) / v.featureReference(model, f).std;
  });
  const policy = v.policy(model);
  return v.impact(asset) * policy.tradeRate * policy.gain * sensitivity;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function modelLoopGainMonitor(o: Options): Monitor {
  const estimates = new RollingWindow(o.window);
  const capped = new RollingWindow(o.window);
  const quiet = { statistic: Number.NaN, threshold: o.threshold };
  return {
    observe: (v) => {
      if (!v.active(o.model) || !v.fitted(o.model)) return quiet;
      const e = modelLoopGain(v, o.model, o.asset);
      if (!Number.isFinite(e)) return quiet;
      const policy = v.policy(o.model);
      estimates.push(e);
      capped.push(Math.abs(policy.gain * v.prediction(o.model)) >= policy.maxPosition ? 1 : 0);
      if (!estimates.full) return quiet;
      const statistic = median(estimates.toArray());
      const saturated = capped.toArray().reduce((a, b) => a + b, 0) / capped.size;
      const magnified = statistic < 1 ? `a fixed point magnified ${(1 / (1 - statistic)).toFixed(1)}x` : 'no fixed point: it feeds itself';
      const cap = saturated > 0.5 ? `; ${o.model}'s position cap (${policy.maxPosition}) binds ${(100 * saturated).toFixed(0)}% of the window: saturated, its marginal gain is 0 while it binds` : '';
      return {
        statistic,
        threshold: o.threshold,
        message: `the loop through ${o.model} has gain ε = ${statistic.toFixed(2)} (white-box: impact × trade rate × gain × weights; ${magnified})${cap}`,
        evidence: { gain: policy.gain, impact: v.impact(o.asset), saturated, effective: statistic * (1 - saturated) },
      };
    },
    reset: () => {
      estimates.clear();
      capped.clear();
    },
    state: () => [estimates.state(), capped.state()],
    restore: (s) => {
      const [e, c] = s as number[][];
      estimates.restore(e!);
      capped.restore(c!);
    },
  };
}

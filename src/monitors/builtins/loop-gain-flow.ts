/**
 * The loop gain of a model's feedback through the price, black-box: from its orders,
 * its position and the market's prices and flows alone, without its weights or policy.
 *
 * Two regressions over a rolling window:
 *
 * - the price impact λ̂: the slope of the log return on the net order flow of the tick
 *   (news moves the price too, but independently of the flow);
 * - the model's response β̂: the coefficient of the last tick's log return in a regression
 *   of the model's order on its previous position and the last `lags` log returns (a
 *   trader that chases momentum buys after a rise; the position term absorbs its partial
 *   adjustment toward its target).
 *
 *     ε̂ = λ̂ × β̂
 *
 * is the share of a price move that comes back through the model's next order, the same
 * quantity `loop-gain-model` computes from the model's insides. Noisier, and biased toward
 * 0 while the model barely trades (news swamp the regressors), but it needs nothing a
 * platform does not log.
 */
import { z } from 'zod';
import type { Monitor } from '../monitor.ts';
import { RollingWindow } from '../rolling-window.ts';
import { leastSquares } from '../../stats/linalg.ts';

export const FlowLoopGainOptions = z.strictObject({
  model: z.string().default('B').describe('The model whose loop through the price is estimated.'),
  asset: z.string().default('X').describe('The asset its orders move.'),
  window: z.number().int().min(30).default(100).describe('Ticks in both regressions.'),
  lags: z.number().int().min(1).max(20).default(10).describe('Past log returns the order is regressed on (its look-back).'),
  threshold: z.number().default(0.5).describe('Alarm when the estimated loop gain ε exceeds this (0.5: a fixed point magnified 2x).'),
});
type Options = z.output<typeof FlowLoopGainOptions>;

/** λ̂ × β̂ from aligned windows (oldest first): returns r, flows f, orders o, positions p. */
export function flowLoopGain(r: readonly number[], f: readonly number[], o: readonly number[], p: readonly number[], lags: number): { epsilon: number; impact: number; response: number } {
  const impactFit = leastSquares(f.map((x) => [1, x]), r);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let t = lags; t < o.length; t++) {
    const row = [1, p[t - 1]!];
    for (let k = 1; k <= lags; k++) row.push(r[t - k]!);
    rows.push(row);
    y.push(o[t]!);
  }
  const responseFit = leastSquares(rows, y);
  const impact = impactFit.ok ? impactFit.coefficients[1]! : Number.NaN;
  const response = responseFit.ok ? responseFit.coefficients[2]! : Number.NaN;
  return { epsilon: impact * response, impact, response };
}

export function flowLoopGainMonitor(o: Options): Monitor {
  const windows = { r: new RollingWindow(o.window), f: new RollingWindow(o.window), o: new RollingWindow(o.window), p: new RollingWindow(o.window) };
  const all = Object.values(windows);
  const quiet = { statistic: Number.NaN, threshold: o.threshold };
  return {
    observe: (v) => {
      if (!v.active(o.model)) {
        all.forEach((w) => w.clear());
        return quiet;
      }
      windows.r.push(v.logReturn(o.asset));
      windows.f.push(v.netFlow(o.asset));
      windows.o.push(v.order(o.model));
      windows.p.push(v.position(o.model));
      if (!windows.r.full) return quiet;
      const e = flowLoopGain(windows.r.toArray(), windows.f.toArray(), windows.o.toArray(), windows.p.toArray(), o.lags);
      return {
        statistic: e.epsilon,
        threshold: o.threshold,
        message: `the loop through ${o.model} has gain ε = ${e.epsilon.toFixed(2)} (black-box: measured impact ${e.impact.toExponential(2)} × response ${e.response.toFixed(0)} shares per unit log return)`,
        evidence: { impact: e.impact, response: e.response },
      };
    },
    reset: () => all.forEach((w) => w.clear()),
    state: () => all.map((w) => w.state()),
    restore: (s) => (s as number[][]).forEach((values, i) => all[i]!.restore(values)),
  };
}

/**
 * The white-box loop-gain monitor: its formula on a hand-set view, the saturating cap
 * reported as such, and — on a few worlds — the shape of the check that bench/loop-gain.ts
 * runs in full: over B's gain (cap lifted) its estimate rises with the true loop gain from
 * counterfactuals and passes its threshold before amplification reaches 10.
 */
import { describe, expect, it } from 'vitest';
import { modelLoopGainMonitor, ModelLoopGainOptions } from '../../src/monitors/builtins/loop-gain-model.ts';
import { NoiseView } from '../../src/monitors/noise-view.ts';
import { measureLoopGain, verdict } from '../../src/analysis/loop-gain-check.ts';

/** B with one momentum feature (window 10): weight 0.8 on the standardized feature, spread 0.01. */
class LoopView extends NoiseView {
  constructor(private readonly cap: number, private readonly pred: number) {
    super(0, 1, ['X'], ['B'], ['momentum']);
  }
  override impact(): number {
    return 0.0005;
  }
  override policy() {
    return { gain: 200, maxPosition: this.cap, tradeRate: 0.1 };
  }
  override weights(): readonly number[] {
    return [0.8];
  }
  override featureReference() {
    return { mean: 0, std: 0.01 };
  }
  override featurePriceSensitivity(): number {
    return 1 - 1 / 10;
  }
  override prediction(): number {
    return this.pred;
  }
}

describe('loop-gain-model', () => {
  it('ε̂ = impact × tradeRate × gain × Σ w·s/σ, the median over its window', () => {
    const monitor = modelLoopGainMonitor(ModelLoopGainOptions.parse({ window: 3 }));
    const view = new LoopView(1e6, 0.5);
    const readings = [0, 1, 2].map((t) => {
      view.advance(t);
      return monitor.observe(view);
    });
    expect(readings[0]!.statistic).toBeNaN(); // window not yet full
    // 0.0005 × 0.1 × 200 × 0.8 × 0.9 / 0.01 = 0.72
    expect(readings[2]!.statistic).toBeCloseTo(0.72, 12);
    expect(readings[2]!.threshold).toBe(0.5);
    expect(readings[2]!.message).toBe('the loop through B has gain ε = 0.72 (white-box: impact × trade rate × gain × weights; a fixed point magnified 3.6x)');
    expect(readings[2]!.evidence).toMatchObject({ saturated: 0, effective: readings[2]!.statistic });
  });

  it('reports a saturating position cap as such', () => {
    const monitor = modelLoopGainMonitor(ModelLoopGainOptions.parse({ window: 2 }));
    const view = new LoopView(600, 4); // gain × prediction = 800 ≥ 600: the cap binds
    view.advance(0);
    monitor.observe(view);
    view.advance(1);
    const r = monitor.observe(view);
    expect(r.message).toContain("B's position cap (600) binds 100% of the window: saturated, its marginal gain is 0 while it binds");
    expect(r.evidence).toMatchObject({ saturated: 1, effective: 0 });
  });

  it('tracks the counterfactual loop gain over B’s gain (few worlds; the full check is bench/loop-gain.ts)', async () => {
    const rows = await measureLoopGain({ scenario: 'tulip-mania', gains: [100, 200, 260, 300], seeds: [1, 2, 3], backend: 'cpu' });
    const v = verdict(rows);
    // The truth: amplification rises with the gain, past 10 within this range (on the garch
    // market, seeds 1..3: 1.39, 1.85, 13.8, 155 — the loop takes off between gains 240 and 260).
    expect(rows.map((r) => r.amplification)).toEqual([...rows.map((r) => r.amplification)].sort((a, b) => a - b));
    expect(rows.at(-1)!.amplification).toBeGreaterThan(10);
    expect(rows[0]!.amplification).toBeLessThan(2);
    // The estimate rises with the gain and with the truth, and passes its threshold no later than
    // 10x on this coarse grid (over 10 worlds and steps of 10, strictly before: bench/loop-gain.ts).
    expect(v.spearmanGain).toBe(1);
    expect(v.spearmanTruth).toBe(1);
    expect(v.gainAtThreshold).not.toBeNull();
    expect(v.gainAtThreshold!).toBeLessThanOrEqual(v.gainAt10x!);
    expect(rows[0]!.whiteBox).toBeLessThan(rows[0]!.threshold);
  }, 300_000);
});

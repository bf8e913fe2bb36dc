/** Page–Hinkley: hand-traced recurrences, River's defaults, a mean shift, snapshot and restore. */
import { describe, expect, it } from 'vitest';
import { PageHinkley } from '../../src/stats/page-hinkley.ts';
import { RandomStream } from '../../src/core/rng.ts';

/** 150 values around 0 then 150 around 1, noise sd 0.2 from a fixed seed. */
function shiftStream(): number[] {
  const rng = new RandomStream('page-hinkley', 'shift');
  return Array.from({ length: 300 }, (_, i) => (i >= 150 ? 1 : 0) + 0.2 * rng.normal());
}

describe('PageHinkley', () => {
  it("has River's defaults", () => {
    const ph = new PageHinkley();
    expect([ph.minInstances, ph.delta, ph.threshold, ph.alpha, ph.mode, ph.resetOnDrift]).toEqual([30, 0.005, 50, 1 - 0.0001, 'both', true]);
  });

  it('increase statistic, by hand', () => {
    // minInstances 1, δ = 0.5, λ = 1, α = 1, stream 0, 0, 0, 3:
    //   x̄ₜ:        0     0     0     0.75
    //   xₜ − x̄ₜ:   0     0     0     2.25
    //   Uₜ:      −0.5  −1.0  −1.5   −1.5 + 2.25 − 0.5 = 0.25
    //   min U:   −0.5  −1.0  −1.5   −1.5
    //   statistic: 0    0     0     1.75 > 1 → drift on the fourth value.
    const ph = new PageHinkley({ minInstances: 1, delta: 0.5, threshold: 1, alpha: 1, mode: 'up' });
    const out = [0, 0, 0, 3].map((x) => ph.update(x));
    expect(out.map((r) => r.statistic)).toEqual([0, 0, 0, 1.75]);
    expect(out.map((r) => r.drift)).toEqual([false, false, false, true]);
  });

  it('decrease statistic, by hand, and the forgetting factor', () => {
    // mode down, δ = 0, α = 0.5, stream 0, 0, −3:  x̄₃ = −1, x₃ − x̄₃ = −2.
    //   Lₜ = α·Lₜ₋₁ + (xₜ − x̄ₜ + δ): 0, 0, −2; max L = 0 → statistic 2.
    // A second −3: x̄₄ = −1.5, dev −1.5, L₄ = 0.5·(−2) − 1.5 = −2.5 → statistic 2.5.
    const ph = new PageHinkley({ minInstances: 1, delta: 0, threshold: 100, alpha: 0.5, mode: 'down' });
    expect([0, 0, -3, -3].map((x) => ph.update(x).statistic)).toEqual([0, 0, 2, 2.5]);
    // With δ = 0.5 and α = 1 the tolerance works against a decrease: L = 0.5, 1, 1 − 2 + 0.5 = −0.5;
    // max L = 1 → statistic 1.5.
    const tolerant = new PageHinkley({ minInstances: 1, delta: 0.5, threshold: 100, alpha: 1, mode: 'down' });
    expect([0, 0, -3].map((x) => tolerant.update(x).statistic)).toEqual([0, 0, 1.5]);
  });

  it('mode up ignores a decrease that mode both reports', () => {
    const stream = [0, 0, 0, -3];
    const up = new PageHinkley({ minInstances: 1, delta: 0, threshold: 1, alpha: 1, mode: 'up' });
    const both = new PageHinkley({ minInstances: 1, delta: 0, threshold: 1, alpha: 1 });
    expect(stream.map((x) => up.update(x).drift)).toEqual([false, false, false, false]);
    expect(stream.map((x) => both.update(x).drift)).toEqual([false, false, false, true]);
  });

  it('does not signal before minInstances values', () => {
    const ph = new PageHinkley({ threshold: 1 });
    const drifts = Array.from({ length: 40 }, (_, i) => ph.update(i < 5 ? 0 : 100).drift);
    expect(drifts.indexOf(true)).toBe(29); // the 30th value
  });

  it('detects a mean shift from 0 to 1 after the shift and not before (defaults)', () => {
    const ph = new PageHinkley();
    const drifts = shiftStream().map((x) => ph.update(x).drift);
    const first = drifts.indexOf(true);
    expect(drifts.slice(0, 150).some(Boolean)).toBe(false);
    expect(first).toBeGreaterThanOrEqual(150);
    // A shift of 1 against a running mean that starts at 0 accumulates about 50 within ~65 values.
    expect(first).toBeLessThan(250);
  });

  it('starts afresh on the update after a drift (River), or keeps accumulating when told not to', () => {
    const ph = new PageHinkley({ minInstances: 1, delta: 0, threshold: 1, alpha: 1, mode: 'up' });
    for (const x of [0, 0, 0, 3]) ph.update(x);
    expect(ph.update(3)).toEqual({ statistic: 0, drift: false });
    expect(ph.count).toBe(1);
    const keep = new PageHinkley({ minInstances: 1, delta: 0, threshold: 1, alpha: 1, mode: 'up', resetOnDrift: false });
    for (const x of [0, 0, 0, 3]) keep.update(x);
    expect(keep.update(3).drift).toBe(true);
    expect(keep.count).toBe(5);
  });

  it('ignores non-finite values', () => {
    const ph = new PageHinkley({ minInstances: 1, delta: 0, threshold: 1, alpha: 1 });
    ph.update(1);
    const before = ph.state();
    expect(ph.update(Number.NaN).drift).toBe(false);
    expect(ph.state()).toEqual(before);
  });

  it('state() then restore() into a fresh instance (through JSON) continues identically', () => {
    const stream = shiftStream();
    const original = new PageHinkley();
    stream.slice(0, 170).forEach((x) => original.update(x));
    const copy = new PageHinkley();
    copy.restore(JSON.parse(JSON.stringify(original.state())));
    const rest = stream.slice(170);
    expect(rest.map((x) => copy.update(x))).toEqual(rest.map((x) => original.update(x)));
    // reset() forgets everything.
    copy.reset();
    expect(copy.count).toBe(0);
    expect(copy.statistic()).toBe(0);
  });
});

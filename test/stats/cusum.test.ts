/** Tabular CUSUM: hand-traced sums, the alarm tick for a known step, scaling by σ, snapshot and restore. */
import { describe, expect, it } from 'vitest';
import { Cusum } from '../../src/stats/cusum.ts';
import { RandomStream } from '../../src/core/rng.ts';

describe('Cusum', () => {
  it('defaults to μ₀ = 0, σ = 1, K = 0.5σ, H = 5σ (Montgomery)', () => {
    const c = new Cusum();
    expect([c.target, c.sigma, c.allowance, c.decisionInterval, c.resetOnAlarm]).toEqual([0, 1, 0.5, 5, true]);
  });

  it('alarms on the fourth value after a step from 0 to 2, by hand', () => {
    // Ten zeros: C⁺ = max(0, 0 − 0.5 + C⁺) stays 0. Then x = 2 adds 2 − 0.5 = 1.5 a step:
    // C⁺ = 1.5, 3, 4.5, 6 at indices 10 … 13; 6 > H = 5 → alarm at index 13.
    // Shift estimate: μ₀ + K + C⁺/N⁺ = 0 + 0.5 + 6/4 = 2, the true new mean.
    const c = new Cusum();
    const out = [...new Array<number>(10).fill(0), 2, 2, 2, 2].map((x) => c.update(x));
    expect(out.map((r) => r.upper)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1.5, 3, 4.5, 6]);
    expect(out.findIndex((r) => r.alarm)).toBe(13);
    expect(out[13]).toMatchObject({ direction: 'up', statistic: 6, lower: 0, shiftedMean: 2 });
  });

  it('tracks the lower side symmetrically', () => {
    // Target 10, σ = 2: K = 1, H = 10. x = 6: C⁻ += (10 − 1) − 6 = 3 a step → 3, 6, 9, 12: alarm on the fourth.
    // Shift estimate: μ₀ − K − C⁻/N⁻ = 10 − 1 − 12/4 = 6.
    const c = new Cusum({ target: 10, sigma: 2 });
    const out = [10, 6, 6, 6, 6].map((x) => c.update(x));
    expect(out.map((r) => r.lower)).toEqual([0, 3, 6, 9, 12]);
    expect(out.map((r) => r.alarm)).toEqual([false, false, false, false, true]);
    expect(out[4]).toMatchObject({ direction: 'down', shiftedMean: 6 });
  });

  it('needs the sum to exceed H, not reach it', () => {
    // Steps of 1.25 (x = 1.75): 1.25, 2.5, 3.75, 5 (= H, no alarm), 6.25 (alarm).
    const c = new Cusum();
    expect([1.75, 1.75, 1.75, 1.75, 1.75].map((x) => c.update(x).alarm)).toEqual([false, false, false, false, true]);
  });

  it('restarts from zero after an alarm by default, and keeps accumulating when told not to', () => {
    const reset = new Cusum();
    const keep = new Cusum({ resetOnAlarm: false });
    for (const x of [2, 2, 2, 2]) {
      reset.update(x);
      keep.update(x);
    }
    expect(reset.update(2).upper).toBe(1.5);
    expect(keep.update(2)).toMatchObject({ upper: 7.5, alarm: true });
  });

  it("matches Montgomery's average run lengths: ≈ 465 in control, ≈ 10.4 after a one-sigma shift (fixed seed)", () => {
    // Table 9.3 (k = 0.5, h = 5). With restarts after each alarm, the mean gap between alarms
    // estimates the ARL; 40 000 in-control values give ~86 alarms (standard error ≈ 50).
    const meanRunLength = (shift: number, n: number): number => {
      const rng = new RandomStream('cusum', `arl/${shift}`);
      const c = new Cusum();
      let alarms = 0;
      for (let i = 0; i < n; i++) if (c.update(shift + rng.normal()).alarm) alarms += 1;
      return n / alarms;
    };
    const inControl = meanRunLength(0, 40_000);
    expect(inControl).toBeGreaterThan(330);
    expect(inControl).toBeLessThan(650);
    const shifted = meanRunLength(1, 4_000);
    expect(shifted).toBeGreaterThan(9.4);
    expect(shifted).toBeLessThan(11.4);
  });

  it('state() then restore() into a fresh instance (through JSON) continues identically', () => {
    const rng = new RandomStream('cusum', 'restore');
    const xs = Array.from({ length: 120 }, (_, i) => (i > 60 ? 1 : 0) + rng.normal());
    const original = new Cusum();
    xs.slice(0, 70).forEach((x) => original.update(x));
    const copy = new Cusum();
    copy.restore(JSON.parse(JSON.stringify(original.state())));
    const rest = xs.slice(70);
    expect(rest.map((x) => copy.update(x))).toEqual(rest.map((x) => original.update(x)));
  });

  it('ignores non-finite values', () => {
    const c = new Cusum();
    c.update(2);
    expect(c.update(Number.NaN)).toMatchObject({ upper: 1.5, alarm: false });
    expect(c.count).toBe(1);
  });
});

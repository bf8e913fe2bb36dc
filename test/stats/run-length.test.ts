/** Censored ARL0 with its interval, the χ² quantile, and first alarms under the runner's rule. */
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, estimateArl0, firstAlarm } from '../../src/stats/run-length.ts';

describe('chiSquareQuantile', () => {
  it('matches tabulated quantiles', () => {
    // χ²₂ is exponential with mean 2: the p-quantile is −2 ln(1 − p).
    expect(chiSquareQuantile(0.5, 2)).toBeCloseTo(-2 * Math.log(0.5), 9);
    expect(chiSquareQuantile(0.975, 1)).toBeCloseTo(5.023886, 5);
    expect(chiSquareQuantile(0.025, 10)).toBeCloseTo(3.246973, 5);
    expect(chiSquareQuantile(0.975, 22)).toBeCloseTo(36.78071, 4);
  });
});

describe('estimateArl0', () => {
  it('Σ L / d with censored runs at their length, and the χ² interval', () => {
    // Runs of 100: first alarms at 19 and 39 (L = 20, 40), one censored at 100 -> 160 / 2 = 80.
    const e = estimateArl0([19, 39, null], [100, 100, 100]);
    expect(e).toMatchObject({ arl0: 80, alarmed: 2, censored: 1, exposure: 160 });
    // 2·160 / χ²_{0.975}(6) = 320 / 14.44938; 2·160 / χ²_{0.025}(4) = 320 / 0.4844186.
    expect(e.lower).toBeCloseTo(320 / 14.44938, 3);
    expect(e.upper).toBeCloseTo(320 / 0.4844186, 2);
  });

  it('no alarm: infinite estimate, a finite lower bound', () => {
    const e = estimateArl0([null, null], [500, 500]);
    expect(e.arl0).toBe(Infinity);
    expect(e.upper).toBe(Infinity);
    // 2·1000 / χ²_{0.975}(2) = 2000 / 7.377759
    expect(e.lower).toBeCloseTo(2000 / 7.377759, 3);
  });
});

describe('firstAlarm', () => {
  const rule = { direction: 'above' as const, debounce: 1, warmup: 0 };
  it('the first tick past the threshold; NaN never counts', () => {
    expect(firstAlarm([0, Number.NaN, 3, 5], 2, rule)).toBe(2);
    expect(firstAlarm([0, 1], 2, rule)).toBeNull();
  });
  it('debounce counts a streak from tick 0, warm-up only delays the alarm', () => {
    expect(firstAlarm([3, 3, 0, 3, 3, 3], 2, { ...rule, debounce: 3 })).toBe(5);
    expect(firstAlarm([3, 3, 3, 3], 2, { ...rule, debounce: 2, warmup: 3 })).toBe(3);
  });
  it('below: p-values under the threshold', () => {
    expect(firstAlarm([0.5, 0.2, 0.001], 0.01, { ...rule, direction: 'below' })).toBe(2);
  });
});

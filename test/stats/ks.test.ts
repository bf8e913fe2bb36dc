/** Two-sample Kolmogorov–Smirnov: hand-checked statistics and the asymptotic p-value. */
import { describe, expect, it } from 'vitest';
import { ksPValue, ksStatistic, ksTwoSample } from '../../src/stats/ks.ts';
import { kolmogorovSurvival } from '../../src/stats/special.ts';
import { RandomStream } from '../../src/core/rng.ts';

describe('ksTwoSample', () => {
  it('two 4-element samples, by hand', () => {
    // a = [1, 2, 3, 4], b = [3, 4, 5, 6]. ECDFs after each value:
    //   x:   1     2     3     4     5     6
    //   Fa: 1/4   1/2   3/4    1     1     1
    //   Fb:  0     0    1/4   1/2   3/4    1
    //   |·|: 1/4  1/2   1/2   1/2   1/4    0     → D = 1/2.
    // nₑ = 4·4/8 = 2; λ = (√2 + 0.12 + 0.11/√2)·0.5 = 0.8059977;
    // Q(λ) = 2(e^(−2λ²) − e^(−8λ²) + e^(−18λ²) − …) = 2(0.2727387 − 0.0055331 + 0.0000083) ≈ 0.5344157.
    const result = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]);
    expect(result.statistic).toBe(0.5);
    expect(result.pValue).toBeCloseTo(0.5344157192165071, 12);
    expect(result.n1).toBe(4);
    expect(result.n2).toBe(4);
  });

  it('handles ties by stepping both ECDFs past a shared value', () => {
    // a = [1, 1, 2], b = [1, 2, 2]: at 1, Fa = 2/3 and Fb = 1/3; at 2 both are 1. D = 1/3.
    expect(ksStatistic([1, 1, 2], [1, 2, 2])).toBeCloseTo(1 / 3, 15);
    // Unequal sizes: a = [0, 1], b = [0.5, 0.5, 0.5]: at 0, 1/2 vs 0; at 0.5, 1/2 vs 1; at 1, 1 vs 1. D = 1/2.
    expect(ksStatistic([1, 0], [0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('gives D = 0 and p-value 1 for identical samples, and D = 1 for disjoint ones', () => {
    const same = ksTwoSample([3, 1, 2, 2, 5], [5, 2, 1, 2, 3]);
    expect(same.statistic).toBe(0);
    expect(same.pValue).toBe(1);
    expect(ksTwoSample([1, 2, 3], [4, 5, 6]).statistic).toBe(1);
  });

  it('is symmetric in its two samples', () => {
    const a = [0.3, 1.2, -0.4, 2.2, 0.9];
    const b = [1.1, 0.2, 3.3, 2.4];
    expect(ksTwoSample(a, b)).toEqual({ ...ksTwoSample(b, a), n1: 5, n2: 4 });
  });

  it('uses λ = (√nₑ + 0.12 + 0.11/√nₑ)·D with nₑ = n·m/(n + m)', () => {
    // n = 30, m = 20: nₑ = 12, √nₑ = 3.4641016.
    const en = Math.sqrt(12);
    expect(ksPValue(0.3, 30, 20)).toBeCloseTo(kolmogorovSurvival((en + 0.12 + 0.11 / en) * 0.3), 15);
  });

  it('does not reject for two samples of one distribution and rejects a one-sigma shift (fixed seed)', () => {
    const rng = new RandomStream('ks', 'samples');
    const a = Array.from({ length: 400 }, () => rng.normal());
    const b = Array.from({ length: 300 }, () => rng.normal());
    const shifted = Array.from({ length: 300 }, () => rng.normal() + 1);
    expect(ksTwoSample(a, b).pValue).toBeGreaterThan(0.05);
    expect(ksTwoSample(a, shifted).pValue).toBeLessThan(1e-6);
  });

  it('never throws: an empty sample gives NaN, p-value 1 and a reason; non-finite values are ignored', () => {
    const empty = ksTwoSample([], [1, 2]);
    expect(empty.statistic).toBeNaN();
    expect(empty.pValue).toBe(1);
    expect(empty.reason).toMatch(/no finite values/);
    expect(ksTwoSample([1, 2, 3, 4, Number.NaN], [3, 4, 5, 6, Number.NEGATIVE_INFINITY]).statistic).toBe(0.5);
  });
});

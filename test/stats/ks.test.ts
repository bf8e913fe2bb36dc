/** Two-sample Kolmogorov–Smirnov: hand-checked statistics, the asymptotic p-value, and the exact one for small samples (vs SciPy). */
import { describe, expect, it } from 'vitest';
import { ksExactPValue, ksPValue, ksStatistic, ksTwoSample, KS_EXACT_MAX_CELLS } from '../../src/stats/ks.ts';
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
    expect(ksPValue(0.5, 4, 4)).toBeCloseTo(0.5344157192165071, 12);
    // Exact (n·m = 16): of the C(8, 4) = 70 interleavings, 54 reach |i − j| ≥ 2 → 54/70 = 0.7714286
    // (SciPy 1.17.1 ks_2samp(method='exact'): 0.7714285714285716).
    const result = ksTwoSample([1, 2, 3, 4], [3, 4, 5, 6]);
    expect(result.statistic).toBe(0.5);
    expect(result.pValue).toBeCloseTo(54 / 70, 13);
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

/** SciPy 1.17.1: ks_2samp(x, y, method='exact') on these samples. */
const SCIPY_X = [-0.8019314252534474, -1.324358995628145, -0.24836162209524854, 0.4204452380655215, 1.1360465324896427, 0.10970639932180819, -0.5526473205362324, -0.7847803553442784, 0.7487457707345911, 1.6347830429585775, 0.27276877584472176, -1.2333286640307717, -0.9582652054360887, 1.6000190889991115, 0.2028824405086084, -1.7321348424395848, -0.08369619281702581, -1.1632259734447485, -0.6292880940615545, -0.48800582327685743, -0.7133133716322436, 0.5533784703532895, -0.06308597192528916, -0.5894312580326048, 0.40963782655711695, 0.8298553070613239, -1.643023371405677, -0.256730126365494, -0.9807473560440125, -0.17315522486203205];
const SCIPY_Y = [-0.2894187467538587, 1.020690394037591, 0.9621142589559317, 0.695662249041511, -0.04792650512024621, 0.6038096695269073, -0.09132890169570906, -0.3552087462047395, 1.2247857324598932, -0.10934993789136604, 2.1702961011782933, 1.7165876558738362, -0.9978166924497212, 1.272128869412488, -0.10171662758104483, 1.0330572201582693, 1.0436319925694215, -0.9884297882311208, 0.76657747623423, 0.744209968600609];

describe('exact two-sample p-value (n·m ≤ 10 000)', () => {
  it('equals SciPy’s method="exact" on unequal and equal sample sizes', () => {
    const a = ksTwoSample([0.3, 1.2, -0.4, 2.2, 0.9, 1.7, -1.1], [1.1, 0.2, 3.3, 2.4, 2.8, 1.9, 3.1, 2.0, 2.6]);
    expect(a.statistic).toBeCloseTo(0.6349206349206349, 14);
    expect(a.pValue).toBeCloseTo(0.05506993006993007, 12);
    const b = ksTwoSample(SCIPY_X, SCIPY_Y);
    expect(b.statistic).toBeCloseTo(0.43333333333333335, 14);
    expect(b.pValue).toBeCloseTo(0.016934452358394424, 12);
    // A tiny p-value keeps its digits (summed in logs, no 1 − P cancellation).
    const far = ksTwoSample(Array.from({ length: 50 }, (_, i) => i), Array.from({ length: 50 }, (_, i) => i + 45.5));
    expect(far.statistic).toBeCloseTo(0.92, 14);
    expect(far.pValue / 7.773164323782225e-23).toBeCloseTo(1, 8);
  });

  it('is the asymptotic formula above n·m = 10 000', () => {
    const rng = new RandomStream('ks', 'large');
    const a = Array.from({ length: 101 }, () => rng.normal());
    const b = Array.from({ length: 100 }, () => rng.normal());
    expect(101 * 100).toBeGreaterThan(KS_EXACT_MAX_CELLS);
    const r = ksTwoSample(a, b);
    expect(r.pValue).toBe(ksPValue(r.statistic, 101, 100));
  });

  it('n = m = 8: the exact tail at each attainable D (from the 12 870 interleavings)', () => {
    // P(D ≥ 5/8) = 1120/12870, P(D ≥ 6/8) = 240/12870, P(D = 1) = 2/12870.
    expect(ksExactPValue(5 / 8, 8, 8)).toBeCloseTo(1120 / 12870, 14);
    expect(ksExactPValue(6 / 8, 8, 8)).toBeCloseTo(240 / 12870, 14);
    expect(ksExactPValue(1, 8, 8)).toBeCloseTo(2 / 12870, 16);
  });

  it('rejects at most the nominal 5% of null samples for n = m from 8 to 50, at the exact attainable size (seeded)', () => {
    const rng = new RandomStream('ks', 'null-size');
    const samples = 1500;
    const rates: number[] = [];
    for (let n = 8; n <= 50; n++) {
      let rejected = 0;
      for (let r = 0; r < samples; r++) {
        const a = Array.from({ length: n }, () => rng.normal());
        const b = Array.from({ length: n }, () => rng.normal());
        if (ksTwoSample(a, b).pValue <= 0.05) rejected++;
      }
      const rate = rejected / samples;
      // The size a non-randomized test can have: the largest exact tail P(D ≥ k/n) not above 5%.
      let size = 0;
      for (let k = n; k >= 1 && ksExactPValue(k / n, n, n) <= 0.05; k--) size = ksExactPValue(k / n, n, n);
      const se = Math.sqrt((size * (1 - size)) / samples);
      expect(Math.abs(rate - size)).toBeLessThan(4 * se);
      expect(rate).toBeLessThanOrEqual(0.06);
      rates.push(rate);
    }
    const mean = rates.reduce((s, r) => s + r, 0) / rates.length;
    expect(mean).toBeGreaterThan(0.03);
    expect(mean).toBeLessThan(0.05);
  });
});

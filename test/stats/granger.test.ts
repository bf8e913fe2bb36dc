/**
 * Granger causality F-test: the F formula, a small vector checked against an independent
 * least-squares computation, detection on simulated data, and degenerate inputs.
 */
import { describe, expect, it } from 'vitest';
import { grangerCausality } from '../../src/stats/granger.ts';
import { pearson } from '../../src/stats/correlation.ts';
import { fSurvival } from '../../src/stats/special.ts';
import { RandomStream } from '../../src/core/rng.ts';

/** y_t = 0.8·x_{t−1} + e_t with x, e standard normal from a fixed seed; z is independent of both. */
function simulated(T: number) {
  const rng = new RandomStream('granger', 'drives');
  const x = Array.from({ length: T }, () => rng.normal());
  const y = x.map((_, t) => (t > 0 ? 0.8 * x[t - 1]! : 0) + rng.normal());
  const z = Array.from({ length: T }, () => rng.normal());
  return { x, y, z };
}

const x14 = [1, 3, 2, 5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12];
const y14 = [0, 2, 1, 4, 2, 6, 3, 5, 4, 9, 6, 8, 7, 12];

describe('grangerCausality', () => {
  it('computes F = ((RSS_r − RSS_u)/p) / (RSS_u/(n − 2p − 1)) and its F(p, n − 2p − 1) tail', () => {
    const r = grangerCausality(x14, y14, 2);
    // T = 14, p = 2: n = 12 observations, df2 = 12 − 4 − 1 = 7.
    expect([r.n, r.df1, r.df2]).toEqual([12, 2, 7]);
    const f = ((r.rssRestricted - r.rssUnrestricted) / 2) / (r.rssUnrestricted / 7);
    expect(r.statistic).toBeCloseTo(f, 10);
    expect(r.pValue).toBe(fSurvival(r.statistic, 2, 7));
  });

  it('matches an independent least-squares computation on a 14-point vector (NumPy lstsq + SciPy f.sf, offline)', () => {
    const p1 = grangerCausality(x14, y14, 1);
    expect(p1.rssRestricted).toBeCloseTo(86.20270270270271, 9);
    expect(p1.rssUnrestricted).toBeCloseTo(48.174690748591686, 9);
    expect(p1.statistic).toBeCloseTo(7.893773963711996, 9);
    expect(p1.pValue).toBeCloseTo(0.018488012841944425, 10);
    const p2 = grangerCausality(x14, y14, 2);
    expect(p2.rssRestricted).toBeCloseTo(26.582515160265665, 9);
    expect(p2.rssUnrestricted).toBeCloseTo(2.352491401983234, 9);
    expect(p2.statistic).toBeCloseTo(36.04905126645513, 8);
    expect(p2.pValue).toBeCloseTo(0.00020618729972796254, 11);
  });

  it('restricted RSS with one lag equals the simple-regression closed form Syy·(1 − r²)', () => {
    const { x, y } = simulated(60);
    const target = y.slice(1);
    const lagged = y.slice(0, -1);
    const mean = target.reduce((s, v) => s + v, 0) / target.length;
    const syy = target.reduce((s, v) => s + (v - mean) ** 2, 0);
    const r = pearson(lagged, target);
    expect(grangerCausality(x, y, 1).rssRestricted).toBeCloseTo(syy * (1 - r * r), 10);
  });

  it('finds that x drives y (p < 1e-6) and not the reverse or an independent series (p > 0.01)', () => {
    const { x, y, z } = simulated(300);
    expect(grangerCausality(x, y, 1).pValue).toBeLessThan(1e-6);
    expect(grangerCausality(x, y, 3).pValue).toBeLessThan(1e-6);
    expect(grangerCausality(y, x, 1).pValue).toBeGreaterThan(0.01);
    expect(grangerCausality(z, y, 2).pValue).toBeGreaterThan(0.01);
  });

  it('never throws on degenerate data: NaN statistic, p-value 1 and a reason', () => {
    const { x, y } = simulated(40);
    const cases = [
      [grangerCausality(new Array<number>(40).fill(3), y, 1), /unrestricted regression: column 2 is constant or collinear/],
      [grangerCausality(x, new Array<number>(40).fill(1), 1), /restricted regression/],
      [grangerCausality(x.slice(0, 4), y.slice(0, 4), 1), /too few for 1 lags \(need at least 5\)/],
      [grangerCausality(x, y.slice(1), 1), /x has 40 values but y has 39/],
      [grangerCausality(x, y, 0), /lags must be at least 1/],
      [grangerCausality(x.map((v, t) => (t === 5 ? Number.NaN : v)), y, 1), /non-finite/],
    ] as const;
    for (const [result, reason] of cases) {
      expect(result.statistic).toBeNaN();
      expect(result.pValue).toBe(1);
      expect(result.reason).toMatch(reason);
    }
  });
});

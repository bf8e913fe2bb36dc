/** Pearson, lagged cross-correlation and herding (mean pairwise correlation), by hand. */
import { describe, expect, it } from 'vitest';
import { crossCorrelation, meanPairwiseCorrelation, pearson, peakCrossCorrelation } from '../../src/stats/correlation.ts';
import { RandomStream } from '../../src/core/rng.ts';

describe('pearson', () => {
  it('by hand', () => {
    // x = [1, 2, 3, 4], y = [2, 4, 5, 9]: means 2.5 and 5; deviations (−1.5, −0.5, 0.5, 1.5)
    // and (−3, −1, 0, 4); Sxy = 4.5 + 0.5 + 0 + 6 = 11, Sxx = 5, Syy = 26; r = 11/√130 ≈ 0.9647638.
    expect(pearson([1, 2, 3, 4], [2, 4, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 15);
  });

  it('is ±1 for exact linear relations and invariant to affine rescaling', () => {
    expect(pearson([1, 2, 3], [5, 7, 9])).toBe(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBe(-1);
    const x = [0.2, 1.4, -0.3, 2.2, 0.9];
    const y = [1.1, 0.4, 0.3, 2.0, 1.6];
    expect(pearson(x.map((v) => 3 * v - 7), y.map((v) => 0.5 * v + 100))).toBeCloseTo(pearson(x, y), 13);
  });

  it('is NaN when undefined (constant series, fewer than two pairs) and drops non-finite pairs', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1], [2])).toBeNaN();
    expect(pearson([1, 2, Number.NaN, 3, 4], [2, 4, 100, 5, 9])).toBeCloseTo(11 / Math.sqrt(130), 15);
  });
});

describe('crossCorrelation', () => {
  it('finds x leading y by two steps, by hand', () => {
    // y_{t+2} = x_t for t = 0 … 3, so lag 2 pairs (1,1) (3,3) (2,2) (5,5): correlation 1.
    // Lag 0 pairs x with y: (1,0) (3,0) (2,1) (5,3) (4,2) (6,5) — positive but below 1.
    const x = [1, 3, 2, 5, 4, 6];
    const y = [0, 0, 1, 3, 2, 5];
    const ccf = crossCorrelation(x, y, 3);
    expect(ccf).toHaveLength(4);
    expect(ccf[2]).toBe(1);
    expect(ccf[0]).toBeCloseTo(pearson(x, y), 15);
    // Lag 1 is Pearson on (x_0 … x_4, y_1 … y_5).
    expect(ccf[1]).toBeCloseTo(pearson([1, 3, 2, 5, 4], [0, 1, 3, 2, 5]), 15);
    expect(peakCrossCorrelation(x, y, 3)).toEqual({ lag: 2, correlation: 1 });
  });

  it('recovers a lag from noisy data and is NaN where the overlap is too short', () => {
    const rng = new RandomStream('correlation', 'lag');
    const x = Array.from({ length: 400 }, () => rng.normal());
    const y = x.map((_, t) => (t >= 3 ? 0.7 * x[t - 3]! : 0) + 0.5 * rng.normal());
    expect(peakCrossCorrelation(x, y, 6).lag).toBe(3);
    expect(crossCorrelation([1, 2, 3], [1, 2, 3], 4).slice(2)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(peakCrossCorrelation([1, 1, 1], [1, 2, 3], 1)).toEqual({ lag: -1, correlation: Number.NaN });
  });
});

describe('meanPairwiseCorrelation (herding)', () => {
  it('by hand, leaving out a flat (halted) series', () => {
    // a and b move together (r = 1), c is their mirror (r = −1 with each), d is flat (undefined).
    // Mean of the defined pairs: (1 − 1 − 1)/3 = −1/3.
    const a = [1, 2, 3, 4];
    const b = [2, 4, 6, 8];
    const c = [4, 3, 2, 1];
    const d = [0, 0, 0, 0];
    const result = meanPairwiseCorrelation([a, b, c, d]);
    expect(result.pairs).toHaveLength(6);
    expect(result.pairs.filter((p) => Number.isNaN(p.correlation)).map((p) => [p.i, p.j])).toEqual([[0, 3], [1, 3], [2, 3]]);
    expect(result.mean).toBeCloseTo(-1 / 3, 15);
  });

  it('is NaN with fewer than two usable series', () => {
    expect(meanPairwiseCorrelation([[1, 2, 3]]).mean).toBeNaN();
    expect(meanPairwiseCorrelation([[1, 2, 3], [5, 5, 5]]).mean).toBeNaN();
  });
});

/** Population Stability Index: hand-checked bins and sums, the epsilon floor, quantile edges. */
import { describe, expect, it } from 'vitest';
import {
  PSI_MODERATE,
  PSI_SIGNIFICANT,
  binFractions,
  psi,
  psiFromEdges,
  quantileEdges,
  quantileSorted,
} from '../../src/stats/psi.ts';
import { RandomStream } from '../../src/core/rng.ts';

describe('psi', () => {
  it('two bins, by hand', () => {
    // Reference [1, 2, 3, 4]: the median (type 7) is 2.5, so bins (−∞, 2.5] and (2.5, ∞),
    // reference fractions 1/2, 1/2. Current [1, 1, 1, 4]: fractions 3/4, 1/4.
    // PSI = (3/4 − 1/2)·ln(3/2) + (1/4 − 1/2)·ln(1/2) = ¼·ln(3/2) + ¼·ln 2 = ¼·ln 3 ≈ 0.2746531.
    const result = psi([1, 2, 3, 4], [1, 1, 1, 4], { bins: 2 });
    expect(result.psi).toBeCloseTo(0.25 * Math.log(3), 14);
    expect(result.bins.map((b) => [b.lower, b.upper, b.referenceFraction, b.currentFraction])).toEqual([
      [Number.NEGATIVE_INFINITY, 2.5, 0.5, 0.75],
      [2.5, Number.POSITIVE_INFINITY, 0.5, 0.25],
    ]);
    expect(result.bins[0]!.contribution).toBeCloseTo(0.25 * Math.log(1.5), 14);
  });

  it('floors an empty bin at epsilon = 1e-4 by default', () => {
    // Current [1, 1, 1, 1] leaves the upper bin empty: c = (1, 1e-4), r = (1/2, 1/2).
    // PSI = ½·ln 2 + (1e-4 − ½)·ln(1e-4 / ½) = 0.3465736 + 4.2577449 ≈ 4.6043185.
    expect(psi([1, 2, 3, 4], [1, 1, 1, 1], { bins: 2 }).psi).toBeCloseTo(4.60431846666895, 12);
    // A larger floor gives a smaller (still finite) value.
    const floored = psi([1, 2, 3, 4], [1, 1, 1, 1], { bins: 2, epsilon: 0.01 }).psi;
    expect(floored).toBeCloseTo(0.5 * Math.log(2) + (0.01 - 0.5) * Math.log(0.01 / 0.5), 12);
  });

  it('is 0 for identical samples and symmetric in shape: swapping r and c gives the same value on fixed edges', () => {
    const rng = new RandomStream('psi', 'identical');
    const sample = Array.from({ length: 500 }, () => rng.normal());
    expect(psi(sample, sample).psi).toBe(0);
    const edges = [-1, 0, 1];
    const other = sample.map((x) => x + 0.3);
    expect(psiFromEdges(sample, other, edges).psi).toBeCloseTo(psiFromEdges(other, sample, edges).psi, 14);
  });

  it('uses 10 reference-quantile bins by default, each holding a tenth of the reference', () => {
    const reference = Array.from({ length: 100 }, (_, i) => i + 1);
    const result = psi(reference, reference.map((x) => x + 50));
    expect(result.bins).toHaveLength(10);
    for (const b of result.bins) expect(b.referenceFraction).toBeCloseTo(0.1, 14);
    // Edges (type 7) are 1 + 99·i/10 = 10.9, 20.8, …, 90.1. The current 51 … 150 leaves the
    // lower five bins (up to 50.5) empty, and 91 … 150 (60 of 100) land in the top bin.
    expect(quantileEdges(reference)[0]).toBeCloseTo(10.9, 12);
    expect(result.bins.slice(0, 5).every((b) => b.currentFraction === 0)).toBe(true);
    expect(result.bins[9]!.currentFraction).toBeCloseTo(0.6, 14);
    expect(result.psi).toBeGreaterThan(PSI_SIGNIFICANT);
  });

  it('ranks a small shift below the moderate threshold and a large one above the significant threshold', () => {
    expect(PSI_MODERATE).toBe(0.1);
    expect(PSI_SIGNIFICANT).toBe(0.25);
    const rng = new RandomStream('psi', 'shift');
    const reference = Array.from({ length: 2000 }, () => rng.normal());
    const same = Array.from({ length: 2000 }, () => rng.normal());
    const shifted = Array.from({ length: 2000 }, () => rng.normal() + 1);
    expect(psi(reference, same).psi).toBeLessThan(PSI_MODERATE);
    expect(psi(reference, shifted).psi).toBeGreaterThan(PSI_SIGNIFICANT);
  });

  it('returns NaN when a sample has no finite values, and ignores non-finite values otherwise', () => {
    expect(psi([], [1, 2]).psi).toBeNaN();
    expect(psi([1, 2, 3], [Number.NaN]).psi).toBeNaN();
    expect(psi([1, 2, 3, 4, Number.NaN], [1, 1, 1, 4, Number.POSITIVE_INFINITY], { bins: 2 }).psi).toBeCloseTo(0.25 * Math.log(3), 14);
  });
});

describe('quantile edges and bin fractions', () => {
  it('type-7 quantiles by hand', () => {
    // [10, 20, 30, 40]: h = 3q, so q = 0.25 → 10 + 0.75·10 = 17.5; q = 0.5 → 25; q = 1 → 40.
    expect(quantileSorted([10, 20, 30, 40], 0.25)).toBe(17.5);
    expect(quantileSorted([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileSorted([10, 20, 30, 40], 1)).toBe(40);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('merges tied quantiles, so a reference with few distinct values gets fewer bins', () => {
    // [0, 0, 0, 0, 1] with 4 bins: quantiles 0.25, 0.5 and 0.75 are all 0.
    expect(quantileEdges([0, 0, 0, 0, 1], 4)).toEqual([0]);
    expect(psi([0, 0, 0, 0, 1], [0, 1, 1, 1, 1], { bins: 4 }).bins).toHaveLength(2);
  });

  it('puts a value equal to an edge in the lower bin', () => {
    expect(binFractions([1, 2, 2, 3], [2])).toEqual([0.75, 0.25]);
  });
});

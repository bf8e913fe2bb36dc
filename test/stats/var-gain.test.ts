/** VAR(1) loop gain: exact recovery without noise, estimates on simulated data, degenerate inputs. */
import { describe, expect, it } from 'vitest';
import { fitVar1 } from '../../src/stats/var-gain.ts';
import { RandomStream } from '../../src/core/rng.ts';

/** Simulates z_t = c + A z_{t−1} + σ·e_t from z_0 = 0 with a fixed seed; returns one array per series. */
function simulate(A: number[][], c: number[], T: number, sigma: number, seed: string): number[][] {
  const rng = new RandomStream('var-gain', seed);
  const k = A.length;
  const out: number[][] = Array.from({ length: k }, () => [0]);
  let z = new Array<number>(k).fill(0);
  for (let t = 1; t < T; t++) {
    z = A.map((row, i) => c[i]! + row.reduce((s, a, j) => s + a * z[j]!, 0) + sigma * rng.normal());
    z.forEach((v, i) => out[i]!.push(v));
  }
  return out;
}

/** The loop orders_A → price change → orders_B → orders_A with self-decay a and link gain g: radius a + g. */
const cyclic = (a: number, g: number) => [[a, 0, g], [g, a, 0], [0, g, a]];

describe('fitVar1', () => {
  it('recovers A and c exactly from a noiseless path (2×2, by construction)', () => {
    // Iterating z_t = c + A z_{t−1} from a non-equilibrium start gives data the model fits exactly.
    const A = [[0.5, 0.2], [-0.3, 0.4]];
    // Start at (5, 0), off the fixed point, so the path is informative.
    const rebuilt: number[][] = [[5], [0]];
    for (let t = 1; t < 12; t++) {
      const prev = [rebuilt[0]![t - 1]!, rebuilt[1]![t - 1]!];
      rebuilt[0]!.push(1 + 0.5 * prev[0]! + 0.2 * prev[1]!);
      rebuilt[1]!.push(-2 - 0.3 * prev[0]! + 0.4 * prev[1]!);
    }
    const fit = fitVar1(rebuilt);
    expect(fit.reason).toBeUndefined();
    fit.coefficients.flat().forEach((v, i) => expect(v).toBeCloseTo(A.flat()[i]!, 9));
    expect(fit.intercepts[0]).toBeCloseTo(1, 9);
    expect(fit.intercepts[1]).toBeCloseTo(-2, 9);
    // Eigenvalues of A: λ² − 0.9λ + 0.26 = 0 → 0.45 ± √(0.2025 − 0.26) → 0.45 ± 0.2398i; |λ| = √0.26.
    expect(fit.spectralRadius).toBeCloseTo(Math.sqrt(0.26), 9);
  });

  it('estimates the spectral radius of a simulated stable loop within 0.05 (true 0.8)', () => {
    const series = simulate(cyclic(0.3, 0.5), [0.1, 0, -0.1], 2000, 1, 'stable');
    const fit = fitVar1(series);
    expect(fit.n).toBe(1999);
    expect(Math.abs(fit.spectralRadius - 0.8)).toBeLessThan(0.05);
    fit.coefficients.flat().forEach((v, i) => expect(Math.abs(v - cyclic(0.3, 0.5).flat()[i]!)).toBeLessThan(0.1));
  });

  it('reads an explosive loop (true radius 1.05) as above 1', () => {
    const series = simulate(cyclic(0.55, 0.5), [0, 0, 0], 300, 1, 'explosive');
    const fit = fitVar1(series);
    expect(fit.spectralRadius).toBeGreaterThan(1);
    expect(Math.abs(fit.spectralRadius - 1.05)).toBeLessThan(0.05);
  });

  it('never throws on degenerate data: NaN radius and a reason', () => {
    const series = simulate(cyclic(0.3, 0.5), [0, 0, 0], 50, 1, 'degenerate');
    expect(fitVar1([series[0]!, new Array<number>(50).fill(2)]).reason).toMatch(/constant or collinear/);
    expect(fitVar1([series[0]!, series[0]!.map((v) => 2 * v)]).reason).toMatch(/collinear/);
    expect(fitVar1([series[0]!.slice(0, 3), series[1]!.slice(0, 3)]).reason).toMatch(/too few/);
    expect(fitVar1([series[0]!, series[1]!.slice(1)]).reason).toMatch(/different lengths/);
    expect(fitVar1([]).reason).toMatch(/no series/);
    expect(fitVar1([series[0]!, new Array<number>(50).fill(2)]).spectralRadius).toBeNaN();
  });
});

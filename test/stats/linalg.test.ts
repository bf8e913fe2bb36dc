/** Least squares by QR and eigenvalues of small matrices, against hand computations and known spectra. */
import { describe, expect, it } from 'vitest';
import { characteristicPolynomial, eigenvalues, leastSquares, spectralRadius, type Complex } from '../../src/stats/linalg.ts';

const modulus = (z: Complex) => Math.hypot(z.re, z.im);

/** Sorts by real part then imaginary part, for comparing spectra. */
const byParts = (zs: Complex[]) => [...zs].sort((p, q) => p.re - q.re || p.im - q.im);

function expectSpectrum(actual: Complex[], expected: Complex[], tol: number): void {
  const a = byParts(actual);
  const e = byParts(expected);
  expect(a).toHaveLength(e.length);
  a.forEach((z, i) => {
    expect(Math.abs(z.re - e[i]!.re)).toBeLessThan(tol);
    expect(Math.abs(z.im - e[i]!.im)).toBeLessThan(tol);
  });
}

describe('leastSquares', () => {
  it('simple regression, by hand', () => {
    // x = [0, 1, 2, 3], y = [1, 3, 2, 5]: Sxx = 5, Sxy = 5.5, Syy = 8.75, so slope = 1.1,
    // intercept = 2.75 − 1.1·1.5 = 1.1, RSS = Syy − Sxy²/Sxx = 8.75 − 6.05 = 2.7.
    const fit = leastSquares([[1, 0], [1, 1], [1, 2], [1, 3]], [1, 3, 2, 5]);
    expect(fit.ok).toBe(true);
    expect(fit.coefficients[0]).toBeCloseTo(1.1, 13);
    expect(fit.coefficients[1]).toBeCloseTo(1.1, 13);
    expect(fit.rss).toBeCloseTo(2.7, 13);
  });

  it('recovers an exact plane with zero residual', () => {
    // y = 2 − 3a + 0.5b on five points.
    const rows = [[1, 0, 0], [1, 1, 0], [1, 0, 1], [1, 2, 3], [1, -1, 4]];
    const y = rows.map(([, a, b]) => 2 - 3 * a! + 0.5 * b!);
    const fit = leastSquares(rows, y);
    expect(fit.coefficients.map((c) => Number(c.toFixed(12)))).toEqual([2, -3, 0.5]);
    expect(fit.rss).toBeLessThan(1e-24);
  });

  it('reports a singular design instead of throwing', () => {
    const duplicate = leastSquares([[1, 2, 2], [1, 3, 3], [1, 5, 5], [1, 7, 7]], [1, 2, 3, 4]);
    expect(duplicate.ok).toBe(false);
    expect(duplicate.reason).toMatch(/column 2 is constant or collinear/);
    expect(duplicate.coefficients.every(Number.isNaN)).toBe(true);
    expect(leastSquares([[1, 4], [1, 4], [1, 4]], [1, 2, 3]).ok).toBe(false);
    expect(leastSquares([[1, 2]], [1]).reason).toMatch(/1 observations for 2 coefficients/);
    expect(leastSquares([[1, Number.NaN], [1, 2], [1, 3]], [1, 2, 3]).reason).toMatch(/non-finite/);
  });
});

describe('eigenvalues and spectral radius', () => {
  it('characteristic polynomial of a 2×2 is λ² − tr·λ + det', () => {
    // [[1, 2], [3, 4]]: trace 5, determinant −2 → coefficients (c₀, c₁, c₂) = (−2, −5, 1).
    expect(characteristicPolynomial([[1, 2], [3, 4]])).toEqual([-2, -5, 1]);
  });

  it('symmetric, rotation, triangular and Jordan-block matrices', () => {
    expectSpectrum(eigenvalues([[2, 1], [1, 2]]), [{ re: 1, im: 0 }, { re: 3, im: 0 }], 1e-12);
    // A rotation by 90° scaled by 0.9: eigenvalues ±0.9i, spectral radius 0.9.
    expectSpectrum(eigenvalues([[0, -0.9], [0.9, 0]]), [{ re: 0, im: -0.9 }, { re: 0, im: 0.9 }], 1e-12);
    const triangular = [[0.7, 0.2, 0.1, 5], [0, -0.5, 0.3, 1], [0, 0, 0.2, -2], [0, 0, 0, -0.95]];
    expectSpectrum(eigenvalues(triangular), [-0.95, -0.5, 0.2, 0.7].map((re) => ({ re, im: 0 })), 1e-10);
    expect(spectralRadius(triangular)).toBeCloseTo(0.95, 10);
    // A double eigenvalue (Jordan block) converges only to about √ε.
    expect(spectralRadius([[1, 1], [0, 1]])).toBeCloseTo(1, 6);
  });

  it('a cyclic loop a·I + g·P (P the 3-cycle) has eigenvalues a + g·ω^k and radius a + g', () => {
    // P's eigenvalues are the cube roots of unity ω^k = exp(2πik/3).
    const a = 0.3;
    const g = 0.5;
    const A = [[a, 0, g], [g, a, 0], [0, g, a]];
    const expected = [0, 1, 2].map((k) => ({ re: a + g * Math.cos((2 * Math.PI * k) / 3), im: g * Math.sin((2 * Math.PI * k) / 3) }));
    expectSpectrum(eigenvalues(A), expected, 1e-12);
    expect(spectralRadius(A)).toBeCloseTo(0.8, 12);
  });

  it('a 4×4 companion matrix has its polynomial’s roots: 0.9, −0.5 and 0.3 ± 0.4i', () => {
    // (λ − 0.9)(λ + 0.5) = λ² − 0.4λ − 0.45 and (λ − 0.3)² + 0.4² = λ² − 0.6λ + 0.25; their product is
    // λ⁴ − λ³ + 0.04λ² + 0.17λ − 0.1125, whose companion matrix has first row (1, −0.04, −0.17, 0.1125).
    const C = [[1, -0.04, -0.17, 0.1125], [1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]];
    const expected = [{ re: 0.9, im: 0 }, { re: -0.5, im: 0 }, { re: 0.3, im: 0.4 }, { re: 0.3, im: -0.4 }];
    const lambdas = eigenvalues(C);
    expectSpectrum(lambdas, expected, 1e-10);
    expect(modulus(lambdas[0]!)).toBeCloseTo(0.9, 10); // sorted by decreasing modulus
    expect(spectralRadius(C)).toBeCloseTo(0.9, 10);
  });

  it('is 0 for the zero matrix and NaN for a non-finite entry', () => {
    expect(spectralRadius([[0, 0, 0], [0, 0, 0], [0, 0, 0]])).toBeLessThan(1e-5);
    expect(spectralRadius([[1, Number.NaN], [0, 1]])).toBeNaN();
  });
});

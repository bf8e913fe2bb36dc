/**
 * Special functions against closed forms, exact identities and a few reference values.
 * Values marked "SciPy" were computed once with SciPy 1.17 (scipy.stats / scipy.special)
 * outside this repository; SciPy is not a dependency.
 */
import { describe, expect, it } from 'vitest';
import {
  chiSquareSurvival,
  erfc,
  fSurvival,
  gammaP,
  gammaQ,
  incompleteBeta,
  kolmogorovSurvival,
  logGamma,
  normalCdf,
  studentTCdf,
} from '../../src/stats/special.ts';

const close = (actual: number, expected: number, tol: number) => expect(Math.abs(actual - expected)).toBeLessThan(tol);

describe('logGamma', () => {
  it('matches Γ(1/2) = √π, Γ(3/2) = √π/2 and Γ(−1/2) = −2√π (log of the absolute value)', () => {
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 1e-14);
    close(logGamma(1.5), Math.log(Math.sqrt(Math.PI) / 2), 1e-14);
    close(logGamma(-0.5), Math.log(2 * Math.sqrt(Math.PI)), 1e-14);
  });

  it('matches log((n−1)!) at integers', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      close(logGamma(n), Math.log(factorial), 1e-13 * Math.max(1, Math.log(factorial)));
      factorial *= n;
    }
    close(logGamma(100), 359.1342053695754, 1e-11); // log(99!)
  });

  it('matches reference values (SciPy gammaln) and is infinite at the poles', () => {
    close(logGamma(0.1), 2.252712651734206, 1e-13);
    close(logGamma(3.7), 1.428072326665388, 1e-13);
    close(logGamma(1e5), 1051287.7089736569, 1e-7);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('incompleteBeta', () => {
  it('I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b', () => {
    for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
      for (const a of [0.3, 1, 2.5, 7]) {
        close(incompleteBeta(x, a, 1), x ** a, 1e-13);
        close(incompleteBeta(x, 1, a), 1 - (1 - x) ** a, 1e-13);
      }
    }
  });

  it('I_x(2, 2) = x²(3 − 2x), I_{1/2}(a, a) = 1/2, and the symmetry I_x(a, b) = 1 − I_{1−x}(b, a)', () => {
    for (const x of [0.1, 0.3, 0.6, 0.9]) close(incompleteBeta(x, 2, 2), x * x * (3 - 2 * x), 1e-14);
    for (const a of [0.5, 3, 40]) close(incompleteBeta(0.5, a, a), 0.5, 1e-13);
    close(incompleteBeta(0.3, 4.2, 1.7), 1 - incompleteBeta(0.7, 1.7, 4.2), 1e-14);
  });

  it('matches reference values (SciPy betainc), including large shapes', () => {
    close(incompleteBeta(0.42, 2.5, 3.7), 0.5537866565145153, 1e-13);
    close(incompleteBeta(0.45, 50, 60), 0.4642352914306031, 1e-12);
    close(incompleteBeta(0.1, 0.5, 0.5), 0.20483276469913345, 1e-13); // = (2/π)·asin(√0.1)
    close(incompleteBeta(0.1, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(0.1)), 1e-13);
  });

  it('is 0 and 1 at the ends and NaN for invalid shapes', () => {
    expect(incompleteBeta(0, 2, 3)).toBe(0);
    expect(incompleteBeta(1, 2, 3)).toBe(1);
    expect(incompleteBeta(0.5, 0, 3)).toBeNaN();
    expect(incompleteBeta(1.5, 2, 3)).toBeNaN();
  });
});

describe('fSurvival', () => {
  it('has the closed form (1 + d1·F/d2)^(−d2/2) for d1 = 2', () => {
    for (const d2 of [1, 3, 10, 57]) {
      for (const f of [0.1, 1, 3, 12]) close(fSurvival(f, 2, d2), (1 + (2 * f) / d2) ** (-d2 / 2), 1e-14);
    }
  });

  it('equals the two-sided t tail for d1 = 1: P(F(1, ν) > t²) = 2·(1 − T_ν(|t|))', () => {
    for (const [t, nu] of [[1.3, 4], [2.5, 17]] as const) close(fSurvival(t * t, 1, nu), 2 * (1 - studentTCdf(t, nu)), 1e-13);
  });

  it('matches reference values (SciPy f.sf) and the edge cases', () => {
    close(fSurvival(3.5, 4, 20), 0.02538523086644128, 1e-14);
    close(fSurvival(2.0, 7, 13), 0.13307860229199242, 1e-14);
    close(fSurvival(10, 3, 200) / 3.5948204444886414e-6, 1, 1e-10);
    expect(fSurvival(0, 3, 5)).toBe(1);
    expect(fSurvival(-1, 3, 5)).toBe(1);
    expect(fSurvival(Number.POSITIVE_INFINITY, 3, 5)).toBe(0);
    expect(fSurvival(1, 0, 5)).toBeNaN();
  });
});

describe('normal, t, chi-square and the incomplete gamma', () => {
  it('normal: Φ(0) = 1/2, Φ(1.959963984540054) = 0.975, Φ(−3) (SciPy), erfc(0) = 1', () => {
    close(normalCdf(0), 0.5, 1e-15);
    close(normalCdf(1.959963984540054), 0.975, 1e-14);
    close(normalCdf(-3), 0.0013498980316300933, 1e-16);
    close(erfc(0), 1, 1e-15);
    close(erfc(-1) + erfc(1), 2, 1e-15);
  });

  it("Student t: T_1 is Cauchy's arctan closed form; t_{0.975, 10} = 2.228138851986274 (SciPy)", () => {
    for (const t of [-4, -0.5, 0, 0.8, 3]) close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-14);
    close(studentTCdf(2.228138851986274, 10), 0.975, 1e-13);
    close(studentTCdf(-1.5, 3), 0.11529193262241147, 1e-14);
  });

  it('chi-square: k = 2 is exp(−x/2); the 5% point for k = 1 is 3.8414588206941285; P + Q = 1', () => {
    for (const x of [0.5, 2, 9]) close(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-14);
    close(chiSquareSurvival(3.8414588206941285, 1), 0.05, 1e-14);
    close(chiSquareSurvival(10, 3), 0.01856613546304325, 1e-14);
    for (const [a, x] of [[0.5, 0.2], [3, 2], [3, 9], [20, 25]] as const) close(gammaP(a, x) + gammaQ(a, x), 1, 1e-14);
    close(gammaP(1, 2), 1 - Math.exp(-2), 1e-15); // P(1, x) = 1 − e^(−x)
  });
});

describe('kolmogorovSurvival', () => {
  it('Q(1) ≈ 0.26999967 and the 5% and 1% points 1.3581 / 1.6276 (SciPy kstwobign)', () => {
    close(kolmogorovSurvival(1), 0.26999967167735456, 1e-13);
    close(kolmogorovSurvival(1.3580986393225507), 0.05, 1e-12);
    close(kolmogorovSurvival(1.6276236115189504), 0.01, 1e-12);
    close(kolmogorovSurvival(0.3), 0.9999906941986655, 1e-13);
    close(kolmogorovSurvival(2.5) / 7.453306344157342e-6, 1, 1e-10);
  });

  it('is 1 at 0, tends to 2·exp(−2λ²) in the tail, and is continuous where the two series meet (λ = 1.18)', () => {
    expect(kolmogorovSurvival(0)).toBe(1);
    close(kolmogorovSurvival(4) / (2 * Math.exp(-32)), 1, 1e-12);
    // Slope there is about −0.58, so a step of 1e-9 moves Q by about 6e-10.
    close(kolmogorovSurvival(1.18 - 1e-9), kolmogorovSurvival(1.18), 1e-9);
  });

  it('decreases monotonically', () => {
    let previous = 1;
    for (let l = 0.05; l < 3; l += 0.05) {
      const q = kolmogorovSurvival(l);
      expect(q).toBeLessThanOrEqual(previous);
      previous = q;
    }
  });
});

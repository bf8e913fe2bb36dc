/**
 * Special functions behind the monitors' p-values: log-gamma, the regularized incomplete
 * beta and gamma functions, and the distribution tails built on them (F, Student t,
 * normal, chi-square, Kolmogorov). Pure, dependency-free, double precision.
 *
 * References: W. H. Press et al., *Numerical Recipes*, 3rd ed. (2007), §6.1 (gamma),
 * §6.2 (incomplete gamma), §6.4 (incomplete beta), §6.14 (Kolmogorov–Smirnov
 * distribution); C. Lanczos (1964) for the gamma approximation.
 *
 * Invalid arguments (NaN, a non-positive shape or degree of freedom) give NaN rather
 * than throwing, so a monitor fed degenerate data reports NaN instead of crashing a run.
 */

/** Iteration cap for the series and continued fractions; they converge in far fewer steps for any argument a monitor produces. */
const MAX_ITERATIONS = 10_000;
/** Relative accuracy at which a series or continued fraction stops. */
const EPS = 1e-15;
/** Near the smallest normal double: keeps Lentz's method away from dividing by zero. */
const FPMIN = 1e-300;

/** Lanczos coefficients for g = 7, n = 9 (P. Godfrey's set; relative error about 1e-15). */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * log |Γ(x)| by the Lanczos approximation (g = 7, 9 terms), with the reflection formula
 * Γ(x)Γ(1−x) = π / sin(πx) below 1/2. Relative error about 1e-15 for x > 0.
 * Returns +Infinity at the poles (0, −1, −2, …).
 */
export function logGamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0 && Number.isInteger(x)) return Number.POSITIVE_INFINITY;
  if (x < 0.5) {
    const s = Math.sin(Math.PI * x);
    return Math.log(Math.PI / Math.abs(s)) - logGamma(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Continued fraction for the incomplete beta function, evaluated by the modified Lentz
 * method (Numerical Recipes 3rd ed. §6.4, `betacf`; Lentz 1976, Thompson & Barnett 1986).
 * Converges quickly for x < (a + 1) / (a + b + 2).
 */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    // Even step of the recurrence.
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    // Odd step.
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), for
 * 0 ≤ x ≤ 1 and a, b > 0. Follows Numerical Recipes 3rd ed. §6.4 (`betai`): the prefactor
 * x^a (1−x)^b / B(a, b) times the Lentz continued fraction, using the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction would converge slowly.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || Number.isNaN(x) || x < 0 || x > 1) return Number.NaN;
  if (x === 0) return 0;
  if (x === 1) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Series for P(a, x), good for x < a + 1 (Numerical Recipes 3rd ed. §6.2, `gser`). */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Continued fraction for Q(a, x), good for x ≥ a + 1 (Numerical Recipes 3rd ed. §6.2, `gcf`, modified Lentz). */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0 (Numerical Recipes §6.2). */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), computed directly in the tail so small values keep their precision. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

/**
 * Survival function of the F distribution, P(X > f) for X ~ F(d1, d2):
 * I_{d2/(d2 + d1 f)}(d2/2, d1/2) (Abramowitz & Stegun 26.6.2; Numerical Recipes §6.14).
 * Returns 1 for f ≤ 0.
 */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Number.POSITIVE_INFINITY) return 0;
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/**
 * Cumulative distribution function of Student's t with `nu` degrees of freedom:
 * the tail is ½ I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz & Stegun 26.7.1; Numerical Recipes §6.14).
 */
export function studentTCdf(t: number, nu: number): number {
  if (Number.isNaN(t) || !(nu > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const tail = 0.5 * incompleteBeta(nu / (nu + t * t), nu / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/** The complementary error function, erfc(x) = Q(1/2, x²) for x ≥ 0 and 2 − erfc(−x) below (Numerical Recipes §6.2). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return x >= 0 ? gammaQ(0.5, x * x) : 1 + gammaP(0.5, x * x);
}

/** Standard normal cumulative distribution function Φ(z) = ½ erfc(−z/√2). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Survival function of the chi-square distribution with `k` degrees of freedom, P(X > x) = Q(k/2, x/2). Returns 1 for x ≤ 0. */
export function chiSquareSurvival(x: number, k: number): number {
  if (Number.isNaN(x) || !(k > 0)) return Number.NaN;
  if (x <= 0) return 1;
  return gammaQ(k / 2, x / 2);
}

/** Below this λ the alternating series converges slowly; Numerical Recipes 3rd ed. §6.14 switches forms at 1.18. */
const KOLMOGOROV_SWITCH = 1.18;

/**
 * Survival function of the Kolmogorov distribution, Q_KS(λ) = P(K > λ) — the limiting
 * distribution of √n·D (Kolmogorov 1933; Numerical Recipes 3rd ed. §6.14, `KSdist::qks`).
 *
 * For λ ≥ 1.18 the alternating series Q = 2 Σ_{j≥1} (−1)^{j−1} exp(−2 j² λ²); below it the
 * Jacobi-theta form P = (√(2π)/λ) Σ_{j≥1} exp(−(2j−1)² π² / (8λ²)), Q = 1 − P, both summed
 * until terms fall below 1e-17. Q(0) = 1; Q(1) ≈ 0.26999967.
 */
export function kolmogorovSurvival(lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda <= 0) return 1;
  if (lambda < KOLMOGOROV_SWITCH) {
    const c = (Math.PI * Math.PI) / (8 * lambda * lambda);
    let sum = 0;
    for (let j = 1; j <= 100; j++) {
      const term = Math.exp(-(2 * j - 1) * (2 * j - 1) * c);
      sum += term;
      if (term < 1e-17 * sum || term === 0) break;
    }
    return Math.max(0, Math.min(1, 1 - (Math.sqrt(2 * Math.PI) / lambda) * sum));
  }
  let sum = 0;
  let sign = 1;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += sign * term;
    if (term < 1e-17) break;
    sign = -sign;
  }
  return Math.max(0, Math.min(1, 2 * sum));
}

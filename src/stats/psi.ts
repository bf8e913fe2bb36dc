/**
 * Population Stability Index (PSI): how far a current sample's distribution has moved from
 * a reference sample's, over bins cut at the reference's quantiles.
 *
 *   PSI = Σ_i (c_i − r_i) · ln(c_i / r_i)
 *
 * with r_i, c_i the reference and current fractions in bin i (the symmetrised
 * Kullback–Leibler divergence of the binned distributions; Siddiqi, *Credit Risk
 * Scorecards*, 2006; Yurdakul, "Statistical properties of the population stability
 * index", 2018). Rule of thumb: PSI < 0.1 no significant shift, 0.1–0.25 moderate
 * shift, > 0.25 significant shift.
 *
 * Streaming use: cut the edges once from the reference window with {@link quantileEdges}
 * and score each current window with {@link psiFromEdges}.
 */

/** PSI below this: no significant population shift (rule of thumb, Siddiqi 2006). */
export const PSI_MODERATE = 0.1;
/** PSI above this: significant population shift (rule of thumb, Siddiqi 2006). */
export const PSI_SIGNIFICANT = 0.25;

export interface PsiOptions {
  /**
   * Number of bins, cut at the reference sample's i/bins quantiles. Tied quantiles are
   * merged, so a reference with few distinct values gets fewer bins.
   * @default 10
   */
  bins?: number;
  /**
   * Floor for a bin fraction, so an empty bin contributes a large but finite term
   * instead of an infinite one (the usual practice; some tools use 1e-6 or add 0.5 counts).
   * @default 1e-4
   */
  epsilon?: number;
}

export interface PsiBin {
  /** Lower edge (exclusive); −Infinity for the first bin. */
  lower: number;
  /** Upper edge (inclusive); +Infinity for the last bin. */
  upper: number;
  /** Fraction of the reference sample in the bin, before the epsilon floor. */
  referenceFraction: number;
  /** Fraction of the current sample in the bin, before the epsilon floor. */
  currentFraction: number;
  /** This bin's term (c − r)·ln(c / r), after the epsilon floor. */
  contribution: number;
}

export interface PsiResult {
  /** The index; NaN when either sample has no finite values. */
  psi: number;
  bins: PsiBin[];
}

function finiteSorted(xs: readonly number[]): number[] {
  return xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
}

/** The q-quantile of an ascending sample (type 7; defined once in core/quantile.ts). */
export { quantileSorted } from '../core/quantile.ts';
import { quantileSorted } from '../core/quantile.ts';

/**
 * Interior bin edges at the reference's quantiles i/bins (i = 1 … bins−1, type 7),
 * ascending with duplicates removed. Non-finite reference values are ignored.
 * @param bins @default 10
 */
export function quantileEdges(reference: readonly number[], bins = 10): number[] {
  const sorted = finiteSorted(reference);
  if (sorted.length === 0) return [];
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const e = quantileSorted(sorted, i / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return edges;
}

/** Fractions of the finite values of `xs` in the bins (−∞, e_0], (e_0, e_1], …, (e_last, +∞). */
export function binFractions(xs: readonly number[], edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (const x of xs) {
    if (!Number.isFinite(x)) continue;
    // Binary search for the first edge ≥ x: x belongs to that bin (edges are upper-inclusive).
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (edges[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]! += 1;
    n += 1;
  }
  return counts.map((c) => (n === 0 ? Number.NaN : c / n));
}

/**
 * PSI of `current` against `reference` over given interior edges (see {@link quantileEdges}).
 * @param epsilon floor for a bin fraction. @default 1e-4
 */
export function psiFromEdges(
  reference: readonly number[],
  current: readonly number[],
  edges: readonly number[],
  epsilon = 1e-4,
): PsiResult {
  const r = binFractions(reference, edges);
  const c = binFractions(current, edges);
  let psi = 0;
  const bins: PsiBin[] = r.map((ri, i) => {
    const ci = c[i]!;
    const rf = Math.max(ri, epsilon);
    const cf = Math.max(ci, epsilon);
    const contribution = (cf - rf) * Math.log(cf / rf);
    psi += contribution;
    return {
      lower: i === 0 ? Number.NEGATIVE_INFINITY : edges[i - 1]!,
      upper: i === edges.length ? Number.POSITIVE_INFINITY : edges[i]!,
      referenceFraction: ri,
      currentFraction: ci,
      contribution,
    };
  });
  return { psi, bins };
}

/**
 * Population Stability Index of `current` against `reference`, with bins cut at the
 * reference's quantiles. Non-finite values are ignored; if either sample has no finite
 * values the result is NaN. Identical samples give 0.
 */
export function psi(reference: readonly number[], current: readonly number[], options: PsiOptions = {}): PsiResult {
  const bins = options.bins ?? 10;
  const epsilon = options.epsilon ?? 1e-4;
  return psiFromEdges(reference, current, quantileEdges(reference, bins), epsilon);
}

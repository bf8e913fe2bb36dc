/**
 * Collinearity of a model's inputs: the correlation matrix of its raw features over a run
 * and that matrix's condition number (largest / smallest eigenvalue). Two features that
 * carry the same information have correlation near ±1 and a huge condition number: the
 * model may lean on either, or on their difference, and breaks when one of them does.
 * Rule of thumb (Belsley, Kuh & Welsch): a condition number above 30 is strong collinearity
 * (they use the square root of this ratio, so here that is above 900).
 */
import { pearson } from '../stats/correlation.ts';

export interface CollinearityReport {
  features: string[];
  /** correlation[i][j] of raw features i and j. */
  correlation: number[][];
  /** Eigenvalues of the correlation matrix, largest first. */
  eigenvalues: number[];
  /** Largest / smallest eigenvalue (Infinity when the smallest is 0). */
  condition: number;
}

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const n = matrix.length;
  const a = matrix.map((r) => [...r]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((r, i) => r[i]!).sort((x, y) => y - x);
}

/** The report for columns of values (columns[f][t]). */
export function collinearity(features: string[], columns: readonly (readonly number[])[]): CollinearityReport {
  const n = columns.length;
  const correlation = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : pearson(columns[i]!, columns[j]!))));
  // A constant column has undefined correlation; treat it as uncorrelated so the report stays finite.
  for (const row of correlation) row.forEach((x, j) => (row[j] = Number.isFinite(x) ? x : 0));
  const eigenvalues = symmetricEigenvalues(correlation);
  const smallest = Math.max(0, eigenvalues[eigenvalues.length - 1]!);
  return { features, correlation, eigenvalues, condition: smallest > 1e-15 ? eigenvalues[0]! / smallest : Number.POSITIVE_INFINITY };
}

export function formatCollinearity(model: string, r: CollinearityReport): string {
  const w = Math.max(8, ...r.features.map((f) => f.length));
  const out = [`Collinearity of ${model}'s inputs (raw values of the warm-up it trained on, world 0)`];
  out.push(`    ${''.padEnd(w)}  ${r.features.map((f) => f.padStart(w)).join('  ')}`);
  r.features.forEach((f, i) => out.push(`    ${f.padEnd(w)}  ${r.correlation[i]!.map((x) => x.toFixed(3).padStart(w)).join('  ')}`));
  const verdict = r.condition > 900 ? 'strong collinearity: one feature largely repeats another' : r.condition > 100 ? 'moderate collinearity' : 'no worrying collinearity';
  out.push(`    condition number ${Number.isFinite(r.condition) ? r.condition.toFixed(1) : 'infinite'} (${verdict})`);
  return out.join('\n');
}

/**
 * The collinearity report against closed forms: a 2x2 correlation matrix [[1, r], [r, 1]]
 * has eigenvalues 1 ± r, so condition number (1 + |r|) / (1 - |r|); duplicated columns
 * make it infinite; the Jacobi eigenvalues match a known 3x3 case.
 */
import { describe, expect, it } from 'vitest';
import { collinearity, symmetricEigenvalues } from '../../src/signals/collinearity.ts';

describe('collinearity', () => {
  it('two columns with correlation r: condition (1 + r) / (1 - r)', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2, 1, 4, 3, 6, 5];
    const r = collinearity(['x', 'y'], [x, y]);
    const rho = r.correlation[0]![1]!;
    expect(rho).toBeCloseTo(0.8285714, 6); // hand-checked: cov 2.9 / var 3.5
    expect(r.eigenvalues[0]).toBeCloseTo(1 + rho, 12);
    expect(r.eigenvalues[1]).toBeCloseTo(1 - rho, 12);
    expect(r.condition).toBeCloseTo((1 + rho) / (1 - rho), 9);
  });

  it('a duplicated feature makes the condition number infinite', () => {
    const x = [0.3, 0.1, 0.7, 0.2];
    expect(collinearity(['a', 'b'], [x, [...x]]).condition).toBe(Number.POSITIVE_INFINITY);
  });

  it('symmetric eigenvalues of a known 3x3 matrix (2, 2 ± √2)', () => {
    const e = symmetricEigenvalues([
      [2, 1, 0],
      [1, 2, 1],
      [0, 1, 2],
    ]);
    expect(e[0]).toBeCloseTo(2 + Math.SQRT2, 12);
    expect(e[1]).toBeCloseTo(2, 12);
    expect(e[2]).toBeCloseTo(2 - Math.SQRT2, 12);
  });
});

/**
 * Ground-truth loop onset: the first tick where |I| > ε for m ticks in a row.
 */
import { describe, expect, it } from 'vitest';
import { loopOnset, ONSET_DEFAULTS } from '../../src/analysis/onset.ts';

describe('loopOnset', () => {
  it('returns the first tick of the first run of m ticks above ε', () => {
    expect(loopOnset([0, 2, 2, 0, 2, -2, 2, 0], 1, 3)).toBe(4);
  });

  it('uses |I|, strictly above ε', () => {
    expect(loopOnset([-3, -3], 1, 2)).toBe(0);
    expect(loopOnset([1, 1, 1], 1, 1)).toBeNull();
  });

  it('is null when no run is long enough, or for I ≡ 0', () => {
    expect(loopOnset([5, 5, 0, 5, 5], 1, 3)).toBeNull();
    expect(loopOnset(new Float64Array(100))).toBeNull();
  });

  it('defaults to ε = 1 and m = 5', () => {
    expect(ONSET_DEFAULTS).toEqual({ epsilon: 1, consecutive: 5 });
    expect(loopOnset([0, 1.5, 1.5, 1.5, 1.5, 1.5])).toBe(1);
    expect(loopOnset([0, 1.5, 1.5, 1.5, 1.5])).toBeNull();
  });
});

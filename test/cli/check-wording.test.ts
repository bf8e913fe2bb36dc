import { describe, expect, it } from 'vitest';
import { describeResult, type CheckResult } from '../../src/setup/expect.ts';

const base = { name: 'n', metric: 'assets.X.peakDeviation', stat: 'median', passed: true, why: '' };

describe('tulip check wording', () => {
  it('names a ratio as a ratio, with the variant and base it divides', () => {
    const r: CheckResult = { ...base, value: 0.482 / 0.17, variantValue: 0.482, baseValue: 0.17, isRatio: true };
    expect(describeResult(r)).toBe('median assets.X.peakDeviation: ratio variant/base = 2.84 (variant 0.482, base 0.170)');
  });

  it('puts the variant’s own value after "=" when the check bounds the variant, not the ratio', () => {
    const r: CheckResult = { ...base, value: 0.482, variantValue: 0.482, baseValue: 0.17 };
    expect(describeResult(r)).toBe('variant median assets.X.peakDeviation = 0.482 (base 0.170)');
  });

  it('prints a plain check as the statistic and its value', () => {
    expect(describeResult({ ...base, value: 0.0346 })).toBe('median assets.X.peakDeviation = 0.0346');
  });
});

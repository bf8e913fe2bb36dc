/**
 * The stylized facts against scipy/numpy: test/fixtures/stylized-facts.json holds a
 * return series and the reference values scripts/reference/stylized_facts.py computed
 * on it; every statistic must match to 1e-10 relative. Then the edges: constant and
 * too-short series, and the bounds of the Hill estimator's k.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregate, autocorrelation, excessKurtosis, hillTailIndex, leverageCorrelation, stylizedFacts } from '../../src/stats/stylized-facts.ts';

interface Fixture {
  series: number[];
  zeroEvery: number;
  expected: {
    excessKurtosis: number;
    acf: Record<string, number>;
    acfAbs: Record<string, number>;
    hill: Record<string, number>;
    hillWithZeros: number;
    aggregate: Record<string, number[]>;
    kurtosis50: number;
    leverage: Record<string, number>;
  };
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/stylized-facts.json', import.meta.url), 'utf8')) as Fixture;
const x = Float64Array.from(fixture.series);
const abs = x.map(Math.abs);
const want = fixture.expected;

/** |actual − expected| ≤ 1e-10 |expected|. */
function close(actual: number, expected: number): void {
  expect(Number.isFinite(actual), `${actual} is finite`).toBe(true);
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-10 * Math.abs(expected));
}

describe('stylized facts against scipy/numpy (test/fixtures/stylized-facts.json)', () => {
  it('has the series the script wrote', () => {
    expect(x.length).toBe(3000);
  });

  it('excess kurtosis = scipy.stats.kurtosis (fisher, biased)', () => {
    close(excessKurtosis(x), want.excessKurtosis);
  });

  it('autocorrelation = statsmodels acf by its formula, of r and of |r|', () => {
    for (const [lag, v] of Object.entries(want.acf)) close(autocorrelation(x, Number(lag)), v);
    for (const [lag, v] of Object.entries(want.acfAbs)) close(autocorrelation(abs, Number(lag)), v);
  });

  it('Hill tail index, the default top 5 % and given k; zeros dropped', () => {
    close(hillTailIndex(abs), want.hill.default!);
    for (const [k, v] of Object.entries(want.hill)) if (k !== 'default') close(hillTailIndex(abs, Number(k)), v);
    const withZeros = x.map((v, i) => (i % fixture.zeroEvery === 0 ? 0 : Math.abs(v)));
    close(hillTailIndex(withZeros), want.hillWithZeros);
  });

  it('aggregate sums blocks of m and drops the incomplete tail', () => {
    for (const [m, sums] of Object.entries(want.aggregate)) {
      const got = aggregate(x, Number(m));
      expect(got.length).toBe(sums.length);
      expect(got.length).toBe(Math.floor(x.length / Number(m)));
      // A block sum may be near 0 where a relative bound means little: scale by the block's |r| sum.
      sums.forEach((s, b) => {
        const scale = abs.subarray(b * Number(m), (b + 1) * Number(m)).reduce((a, v) => a + v, 0);
        expect(Math.abs(got[b]! - s)).toBeLessThanOrEqual(1e-10 * scale);
      });
    }
    close(excessKurtosis(aggregate(x, 50)), want.kurtosis50);
  });

  it('leverage = numpy corrcoef(r_t, r_{t+lag}²)', () => {
    close(leverageCorrelation(x), want.leverage['1']!);
    for (const [lag, v] of Object.entries(want.leverage)) close(leverageCorrelation(x, Number(lag)), v);
  });

  it('stylizedFacts gathers them', () => {
    const f = stylizedFacts(x);
    expect(f.n).toBe(3000);
    close(f.excessKurtosis, want.excessKurtosis);
    close(f.hillIndex, want.hill.default!);
    close(f.acfAbs[1], want.acfAbs['1']!);
    close(f.acfAbs[10], want.acfAbs['10']!);
    close(f.acfAbs[50], want.acfAbs['50']!);
    close(f.acfLag1, want.acf['1']!);
    close(f.kurtosis50, want.kurtosis50);
    close(f.leverage, want.leverage['1']!);
  });
});

describe('stylized facts where they are undefined', () => {
  const constant = new Float64Array(200).fill(0.01);

  it('a constant series: NaN for every statistic but n', () => {
    const f = stylizedFacts(constant);
    expect(f.n).toBe(200);
    for (const v of [f.excessKurtosis, f.hillIndex, f.acfAbs[1], f.acfAbs[10], f.acfAbs[50], f.acfLag1, f.kurtosis50, f.leverage]) expect(v).toBeNaN();
    expect(stylizedFacts(new Float64Array(200)).hillIndex).toBeNaN(); // all zero: nothing left
  });

  it('too short: empty, one value, lags at or past n, fewer than two blocks', () => {
    const empty = new Float64Array(0);
    expect(excessKurtosis(empty)).toBeNaN();
    expect(excessKurtosis(Float64Array.of(1))).toBeNaN();
    expect(autocorrelation(empty, 0)).toBeNaN();
    const short = Float64Array.of(1, -2, 3, 0.5);
    expect(autocorrelation(short, 0)).toBe(1);
    expect(autocorrelation(short, 4)).toBeNaN();
    expect(autocorrelation(short, -1)).toBeNaN();
    expect(autocorrelation(short, 1.5)).toBeNaN();
    expect(leverageCorrelation(short, 4)).toBeNaN();
    expect(leverageCorrelation(short, 3)).toBeNaN(); // one pair
    expect(leverageCorrelation(short, 0)).toBeNaN();
    expect(aggregate(short, 5).length).toBe(0);
    const f = stylizedFacts(x.subarray(0, 60)); // 1 block of 50, lag 50 still has 10 pairs
    expect(f.kurtosis50).toBeNaN();
    expect(Number.isFinite(f.acfAbs[50])).toBe(true);
    expect(f.hillIndex).toBe(hillTailIndex(abs.subarray(0, 60), 3));
    expect(stylizedFacts(x.subarray(0, 19)).hillIndex).toBeNaN(); // floor(0.05 · 19) = 0
  });

  it('Hill: k from 1 to n − 1, whole; equal top values are NaN', () => {
    const v = Float64Array.of(8, 4, 2, 1);
    expect(hillTailIndex(v, 1)).toBeCloseTo(1 / Math.log(2), 14);
    // k = 3: mean of ln(8/1), ln(4/1), ln(2/1) = 2 ln 2.
    expect(hillTailIndex(v, 3)).toBeCloseTo(1 / (2 * Math.log(2)), 14);
    expect(hillTailIndex(v, 0)).toBeNaN();
    expect(hillTailIndex(v, 4)).toBeNaN();
    expect(hillTailIndex(v, 1.5)).toBeNaN();
    expect(hillTailIndex(Float64Array.of(-8, 0, 4, 2, 0, 1), 3)).toBe(hillTailIndex(v, 3)); // |·|, zeros dropped
    expect(hillTailIndex(Float64Array.of(5, 5, 5, 1), 2)).toBeNaN();
  });

  it('aggregate refuses a block length that is not a whole number ≥ 1', () => {
    expect(() => aggregate(x, 0)).toThrow(RangeError);
    expect(() => aggregate(x, 2.5)).toThrow(RangeError);
  });
});

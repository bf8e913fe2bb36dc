/**
 * The garch market style (src/market/fundamental.ts): Student-t shocks of unit variance,
 * a GJR-GARCH variance whose mean is volatility², returns whose volatility clusters, and
 * the gaussian style unchanged from tulip 0.1 hash for hash.
 */
import { describe, expect, it } from 'vitest';
import { StreamArena, WorldRandom, streamColumn } from '../../src/core/rng.ts';
import { nextVariance, unitStudentT } from '../../src/market/fundamental.ts';
import { loadScenarioFile, loadScenarioText } from '../../src/setup/loader.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { runSummary } from '../../src/setup/summary.ts';
import { resolveScenarioPath } from '../../src/analysis/suite.ts';

function draws(seed: number, n: number, dof: number): Float64Array {
  const { arena, at } = streamColumn([new WorldRandom(seed, new StreamArena())], 'test/t');
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = unitStudentT(arena, at[0]!, dof);
  return out;
}

function moments(x: ArrayLike<number>): { mean: number; variance: number; kurtosis: number } {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= x.length;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i]! - m) ** 2;
    m2 += d;
    m4 += d * d;
  }
  m2 /= x.length;
  m4 /= x.length;
  return { mean: m, variance: m2, kurtosis: m4 / (m2 * m2) - 3 };
}

function absAutocorrelation(x: ArrayLike<number>, lag: number): number {
  const a = Array.from(x, Math.abs);
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    den += (a[i]! - m) ** 2;
    if (i + lag < a.length) num += (a[i]! - m) * (a[i + lag]! - m);
  }
  return num / den;
}

describe('Student-t shocks (Bailey’s polar method)', () => {
  it('have mean 0, variance 1 and, for ν = 8, the excess kurtosis 6/(ν−4) = 1.5', () => {
    const m = moments(draws(3, 400_000, 8));
    expect(Math.abs(m.mean)).toBeLessThan(0.01);
    expect(m.variance).toBeGreaterThan(0.98);
    expect(m.variance).toBeLessThan(1.02);
    expect(m.kurtosis).toBeGreaterThan(1.2);
    expect(m.kurtosis).toBeLessThan(1.8);
  });

  it('are nearly Gaussian for large ν, and the same draws for the same seed', () => {
    expect(Math.abs(moments(draws(4, 200_000, 1000)).kurtosis)).toBeLessThan(0.05);
    expect(draws(5, 1000, 4)).toEqual(draws(5, 1000, 4));
    expect(draws(5, 1000, 4)).not.toEqual(draws(6, 1000, 4));
  });
});

describe('the GJR-GARCH variance', () => {
  it('has mean volatility² over a long path, and a fall raises it more than a rise', () => {
    const g = { alpha: 0.03, beta: 0.9, leverage: 0.08, tailDof: 4 };
    const vol = 0.01;
    const longRun = vol * vol * (1 - g.alpha - g.beta - g.leverage / 2);
    const z = draws(7, 400_000, g.tailDof);
    let h = vol * vol;
    let sum = 0;
    for (let k = 0; k < z.length; k++) {
      const news = Math.sqrt(h) * z[k]!;
      h = nextVariance(longRun, g, news, h);
      sum += news * news;
    }
    expect(Math.sqrt(sum / z.length) / vol).toBeGreaterThan(0.95);
    expect(Math.sqrt(sum / z.length) / vol).toBeLessThan(1.05);
    expect(nextVariance(longRun, g, -0.02, 1e-4)).toBeGreaterThan(nextVariance(longRun, g, 0.02, 1e-4));
  });
});

/** A market with no models: the returns are the market's own. */
const MARKET_ONLY = (style: string) => `title: market only
lesson: Background traders alone.
ticks: 3000
market:
  style: ${style}
  assets:
    X: {}
models: {}
`;

async function returnsOf(style: string): Promise<Float64Array> {
  const sim = await buildSimulation(loadScenarioText(MARKET_ONLY(style)), { bank: 'f64' });
  const price = sim.readings.get('log-price:X');
  const out = new Float64Array(3000);
  let last = price.read(0);
  for (let t = 0; t < 3000; t++) {
    sim.step();
    out[t] = price.read(0) - last;
    last = price.read(0);
  }
  return out.subarray(300);
}

describe('returns of the two styles', () => {
  it('garch: heavy tails and clustered volatility; gaussian: neither', async () => {
    const garch = await returnsOf('garch');
    const gaussian = await returnsOf('gaussian');
    expect(moments(garch).kurtosis).toBeGreaterThan(3);
    expect(absAutocorrelation(garch, 1)).toBeGreaterThan(0.1);
    expect(Math.abs(moments(gaussian).kurtosis)).toBeLessThan(0.5);
    expect(absAutocorrelation(gaussian, 1)).toBeLessThan(0.08);
  });
});

describe('market.style gaussian', () => {
  it('is tulip 0.1’s market: tulip-mania on it hashes as it did before the garch style (f64 bank, 2 worlds)', async () => {
    const loaded = loadScenarioFile(resolveScenarioPath('tulip-mania'), ['market.style=gaussian']);
    const sim = await buildSimulation(loaded, { worlds: 2, bank: 'f64' });
    sim.run();
    // Printed by `tulip run tulip-mania --worlds 2 --bank f64` at tulip 0.1.0 (commit 877e2c0).
    expect(runSummary(sim).traceHash).toBe('e2b128a63c0ae74ee6bb3f1c381c90c1007a85b83ccedddbb234a53d8d359efa');
  });
});

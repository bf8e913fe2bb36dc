/**
 * Restart semantics: the change-detector monitors, run with their default alarm settings
 * on an iid N(0, 1) stream, raise false alarms at the rate of the published detectors —
 * Page–Hinkley at River's rate (reference: River's algorithm written out below), CUSUM at
 * the in-control ARL of the Brook–Evans Markov chain for its k and h.
 */
import { describe, expect, it } from 'vitest';
import { MonitorRunner } from '../../src/monitors/runner.ts';
import { alarmSettings, BUILTIN_MONITORS } from '../../src/monitors/builtins/index.ts';
import { NoiseView } from '../../src/monitors/noise-view.ts';
import { RandomStream } from '../../src/core/rng.ts';
import { normalCdf } from '../../src/stats/special.ts';

/** Alarms of a built-in monitor over `ticks` ticks of iid N(0, 1), with its type's default alarm settings. */
function alarmsOnNoise(type: string, options: Record<string, unknown>, ticks: number, seed = 1): number {
  const builtin = BUILTIN_MONITORS[type]!;
  const monitor = builtin.create(builtin.options.parse(options) as never, { assets: ['X'], models: ['A', 'B'] });
  const runner = new MonitorRunner([{ name: type, severity: 'warning', warmup: 0, ...alarmSettings(type, {}) }], [[monitor]]);
  const view = new NoiseView(0, seed);
  let alarms = 0;
  for (let t = 0; t < ticks; t++) {
    view.advance(t);
    alarms += runner.observeWorld(view).length;
  }
  return alarms;
}

/** River's drift.PageHinkley (v0.21), written from its source: a fresh detector on the update after a drift. */
function riverPageHinkleyDrifts(xs: readonly number[], p = { minInstances: 30, delta: 0.005, threshold: 50, alpha: 1 - 0.0001 }): number {
  let drifts = 0;
  let detected = false;
  let n = 0, mean = 0, sumInc = 0, sumDec = 0, minInc = Infinity, maxDec = -Infinity;
  for (const x of xs) {
    if (detected) {
      n = 0; mean = 0; sumInc = 0; sumDec = 0; minInc = Infinity; maxDec = -Infinity;
      detected = false;
    }
    n++;
    mean += (x - mean) / n;
    const dev = x - mean;
    sumInc = p.alpha * sumInc + dev - p.delta;
    sumDec = p.alpha * sumDec + dev + p.delta;
    minInc = Math.min(minInc, sumInc);
    maxDec = Math.max(maxDec, sumDec);
    if (n < p.minInstances) continue;
    if (sumInc - minInc > p.threshold || maxDec - sumDec > p.threshold) {
      detected = true;
      drifts++;
    }
  }
  return drifts;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (test-side; A is small). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Brook & Evans (1972): the one-sided CUSUM S' = max(0, S + x − k), x ~ N(0, 1), alarm
 * above h, as a Markov chain on `states` cells of width w = 2h / (2·states − 1); the ARL
 * from 0 is the first entry of (I − R)⁻¹ 1. Two-sided (symmetric): 1/ARL = 2/ARL⁺.
 */
function brookEvansTwoSidedArl(k: number, h: number, states = 150): number {
  const w = (2 * h) / (2 * states - 1);
  const a: number[][] = [];
  for (let i = 0; i < states; i++) {
    const row: number[] = [];
    for (let j = 0; j < states; j++) {
      const p = j === 0 ? normalCdf(-i * w + w / 2 + k) : normalCdf((j - i) * w + w / 2 + k) - normalCdf((j - i) * w - w / 2 + k);
      row.push((i === j ? 1 : 0) - p);
    }
    a.push(row);
  }
  const oneSided = solve(a, new Array<number>(states).fill(1))[0]!;
  return oneSided / 2;
}

describe('change detectors restart after an alarm by default', () => {
  it('page-hinkley raises River’s false-alarm rate on N(0, 1) (within 1.5x)', () => {
    const ticks = 200_000;
    const stream = new RandomStream('return/X', 'tulip/1/noise/return/X');
    const xs = Array.from({ length: ticks }, () => stream.normal());
    const river = (1000 * riverPageHinkleyDrifts(xs)) / ticks;
    const monitor = (1000 * alarmsOnNoise('page-hinkley', { series: 'return:X' }, ticks)) / ticks;
    // The River figure for these defaults: 0.59 per 1000 ticks.
    expect(river).toBeGreaterThan(0.59 / 1.5);
    expect(river).toBeLessThan(0.59 * 1.5);
    expect(monitor / river).toBeGreaterThan(1 / 1.5);
    expect(monitor / river).toBeLessThan(1.5);
  });

  it('the Brook–Evans reference reproduces the published CUSUM ARLs', () => {
    // k = 0.5: h = 4 gives 168 two-sided, h = 5 gives 465 (Montgomery, Table 9.3).
    expect(brookEvansTwoSidedArl(0.5, 4)).toBeGreaterThan(160);
    expect(brookEvansTwoSidedArl(0.5, 4)).toBeLessThan(175);
    expect(brookEvansTwoSidedArl(0.5, 5)).toBeGreaterThan(450);
    expect(brookEvansTwoSidedArl(0.5, 5)).toBeLessThan(480);
  });

  it.each([
    [0.5, 4],
    [0.5, 5],
    [1, 3],
  ])('cusum (k = %s, h = %s) has the Markov-chain ARL0 within 10%%', (k, h) => {
    const ticks = 300_000;
    const alarms = alarmsOnNoise('cusum', { series: 'return:X', k, h, mean: 0, sigma: 1 }, ticks, 3);
    const arl0 = ticks / alarms;
    const reference = brookEvansTwoSidedArl(k, h);
    expect(Math.abs(arl0 / reference - 1)).toBeLessThan(0.1);
  });

  it('without restart (the old semantics) page-hinkley alarms far more often', () => {
    const builtin = BUILTIN_MONITORS['page-hinkley']!;
    const monitor = builtin.create(builtin.options.parse({ series: 'return:X' }) as never, { assets: ['X'], models: ['A'] });
    const runner = new MonitorRunner([{ name: 'ph', severity: 'warning', warmup: 0, debounce: 3, cooldown: 50, resetAfterAlarm: false }], [[monitor]]);
    const view = new NoiseView(0, 1);
    let alarms = 0;
    for (let t = 0; t < 50_000; t++) {
      view.advance(t);
      alarms += runner.observeWorld(view).length;
    }
    expect((1000 * alarms) / 50_000).toBeGreaterThan(5);
  });
});

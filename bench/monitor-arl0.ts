/**
 * Each built-in monitor's ARL0 (run length to a false alarm) at its default options and
 * alarm settings, on the calm scenario (50 seeds × 600 ticks) and on iid N(0, 1) streams
 * (50 seeds × 2000 ticks), as `tulip calibrate` measures it: censored ARL0 with its 95%
 * interval. The table in docs/monitors.md is this script's output.
 *
 * Each row is the same as
 *     npx tulip calibrate --monitor TYPE --options 'JSON' --scenario calm --seeds 1..50
 *     npx tulip calibrate --monitor TYPE --options 'JSON' --scenario iid --seeds 1..50 --ticks 2000
 *
 * Usage: npx tsx bench/monitor-arl0.ts [--seeds 1..50]
 */
import { parseArgs } from 'node:util';
import { calibrateMonitor } from '../src/analysis/calibrate.ts';
import type { Arl0Estimate } from '../src/stats/run-length.ts';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '1..50' }, 'iid-ticks': { type: 'string', default: '2000' } } });
const [a, b] = values.seeds!.split('..').map(Number) as [number, number];
const seeds = Array.from({ length: b - a + 1 }, (_, k) => a + k);

/** Options each type needs on calm (models A and B, asset X); series monitors watch X's return. */
const MONITORS: [string, Record<string, unknown>][] = [
  ['bubble', {}],
  ['range', { model: 'A' }],
  ['herding', { models: ['A', 'B'] }],
  ['drawdown', { model: 'A' }],
  ['prediction-error', { model: 'A' }],
  ['cross-correlation', { cause: 'orders:A', effect: 'return:X' }],
  ['granger', { cause: 'orders:A', effect: 'return:X' }],
  ['loop-gain', {}],
  ['loop-gain-model', { model: 'B' }],
  ['loop-gain-flow', { model: 'B' }],
  ['psi', { series: 'return:X' }],
  ['ks', { series: 'return:X' }],
  ['page-hinkley', { series: 'return:X' }],
  ['adwin', { series: 'return:X' }],
  ['cusum', { series: 'return:X' }],
  ['feature-usage', { model: 'B' }],
  ['missing-rate', { model: 'A' }],
  ['staleness', { model: 'A' }],
  ['skew', { model: 'A' }],
];

function cell(e: Arl0Estimate | undefined): string {
  if (!e) return 'n/a';
  const n = (x: number) => (x === Infinity ? '∞' : x.toFixed(0));
  return `${n(e.arl0)} [${n(e.lower)}..${n(e.upper)}] (${e.alarmed}/${e.alarmed + e.censored})`;
}

async function measure(scenario: string, type: string, options: Record<string, unknown>, ticks?: number): Promise<Arl0Estimate | undefined> {
  try {
    return (await calibrateMonitor({ monitor: type, options, scenario, seeds, ticks, backend: 'auto' })).given.estimate;
  } catch (err) {
    process.stderr.write(`${type} on ${scenario}: ${(err as Error).message.split('\n')[0]}\n`);
    return undefined;
  }
}

process.stdout.write(`| monitor | options | calm: ARL0 [95% CI] (runs alarmed) | iid N(0,1): ARL0 [95% CI] (runs alarmed) |\n| --- | --- | --- | --- |\n`);
for (const [type, options] of MONITORS) {
  const calm = await measure('calm', type, options);
  const iid = await measure('iid', type, options, Number(values['iid-ticks']));
  process.stdout.write(`| ${type} | \`${JSON.stringify(options)}\` | ${cell(calm)} | ${cell(iid)} |\n`);
}

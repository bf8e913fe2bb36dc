/**
 * False alarms of the change-detector monitors on an iid N(0, 1) stream, with their
 * default alarm settings (restart after an alarm, debounce 1, no cool-down) and with the
 * settings they had before (no restart, debounce 3, cool-down 50): alarms per 1000 ticks
 * and the mean run length between alarms. The published figures they are compared with:
 * River's PageHinkley at its defaults raises 0.59 per 1000 ticks on N(0, 1); a two-sided
 * CUSUM with k = 0.5 has ARL0 168 at h = 4 and 465 at h = 5 (Brook–Evans Markov chain;
 * test/monitors/restart.test.ts computes both references).
 *
 * Usage: npx tsx bench/detector-rates.ts [--ticks 200000]
 */
import { parseArgs } from 'node:util';
import { MonitorRunner } from '../src/monitors/runner.ts';
import { alarmSettings, BUILTIN_MONITORS, LEVEL_ALARM_DEFAULTS, type AlarmDefaults } from '../src/monitors/builtins/index.ts';
import { NoiseView } from '../src/monitors/noise-view.ts';

const { values } = parseArgs({ options: { ticks: { type: 'string', default: '200000' } } });
const ticks = Number(values.ticks);

function alarms(type: string, options: Record<string, unknown>, settings: AlarmDefaults): number {
  const builtin = BUILTIN_MONITORS[type]!;
  const monitor = builtin.create(builtin.options.parse(options) as never, { assets: ['X'], models: ['A', 'B'] });
  const runner = new MonitorRunner([{ name: type, severity: 'warning', warmup: 0, ...settings }], [[monitor]]);
  const view = new NoiseView(0, 1);
  let n = 0;
  for (let t = 0; t < ticks; t++) {
    view.advance(t);
    n += runner.observeWorld(view).length;
  }
  return n;
}

const CASES: [string, Record<string, unknown>][] = [
  ['page-hinkley', { series: 'return:X' }],
  ['cusum', { series: 'return:X', mean: 0, sigma: 1, h: 4 }],
  ['cusum', { series: 'return:X', mean: 0, sigma: 1, h: 5 }],
  ['cusum', { series: 'return:X', h: 5 }],
  ['adwin', { series: 'return:X' }],
  ['ks', { series: 'return:X' }],
  ['psi', { series: 'return:X' }],
];

process.stdout.write(`iid N(0,1), ${ticks} ticks, seed 1\n| monitor | options | restart (defaults): per 1000 ticks / mean run length | before (debounce 3, cool-down 50, no restart) |\n| --- | --- | --- | --- |\n`);
for (const [type, options] of CASES) {
  const fmt = (n: number) => `${((1000 * n) / ticks).toFixed(2)} / ${n ? (ticks / n).toFixed(0) : '∞'}`;
  const now = alarms(type, options, alarmSettings(type, {}));
  const before = alarms(type, options, LEVEL_ALARM_DEFAULTS);
  process.stdout.write(`| ${type} | \`${JSON.stringify(options)}\` | ${fmt(now)} | ${fmt(before)} |\n`);
}

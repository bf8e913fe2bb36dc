/**
 * `tulip calibrate --monitor NAME --scenario calm --arl0 2000 --seeds 1..50`: the threshold
 * that gives a monitor a target run length to a false alarm on a null scenario, found by
 * simulation (src/analysis/calibrate.ts), with its censored ARL0 and confidence interval;
 * `--save` writes it as monitor options that `tulip eval --calibrated` reads.
 */
import type { Command } from 'commander';
import { basename, dirname } from 'node:path';
import type { BackendChoice } from '../models/backend.ts';
import { calibrateMonitor, type Calibration } from '../analysis/calibrate.ts';
import type { Arl0Estimate } from '../stats/run-length.ts';
import { addMonitorOptionFlag, backendChoice, parseMonitorOptions, UsageError, wholeNumber } from './options.ts';
import { jsonObject, seedList } from './eval-command.ts';
import { writeFilesAtomically } from './write-atomic.ts';

interface CalibrateCliOptions {
  monitor: string;
  options?: Record<string, unknown>;
  monitorOption: string[];
  scenario: string;
  arl0?: number;
  seeds: number[];
  ticks?: number;
  warmup?: number;
  debounce?: number;
  parameter?: string;
  backend: BackendChoice;
  json?: boolean;
  save?: string;
}

export function addCalibrateCommand(program: Command): void {
  const command = program
    .command('calibrate')
    .description('find the threshold giving a monitor a target run length to a false alarm (ARL0) on a null scenario, by simulation')
    .requiredOption('--monitor <type|file>', 'a built-in monitor type (see `tulip monitors`) or a .ts/.js file whose default export is a MonitorFactory')
    .option('--options <json>', 'the monitor’s options as a JSON object, e.g. \'{"series":"return:X"}\'', jsonObject)
    .option('--scenario <name|file>', 'the null scenario (no loop): a shipped name, a file, or iid (every series iid N(0, 1))', 'calm')
    .option('--arl0 <ticks>', 'target ARL0 in ticks; without it, only the ARL0 at the given options is measured', wholeNumber('--arl0', 1))
    .option('--seeds <range>', 'seeds, each run as one world: a range such as 1..50 or a list 1,2,3', seedList, seedList('1..50'))
    .option('--ticks <n>', 'ticks per run; default: the scenario’s (1000 for iid)', wholeNumber('--ticks', 1, 1_000_000))
    .option('--warmup <ticks>', 'monitor setting: no alarm before this tick (default 0)', wholeNumber('--warmup', 0))
    .option('--debounce <ticks>', 'monitor setting: ticks in a row past the threshold (default: the type’s, 3; 1 for change detectors)', wholeNumber('--debounce', 1))
    .option('--parameter <option>', 'the option compared with the statistic (default: h for cusum, threshold otherwise)')
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--json', 'print the calibration as one JSON object (the --save format)')
    .option('--save <file.json>', 'write the calibration (monitor, options with the calibrated threshold) for `tulip eval --calibrated`');
  addMonitorOptionFlag(command).action(async (o: CalibrateCliOptions) => {
    const options = { ...o.options, ...parseMonitorOptions(o.monitorOption) };
    if (o.save && o.arl0 === undefined) throw new UsageError('--save writes calibrated options: give --arl0 <ticks> too');
    const result = await calibrateMonitor({
      monitor: o.monitor,
      options,
      scenario: o.scenario,
      arl0: o.arl0,
      seeds: o.seeds,
      ticks: o.ticks,
      warmup: o.warmup,
      debounce: o.debounce,
      parameter: o.parameter,
      backend: o.backend,
      onBackend: (note) => process.stderr.write(`${note}\n`),
    });
    const json = `${JSON.stringify(result, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v), 2)}\n`;
    if (o.save) writeFilesAtomically(dirname(o.save), { [basename(o.save)]: json });
    process.stdout.write(o.json ? json : `${formatCalibration(result)}\n`);
  });
}

function n(x: number): string {
  if (x === Infinity) return '∞';
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

function describeEstimate(e: Arl0Estimate, runs: number): string {
  return `ARL0 ${n(e.arl0)} [${Math.round(100 * e.level)}% CI ${n(e.lower)}..${n(e.upper)}], ${e.alarmed} of ${runs} runs alarmed`;
}

export function formatCalibration(c: Calibration): string {
  const runs = c.seeds.length;
  const seeds = runs > 1 && c.seeds.every((s, i) => i === 0 || s === c.seeds[i - 1]! + 1) ? `${c.seeds[0]}..${c.seeds.at(-1)}` : c.seeds.join(',');
  const rule = `alarm when the statistic is ${c.direction === 'above' ? '>' : '<'} ${c.parameter}, ${c.rule.debounce} tick(s) in a row`;
  const lines = [`calibrate ${c.monitor} on ${c.scenario}: seeds ${seeds} × ${c.ticks} ticks (${runs * c.ticks} world-ticks); ${rule}`];
  lines.push(`  at ${c.parameter} ${n(c.given.threshold)} (as given or default): ${describeEstimate(c.given.estimate, runs)}`);
  if (c.calibrated) {
    const k = c.calibrated;
    lines.push(`  target ARL0 ${k.target}: ${c.parameter} ${k.threshold.toPrecision(6)} gives ${describeEstimate(k.estimate, runs)}`);
    if (k.estimate.alarmed < 10) lines.push(`  note: only ${k.estimate.alarmed} alarm(s) behind this threshold; more seeds or --ticks narrow the interval (expect about ${Math.round((runs * c.ticks) / k.target)} alarms in ${runs * c.ticks} world-ticks)`);
    lines.push(`  options: ${JSON.stringify(c.options)}`);
  }
  return lines.join('\n');
}

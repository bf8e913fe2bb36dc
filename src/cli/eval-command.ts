/**
 * `tulip eval --monitor <type|file> --suite <dir>`: scores one monitor over a labelled
 * suite of scenarios × seeds (detection, delay, false alarms, ARL0, precision) beside a
 * trivial baseline, and compares with saved results for CI (`--baseline`, exit 1 naming
 * each metric that regressed). Definitions: docs/monitor-evaluation.md.
 */
import type { Command } from 'commander';
import type { BackendChoice } from '../models/backend.ts';
import { parseSeeds } from '../setup/expect.ts';
import { evaluateMonitor, DEFAULT_TRIVIAL_EVERY, type EvaluationResult } from '../analysis/evaluate.ts';
import type { Metrics } from '../analysis/metrics.ts';
import { baselineMismatch, compareToBaseline, describeRegression, parseTolerance, readResults, refuseForeignBaseline, resultsJson, DEFAULT_TOLERANCE, type Tolerance } from '../analysis/baseline.ts';
import { SHIPPED_EVAL_SUITE, suiteFiles } from '../analysis/suite.ts';
import { scenarioName } from '../setup/build.ts';
import { readCalibration } from '../analysis/calibrate.ts';
import { addMonitorOptionFlag, backendChoice, parseMonitorOptions, UsageError, wholeNumber } from './options.ts';
import { writeFilesAtomically } from './write-atomic.ts';
import { checkOutputFile } from './output-path.ts';
import { basename, dirname } from 'node:path';

interface EvalCliOptions {
  monitor?: string;
  calibrated?: string;
  options?: Record<string, unknown>;
  monitorOption: string[];
  suite?: string;
  seeds?: number[];
  ticks?: number;
  warmup?: number;
  debounce?: number;
  cooldown?: number;
  trivialEvery: number;
  backend: BackendChoice;
  json?: boolean;
  baseline?: string;
  tolerance?: Tolerance;
  save?: string;
}

export function jsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--options must be a JSON object such as '{"cause":"orders:B","effect":"return:X"}', got ${JSON.stringify(text)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--options must be a JSON object, got ${JSON.stringify(text)}`);
  return value as Record<string, unknown>;
}

export function seedList(text: string): number[] {
  const range = /^(\d+)\.\.(\d+)$/.exec(text.trim());
  if (range && Number(range[1]) <= Number(range[2]) && Number(range[2]) - Number(range[1]) < 100_000) return parseSeeds(text.trim());
  const list = /^\d+(,\d+)*$/.test(text.trim()) ? text.trim().split(',').map(Number) : [];
  if (list.length > 0 && list.every((s) => Number.isSafeInteger(s))) return list;
  throw new UsageError(`--seeds must be a range such as 1..50 or a list such as 1,2,3, got ${JSON.stringify(text)}`);
}

export function addEvalCommand(program: Command): void {
  const command = program
    .command('eval')
    .description('score a monitor over a labelled scenario suite: detection rate, delay, false alarms, ARL0, precision')
    .option('--monitor <type|file>', 'a built-in monitor type (see `tulip monitors`) or a .ts/.js file whose default export is a MonitorFactory')
    .option('--calibrated <file.json>', 'the monitor and options saved by `tulip calibrate --save`: delays at its calibrated false-alarm rate')
    .option('--options <json>', 'the monitor’s options as a JSON object, e.g. \'{"cause":"orders:B","effect":"return:X"}\'', jsonObject)
    .option('--suite <dir>', 'folder of scenario files with truth: blocks (default: the shipped scenarios/eval)')
    .option('--seeds <range>', 'seeds, each run as one world: a range such as 1..50 or a list 1,2,3 (default 1..20)', seedList)
    .option('--ticks <n>', 'ticks per run; default: each scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--warmup <ticks>', 'monitor setting: no alarm before this tick (default 0)', wholeNumber('--warmup', 0))
    .option('--debounce <ticks>', 'monitor setting: ticks in a row past the threshold before an alarm (default 3; 1 for change detectors)', wholeNumber('--debounce', 1))
    .option('--cooldown <ticks>', 'monitor setting: ticks after an alarm without a new one (default 50; 0 for change detectors)', wholeNumber('--cooldown', 0))
    .option('--trivial-every <k>', 'the trivial baseline alarms every k ticks', wholeNumber('--trivial-every', 1), DEFAULT_TRIVIAL_EVERY)
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--json', 'print the results as one JSON object (the --save format)')
    .option('--baseline <results.json>', 'compare with saved results; exit 1 naming each metric that regressed')
    .option('--tolerance <spec>', 'allowed worsening relative to the baseline value: 0.05 (the default), or per metric: 0.05,meanDelay=0.2', parseTolerance)
    .option('--save <results.json>', 'write the results (a baseline for later runs)');
  addMonitorOptionFlag(command).action(async (cli: EvalCliOptions) => {
    const options = withCalibration(cli);
    // Check the output path before anything else: a bad one is reported before the long run.
    if (options.save !== undefined) checkOutputFile('--save', options.save);
    // Read and check the baseline first, so a bad or foreign file is reported before the long run.
    const suite = options.suite ?? SHIPPED_EVAL_SUITE;
    const baseline = options.baseline === undefined ? undefined : readResults(options.baseline);
    if (baseline) refuseForeignBaseline(baseline, options.baseline!, { monitor: options.monitor, options: options.options ?? {}, scenarios: suiteFiles(suite).map(scenarioName) });
    const result = await evaluateMonitor({
      monitor: options.monitor,
      options: options.options,
      suite,
      seeds: options.seeds,
      ticks: options.ticks,
      warmup: options.warmup,
      debounce: options.debounce,
      cooldown: options.cooldown,
      trivialEvery: options.trivialEvery,
      backend: options.backend,
      onBackend: (note) => process.stderr.write(`${note}\n`),
      onScenario: (name) => process.stderr.write(`eval: ${name}\n`),
    });
    if (options.save) writeFilesAtomically(dirname(options.save), { [basename(options.save)]: resultsJson(result) });
    process.stdout.write(options.json ? resultsJson(result) : `${formatEvaluation(result)}\n`);
    if (!baseline) return;
    for (const note of baselineMismatch(result, baseline)) process.stderr.write(`eval: warning: baseline ${options.baseline}: ${note}\n`);
    const regressions = compareToBaseline(result, baseline, options.tolerance ?? DEFAULT_TOLERANCE);
    const out = options.json ? process.stderr : process.stdout;
    if (regressions.length === 0) {
      out.write(`no metric regressed against ${options.baseline}\n`);
      return;
    }
    for (const r of regressions) out.write(`REGRESSED ${describeRegression(r)}\n`);
    out.write(`${regressions.length} metric(s) regressed against ${options.baseline}\n`);
    process.exitCode = 1;
  });
}

/** The monitor and options from --monitor/--options/--monitor-option, or from a --calibrated file. */
function withCalibration(cli: EvalCliOptions): EvalCliOptions & { monitor: string } {
  const options = { ...cli.options, ...parseMonitorOptions(cli.monitorOption) };
  if (cli.calibrated === undefined) {
    if (cli.monitor === undefined) throw new UsageError('give --monitor <type|file> (or --calibrated <file.json> from `tulip calibrate --save`)');
    return { ...cli, monitor: cli.monitor, options };
  }
  if (cli.monitor !== undefined) throw new UsageError('--calibrated names the monitor already; leave out --monitor');
  const c = readCalibration(cli.calibrated);
  process.stderr.write(`eval: ${c.monitor} calibrated on ${c.scenario} to ARL0 ${c.calibrated!.target} (${c.parameter} ${c.calibrated!.threshold.toPrecision(6)})\n`);
  return { ...cli, monitor: c.monitor, options: { ...c.options, ...options }, warmup: cli.warmup ?? c.rule.warmup, debounce: cli.debounce ?? c.rule.debounce };
}

function f(x: number | null, digits = 2): string {
  if (x === null) return '-';
  if (x === Infinity) return '∞';
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

function pct(x: number | null): string {
  return x === null ? '-' : `${(100 * x).toFixed(0)}%`;
}

const HEADER = ['scenario', 'loop runs', 'detected', 'missed', 'delay mean', 'median', 'FA/1000t', 'MTBFA', 'ARL0', 'censored', 'precision'];
const WIDTHS = [24, 9, 8, 6, 10, 6, 8, 6, 6, 8, 9];

const PEER_HEADER = ['', 'norm. delay', 'episode recall', 'mean-time ratio', 'precision', 'FA/1000t'];
const PEER_WIDTHS = [24, 11, 14, 15, 9, 8];

/** The metrics peers report (CapyMOA, River), for the monitor and both baselines over the whole suite. */
function peerMetrics(r: EvaluationResult): string[] {
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(PEER_WIDTHS[i]!) : c.padStart(PEER_WIDTHS[i]!))).join(' ');
  const cells = (label: string, m: Metrics) => [label, f(m.normalisedDelay ?? null), pct(m.episodeRecall ?? null), f(m.meanTimeRatio ?? null), pct(m.precision), f(m.falseAlarmsPer1000)];
  const out = [line(PEER_HEADER), line(cells(`monitor ${r.monitor}`, r.overall)), line(cells(`every ${r.trivialEvery} ticks`, r.trivialOverall))];
  if (r.alwaysFireOverall) out.push(line(cells('always fire', r.alwaysFireOverall)));
  return out;
}

function row(label: string, m: Metrics): string {
  const cells = [label, `${m.loopRuns}/${m.runs}`, pct(m.detectionRate), pct(m.missedRate), f(m.meanDelay, 1), f(m.medianDelay, 1), f(m.falseAlarmsPer1000), f(m.mtbfa, 0), f(m.arl0, 0), m.loopFreeRuns ? `${m.arl0Censored}/${m.loopFreeRuns}` : '-', pct(m.precision)];
  return cells.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join(' ');
}

export function formatEvaluation(r: EvaluationResult): string {
  const seeds = r.seeds.length > 1 && r.seeds.every((s, i) => i === 0 || s === r.seeds[i - 1]! + 1) ? `${r.seeds[0]}..${r.seeds.at(-1)}` : r.seeds.join(',');
  const options = Object.keys(r.options).length ? ` ${JSON.stringify(r.options)}` : '';
  const trivial = `  every ${r.trivialEvery} ticks`;
  const header = HEADER.map((c, i) => (i === 0 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join(' ');
  const lines = [`monitor ${r.monitor}${options}: ${r.scenarios.length} scenarios × seeds ${seeds}; beside each, the trivial baseline (an alarm every ${r.trivialEvery} ticks)`, '', header];
  for (const s of r.scenarios) lines.push(row(s.scenario, s.metrics), row(trivial, s.trivial));
  lines.push(row('overall', r.overall), row(trivial, r.trivialOverall));
  if (r.alwaysFireOverall) lines.push(row('  always fire', r.alwaysFireOverall));
  lines.push('', ...peerMetrics(r));
  lines.push('', 'delays are over detected loops only: read them beside "missed". FA/1000t: false alarms per 1000 ticks where any alarm is false; MTBFA: mean ticks between them;');
  lines.push('ARL0: mean run length to the first alarm on loop-free runs, runs without an alarm counted as censored (∞: none alarmed).');
  lines.push('norm. delay: delay / acceptance window; episode recall: loop runs with any alarm from the window on; mean-time ratio: MTBFA / mean delay × (1 − missed). See docs/monitor-evaluation.md.');
  return lines.join('\n');
}

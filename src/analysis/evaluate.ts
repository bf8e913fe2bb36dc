/**
 * The monitor-evaluation harness: one monitor over a labelled suite of scenarios and
 * seeds. For each scenario, all seeds run as the worlds of one batched simulation with
 * only the monitor under test attached (the scenario's own monitors and rules are
 * removed: evaluation measures detection, not the effect of acting on it). Alarms are
 * matched to each world's truth (see metrics.ts), and a trivial baseline (an alarm every
 * k ticks) is scored on the same truth.
 *
 * Truth comes from the scenario's `truth:` block: `loop: false`, a fixed `onset`, or an
 * onset found per world by counterfactual replay (`intervene`: the run without the
 * loop's cause; the onset is where |I| of `series` exceeds ε for m ticks in a row). A
 * world whose counterfactual influence never crosses ε is scored as loop-free.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { loadScenarioFile, validateScenario, type LoadedScenario } from '../setup/loader.ts';
import { applyOverrides, overridesFromRecord } from '../setup/overrides.ts';
import { ScenarioError } from '../config/errors.ts';
import { buildSimulation, scenarioName, type BuildOptions } from '../setup/build.ts';
import type { ScenarioConfig } from '../config/schema.ts';
import { BUILTIN_MONITORS } from '../monitors/builtins/index.ts';
import { SeriesRecorder, runRecorded, worldValues } from './series.ts';
import { loopOnset } from './onset.ts';
import { aggregate, alwaysAlarms, periodicAlarms, scoreRun, type Metrics, type RunOutcome } from './metrics.ts';
import { resolveScenarioPath, SHIPPED_EVAL_SUITE, suiteFiles } from './suite.ts';

/** The monitor under test: a built-in type (`tulip monitors`) or a module exporting a MonitorFactory. */
export interface MonitorUnderTest {
  /** A built-in type name, or a path to a .ts/.js module (relative to the working directory). */
  monitor: string;
  /** The monitor type's options. @default {} */
  options?: Record<string, unknown>;
  /** Runner settings, as in a scenario's monitors: entry. @default 0, then the type's (3 and 50; 1 and 0 for change detectors) */
  warmup?: number;
  debounce?: number;
  cooldown?: number;
}

export interface EvaluateOptions extends MonitorUnderTest, Pick<BuildOptions, 'backend' | 'onBackend'> {
  /** A suite folder, or a list of scenario files/names, or loaded scenarios. @default the shipped scenarios/eval */
  suite?: string | (string | LoadedScenario)[];
  /** Seeds; each runs as one world of a batched run per scenario. @default 1..20 */
  seeds?: number[];
  /** Ticks per run (default: each scenario's `ticks`). */
  ticks?: number;
  /** The trivial baseline alarms every this many ticks. @default 50 */
  trivialEvery?: number;
  /** Called before each scenario runs (for progress). */
  onScenario?: (name: string) => void;
}

export interface SeedOutcome extends RunOutcome {
  seed: number;
}

export interface ScenarioEvaluation {
  scenario: string;
  source: string;
  loop: boolean;
  runs: SeedOutcome[];
  metrics: Metrics;
  /** The trivial baseline on the same truth. */
  trivial: Metrics;
  /** The always-fire baseline (an alarm every tick) on the same truth; absent from results saved by older versions. */
  alwaysFire?: Metrics;
}

export interface EvaluationResult {
  format: 'tulip-eval';
  monitor: string;
  options: Record<string, unknown>;
  seeds: number[];
  trivialEvery: number;
  scenarios: ScenarioEvaluation[];
  overall: Metrics;
  trivialOverall: Metrics;
  /** The always-fire baseline over all runs; absent from results saved by older versions. */
  alwaysFireOverall?: Metrics;
}

export const MONITOR_NAME = 'under-test';
export const DEFAULT_EVAL_SEEDS = Array.from({ length: 20 }, (_, k) => k + 1);
export const DEFAULT_TRIVIAL_EVERY = 50;

export async function evaluateMonitor(options: EvaluateOptions): Promise<EvaluationResult> {
  const spec = monitorSpec(options);
  const seeds = options.seeds ?? DEFAULT_EVAL_SEEDS;
  const every = options.trivialEvery ?? DEFAULT_TRIVIAL_EVERY;
  const suite = loadSuite(options.suite ?? SHIPPED_EVAL_SUITE);
  const scenarios: ScenarioEvaluation[] = [];
  const trivialRuns: RunOutcome[] = [];
  const alwaysRuns: RunOutcome[] = [];
  let noted = false;
  const build: BuildOptions = {
    seeds,
    ticks: options.ticks,
    backend: options.backend,
    onBackend: (note) => {
      if (!noted) options.onBackend?.(note);
      noted = true;
    },
  };
  // Attach the monitor to every scenario first, so a bad option or series is reported before any run.
  const monitored = suite.map((loaded) => withMonitors(loaded, [spec]));
  for (const [i, loaded] of suite.entries()) {
    options.onScenario?.(scenarioName(loaded.source));
    const { evaluation, trivial, always } = await evaluateScenario(loaded, monitored[i]!, build, every);
    scenarios.push(evaluation);
    trivialRuns.push(...trivial);
    alwaysRuns.push(...always);
  }
  const all = scenarios.flatMap((s) => s.runs);
  return {
    format: 'tulip-eval',
    monitor: options.monitor,
    options: options.options ?? {},
    seeds,
    trivialEvery: every,
    scenarios,
    overall: aggregate(all),
    trivialOverall: aggregate(trivialRuns),
    alwaysFireOverall: aggregate(alwaysRuns),
  };
}

function loadSuite(suite: string | (string | LoadedScenario)[]): LoadedScenario[] {
  const items = typeof suite === 'string' ? suiteFiles(suite) : suite;
  const loaded = items.map((s) => (typeof s === 'string' ? loadScenarioFile(resolveScenarioPath(s)) : s));
  for (const l of loaded) {
    if (!l.config.truth) throw new ScenarioError(l.source, [{ path: 'truth', message: 'missing; a scenario in an evaluation suite declares truth: { loop: false } or truth: { loop: true, onset: <tick> } or truth: { loop: true, intervene: { <path>: <value> } }' }]);
  }
  return loaded;
}

/** The scenario's monitors: entry for the monitor under test; bad options are reported against the flag. */
export function monitorSpec(m: MonitorUnderTest): Record<string, unknown> {
  const settings = {
    name: MONITOR_NAME,
    severity: 'warning',
    warmup: m.warmup ?? 0,
    ...(m.debounce === undefined ? {} : { debounce: m.debounce }),
    ...(m.cooldown === undefined ? {} : { cooldown: m.cooldown }),
    options: m.options ?? {},
  };
  if (/\.(ts|mts|js|mjs)$/.test(m.monitor) || m.monitor.includes('/')) {
    const module = isAbsolute(m.monitor) ? m.monitor : resolve(m.monitor);
    if (!existsSync(module)) throw new ScenarioError('--monitor', [{ path: '', message: `${module}: file not found; give a built-in monitor type (${Object.keys(BUILTIN_MONITORS).join(', ')}) or a .ts/.js file whose default export is a MonitorFactory` }]);
    return { ...settings, type: 'custom', module };
  }
  const builtin = BUILTIN_MONITORS[m.monitor];
  if (!builtin) throw new ScenarioError('--monitor', [{ path: '', message: `unknown monitor ${JSON.stringify(m.monitor)}; built-in: ${Object.keys(BUILTIN_MONITORS).join(', ')}; or a path to a .ts/.js file whose default export is a MonitorFactory` }]);
  const parsed = builtin.options.safeParse(m.options ?? {});
  if (!parsed.success) {
    throw new ScenarioError('--options', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: `${i.message} (see \`tulip monitors\` for ${m.monitor}'s options)` })));
  }
  return { ...settings, type: m.monitor };
}

/** The scenario with only the monitor under test (and no rules), or with no monitors at all. */
export function withMonitors(loaded: LoadedScenario, monitors: Record<string, unknown>[], extra: Record<string, unknown> = {}): LoadedScenario {
  const raw = applyOverrides(loaded.raw, overridesFromRecord({ monitors, rules: [], ...extra }));
  return { source: loaded.source, config: validateScenario(raw, loaded.source), raw };
}

async function evaluateScenario(loaded: LoadedScenario, monitored: LoadedScenario, build: BuildOptions, every: number): Promise<{ evaluation: ScenarioEvaluation; trivial: RunOutcome[]; always: RunOutcome[] }> {
  const truth = loaded.config.truth!;
  const sim = await buildSimulation(monitored, build);
  let onsets: (number | null)[];
  let alarms: number[][];
  try {
    const needSeries = truth.loop && truth.onset === undefined;
    const recorder = new SeriesRecorder(sim, sim.totalTicks);
    if (needSeries) runRecorded(sim, recorder);
    else sim.run();
    alarms = Array.from({ length: sim.worlds }, () => []);
    for (const e of sim.events) if (e.type === 'alert' && e.alert.monitor === MONITOR_NAME) alarms[e.world]!.push(e.tick);
    if (!truth.loop) onsets = alarms.map(() => null);
    else if (truth.onset !== undefined) onsets = alarms.map(() => truth.onset!);
    else onsets = await counterfactualOnsets(loaded, truth, recorder, build);
  } finally {
    sim.dispose();
  }
  const ticks = build.ticks ?? loaded.config.ticks;
  const seeds = build.seeds!;
  const runs = seeds.map((seed, w) => ({ seed, ...scoreRun(alarms[w]!, ticks, { onset: onsets[w]!, before: truth.before, after: truth.after }) }));
  const trivial = runs.map((r) => scoreRun(periodicAlarms(ticks, every), ticks, { onset: r.onset, before: truth.before, after: truth.after }));
  const always = runs.map((r) => scoreRun(alwaysAlarms(ticks), ticks, { onset: r.onset, before: truth.before, after: truth.after }));
  const evaluation = { scenario: scenarioName(loaded.source), source: loaded.source, loop: truth.loop, runs, metrics: aggregate(runs), trivial: aggregate(trivial), alwaysFire: aggregate(always) };
  return { evaluation, trivial, always };
}

type Truth = NonNullable<ScenarioConfig['truth']>;

/** Onsets per world: the counterfactual run without the loop's cause, compared with the factual series. */
async function counterfactualOnsets(loaded: LoadedScenario, truth: Truth, factual: SeriesRecorder, build: BuildOptions): Promise<(number | null)[]> {
  let cfLoaded: LoadedScenario;
  try {
    cfLoaded = withMonitors(loaded, [], truth.intervene!);
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    throw new ScenarioError(loaded.source, err.problems.map((p) => ({ ...p, path: `truth.intervene: ${p.path}` })));
  }
  const sim = await buildSimulation(cfLoaded, { ...build, onBackend: undefined });
  try {
    const cf = new SeriesRecorder(sim, sim.totalTicks);
    runRecorded(sim, cf);
    const f = factual.series.get(truth.series);
    if (!f) throw new ScenarioError(loaded.source, [{ path: 'truth.series', message: `no series ${truth.series}; series: ${[...factual.series.keys()].join(', ')}` }]);
    const c = cf.series.get(truth.series) ?? new Float64Array(f.length);
    const influence = f.map((v, i) => v - c[i]!);
    return Array.from({ length: sim.worlds }, (_, w) => loopOnset(worldValues(influence, sim.worlds, w), truth.epsilon, truth.consecutive));
  } finally {
    sim.dispose();
  }
}

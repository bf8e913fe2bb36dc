/**
 * Calibrating a monitor to a target false-alarm rate (`tulip calibrate`): on a null
 * scenario (a healthy market, or `iid`: every series an iid N(0, 1) stream), find the
 * threshold whose run length to a false alarm (ARL0) is the target, by simulation.
 *
 * One simulation per call: each world records the monitor's statistic every tick. Up to
 * its first alarm a monitor's statistic does not depend on its threshold (true of every
 * built-in: the threshold only decides alarms), so the first-alarm tick at any threshold
 * is read off the recorded paths, and the censored ARL0 (stats/run-length.ts) is a
 * nondecreasing step function of the threshold: a binary search over the recorded values
 * finds the smallest threshold that reaches the target. Run length counts from tick 0,
 * warm-up and reference windows included, as a user's run would.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { loadScenarioFile } from '../setup/loader.ts';
import { buildSimulation, scenarioName, type BuildOptions } from '../setup/build.ts';
import { ScenarioError } from '../config/errors.ts';
import { alarmSettings, BUILTIN_MONITORS } from '../monitors/builtins/index.ts';
import type { Monitor, MonitorFactory, MonitorReading } from '../monitors/monitor.ts';
import { NoiseView } from '../monitors/noise-view.ts';
import { estimateArl0, firstAlarm, type AlarmRule, type Arl0Estimate } from '../stats/run-length.ts';
import { monitorSpec, withMonitors, type MonitorUnderTest } from './evaluate.ts';
import { resolveScenarioPath } from './suite.ts';

/** The null "scenario" of pure noise. */
export const IID_SCENARIO = 'iid';
export const DEFAULT_IID_TICKS = 1000;

export interface CalibrateOptions extends MonitorUnderTest, Pick<BuildOptions, 'backend' | 'onBackend'> {
  /** A scenario name or file without a loop (calm), or `iid`. */
  scenario: string;
  seeds: number[];
  /** Ticks per run (default: the scenario's; 1000 for iid). */
  ticks?: number;
  /** Target ARL0 in ticks; without it, only the ARL0 at the given options is measured. */
  arl0?: number;
  /** The option compared with the statistic (default: `h` for cusum, else `threshold`). */
  parameter?: string;
}

export interface Calibration {
  format: 'tulip-calibration';
  monitor: string;
  scenario: string;
  seeds: number[];
  ticks: number;
  parameter: string;
  direction: 'above' | 'below';
  rule: AlarmRule;
  /** ARL0 at the threshold the options give (or the default). */
  given: { threshold: number; estimate: Arl0Estimate };
  /** With a target: the threshold found and its ARL0. */
  calibrated?: { target: number; threshold: number; estimate: Arl0Estimate };
  /** The options to use: as given, with the calibrated threshold when there is one. */
  options: Record<string, unknown>;
}

interface Recording {
  /** statistic[w][t]. */
  statistic: Float64Array[];
  first: MonitorReading;
  ticks: number;
}

export async function calibrateMonitor(o: CalibrateOptions): Promise<Calibration> {
  const parameter = o.parameter ?? (o.monitor === 'cusum' ? 'h' : 'threshold');
  if (o.arl0 !== undefined) checkParameter(o.monitor, parameter);
  const recording = o.scenario === IID_SCENARIO ? await recordOnNoise(o) : await recordOnScenario(o);
  const direction = recording.first.direction ?? 'above';
  const settings = alarmSettings(isModule(o.monitor) ? 'custom' : o.monitor, { debounce: o.debounce });
  const rule: AlarmRule = { direction, debounce: settings.debounce, warmup: o.warmup ?? 0 };
  const lengths = recording.statistic.map(() => recording.ticks);
  const at = (h: number) => estimateArl0(recording.statistic.map((s) => firstAlarm(s, h, rule)), lengths);
  const given = { threshold: recording.first.threshold, estimate: at(recording.first.threshold) };
  const out: Calibration = {
    format: 'tulip-calibration',
    monitor: o.monitor,
    scenario: o.scenario === IID_SCENARIO ? IID_SCENARIO : scenarioName(resolveScenarioPath(o.scenario)),
    seeds: o.seeds,
    ticks: recording.ticks,
    parameter,
    direction,
    rule,
    given,
    options: { ...(o.options ?? {}) },
  };
  if (o.arl0 !== undefined) {
    const threshold = searchThreshold(recording.statistic, direction, o.arl0, at);
    out.calibrated = { target: o.arl0, threshold, estimate: at(threshold) };
    out.options = { ...out.options, [parameter]: threshold };
  }
  return out;
}

/**
 * The least strict threshold whose ARL0 reaches the target: the smallest (above) or largest
 * (below) recorded value; alarms need the statistic strictly past it.
 */
function searchThreshold(statistic: Float64Array[], direction: 'above' | 'below', target: number, at: (h: number) => Arl0Estimate): number {
  const values = [...new Set(statistic.flatMap((s) => Array.from(s).filter(Number.isFinite)))].sort((a, b) => (direction === 'above' ? a - b : b - a));
  if (values.length === 0) throw new ScenarioError('--monitor', [{ path: '', message: 'the monitor produced no finite statistic on this scenario: nothing to calibrate (are its series ready, its windows shorter than the run?)' }]);
  let lo = 0;
  let hi = values.length - 1; // the strictest value: nothing is past it, ARL0 = ∞ reaches any target
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(values[mid]!).arl0 >= target) hi = mid;
    else lo = mid + 1;
  }
  return values[lo]!;
}

function isModule(monitor: string): boolean {
  return /\.(ts|mts|js|mjs)$/.test(monitor) || monitor.includes('/');
}

/** A built-in's calibrated option must be one of its options (ADWIN's alarm is a 0/1 flag: tune its delta instead). */
function checkParameter(monitor: string, parameter: string): void {
  if (isModule(monitor)) return;
  const builtin = BUILTIN_MONITORS[monitor];
  if (!builtin) return; // monitorSpec reports an unknown type
  const properties = (z.toJSONSchema(builtin.options, { io: 'input' }) as { properties?: Record<string, unknown> }).properties ?? {};
  if (!(parameter in properties)) {
    throw new ScenarioError('--parameter', [{ path: '', message: `${monitor} has no option ${parameter} to calibrate; its options: ${Object.keys(properties).join(', ')} (a threshold-like option compared with its statistic; ADWIN raises a 0/1 flag: tune its delta)` }]);
  }
}

async function recordOnScenario(o: CalibrateOptions): Promise<Recording> {
  const loaded = loadScenarioFile(resolveScenarioPath(o.scenario));
  if (loaded.config.truth?.loop) throw new ScenarioError(loaded.source, [{ path: 'truth.loop', message: 'is true: calibrate on a scenario without a loop (a false alarm must be false), e.g. calm, or iid' }]);
  const monitored = withMonitors(loaded, [monitorSpec(o)]);
  const sim = await buildSimulation(monitored, { seeds: o.seeds, ticks: o.ticks, backend: o.backend, onBackend: o.onBackend });
  try {
    const ticks = sim.totalTicks - sim.tick;
    const statistic = o.seeds.map(() => new Float64Array(ticks).fill(Number.NaN));
    let first: MonitorReading | undefined;
    for (let t = 0; t < ticks; t++) {
      sim.step();
      const last = sim.parts.monitors!.runner.last[0]!;
      last.forEach((r, w) => {
        if (r) statistic[w]![t] = r.statistic;
      });
      first ??= last[0];
    }
    return { statistic, first: first ?? { statistic: Number.NaN, threshold: Number.NaN }, ticks };
  } finally {
    sim.dispose();
  }
}

async function recordOnNoise(o: CalibrateOptions): Promise<Recording> {
  const spec = monitorSpec(o) as { type: string; module?: string; options: Record<string, unknown> };
  const factory = await noiseFactory(spec);
  const ticks = o.ticks ?? DEFAULT_IID_TICKS;
  let first: MonitorReading | undefined;
  const statistic = o.seeds.map((seed, w) => {
    const monitor: Monitor = factory(spec.options, w);
    const view = new NoiseView(w, seed);
    const out = new Float64Array(ticks);
    for (let t = 0; t < ticks; t++) {
      view.advance(t);
      const r = monitor.observe(view);
      first ??= r;
      out[t] = r.statistic;
    }
    return out;
  });
  return { statistic, first: first!, ticks };
}

async function noiseFactory(spec: { type: string; module?: string; options: Record<string, unknown> }): Promise<MonitorFactory> {
  if (spec.type !== 'custom') {
    const builtin = BUILTIN_MONITORS[spec.type]!;
    const options = builtin.options.parse(spec.options);
    return () => builtin.create(options as never, { assets: ['X'], models: ['A', 'B'] });
  }
  const file = isAbsolute(spec.module!) ? spec.module! : resolve(spec.module!);
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof mod.default !== 'function') throw new ScenarioError('--monitor', [{ path: '', message: `${file} must export a MonitorFactory as its default export` }]);
  return mod.default as MonitorFactory;
}

/** A file written by `tulip calibrate --save`: the monitor and its calibrated options, for `tulip eval --calibrated`. */
export function readCalibration(file: string): Calibration {
  let data: Partial<Calibration> | null;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'), (_k, v: unknown) => (v === 'Infinity' ? Infinity : v)) as Partial<Calibration> | null;
  } catch (err) {
    throw new ScenarioError(file, [{ path: '', message: `--calibrated: cannot be read as JSON (${(err as NodeJS.ErrnoException).code ?? 'not JSON'}); write one with \`tulip calibrate --arl0 N --save FILE\`` }]);
  }
  if (!data || data.format !== 'tulip-calibration' || typeof data.monitor !== 'string' || !data.calibrated || typeof data.options !== 'object') {
    throw new ScenarioError(file, [{ path: '', message: '--calibrated: not a calibration (no "format": "tulip-calibration" with a calibrated threshold); write one with `tulip calibrate --arl0 N --save FILE`' }]);
  }
  return data as Calibration;
}

/**
 * Counterfactual replay with common random numbers. The factual run and the intervened
 * run use the same seeds; every random draw comes from a stream named after its
 * component, so the intervention changes only what it touches, and the difference
 *
 *     I(t) = X_factual(t) − X_counterfactual(t)
 *
 * is the influence of the intervention on X (prices, positions, PnL), world by world.
 *
 * With `from = T > 0` both runs share ticks 0..T−1 exactly: one simulation runs to T and
 * is snapshotted, then continues as the factual run; a second simulation, built with the
 * intervention, restores the snapshot and continues as the counterfactual. Overrides the
 * engine holds as state rather than configuration are applied as engine interventions at
 * T instead: `models.M.bugs=[]` (bug switched off) and `models.M.training.mode=...`.
 */
import type { LoadedScenario } from '../setup/loader.ts';
import { validateScenario } from '../setup/loader.ts';
import { applyOverrides, parseOverride, type Override } from '../setup/overrides.ts';
import { ScenarioError } from '../config/errors.ts';
import { buildSimulation, type BuildOptions } from '../setup/build.ts';
import type { Snapshot } from '../engine/simulation.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import type { Intervention } from '../core/events.ts';
import { median } from '../setup/summary.ts';
import { SeriesRecorder, runRecorded, worldValues, type RunSeries } from './series.ts';
import { loopOnset, ONSET_DEFAULTS } from './onset.ts';

export interface CounterfactualOptions extends Pick<BuildOptions, 'seed' | 'worlds' | 'seeds' | 'ticks' | 'backend' | 'onBackend'> {
  /** Overrides of the counterfactual run, in `--set` syntax: `models.A.bugs=[]`. */
  intervene: (string | Override)[];
  /**
   * Tick at which the intervention starts; both runs are identical before it.
   * @default 0 (the counterfactual run is built with the intervention from the start)
   */
  from?: number;
  /** Influence series for the loop onset. @default `price:<first asset>` */
  onsetSeries?: string;
  /** Onset threshold ε on |I|, in the series' units. @default 1 */
  epsilon?: number;
  /** Ticks m in a row |I| must exceed ε. @default 5 */
  consecutive?: number;
}

export interface InfluenceFigures {
  /** max over ticks of |I(t)|. */
  peakAbs: number;
  /** Tick of that peak. */
  peakTick: number;
  /** mean over ticks of |I(t)|. */
  meanAbs: number;
  /** I at the last tick. */
  final: number;
}

export interface InfluenceSummary extends Omit<InfluenceFigures, 'peakTick'> {
  series: string;
  /** The figures of each world; the top-level ones are medians across worlds. */
  perWorld: InfluenceFigures[];
}

export interface CounterfactualResult {
  scenario: string;
  seeds: number[];
  ticks: number;
  from: number;
  intervene: string[];
  /** I(t) by series name, tick-major (`values[t * worlds + w]`). */
  influence: Map<string, Float64Array>;
  summary: InfluenceSummary[];
  onset: { series: string; epsilon: number; consecutive: number; perWorld: (number | null)[] };
  /** Trace hashes of each world, factual and counterfactual. */
  hashes: { factual: string[]; counterfactual: string[] };
  factual: RunSeries;
  counterfactual: RunSeries;
}

/** The scenario with overrides, validated; a bad value is reported against `flag` (the --intervene, by default). */
export function intervenedScenario(loaded: LoadedScenario, overrides: Override[], flag = '--intervene'): LoadedScenario {
  if (overrides.length === 0) return loaded;
  const raw = applyOverrides(loaded.raw, overrides);
  try {
    return { source: loaded.source, config: validateScenario(raw, loaded.source), raw };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const origin = `${flag} ${overrides.map((o) => o.text).join(' ')}`;
    throw new ScenarioError(err.source, err.problems.map((p) => ({ ...p, line: undefined, origin })));
  }
}

export function toOverride(o: string | Override): Override {
  if (typeof o !== 'string') return o;
  try {
    return parseOverride(o);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError('--intervene', err.problems);
    throw err;
  }
}

export async function counterfactual(loaded: LoadedScenario, options: CounterfactualOptions): Promise<CounterfactualResult> {
  const overrides = options.intervene.map(toOverride);
  const from = options.from ?? 0;
  const build: BuildOptions = { seed: options.seed, worlds: options.worlds, seeds: options.seeds, ticks: options.ticks, backend: options.backend, onBackend: options.onBackend };
  const factualSim = await buildSimulation(loaded, build);
  let cfSim: Simulation | undefined;
  try {
    const ticks = factualSim.totalTicks;
    if (from >= ticks) throw new ScenarioError('--from', [{ path: '', message: `must be below the run's length (${ticks} ticks), got ${from}` }]);
    const factual = new SeriesRecorder(factualSim, ticks);
    const cfLoaded = intervenedScenario(loaded, from > 0 ? overrides.filter((o) => !isBugRemoval(o)) : overrides);
    cfSim = await buildSimulation(cfLoaded, { ...build, onBackend: undefined });
    if (cfSim.totalTicks !== ticks) throw new ScenarioError('--intervene', [{ path: 'ticks', message: `the intervention must not change the run's length (${ticks} ticks); use --ticks for both runs` }]);
    const cf = new SeriesRecorder(cfSim, ticks);
    if (from > 0) {
      runRecorded(factualSim, factual, from);
      const snapshot = factualSim.snapshot();
      checkSameShape(snapshot, cfSim.snapshot(), overrides);
      cfSim.restore(snapshot);
      for (const [name, values] of factual.series) cf.series.get(name)?.set(values.subarray(0, from * factualSim.worlds));
      for (const iv of engineInterventions(overrides)) cfSim.intervene(iv);
    }
    runRecorded(factualSim, factual);
    runRecorded(cfSim, cf);
    return compare(options, overrides, from, factualSim, cfSim, factual.result(), cf.result());
  } finally {
    factualSim.dispose();
    cfSim?.dispose();
  }
}

function compare(options: CounterfactualOptions, overrides: Override[], from: number, f: Simulation, c: Simulation, factual: RunSeries, cf: RunSeries): CounterfactualResult {
  const W = f.worlds;
  const influence = new Map<string, Float64Array>();
  for (const [name, values] of factual.series) {
    // A model absent from the counterfactual run holds nothing and earns nothing there.
    const other = cf.series.get(name) ?? new Float64Array(values.length);
    influence.set(name, values.map((v, i) => v - other[i]!));
  }
  const summary = [...influence].map(([series, values]) => summarize(series, values, W));
  const onsetSeries = options.onsetSeries ?? `price:${f.parts.market.symbols[0]}`;
  const onsetValues = influence.get(onsetSeries);
  if (!onsetValues) throw new ScenarioError('--onset-series', [{ path: '', message: `no series ${onsetSeries}; series: ${[...influence.keys()].join(', ')}` }]);
  const epsilon = options.epsilon ?? ONSET_DEFAULTS.epsilon;
  const consecutive = options.consecutive ?? ONSET_DEFAULTS.consecutive;
  return {
    scenario: f.parts.scenarioName,
    seeds: f.parts.seeds,
    ticks: factual.ticks,
    from,
    intervene: overrides.map((o) => o.text),
    influence,
    summary,
    onset: { series: onsetSeries, epsilon, consecutive, perWorld: Array.from({ length: W }, (_, w) => loopOnset(worldValues(onsetValues, W, w), epsilon, consecutive)) },
    hashes: { factual: Array.from({ length: W }, (_, w) => f.hashes.hex(w)), counterfactual: Array.from({ length: W }, (_, w) => c.hashes.hex(w)) },
    factual,
    counterfactual: cf,
  };
}

export function influenceFigures(values: ArrayLike<number>): InfluenceFigures {
  let peakAbs = 0;
  let peakTick = 0;
  let sum = 0;
  for (let t = 0; t < values.length; t++) {
    const a = Math.abs(values[t]!);
    sum += a;
    if (a > peakAbs) {
      peakAbs = a;
      peakTick = t;
    }
  }
  return { peakAbs, peakTick, meanAbs: values.length ? sum / values.length : 0, final: values[values.length - 1] ?? 0 };
}

function summarize(series: string, values: Float64Array, worlds: number): InfluenceSummary {
  const perWorld = Array.from({ length: worlds }, (_, w) => influenceFigures(worldValues(values, worlds, w)));
  return {
    series,
    peakAbs: median(perWorld.map((p) => p.peakAbs)),
    meanAbs: median(perWorld.map((p) => p.meanAbs)),
    final: median(perWorld.map((p) => p.final)),
    perWorld,
  };
}

// ---- --from: interventions the engine holds as state ------------------------------------

function isBugRemoval(o: Override): boolean {
  return o.path.length === 3 && o.path[0] === 'models' && o.path[2] === 'bugs' && Array.isArray(o.value) && o.value.length === 0;
}

function engineInterventions(overrides: Override[]): Intervention[] {
  const out: Intervention[] = [];
  for (const o of overrides) {
    const model = o.path[1]!;
    if (isBugRemoval(o)) out.push({ type: 'set-bug', model, on: false, reason: `counterfactual: ${o.text}` });
    else if (o.path.length === 4 && o.path[0] === 'models' && o.path[2] === 'training' && o.path[3] === 'mode' && (o.value === 'static' || o.value === 'dynamic')) {
      out.push({ type: 'set-training', model, mode: o.value, reason: `counterfactual: ${o.text}` });
    }
  }
  return out;
}

/** Lengths of every array in a snapshot's market, ledger, roles and published predictions (its first four state owners), and the monitors per world. */
function shape(s: Snapshot): string {
  const walk = (x: unknown): unknown => {
    if (ArrayBuffer.isView(x)) return (x as Float64Array).length;
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, walk(v)]));
    return null;
  };
  // Monitors' own states grow as their windows fill, so only their number per world is compared.
  const parts = s.state.map((owner, i) => {
    const monitors = (owner as { runner?: { states?: unknown[][] } } | undefined)?.runner?.states;
    return monitors ? monitors.map((byWorld) => byWorld.length) : i < 4 ? walk(owner) : null;
  });
  return JSON.stringify(parts);
}

function checkSameShape(factual: Snapshot, cf: Snapshot, overrides: Override[]): void {
  if (shape(factual) === shape(cf)) return;
  throw new ScenarioError(`--intervene ${overrides.map((o) => o.text).join(' ')}`, [
    {
      path: '',
      message:
        'with --from the intervention must keep the run’s parts (models, features, assets, traders, monitors) the same, so the counterfactual can continue from the factual snapshot; ' +
        'change a value instead (e.g. models.A.bugs.0.until=300, models.B.policy.gain=0, models.A.bugs=[] or models.B.training.mode=static), or drop --from to intervene from tick 0',
    },
  ]);
}

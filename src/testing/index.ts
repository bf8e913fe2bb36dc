/**
 * `tulip-sim/testing`: helpers and vitest matchers for users' own test suites.
 *
 * ```ts
 * import { runScenario, evaluateMonitor } from 'tulip-sim/testing';
 *
 * const run = await runScenario('monitored-tulip', { seeds: '1..3', ticks: 400 });
 * expect(run).toRaiseAlert('loop-b', { before: 400 });
 * ```
 *
 * Importing this module registers the matchers with vitest's `expect` (and their types,
 * by augmenting vitest's `Matchers`). Everything runs in-process and deterministically.
 */
import { expect } from 'vitest';
import { loadScenarioFile, type LoadedScenario } from '../setup/loader.ts';
import { overridesFromRecord, parseOverride, type Override } from '../setup/overrides.ts';
import { parseSeeds } from '../setup/expect.ts';
import { buildSimulation, type BuildOptions } from '../setup/build.ts';
import { runSummary, worldSummary, type RunSummary, type WorldSummary } from '../setup/summary.ts';
import { counterfactual as counterfactualRun, intervenedScenario, type CounterfactualOptions, type CounterfactualResult } from '../analysis/counterfactual.ts';
import { amplification as amplificationRun, type AmplificationOptions, type AmplificationResult } from '../analysis/amplification.ts';
import { evaluateMonitor as evaluateRun, type EvaluateOptions, type EvaluationResult } from '../analysis/evaluate.ts';
import { resolveScenarioPath } from '../analysis/suite.ts';
import { tulipMatchers } from './matchers.ts';

export type { EvaluationResult, ScenarioEvaluation, MonitorUnderTest } from '../analysis/evaluate.ts';
export type { CounterfactualResult, InfluenceSummary } from '../analysis/counterfactual.ts';
export type { AmplificationResult } from '../analysis/amplification.ts';
export type { Metrics, RunOutcome } from '../analysis/metrics.ts';
export type { RunSummary, WorldSummary } from '../setup/summary.ts';
export type { Monitor, MonitorFactory, MonitorView, MonitorReading } from '../monitors/monitor.ts';
export { compareToBaseline, parseResults, resultsJson, type Regression } from '../analysis/baseline.ts';
export { tulipMatchers, type TulipMatchers } from './matchers.ts';

/** A scenario: a shipped name (`tulip-mania`, `eval/loop-units-bug`), a file path, or one already loaded. */
export type ScenarioRef = string | LoadedScenario;

/** Seeds as a list or a range `"1..20"`; each seed runs as one world of a batched run. */
export type SeedsRef = number[] | string;

export interface RunScenarioOptions extends Pick<BuildOptions, 'seed' | 'worlds' | 'ticks' | 'backend'> {
  seeds?: SeedsRef;
  /** Overrides, as `--set` texts (`models.B.training.mode=static`) or a record of path: value. */
  set?: string[] | Record<string, unknown>;
}

/** A finished run: the summary, with every world's own summary (also for one world). */
export interface ScenarioRun extends RunSummary {
  perWorld: WorldSummary[];
}

function toOverrides(set: RunScenarioOptions['set']): Override[] {
  if (!set) return [];
  return Array.isArray(set) ? set.map((s) => parseOverride(s)) : overridesFromRecord(set);
}

/** Loads a scenario by name, path or as given, with overrides. */
export function loadScenario(scenario: ScenarioRef, set?: RunScenarioOptions['set']): LoadedScenario {
  const loaded = typeof scenario === 'string' ? loadScenarioFile(resolveScenarioPath(scenario)) : scenario;
  return intervenedScenario(loaded, toOverrides(set), 'set:');
}

function seedList(seeds: SeedsRef | undefined): number[] | undefined {
  return seeds === undefined ? undefined : parseSeeds(seeds);
}

/** Runs a scenario to its end (all seeds as worlds of one batched run) and summarises it. */
export async function runScenario(scenario: ScenarioRef, options: RunScenarioOptions = {}): Promise<ScenarioRun> {
  const sim = await buildSimulation(loadScenario(scenario, options.set), { ...options, seeds: seedList(options.seeds) });
  try {
    sim.run();
    return { ...runSummary(sim), perWorld: Array.from({ length: sim.worlds }, (_, w) => worldSummary(sim, w)) };
  } finally {
    sim.dispose();
  }
}

export interface TestingCounterfactualOptions extends Omit<CounterfactualOptions, 'seeds'> {
  seeds?: SeedsRef;
  /** Overrides of the scenario itself, for both runs. */
  set?: RunScenarioOptions['set'];
}

/** The factual run and the intervened run with common random numbers; I(t) = factual − counterfactual. */
export async function counterfactual(scenario: ScenarioRef, options: TestingCounterfactualOptions): Promise<CounterfactualResult> {
  return counterfactualRun(loadScenario(scenario, options.set), { ...options, seeds: seedList(options.seeds) });
}

/** Influence of the intervention with `model` live / with it removed (see docs/monitor-evaluation.md). */
export async function amplification(scenario: ScenarioRef, options: TestingCounterfactualOptions & Pick<AmplificationOptions, 'model' | 'series'>): Promise<AmplificationResult> {
  return amplificationRun(loadScenario(scenario, options.set), { ...options, seeds: seedList(options.seeds) });
}

export interface TestingEvaluateOptions extends Omit<EvaluateOptions, 'seeds'> {
  seeds?: SeedsRef;
}

/** Scores a monitor over a labelled suite (default: the shipped scenarios/eval) × seeds. */
export async function evaluateMonitor(options: TestingEvaluateOptions): Promise<EvaluationResult> {
  return evaluateRun({ ...options, seeds: seedList(options.seeds) });
}

expect.extend(tulipMatchers);

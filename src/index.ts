/**
 * The public API of tulip-sim. Everything a user's code or tests need: load a scenario,
 * build and run a simulation, summarise it, write monitors, replay counterfactuals and
 * evaluate monitors. Helpers and vitest matchers for test suites: `tulip-sim/testing`.
 */
export { loadScenarioFile, loadScenarioText, validateScenario, type LoadedScenario } from './setup/loader.ts';
export { buildSimulation, scenarioName, type BuildOptions } from './setup/build.ts';
export { ScenarioError, type ScenarioProblem } from './config/errors.ts';
export { parseOverride, applyOverrides, type Override } from './setup/overrides.ts';
export { evaluateExpectations, parseSeeds, type CheckResult } from './setup/expect.ts';
export { Scenario, scenarioJsonSchema, type ScenarioConfig, type ScenarioInput } from './config/schema.ts';
export { Simulation, type Snapshot } from './engine/simulation.ts';
export { runSummary, worldSummary, type RunSummary, type WorldSummary, type AssetSummary, type ModelSummary } from './setup/summary.ts';
export type { Alert, Intervention, SimEvent } from './core/events.ts';
export type { Monitor, MonitorFactory, MonitorView, MonitorReading, MonitorAlert, Severity } from './monitors/monitor.ts';
export { BUILTIN_MONITORS, type BuiltinMonitor, type BuiltinContext } from './monitors/builtins/index.ts';
export { counterfactual, type CounterfactualOptions, type CounterfactualResult, type InfluenceSummary, type InfluenceFigures } from './analysis/counterfactual.ts';
export { amplification, type AmplificationOptions, type AmplificationResult } from './analysis/amplification.ts';
export { loopOnset, ONSET_DEFAULTS } from './analysis/onset.ts';
export { evaluateMonitor, type EvaluateOptions, type EvaluationResult, type ScenarioEvaluation, type MonitorUnderTest } from './analysis/evaluate.ts';
export { scoreRun, aggregate, censoredArl0, periodicAlarms, METRIC_DIRECTIONS, type Metrics, type RunOutcome, type RunTruth } from './analysis/metrics.ts';
export { compareToBaseline, parseTolerance, resultsJson, parseResults, describeRegression, type Regression, type Tolerance } from './analysis/baseline.ts';
export { VERSION } from './core/version.ts';

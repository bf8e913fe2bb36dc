/**
 * The run report: what is drawn (a trace, its summary, its scenario, and the same run
 * without the bug) gathered from a scenario run or from a run folder, then turned into
 * one self-contained HTML page (see html.ts) with every chart inline as SVG.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LoadedScenario } from '../setup/loader.ts';
import { loadScenarioFile } from '../setup/loader.ts';
import { buildSimulation, type BuildOptions } from '../setup/build.ts';
import { runSummary, type RunSummary } from '../setup/summary.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import { traceFromSimulation, TraceError, type Trace } from './trace-file.ts';
import { readTrace } from './export.ts';
import { renderCharts, reportCharts, type RenderedChart } from './charts.ts';
import type { ReportInput, ReportScenario } from './report-input.ts';
import { reportHtml } from './html.ts';
import { modelAssets } from '../config/naming.ts';
import { modelLabels, monitorStatistics } from './labels.ts';

export type { ReportInput, ReportScenario } from './report-input.ts';

export interface Report {
  html: string;
  charts: RenderedChart[];
}

export async function buildReport(input: ReportInput): Promise<Report> {
  const charts = await renderCharts(reportCharts(input));
  return { html: reportHtml(input, charts), charts };
}

function scenarioInfo(loaded: LoadedScenario, note?: string): ReportScenario {
  return { source: loaded.source, title: loaded.config.title, lesson: loaded.config.lesson, params: loaded.raw, note };
}

/** The asset each model's charts show: its one asset, or the first of a multi-asset model's. */
function modelAssetsOf(loaded: LoadedScenario): Record<string, string> {
  return Object.fromEntries(Object.entries(loaded.config.models).map(([name, m]) => [name, modelAssets(loaded.config, m)[0]!]));
}

/** Words for legends and axes: each model's role, each monitor's statistic and unit. */
function labelsOf(loaded: LoadedScenario): Pick<ReportInput, 'modelLabels' | 'monitorLabels'> {
  return { modelLabels: modelLabels(loaded.config), monitorLabels: monitorStatistics(loaded.config) };
}

/** Enabled models with an injected bug: the counterfactual run switches these off. */
export function buggyModels(loaded: LoadedScenario): string[] {
  return Object.entries(loaded.config.models)
    .filter(([, m]) => m.enabled && m.bugs.length > 0)
    .map(([name]) => name);
}

async function recordedRun(loaded: LoadedScenario, options: BuildOptions, before?: (sim: Simulation) => void): Promise<{ trace: Trace; summary: RunSummary }> {
  const sim = await buildSimulation(loaded, { ...options, record: true });
  try {
    before?.(sim);
    sim.run();
    return { trace: traceFromSimulation(sim), summary: runSummary(sim) };
  } finally {
    sim.dispose();
  }
}

export interface ScenarioReportOptions extends BuildOptions {
  /** Also run the same seeds with every injected bug switched off, and draw that price. @default true */
  counterfactual?: boolean;
}

/** Runs a scenario (recording every tick) and, when it has a bug, the same seeds without it. */
export async function reportInputFromScenario(loaded: LoadedScenario, options: ScenarioReportOptions = {}): Promise<ReportInput> {
  const { counterfactual = true, ...build } = options;
  const main = await recordedRun(loaded, build);
  const input: ReportInput = { ...main, scenario: scenarioInfo(loaded), modelAssets: modelAssetsOf(loaded), ...labelsOf(loaded) };
  const buggy = buggyModels(loaded);
  if (counterfactual && buggy.length > 0) {
    // Switched off before tick 0 in every world; named RNG streams keep every other draw the same.
    const cf = await recordedRun(loaded, { ...build, onBackend: undefined }, (sim) => {
      for (const model of buggy) sim.intervene({ type: 'set-bug', model, on: false });
    });
    input.counterfactual = { label: `price without ${buggy.join(' and ')}'s bug (same seed)`, trace: cf.trace };
  }
  return input;
}

/**
 * A run folder (`tulip run --out DIR`, or a single trace file) as report input. The
 * lesson and parameters come from DIR/scenario.yaml when present, else from
 * `shippedScenario(name)` (the shipped scenario of the trace's name), with a note that overrides
 * given to that run are not known.
 */
export function reportInputFromRunDir(path: string, shippedScenario?: (name: string) => string): ReportInput {
  const trace = readTrace(path);
  const scenarioFile = shippedScenario?.(trace.headers[0]!.scenario);
  const folder = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  const summaryFile = join(folder, 'summary.json');
  let summary: RunSummary | undefined;
  if (existsSync(summaryFile)) {
    try {
      summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary;
    } catch (err) {
      throw new TraceError(`${summaryFile}: not valid JSON (${(err as Error).message})`);
    }
  }
  const own = join(folder, 'scenario.yaml');
  const file = existsSync(own) ? own : scenarioFile && existsSync(scenarioFile) ? scenarioFile : undefined;
  const loaded = file ? loadScenarioFile(file) : undefined;
  const note = loaded && file !== own ? `Lesson and parameters are those of the shipped scenario ${file}; the run folder does not record --set overrides the run may have had.` : undefined;
  const assets = Object.keys(trace.records[0]?.assets ?? {});
  const modelAssets = loaded ? modelAssetsOf(loaded) : assets.length === 1 ? Object.fromEntries(Object.keys(trace.records[0]?.models ?? {}).map((m) => [m, assets[0]!])) : {};
  return { trace, summary, modelAssets, scenario: loaded && scenarioInfo(loaded, note), ...(loaded ? labelsOf(loaded) : {}) };
}

/**
 * `tulip compare`: every combination of the --vary values over the same seeds, reduced to
 * one row per combination and one cell per metric: the median and quartiles (p25, p75)
 * of the metric over the seeds. The runs are a sweep's rows computed in memory
 * (prepareRows + runRows), so a compare row is made of exactly the worlds `tulip sweep`
 * would write, and each world is bit-for-bit the single run with its seed.
 *
 * Metrics are dotted summary fields as flattenSummary names them (models.A.pnl,
 * assets.X.peakDeviation, ...), so a field added to the world summary can be compared
 * with no change here. A default metric that no run has is shown as missing, not an error,
 * so the defaults can name fields some scenarios (or versions) do not report.
 */
import { median } from '../setup/summary.ts';
import { parseSeeds } from '../setup/expect.ts';
import { scenarioName } from '../setup/build.ts';
import { modelAssets } from '../config/naming.ts';
import { loadScenarioText, type LoadedScenario } from '../setup/loader.ts';
import { parseOverride } from '../setup/overrides.ts';
import type { BackendChoice } from '../models/backend.ts';
import { SweepError } from './errors.ts';
import type { VaryAxis } from './plan.ts';
import type { Cell, SweepColumn } from './rows.ts';
import { prepareAndRunRows, readScenarioText, type SweepProgress } from './run.ts';
import type { WorkerKind } from './pool.ts';
import type { Ran } from './executor.ts';

/** When neither --seeds nor the scenario's `expect.seeds` says. */
export const COMPARE_SEEDS_DEFAULT = '1..20';
/** The spread shown next to each median, in words (headers, JSON, docs). */
export const SPREAD = 'p25..p75: the quartiles over the seeds, interpolated linearly between order statistics (numpy’s default)';

export interface CompareOptions {
  scenarioFile: string;
  /** --seeds; default: the scenario's expect.seeds, else COMPARE_SEEDS_DEFAULT. */
  seeds?: { first: number; last: number };
  vary: VaryAxis[];
  sets: string[];
  /** --metrics; default: defaultMetrics(). */
  metrics?: string[];
  /** --model: whose default metrics; default: the first --vary's model, else the first model. */
  model?: string;
  ticks?: number;
  backend: BackendChoice;
  /** Workers; 1 runs the combinations in this thread. */
  workers: number;
  /** What the workers run on. @default DEFAULT_WORKER_KIND (executor.ts) */
  workerKind?: WorkerKind;
  /** Called once the plan is checked, with where its runs will be computed. */
  onWorkers?: (ran: Ran) => void;
  onBackend?: (note: string) => void;
  onProgress?: (progress: SweepProgress) => void;
}

/** One metric over one combination's seeds; all null (n = 0) when no run has the metric. */
export interface CompareCell {
  median: number | null;
  p25: number | null;
  p75: number | null;
  /** Seeds with a value (NaN counts as no value). */
  n: number;
}

export interface CompareRow {
  /** The combination: each --vary path and its value. */
  vary: Record<string, unknown>;
  /** Each --vary value as written on the command line, in axis order. */
  texts: string[];
  cells: Record<string, CompareCell>;
}

export interface CompareResult {
  scenario: string;
  seeds: number[];
  /** Where the seeds came from: `--seeds`, `expect.seeds` or `default`. */
  seedsFrom: 'option' | 'expect' | 'default';
  /** Ticks per run, one entry per distinct value across combinations. */
  ticks: number[];
  backend: string;
  vary: string[];
  metrics: string[];
  /** Metrics that no run reported (shown as missing). */
  absent: string[];
  rows: CompareRow[];
  /** Where the runs were computed: `main` (this thread) or the workers' kind, and how many workers (absent for results built by hand). */
  ran?: Ran;
}

/** The q-quantile of ascending values (type 7; defined once in core/quantile.ts). */
import { quantileSorted as quantile } from '../core/quantile.ts';
export { quantile };

/**
 * The cell of one metric over one combination's values. The median is the same function
 * `tulip run` and `tulip check` use, so a compare median equals theirs to the bit.
 */
export function summarize(values: (number | null | undefined)[]): CompareCell {
  const present = values.filter((v): v is number => typeof v === 'number' && !Number.isNaN(v)).sort((a, b) => a - b);
  if (present.length === 0) return { median: null, p25: null, p75: null, n: 0 };
  return { median: median(present), p25: quantile(present, 0.25), p75: quantile(present, 0.75), n: present.length };
}

/** The model whose figures are compared by default: --model, else the first --vary that names a model, else the first enabled model. */
export function defaultModel(base: LoadedScenario, vary: VaryAxis[], model?: string): string | undefined {
  const models = Object.keys(base.config.models);
  if (model !== undefined) {
    if (!models.includes(model)) throw new SweepError(`--model ${model}: ${scenarioName(base.source)} has no model ${JSON.stringify(model)}; its models: ${models.join(', ') || '(none)'}`);
    return model;
  }
  for (const axis of vary) {
    const named = /^models\.([^.[]+)\./.exec(axis.path)?.[1];
    if (named !== undefined && models.includes(named)) return named;
  }
  return models.find((m) => base.config.models[m]!.enabled) ?? models[0];
}

/**
 * The default metrics for model M and the asset it trades. A multi-asset model trades
 * many, so instead of one asset's deviation it gets its PnL on new listings.
 */
export function defaultMetrics(base: LoadedScenario, model: string | undefined): string[] {
  const config = model !== undefined ? base.config.models[model] : undefined;
  const assets = config ? modelAssets(base.config, config) : ['X'];
  const perModel = model === undefined ? [] : ['pnl', 'predictionError', 'serving.coverage', 'serving.staleness', 'serving.computeCost'].map((f) => `models.${model}.${f}`);
  if (assets.length > 1) return [...perModel.slice(0, 1), `models.${model}.pnlNewListings`, ...perModel.slice(1)];
  return [...perModel, `assets.${assets[0]}.peakDeviation`];
}

/** Refuses --metrics names that no run reports, naming those it does. */
export function checkMetrics(metrics: string[], columns: SweepColumn[]): void {
  const available = measureNames(columns);
  const unknown = metrics.filter((m) => !available.includes(m));
  if (unknown.length === 0) return;
  const which = unknown.length === 1 ? `${unknown[0]} is not a field` : `${unknown.join(', ')} are not fields`;
  throw new SweepError(`--metrics: ${which} of these runs' summaries; available: ${available.join(', ')}`);
}

/** The summary fields among a sweep's columns (not seed, variant, vary.* or traceHash). */
export function measureNames(columns: SweepColumn[]): string[] {
  return columns.filter((c) => c.type === 'float64' && !c.name.startsWith('vary.')).map((c) => c.name);
}

/** The seeds to run and where they came from. */
export function compareSeeds(base: LoadedScenario, option?: { first: number; last: number }): { seeds: number[] | { first: number; last: number }; from: CompareResult['seedsFrom'] } {
  if (option) return { seeds: option, from: 'option' };
  const expected = base.config.expect?.seeds;
  if (expected !== undefined) return { seeds: parseSeeds(expected), from: 'expect' };
  return { seeds: parseSeeds(COMPARE_SEEDS_DEFAULT), from: 'default' };
}

/**
 * One row per combination (grid order: first --vary slowest), one cell per metric, from
 * sweep rows in any order: each row's combination is its `variant` column.
 */
export function aggregateRows(columns: SweepColumn[], rows: Cell[][], grid: { values: unknown[]; texts: string[] }[], vary: string[], metrics: string[]): CompareRow[] {
  const variantAt = columns.findIndex((c) => c.name === 'variant');
  const metricAt = metrics.map((m) => columns.findIndex((c) => c.name === m));
  return grid.map((variant, v) => {
    const own = rows.filter((r) => r[variantAt] === v);
    const cells = Object.fromEntries(metrics.map((m, i) => [m, summarize(metricAt[i]! < 0 ? [] : own.map((r) => r[metricAt[i]!] as number | null))]));
    return { vary: Object.fromEntries(vary.map((p, a) => [p, variant.values[a]])), texts: variant.texts, cells };
  });
}

/** Runs every combination over the seeds and reduces the rows to the compare table. */
export async function runCompare(options: CompareOptions): Promise<CompareResult> {
  // The base scenario decides the default seeds; prepareRows loads it again with the variants.
  const base = loadBase(options);
  const model = defaultModel(base, options.vary, options.model); // refuses an unknown --model before anything runs
  const { seeds, from } = compareSeeds(base, options.seeds);
  const metrics = options.metrics ?? defaultMetrics(base, model);
  const { prepared, rows, ran } = await prepareAndRunRows(
    {
      scenarioFile: options.scenarioFile,
      seeds,
      vary: options.vary,
      sets: options.sets,
      ticks: options.ticks,
      backend: options.backend,
      onBackend: options.onBackend,
      workers: options.workers,
      workerKind: options.workerKind,
      onWorkers: options.onWorkers,
      onProgress: options.onProgress,
    },
    // Names the user typed must exist; the defaults may name fields this scenario does not report.
    (plan) => options.metrics && checkMetrics(metrics, plan.spec.columns),
  );
  const available = measureNames(prepared.spec.columns);
  const grid = prepared.spec.variants.map((v) => ({ values: v.values, texts: v.sets.map((s) => s.slice(s.indexOf('=') + 1)) }));
  const ticks = [...new Set(prepared.variantScenarios.map((s) => options.ticks ?? s.config.ticks))];
  return {
    scenario: scenarioName(options.scenarioFile),
    seeds: prepared.seeds,
    seedsFrom: from,
    ticks,
    backend: prepared.backend,
    vary: options.vary.map((a) => a.path),
    metrics,
    absent: metrics.filter((m) => !available.includes(m)),
    rows: aggregateRows(prepared.spec.columns, rows, grid, options.vary.map((a) => a.path), metrics),
    ran,
  };
}

/** The scenario with --set, for its expect.seeds (needed before the seeds are known); read and checked as prepareRows does. */
function loadBase(options: CompareOptions): LoadedScenario {
  return loadScenarioText(readScenarioText(options.scenarioFile), options.scenarioFile, options.sets.map((s) => parseOverride(s)));
}

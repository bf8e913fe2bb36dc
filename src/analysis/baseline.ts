/**
 * Saved evaluation results and regression checks against them (`tulip eval --save`,
 * `--baseline`). A metric regressed when it is worse than the baseline's by more than
 * its tolerance, relative to the baseline value: for a higher-is-better metric,
 * current < baseline − tol × |baseline|; for lower-is-better, current > baseline + tol × |baseline|.
 * A baseline of 0 (say, no false alarms) therefore tolerates no increase at all.
 * Metrics that are undefined on either side (null: no loop runs, no detection) are skipped.
 */
import { readFileSync } from 'node:fs';
import { ScenarioError } from '../config/errors.ts';
import { COMPARED_METRICS, METRIC_DIRECTIONS, type ComparedMetric, type Metrics } from './metrics.ts';
import type { EvaluationResult } from './evaluate.ts';

/** Relative tolerance, by default and per metric. */
export interface Tolerance {
  /** @default 0.05 (5% of the baseline value) */
  default: number;
  perMetric: Partial<Record<ComparedMetric, number>>;
}

export const DEFAULT_TOLERANCE: Tolerance = { default: 0.05, perMetric: {} };

export interface Regression {
  /** `overall` or a scenario name. */
  scope: string;
  metric: ComparedMetric;
  baseline: number;
  current: number;
  tolerance: number;
}

/** `0.1` or `0.1,meanDelay=0.2,falseAlarmsPer1000=0.5`. */
export function parseTolerance(text: string): Tolerance {
  const out: Tolerance = { default: DEFAULT_TOLERANCE.default, perMetric: {} };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value] = part.includes('=') ? part.split('=') : [undefined, part];
    const n = Number(value);
    if (!(value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= 0)) {
      throw new ScenarioError('--tolerance', [{ path: '', message: `expected a fraction ≥ 0 such as 0.05, or metric=fraction pairs (${COMPARED_METRICS.join(', ')}), got ${JSON.stringify(part)}` }]);
    }
    if (name === undefined) out.default = n;
    else if ((COMPARED_METRICS as string[]).includes(name.trim())) out.perMetric[name.trim() as ComparedMetric] = n;
    else throw new ScenarioError('--tolerance', [{ path: '', message: `unknown metric ${JSON.stringify(name)}; metrics: ${COMPARED_METRICS.join(', ')}` }]);
  }
  return out;
}

/** JSON text of results: Infinity (no false alarm, no alarm on any loop-free run) is written as "Infinity". */
export function resultsJson(result: EvaluationResult): string {
  return `${JSON.stringify(result, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v), 2)}\n`;
}

export function parseResults(text: string, file: string): EvaluationResult {
  let data: unknown;
  try {
    data = JSON.parse(text, (_k, v: unknown) => (v === 'Infinity' ? Infinity : v));
  } catch {
    throw new ScenarioError(file, [{ path: '', message: 'not JSON; expected results written by `tulip eval --save`' }]);
  }
  const r = data as Partial<EvaluationResult> | null;
  if (!r || r.format !== 'tulip-eval' || !r.overall || !Array.isArray(r.scenarios)) {
    throw new ScenarioError(file, [{ path: '', message: 'not tulip eval results (no "format": "tulip-eval", "overall" and "scenarios"); write one with `tulip eval --save`' }]);
  }
  return r as EvaluationResult;
}

export function readResults(file: string): EvaluationResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError(file, [{ path: '', message: `--baseline: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` }]);
  }
  return parseResults(text, file);
}

function worse(metric: ComparedMetric, baseline: number, current: number, tol: number): boolean {
  if (baseline === current) return false;
  const higher = METRIC_DIRECTIONS[metric] === 'higher';
  if (!Number.isFinite(baseline)) return higher ? current < baseline : false;
  if (!Number.isFinite(current)) return higher ? false : current > baseline;
  const slack = tol * Math.abs(baseline) + 1e-12;
  return higher ? current < baseline - slack : current > baseline + slack;
}

function compareMetrics(scope: string, baseline: Metrics, current: Metrics, tolerance: Tolerance): Regression[] {
  const out: Regression[] = [];
  for (const metric of COMPARED_METRICS) {
    const b = baseline[metric];
    const c = current[metric];
    if (b === null || c === null || b === undefined || c === undefined) continue;
    const tol = tolerance.perMetric[metric] ?? tolerance.default;
    if (worse(metric, b, c, tol)) out.push({ scope, metric, baseline: b, current: c, tolerance: tol });
  }
  return out;
}

/** Every metric, overall and per scenario present in both, that is worse than the baseline's beyond tolerance. */
export function compareToBaseline(current: EvaluationResult, baseline: EvaluationResult, tolerance: Tolerance = DEFAULT_TOLERANCE): Regression[] {
  const out = compareMetrics('overall', baseline.overall, current.overall, tolerance);
  for (const s of current.scenarios) {
    const b = baseline.scenarios.find((x) => x.scenario === s.scenario);
    if (b) out.push(...compareMetrics(s.scenario, b.metrics, s.metrics, tolerance));
  }
  return out;
}

/** What a results file was measured on: the monitor, its options and the suite's scenarios. */
export interface EvaluationIdentity {
  monitor: string;
  options: Record<string, unknown>;
  scenarios: string[];
}

function describeIdentity(i: EvaluationIdentity): string {
  const options = Object.keys(i.options).length ? ` ${canonicalJson(i.options)}` : '';
  return `monitor ${i.monitor}${options} on suite [${i.scenarios.join(', ')}]`;
}

/** A built-in type by name; a module by its file name (the same file may be given by another relative path). */
function sameMonitorSource(a: string, b: string): boolean {
  const file = (m: string) => (/\.(ts|mts|js|mjs)$/.test(m) || m.includes('/') ? m.split(/[\\/]/).pop()! : undefined);
  return file(a) !== undefined || file(b) !== undefined ? file(a) === file(b) : a === b;
}

/** JSON with keys sorted, so option order does not make two identical monitors differ. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));
}

/**
 * Refuses a baseline saved for another monitor (another built-in type or module file) or
 * another suite (a different set of scenarios): comparing them would report regressions,
 * or their absence, that mean nothing. Other options of the same monitor are what a
 * baseline is for (did the new threshold make it worse?), so they pass. Checked before
 * any run; the error names both.
 */
export function refuseForeignBaseline(baseline: EvaluationResult, file: string, current: EvaluationIdentity): void {
  const saved: EvaluationIdentity = { monitor: baseline.monitor, options: baseline.options ?? {}, scenarios: baseline.scenarios.map((s) => s.scenario) };
  const sameMonitor = sameMonitorSource(saved.monitor, current.monitor);
  const sameSuite = canonicalJson([...saved.scenarios].sort()) === canonicalJson([...current.scenarios].sort());
  if (sameMonitor && sameSuite) return;
  const what = !sameMonitor && !sameSuite ? 'another monitor and suite' : !sameMonitor ? 'another monitor' : 'another suite';
  throw new ScenarioError(file, [{ path: '', message: `--baseline: saved for ${what}: the baseline is ${describeIdentity(saved)}; this run is ${describeIdentity(current)}` }]);
}

/** Why the baseline may not be comparable (different seeds or scenarios missing). */
export function baselineMismatch(current: EvaluationResult, baseline: EvaluationResult): string[] {
  const notes: string[] = [];
  if (JSON.stringify(current.seeds) !== JSON.stringify(baseline.seeds)) notes.push(`seeds differ (baseline ${baseline.seeds.length} seeds, now ${current.seeds.length})`);
  const missing = baseline.scenarios.map((s) => s.scenario).filter((n) => !current.scenarios.some((s) => s.scenario === n));
  if (missing.length) notes.push(`scenarios in the baseline but not in this suite: ${missing.join(', ')}`);
  return notes;
}

export function describeRegression(r: Regression): string {
  const f = (x: number) => (Number.isFinite(x) ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3)) : '∞');
  return `${r.scope}: ${r.metric} regressed: ${f(r.baseline)} -> ${f(r.current)} (${METRIC_DIRECTIONS[r.metric]} is better; tolerance ${(100 * r.tolerance).toFixed(0)}%)`;
}

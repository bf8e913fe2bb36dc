/**
 * Evaluating a scenario's `expect:` checks: run the scenario over the listed seeds (all
 * seeds as worlds of one batched run), read each check's metric per world, combine with
 * the check's statistic, and compare with its bounds. A check with a `variant` runs the
 * scenario again with overrides over the same seeds (common random numbers).
 */
import type { LoadedScenario } from './loader.ts';
import { validateScenario } from './loader.ts';
import { applyOverrides, overridesFromRecord } from './overrides.ts';
import type { CheckConfig } from '../config/schema.ts';
import { buildSimulation, type BuildOptions } from './build.ts';
import { worldSummary, median, type WorldSummary } from './summary.ts';

export interface CheckResult {
  name: string;
  metric: string;
  stat: string;
  value: number;
  /** For ratio checks: the variant statistic and the base statistic. */
  variantValue?: number;
  baseValue?: number;
  passed: boolean;
  /** The bound that failed, in words (empty when passed). */
  why: string;
}

export function parseSeeds(seeds: string | number[]): number[] {
  if (Array.isArray(seeds)) return seeds;
  const [a, b] = seeds.split('..').map(Number) as [number, number];
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}

export function metricValue(summary: WorldSummary, metric: string): number {
  let node: unknown = summary;
  for (const key of metric.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  if (typeof node !== 'number') throw new Error(`metric ${metric} is not a number in a run summary (fields look like assets.X.peakDeviation or models.A.pnl)`);
  return node;
}

export function combine(values: number[], stat: CheckConfig['stat']): number {
  if (stat === 'median') return median(values);
  if (stat === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  if (stat === 'min') return Math.min(...values);
  return Math.max(...values);
}

async function runWorlds(loaded: LoadedScenario, seeds: number[], ticks: number | undefined, options: BuildOptions): Promise<WorldSummary[]> {
  const sim = await buildSimulation(loaded, { ...options, seeds, ticks });
  try {
    sim.run();
    return Array.from({ length: sim.worlds }, (_, w) => worldSummary(sim, w));
  } finally {
    sim.dispose();
  }
}

function bounds(value: number, b: { atLeast?: number | undefined; atMost?: number | undefined }, what: string): string {
  if (b.atLeast !== undefined && !(value >= b.atLeast)) return `${what} ${fmt(value)} < ${b.atLeast}`;
  if (b.atMost !== undefined && !(value <= b.atMost)) return `${what} ${fmt(value)} > ${b.atMost}`;
  return '';
}

export function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3);
}

/**
 * `seedLimit` runs only the first that many of the scenario's seeds (the test suite's quick
 * pass on a slow machine); `tulip check` runs them all.
 */
export async function evaluateExpectations(loaded: LoadedScenario, options: BuildOptions = {}, seedLimit = Number.POSITIVE_INFINITY): Promise<CheckResult[]> {
  const expect = loaded.config.expect;
  if (!expect) return [];
  const seeds = parseSeeds(expect.seeds).slice(0, seedLimit);
  const base = await runWorlds(loaded, seeds, expect.ticks, options);
  const variants = new Map<string, WorldSummary[]>();
  const results: CheckResult[] = [];
  const baseDiverged = divergenceCheck(base, 'the scenario');
  if (baseDiverged) results.push(baseDiverged);
  for (const [i, check] of expect.checks.entries()) {
    const baseValue = combine(base.map((s) => metricValue(s, check.metric)), check.stat);
    if (!check.variant) {
      const why = bounds(baseValue, check, `${check.stat} ${check.metric}`);
      results.push({ name: check.name, metric: check.metric, stat: check.stat, value: baseValue, passed: !why, why });
      continue;
    }
    const key = JSON.stringify(check.variant);
    if (!variants.has(key)) {
      const raw = applyOverrides(loaded.raw, overridesFromRecord(check.variant));
      const config = validateScenario(raw, `${loaded.source} (expect.checks[${i}].variant)`);
      variants.set(key, await runWorlds({ source: loaded.source, config, raw }, seeds, expect.ticks, options));
      const diverged = divergenceCheck(variants.get(key)!, `the variant ${key}`);
      if (diverged) results.push(diverged);
    }
    const variantValue = combine(variants.get(key)!.map((s) => metricValue(s, check.metric)), check.stat);
    let why = bounds(variantValue, check, `variant ${check.stat} ${check.metric}`);
    const ratio = variantValue / baseValue;
    if (!why && check.ratioToBase) why = bounds(ratio, check.ratioToBase, 'variant / base');
    results.push({ name: check.name, metric: check.metric, stat: check.stat, value: check.ratioToBase ? ratio : variantValue, variantValue, baseValue, passed: !why, why });
  }
  return results;
}

/** A world that diverged fails the scenario whatever its metrics say: its numbers are not results. */
function divergenceCheck(worlds: WorldSummary[], what: string): CheckResult | undefined {
  const diverged = worlds.filter((w) => w.diverged);
  if (diverged.length === 0) return undefined;
  const first = diverged[0]!;
  const why = `${diverged.length} of ${worlds.length} worlds diverged (first: seed ${first.seed} at tick ${first.diverged!.tick}: ${first.diverged!.message})`;
  return { name: `no world of ${what} diverges`, metric: 'diverged', stat: 'count', value: diverged.length, passed: false, why };
}

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
  /** For variant checks: the variant statistic and the base statistic. */
  variantValue?: number;
  baseValue?: number;
  /** Whether `value` is the ratio variant / base (a `ratioToBase` check). */
  isRatio?: boolean;
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
 * A check's figures in words, saying what the number after "=" is:
 * `median assets.X.peakDeviation = 0.170`,
 * `variant median assets.X.peakDeviation = 0.482 (base 0.170)`, or for a ratio check
 * `median assets.X.peakDeviation: ratio variant/base = 2.84 (variant 0.482, base 0.170)`.
 */
export function describeResult(r: CheckResult): string {
  const measured = `${r.stat} ${r.metric}`;
  if (r.variantValue === undefined || r.baseValue === undefined) return `${measured} = ${fmt(r.value)}`;
  if (r.isRatio) return `${measured}: ratio variant/base = ${fmt(r.value)} (variant ${fmt(r.variantValue)}, base ${fmt(r.baseValue)})`;
  return `variant ${measured} = ${fmt(r.variantValue)} (base ${fmt(r.baseValue)})`;
}

export interface ExpectOptions extends BuildOptions {
  /** Replaces the scenario's expect.seeds (a quick run over fewer seeds); checks' own `seeds` still run. */
  seeds?: number[];
}

/** The worlds' summaries of the seeds a check reads, from runs over `runSeeds`. */
function worldsOf(rows: WorldSummary[], runSeeds: number[], wanted: number[]): WorldSummary[] {
  return wanted.map((seed) => rows[runSeeds.indexOf(seed)]!);
}

export async function evaluateExpectations(loaded: LoadedScenario, options: ExpectOptions = {}): Promise<CheckResult[]> {
  const expect = loaded.config.expect;
  if (!expect) return [];
  const seeds = options.seeds ?? parseSeeds(expect.seeds);
  const checkSeeds = expect.checks.map((c) => (c.seeds === undefined ? seeds : parseSeeds(c.seeds)));
  // One run covers every seed any check reads, so a check on seed 1 alone costs no extra run.
  const runSeeds = [...new Set([...seeds, ...checkSeeds.flat()])];
  const base = await runWorlds(loaded, runSeeds, expect.ticks, options);
  const variants = new Map<string, WorldSummary[]>();
  const results: CheckResult[] = [];
  const baseDiverged = expect.allowDivergence ? undefined : divergenceCheck(base, 'the scenario');
  if (baseDiverged) results.push(baseDiverged);
  for (const [i, check] of expect.checks.entries()) {
    const values = (rows: WorldSummary[]): number[] => worldsOf(rows, runSeeds, checkSeeds[i]!).map((s) => metricValue(s, check.metric));
    const baseValue = combine(values(base), check.stat);
    if (!check.variant) {
      const why = bounds(baseValue, check, `${check.stat} ${check.metric}`);
      results.push({ name: check.name, metric: check.metric, stat: check.stat, value: baseValue, passed: !why, why });
      continue;
    }
    const key = JSON.stringify(check.variant);
    if (!variants.has(key)) {
      const raw = applyOverrides(loaded.raw, overridesFromRecord(check.variant));
      const config = validateScenario(raw, `${loaded.source} (expect.checks[${i}].variant)`);
      variants.set(key, await runWorlds({ source: loaded.source, config, raw }, runSeeds, expect.ticks, options));
      const diverged = expect.allowDivergence ? undefined : divergenceCheck(variants.get(key)!, `the variant ${key}`);
      if (diverged) results.push(diverged);
    }
    const variantValue = combine(values(variants.get(key)!), check.stat);
    let why = bounds(variantValue, check, `variant ${check.stat} ${check.metric}`);
    const ratio = variantValue / baseValue;
    if (!why && check.ratioToBase) why = bounds(ratio, check.ratioToBase, 'variant / base');
    results.push({ name: check.name, metric: check.metric, stat: check.stat, value: check.ratioToBase ? ratio : variantValue, variantValue, baseValue, isRatio: check.ratioToBase !== undefined, passed: !why, why });
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

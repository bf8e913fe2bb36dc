/**
 * Necessity: rerun a scenario with each of a model's features removed, over the same
 * seeds (common random numbers: every market stream draws the same numbers, so the
 * difference is the feature's alone), and weigh what each feature brings — lower
 * prediction error, more PnL — against its upkeep (its source's cost per tick).
 *
 * Also the run-based helpers behind `tulip signals`: the raw feature columns of a run,
 * for the collinearity report.
 */
import { createHash } from 'node:crypto';
import type { LoadedScenario } from '../setup/loader.ts';
import { validateScenario } from '../setup/loader.ts';
import { featureName } from '../config/naming.ts';
import { buildSimulation, type BuildOptions } from '../setup/build.ts';
import { median, modelBook } from '../setup/summary.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import type { ModelRole } from '../models/model-role.ts';

export interface AblationRun {
  /** Combined trace hash (world 0's hash for one seed, else SHA-256 of the per-world hashes, as `tulip run`). */
  traceHash: string;
  /** Median over seeds of the model's PnL (currency units). */
  pnl: number;
  /** Median over seeds of the model's mean squared prediction error (standard units). */
  mse: number;
  /** Per seed (world): PnL and mean squared prediction error. */
  pnls: number[];
  mses: number[];
}

export interface AblationRow extends AblationRun {
  feature: string;
  source: string;
  /** The source's cost per tick. */
  cost: number;
  /** Upkeep over the run: cost x ticks. */
  upkeep: number;
  /** Removing the feature: error change, median over seeds of the paired differences (positive = the feature helped predict). */
  mseIncrease: number;
  /** Removing the feature: PnL lost, median over seeds of the paired differences (positive = the feature earned this much). */
  pnlValue: number;
  /** Whether the feature earns more than its upkeep or lowers the error. */
  pays: boolean;
}

export interface Ablation {
  model: string;
  seeds: number[];
  ticks: number;
  baseline: AblationRun;
  rows: AblationRow[];
  /** Features that could not be removed (the only feature), with why. */
  skipped: { feature: string; why: string }[];
}

/** Runs one scenario over the seeds as worlds and measures `model`. */
export async function measureRun(loaded: LoadedScenario, model: string, options: BuildOptions): Promise<AblationRun> {
  const sim = await buildSimulation(loaded, options);
  try {
    const role = sim.parts.roles.find((r) => r.name === model);
    if (!role) throw new Error(`no enabled model ${model} in ${loaded.source}`);
    const ss = new Float64Array(sim.worlds);
    const n = new Float64Array(sim.worlds);
    while (!sim.done) {
      sim.step();
      const t = sim.tick - 1;
      for (let w = 0; w < sim.worlds; w++) {
        const e = role.realizedTarget(sim.parts.market, w, t) - role.predictionHistory.get(w, t - role.config.horizon);
        if (!Number.isFinite(e)) continue;
        ss[w]! += e * e;
        n[w]! += 1;
      }
    }
    const pnls = Array.from({ length: sim.worlds }, (_, w) => modelBook(sim, role, w).pnl);
    const hashes = Array.from({ length: sim.worlds }, (_, w) => sim.hashes.hex(w));
    const traceHash = sim.worlds === 1 ? hashes[0]! : createHash('sha256').update(hashes.join('\n')).digest('hex');
    const mses = Array.from(ss, (s, w) => s / Math.max(1, n[w]!));
    return { traceHash, pnl: median(pnls), mse: median(mses), pnls, mses };
  } finally {
    sim.dispose();
  }
}

/** The scenario's raw data with one feature of `model` removed (and the bugs, rules and monitors that name it). */
export function withoutFeature(raw: Record<string, unknown>, model: string, feature: string): Record<string, unknown> {
  const out = structuredClone(raw) as { models: Record<string, { features: { name?: string; signal: string }[]; bugs?: { feature: string }[] }>; rules?: { model: string; feature?: string }[]; monitors?: { options?: { model?: string; feature?: string } }[] };
  const m = out.models[model]!;
  m.features = m.features.filter((f) => featureName(f) !== feature);
  if (m.bugs) m.bugs = m.bugs.filter((b) => b.feature !== feature);
  if (out.rules) out.rules = out.rules.filter((r) => !(r.model === model && r.feature === feature));
  if (out.monitors) out.monitors = out.monitors.filter((mon) => !(mon.options?.model === model && mon.options.feature === feature));
  return out as Record<string, unknown>;
}

export async function ablate(loaded: LoadedScenario, model: string, seeds: number[], options: BuildOptions = {}): Promise<Ablation> {
  const config = loaded.config;
  const m = config.models[model];
  if (!m || !m.enabled) throw new Error(`no enabled model ${JSON.stringify(model)}; models: ${Object.keys(config.models).join(', ')}`);
  const ticks = options.ticks ?? config.ticks;
  const run = { ...options, seeds, ticks };
  const baseline = await measureRun(loaded, model, run);
  const rows: AblationRow[] = [];
  const skipped: Ablation['skipped'] = [];
  for (const f of m.features) {
    const name = featureName(f);
    if (m.features.length === 1) {
      skipped.push({ feature: name, why: 'the only feature: a model needs at least one' });
      continue;
    }
    const raw = withoutFeature(loaded.raw, model, name);
    const variant = { source: loaded.source, raw, config: validateScenario(raw, `${loaded.source} (without ${model}.${name})`) };
    const r = await measureRun(variant, model, run);
    const cost = f.source === undefined ? 0 : config.signals[f.source]!.cost;
    // Paired differences seed by seed (common random numbers), then the median.
    const mseIncrease = median(r.mses.map((x, w) => x - baseline.mses[w]!));
    const pnlValue = median(baseline.pnls.map((x, w) => x - r.pnls[w]!));
    rows.push({ ...r, feature: name, source: f.source ?? '(implicit)', cost, upkeep: cost * ticks, mseIncrease, pnlValue, pays: pnlValue > cost * ticks });
  }
  return { model, seeds, ticks, baseline, rows, skipped };
}

export function formatAblation(a: Ablation): string {
  const out = [`Ablation of ${a.model}: each feature removed, seeds ${a.seeds[0]}..${a.seeds[a.seeds.length - 1]} (${a.seeds.length}), ${a.ticks} ticks; medians over seeds`];
  out.push(`baseline (all features): PnL ${a.baseline.pnl.toFixed(0)}, prediction MSE ${a.baseline.mse.toFixed(4)}, trace hash ${a.baseline.traceHash}`);
  out.push('');
  const head = ['removed', 'source', 'cost/tick', 'upkeep', 'PnL value', 'MSE without', 'MSE change', 'verdict'];
  const body = a.rows.map((r) => [r.feature, r.source, String(r.cost), r.upkeep.toFixed(0), r.pnlValue.toFixed(0), r.mse.toFixed(4), `${r.mseIncrease >= 0 ? '+' : ''}${r.mseIncrease.toFixed(4)}`, r.pays ? 'pays its upkeep' : 'does not pay its upkeep']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 || i === 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  out.push(line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line));
  for (const s of a.skipped) out.push(`${s.feature}: not removed (${s.why})`);
  out.push('', 'PnL value and MSE change = medians over seeds of the paired differences (with the feature - without it; without - with); upkeep = cost/tick x ticks. A feature pays when its PnL value exceeds its upkeep.');
  return out.join('\n');
}

/**
 * Steps a built simulation through `role`'s warm-up and returns world 0's raw feature
 * values over the rows the first training uses (from the features' look-back to the end
 * of the warm-up): the inputs as the model learned them.
 */
export function featureColumns(sim: Simulation, role: ModelRole): number[][] {
  const F = role.pipeline.features;
  const columns: number[][] = Array.from({ length: F }, () => []);
  while (!sim.done && sim.tick < role.warmup) {
    sim.step();
    const t = sim.tick - 1;
    if (t < role.lookback) continue;
    for (let f = 0; f < F; f++) columns[f]!.push(role.pipeline.raw.get(0, t, f));
  }
  return columns;
}

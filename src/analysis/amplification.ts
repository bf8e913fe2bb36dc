/**
 * Amplification: how much a dependent model magnifies an intervention's influence.
 *
 *     amplification = size(I of the intervention, model M live) / size(I of the intervention, M removed)
 *
 * where M removed means `models.M.enabled=false` (same seeds, common random numbers), and
 * size is the median over worlds of max_t |I(t)| of the series (default: the price of the
 * first asset). For tulip-mania, `--intervene models.A.bugs=[] --amplification B` measures
 * how much B's momentum chasing magnifies A's bug: > 1 is a reinforcing loop, ≈ 1 means M
 * does not take part, < 1 means M dampens the error.
 */
import type { LoadedScenario } from '../setup/loader.ts';
import { ScenarioError } from '../config/errors.ts';
import { parseOverride } from '../setup/overrides.ts';
import { counterfactual, intervenedScenario, type CounterfactualOptions, type CounterfactualResult, type InfluenceSummary } from './counterfactual.ts';

export interface AmplificationOptions extends CounterfactualOptions {
  /** The model whose part in the influence is measured. */
  model: string;
  /** The series whose influence is compared. @default `price:<first asset>` */
  series?: string;
}

export interface AmplificationResult {
  model: string;
  series: string;
  /** Median over worlds of peak |I| with the model live / with it removed. */
  amplification: number;
  /** The same with mean |I| over the run. */
  amplificationMean: number;
  /** Per world: peak |I| live / peak |I| removed. */
  perWorld: number[];
  live: InfluenceSummary;
  removed: InfluenceSummary;
  /** The full counterfactual comparisons, with the model live and removed. */
  runs: { live: CounterfactualResult; removed: CounterfactualResult };
  /** How often the model's position sat at its cap in the factual run (see {@link capSaturation}). */
  saturation: CapSaturation;
}

/** A position cap that binds: the model's marginal gain is 0 there, so the loop looks weaker than it is. */
export interface CapSaturation {
  maxPosition: number;
  /** Share of world-ticks (from the intervention's first effect on) with |position| ≥ 98% of maxPosition. */
  share: number;
  /** A sentence when the cap binds in more than 5% of world-ticks; empty otherwise. */
  note: string;
}

/**
 * Share of the factual run's world-ticks in which the model's position sat at its cap,
 * counted in each world from the first tick the intervention changes anything (`influence`
 * non-zero; all ticks without it). Series are tick-major over `worlds`.
 */
export function capSaturation(model: string, maxPosition: number, positions: Float64Array | undefined, worlds = 1, influence?: Float64Array): CapSaturation {
  if (!positions || positions.length === 0 || !Number.isFinite(maxPosition)) return { maxPosition, share: 0, note: '' };
  const ticks = positions.length / worlds;
  let capped = 0;
  let counted = 0;
  for (let w = 0; w < worlds; w++) {
    let t = 0;
    if (influence) while (t < ticks && influence[t * worlds + w] === 0) t++;
    for (; t < ticks; t++) {
      counted++;
      if (Math.abs(positions[t * worlds + w]!) >= 0.98 * maxPosition) capped++;
    }
  }
  const share = counted ? capped / counted : 0;
  const note =
    share > 0.05
      ? `${model}'s position sat at its cap (±${maxPosition}) in ${(100 * share).toFixed(0)}% of world-ticks: saturated, its marginal gain is 0 there, so this amplification understates its loop (lift models.${model}.policy.maxPosition to see the loop itself)`
      : '';
  return { maxPosition, share, note };
}

export async function amplification(loaded: LoadedScenario, options: AmplificationOptions): Promise<AmplificationResult> {
  const { model } = options;
  if (!(model in loaded.config.models)) {
    throw new ScenarioError('--amplification', [{ path: '', message: `no model ${JSON.stringify(model)} in ${loaded.source}; models: ${Object.keys(loaded.config.models).join(', ') || '(none)'}` }]);
  }
  const withoutModel = intervenedScenario(loaded, [parseOverride(`models.${model}.enabled=false`)]);
  const live = await counterfactual(loaded, options);
  const removed = await counterfactual(withoutModel, { ...options, onBackend: undefined });
  const series = options.series ?? `price:${Object.keys(loaded.config.market.assets)[0]}`;
  const a = live.summary.find((s) => s.series === series);
  const b = removed.summary.find((s) => s.series === series);
  if (!a || !b) throw new ScenarioError('--series', [{ path: '', message: `no series ${series} in both runs; series: ${removed.summary.map((s) => s.series).join(', ')}` }]);
  return {
    model,
    series,
    amplification: a.peakAbs / b.peakAbs,
    amplificationMean: a.meanAbs / b.meanAbs,
    perWorld: a.perWorld.map((p, w) => p.peakAbs / b.perWorld[w]!.peakAbs),
    live: a,
    removed: b,
    runs: { live, removed },
    saturation: capSaturation(model, loaded.config.models[model]!.policy.maxPosition, live.factual.series.get(`position:${model}`), live.seeds.length, live.influence.get(series)),
  };
}

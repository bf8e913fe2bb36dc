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
  };
}

/**
 * How much a scenario's market looks like a real one: the stylized facts (Cont 2001; see
 * src/stats/stylized-facts.ts) of one asset's 1-tick log returns, ln(p_t / p_{t−1}) of
 * the closing price, in every world of one run, and their spread over worlds.
 *
 * The first ticks are dropped (the burn-in, `after`): the market starts at its initial
 * price and value with volatility at its long-run level and the models untrained, so the
 * opening stretch is not the market's steady state.
 */
import type { LoadedScenario } from '../setup/loader.ts';
import { buildSimulation, type BuildOptions } from '../setup/build.ts';
import { quantileSorted } from '../core/quantile.ts';
import { median } from '../setup/summary.ts';
import { stylizedFacts, type StylizedFacts } from '../stats/stylized-facts.ts';
import { SeriesRecorder, runRecorded, worldValues } from './series.ts';

export const MARKET_FACTS_DEFAULTS = { ticks: 5000, worlds: 20, after: 300 } as const;

export interface MarketFactsOptions extends Pick<BuildOptions, 'seed' | 'backend' | 'bank' | 'onBackend'> {
  /** Ticks of the run. @default 5000 */
  ticks?: number;
  /** Worlds (seeds seed, seed + 1, …). @default 20 */
  worlds?: number;
  /** Burn-in: returns are those of the prices at ticks after..ticks−1. @default 300 */
  after?: number;
  /** The asset whose price is read. @default the scenario's first asset */
  asset?: string;
}

/** One statistic of `StylizedFacts`, by a flat name (acfAbs1 for acfAbs[1]). */
export const FACT_STATS = [
  { name: 'excessKurtosis', of: (f: StylizedFacts) => f.excessKurtosis },
  { name: 'hillIndex', of: (f: StylizedFacts) => f.hillIndex },
  { name: 'acfAbs1', of: (f: StylizedFacts) => f.acfAbs[1] },
  { name: 'acfAbs10', of: (f: StylizedFacts) => f.acfAbs[10] },
  { name: 'acfAbs50', of: (f: StylizedFacts) => f.acfAbs[50] },
  { name: 'acfLag1', of: (f: StylizedFacts) => f.acfLag1 },
  { name: 'kurtosis50', of: (f: StylizedFacts) => f.kurtosis50 },
  { name: 'leverage', of: (f: StylizedFacts) => f.leverage },
] as const;

export type FactName = (typeof FACT_STATS)[number]['name'];

/** A statistic over worlds: median and 10th/90th percentiles of the worlds where it is defined. */
export interface FactSpread {
  median: number;
  p10: number;
  p90: number;
  /** Worlds in which the statistic is defined (finite); the others are left out. */
  worlds: number;
}

export interface MarketFactsResult {
  scenario: string;
  asset: string;
  style: string;
  seeds: number[];
  ticks: number;
  after: number;
  /** The facts of each world's returns. */
  perWorld: StylizedFacts[];
  /** Each statistic over worlds. */
  summary: Record<FactName, FactSpread>;
}

/** What is wrong with the options for this scenario, as one sentence naming the option; undefined when nothing is. */
export function marketFactsProblem(loaded: LoadedScenario, options: Pick<MarketFactsOptions, 'ticks' | 'after' | 'asset'>): string | undefined {
  const symbols = Object.keys(loaded.config.market.assets);
  if (options.asset !== undefined && !symbols.includes(options.asset)) return `--asset must be an asset of the scenario (${symbols.join(', ')}), got ${JSON.stringify(options.asset)}`;
  const ticks = options.ticks ?? MARKET_FACTS_DEFAULTS.ticks;
  const after = options.after ?? MARKET_FACTS_DEFAULTS.after;
  if (after >= ticks) return `--after must be below --ticks (${ticks}): returns are taken from the prices after tick --after, got ${after}`;
  return undefined;
}

/** 1-tick log returns of a price series from index `after` on: ln(p_t / p_{t−1}), t = after+1 … end. */
export function logReturns(prices: Float64Array, after: number): Float64Array {
  const out = new Float64Array(Math.max(0, prices.length - after - 1));
  for (let i = 0; i < out.length; i++) out[i] = Math.log(prices[after + i + 1]! / prices[after + i]!);
  return out;
}

export function spread(values: readonly number[]): FactSpread {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  return { median: median(finite), p10: quantileSorted(finite, 0.1), p90: quantileSorted(finite, 0.9), worlds: finite.length };
}

export async function marketFacts(loaded: LoadedScenario, options: MarketFactsOptions = {}): Promise<MarketFactsResult> {
  const problem = marketFactsProblem(loaded, options);
  if (problem) throw new RangeError(problem);
  const ticks = options.ticks ?? MARKET_FACTS_DEFAULTS.ticks;
  const after = options.after ?? MARKET_FACTS_DEFAULTS.after;
  const asset = options.asset ?? Object.keys(loaded.config.market.assets)[0]!;
  const sim = await buildSimulation(loaded, { seed: options.seed, worlds: options.worlds ?? MARKET_FACTS_DEFAULTS.worlds, ticks, backend: options.backend, bank: options.bank, onBackend: options.onBackend });
  try {
    const recorder = new SeriesRecorder(sim, ticks);
    runRecorded(sim, recorder);
    const prices = recorder.series.get(`price:${asset}`)!;
    const perWorld = Array.from({ length: sim.worlds }, (_, w) => stylizedFacts(logReturns(worldValues(prices, sim.worlds, w), after)));
    const summary = Object.fromEntries(FACT_STATS.map((s) => [s.name, spread(perWorld.map(s.of))])) as Record<FactName, FactSpread>;
    return { scenario: sim.parts.scenarioName, asset, style: loaded.config.market.style, seeds: sim.parts.seeds, ticks, after, perWorld, summary };
  } finally {
    sim.dispose();
  }
}

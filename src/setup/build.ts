/**
 * The one place that wires parts together: a validated scenario -> a Simulation.
 */
import { basename } from 'node:path';
import type { ScenarioConfig, ModelConfig } from '../config/schema.ts';
import { featureName, modelAssets } from '../config/naming.ts';
import type { LoadedScenario } from './loader.ts';
import { WorldRandom } from '../core/rng.ts';
import { MarketState } from '../market/market-state.ts';
import { Ledger, type AgentInfo } from '../market/ledger.ts';
import { initialiseAsset } from '../market/fundamental.ts';
import { ModelRole } from '../models/model-role.ts';
import type { BankKind } from '../models/banks.ts';
import { selectBackend, type BackendChoice } from '../models/backend.ts';
import { signalLookback, type SignalSpec } from '../signals/observe.ts';
import { Simulation, type AgentKind } from '../engine/simulation.ts';
import { VERSION } from '../core/version.ts';
import { createMonitors } from '../monitors/create.ts';
import { definitionLookback, wireSignals } from '../signals/wire.ts';

export interface BuildOptions {
  seed?: number;
  worlds?: number;
  /** Explicit seed per world (overrides seed and worlds). */
  seeds?: number[];
  ticks?: number;
  backend?: BackendChoice;
  /** Keep per-tick records (trace.jsonl, terminal UI). */
  record?: boolean;
  /**
   * What computes the models: the batched tfjs bank (default), the Float64 reference
   * kernel, or one tfjs LayersModel per world (benchmarks). Not tfjs: the trace header's
   * backend says so, since the hashes differ.
   */
  bank?: BankKind;
  /** Called once with the backend note (the CLI prints it on stderr). */
  onBackend?: (note: string) => void;
}

export function scenarioName(source: string): string {
  return basename(source).replace(/\.ya?ml$/, '');
}

export async function buildSimulation(loaded: LoadedScenario, options: BuildOptions = {}): Promise<Simulation> {
  const backend = await selectBackend(options.backend ?? 'auto');
  options.onBackend?.(backend.note);
  const scenario = loaded.config;
  const seed = options.seeds?.[0] ?? options.seed ?? scenario.seed;
  const worlds = options.seeds?.length ?? options.worlds ?? 1;
  const seeds = options.seeds ?? Array.from({ length: worlds }, (_, k) => seed + k);
  const ticks = options.ticks ?? scenario.ticks;
  const symbols = Object.keys(scenario.market.assets);
  const modelEntries = Object.entries(scenario.models).filter(([, m]) => m.enabled);
  const modelNames = modelEntries.map(([name]) => name);

  const rngs = seeds.map((s) => new WorldRandom(s));
  const specsOf = (m: ModelConfig): SignalSpec[] =>
    m.features.map((f) => ({ kind: f.signal, asset: symbols.indexOf(f.asset ?? modelAssets(scenario, m)[0]!), lag: f.lag, window: f.window, model: f.model === undefined ? undefined : modelNames.indexOf(f.model) }));
  const capacity = historyCapacity(scenario, modelEntries.map(([, m]) => m), specsOf);

  const market = new MarketState(worlds, symbols, capacity);
  Object.values(scenario.market.assets).forEach((asset, a) => {
    for (let w = 0; w < worlds; w++) initialiseAsset(market, w, a, asset);
  });

  const agents: AgentInfo[] = [];
  const agentKinds: AgentKind[] = [];
  symbols.forEach((sym, a) => {
    agents.push({ name: `noise/${sym}`, asset: a }, { name: `fundamentalists/${sym}`, asset: a });
    agentKinds.push({ kind: 'noise', asset: a }, { kind: 'fundamentalists', asset: a });
    if (scenario.market.traders.momentum.enabled) {
      agents.push({ name: `momentum/${sym}`, asset: a });
      agentKinds.push({ kind: 'momentum', asset: a });
    }
  });
  const assetConfigs = Object.values(scenario.market.assets);
  const roles = modelEntries.map(([name, m], r) => {
    const lanes = modelAssets(scenario, m).map((sym) => symbols.indexOf(sym));
    // A one-asset model keeps its plain agent name; a multi-asset one trades each asset as model/<name>/<SYM>.
    lanes.forEach((asset, lane) => {
      agents.push({ name: lanes.length === 1 ? `model/${name}` : `model/${name}/${symbols[asset]}`, asset });
      agentKinds.push({ kind: 'model', role: r, lane });
    });
    const names = m.features.map(featureName);
    const bugs = m.bugs.map((b) => ({ config: b, feature: names.indexOf(b.feature) }));
    const listedAt = lanes.map((asset) => assetConfigs[asset]!.listedAt);
    return new ModelRole(name, m, worlds, lanes, listedAt, specsOf(m), bugs, rngs, capacity, options.bank ?? 'tfjs');
  });
  const ledger = new Ledger(worlds, agents, symbols.length);
  const sources = wireSignals(scenario, roles, rngs, worlds);

  const sim = new Simulation({
    scenario,
    scenarioName: scenarioName(loaded.source),
    seed,
    seeds,
    worlds,
    ticks,
    backend: options.bank && options.bank !== 'tfjs' ? `${options.bank}` : backend.name,
    version: VERSION,
    rngs,
    market,
    ledger,
    roles,
    agentKinds,
    record: options.record ?? false,
    sources,
  });
  const monitors = await createMonitors(sim, loaded.source);
  if (monitors) sim.attachMonitors(monitors);
  return sim;
}

/** Ticks of history every reader needs: signals' look-backs, training windows, horizons. */
function historyCapacity(scenario: ScenarioConfig, models: ModelConfig[], specsOf: (m: ModelConfig) => SignalSpec[]): number {
  let need = Math.max(scenario.market.traders.momentum.window, definitionLookback(scenario)) + 2;
  for (const m of models) {
    const lookback = Math.max(0, ...specsOf(m).map(signalLookback));
    need = Math.max(need, Math.max(m.training.warmup, m.training.window) + m.horizon + lookback + 2);
  }
  return need;
}

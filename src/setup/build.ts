/**
 * The one place that wires parts together: a validated scenario -> a Simulation. The
 * phase list below is the tick, in order (docs/architecture.md, "One tick").
 */
import { basename } from 'node:path';
import type { ScenarioConfig, ModelConfig } from '../config/schema.ts';
import { featureName, modelAssets } from '../config/naming.ts';
import type { LoadedScenario } from './loader.ts';
import { StreamArena, WorldRandom } from '../core/rng.ts';
import { MarketState } from '../world/market-state.ts';
import { Ledger, type AgentInfo } from '../world/ledger.ts';
import { initialiseAsset } from '../market/fundamental.ts';
import { clearingPhase, marketOpenPhase } from '../market/phases.ts';
import { ModelRole } from '../models/model-role.ts';
import type { BankKind } from '../models/banks.ts';
import { inferPhase, learnPhase, modelInterventions, observePhase, publishPhase } from '../models/phases.ts';
import { VersionRegistry } from '../models/version-registry.ts';
import { selectBackend, type BackendChoice } from '../models/backend.ts';
import { signalLookback, type SignalSpec } from '../signals/observe.ts';
import { orderPhase, type AgentKind } from '../agents/phases.ts';
import { createMonitors } from '../monitors/create.ts';
import { monitorState, watchPhase } from '../monitors/phase.ts';
import { Simulation } from '../engine/simulation.ts';
import type { Phase, StateOwner } from '../engine/phase.ts';
import { VERSION } from '../core/version.ts';
import { definitionLookback, wireSignals } from './wire-signals.ts';
import { buildReadings } from './readings.ts';
import { replayProblems, replaysOf, type ReplaySeries } from './replay-data.ts';
import { ScenarioError } from '../config/errors.ts';
import { DivergenceWatch, divergencePhase, divergenceState } from './divergence.ts';
import type { ReadingsTable } from '../engine/readings.ts';
import type { SignalSources } from '../signals/sources.ts';
import { WorldView } from './monitor-view.ts';
import { tickRecorder, type TickRecord } from './trace-record.ts';
import type { SimulationParts, TulipSimulation } from './parts.ts';

export interface BuildOptions {
  seed?: number;
  worlds?: number;
  /** Explicit seed per world (overrides seed and worlds). */
  seeds?: number[];
  ticks?: number;
  backend?: BackendChoice;
  /** Keep every per-tick record in memory (the terminal UI, a report drawn from a scenario). */
  record?: boolean;
  /** Receives every per-tick record as the run goes (trace files are streamed through it). */
  sink?: (record: TickRecord) => void;
  /**
   * What computes the models (default: the scenario's `bank:`, which defaults to tfjs):
   * the batched tfjs bank, the Float64 kernel (`f64`), or one tfjs LayersModel per world
   * (`naive`, benchmarks). The trace header names the bank, since the hashes differ.
   */
  bank?: BankKind;
  /** Called once with the backend note (the CLI prints it on stderr). */
  onBackend?: (note: string) => void;
}

/** The scenario's replay files, checked again for the ticks this run asks for (`--ticks` may ask for more rows than the file's check at load). */
function checkedReplays(loaded: LoadedScenario, ticks: number): (ReplaySeries | undefined)[] {
  const problems = replayProblems(loaded.config, loaded.source, ticks);
  if (problems.length > 0) throw new ScenarioError(loaded.source, problems);
  return replaysOf(loaded.config, loaded.source);
}

/** The replay files' SHA-256 for the trace header (hashed with it), or nothing when no asset replays. */
function replayIdentity(parts: SimulationParts): { data?: Record<string, string> } {
  const symbols = Object.keys(parts.scenario.market.assets);
  const entries = parts.replays.flatMap((r, a) => (r ? [[`replay:${symbols[a]!}`, r.sha256] as const] : []));
  return entries.length > 0 ? { data: Object.fromEntries(entries) } : {};
}

export function scenarioName(source: string): string {
  return basename(source).replace(/\.ya?ml$/, '');
}

export async function buildSimulation(loaded: LoadedScenario, options: BuildOptions = {}): Promise<TulipSimulation> {
  const scenario = loaded.config;
  const bank = options.bank ?? scenario.bank;
  const usesTfjs = bank === 'tfjs' || bank === 'naive';
  const backend = usesTfjs ? await selectBackend(options.backend ?? 'auto') : { name: bank, note: `bank: ${bank} (Float64Array kernel; tfjs not loaded)` };
  options.onBackend?.(backend.note);
  const parts = buildParts(loaded, options, bank === 'reference' ? 'f64' : bank, backend.name);
  const readings = buildReadings(parts.market, parts.ledger, parts.roles);
  const views = parts.seeds.map((_, w) => new WorldView(readings, parts.market, parts.roles, w, scenario.market.impact));
  parts.monitors = await createMonitors(scenario, views, loaded.source);
  return assemble(parts, readings, options);
}

/** Every per-world part of the run: market, ledger, model roles, sources, version registry. */
function buildParts(loaded: LoadedScenario, options: BuildOptions, bank: BankKind, backend: string): SimulationParts {
  const scenario = loaded.config;
  const seed = options.seeds?.[0] ?? options.seed ?? scenario.seed;
  const worlds = options.seeds?.length ?? options.worlds ?? 1;
  const seeds = options.seeds ?? Array.from({ length: worlds }, (_, k) => seed + k);
  const symbols = Object.keys(scenario.market.assets);
  const modelEntries = Object.entries(scenario.models).filter(([, m]) => m.enabled);
  const modelNames = modelEntries.map(([name]) => name);
  const arena = new StreamArena(); // every world's streams side by side (see StreamArena)
  const rngs = seeds.map((s) => new WorldRandom(s, arena));
  const specsOf = (m: ModelConfig): SignalSpec[] =>
    m.features.map((f) => ({ kind: f.signal, asset: symbols.indexOf(f.asset ?? modelAssets(scenario, m)[0]!), lag: f.lag, window: f.window, model: f.model === undefined ? undefined : modelNames.indexOf(f.model) }));
  const capacity = historyCapacity(scenario, modelEntries.map(([, m]) => m), specsOf);

  const ticks = options.ticks ?? scenario.ticks;
  const replays = checkedReplays(loaded, ticks);
  const market = new MarketState(worlds, symbols, capacity);
  Object.values(scenario.market.assets).forEach((asset, a) => {
    for (let w = 0; w < worlds; w++) initialiseAsset(market, w, a, asset, scenario.market.style, replays[a]?.logValues);
  });
  const { agents, agentKinds } = backgroundAgents(scenario, symbols);
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
    return new ModelRole(name, m, worlds, lanes, listedAt, specsOf(m), bugs, rngs, capacity, bank);
  });
  return {
    scenario,
    scenarioName: scenarioName(loaded.source),
    seed,
    seeds,
    worlds,
    ticks,
    replays,
    backend: bank === 'tfjs' ? backend : bank,
    bank,
    version: VERSION,
    rngs,
    market,
    ledger: new Ledger(worlds, agents, symbols.length),
    roles,
    agentKinds,
    sources: wireSignals(scenario, roles, rngs, worlds),
    published: roles.map(() => new Float64Array(worlds)),
    versions: new VersionRegistry(roles, worlds),
    divergence: new DivergenceWatch(),
  };
}

/** Noise traders and fundamentalists (and momentum traders when enabled) on every asset. */
function backgroundAgents(scenario: ScenarioConfig, symbols: string[]): { agents: AgentInfo[]; agentKinds: AgentKind[] } {
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
  return { agents, agentKinds };
}

/** The tick as an ordered list of phases, the state for snapshots, and the loop around them. */
function assemble(parts: SimulationParts, readings: ReadingsTable, options: BuildOptions): TulipSimulation {
  const { scenario, market, ledger, roles, rngs, published, versions, sources, monitors } = parts;
  const phases: Phase[] = [
    marketOpenPhase(market, Object.values(scenario.market.assets), scenario.market.style, parts.replays.map((r) => r?.logValues), rngs),
    observePhase(roles, market, published, sources),
    inferPhase(roles),
    orderPhase(parts),
    clearingPhase(market, ledger, scenario.market.impact),
    learnPhase(roles, market, versions),
    divergencePhase(parts, parts.divergence),
    publishPhase(roles, published),
    ...(monitors ? [watchPhase(monitors)] : []),
  ];
  const state: StateOwner[] = [
    arrays('market', market.arrays()),
    arrays('ledger', ledger.arrays()),
    { name: 'roles', snapshot: () => roles.map((r) => r.snapshot()), restore: (s) => roles.forEach((r, i) => r.restore((s as ReturnType<ModelRole['snapshot']>[])[i]!)) },
    arrays('published', published),
    { name: 'streams', snapshot: () => rngs.map((r) => r.snapshot()), restore: (s) => rngs.forEach((r, i) => r.restore((s as ReturnType<WorldRandom['snapshot']>[])[i]!)) },
    { name: 'versions', snapshot: () => versions.snapshot(), restore: (s) => versions.restore(s as ReturnType<VersionRegistry['snapshot']>) },
    ...(monitors ? [monitorState(monitors)] : []),
    ...(sources ? [sourceState(sources)] : []),
    divergenceState(parts.divergence),
  ];
  const record = options.record === true || options.sink !== undefined;
  return new Simulation({
    identity: { scenario: parts.scenarioName, seeds: parts.seeds, backend: parts.backend, bank: parts.bank, version: parts.version, ...replayIdentity(parts) },
    ticks: parts.ticks,
    parts,
    phases,
    state,
    interventions: modelInterventions(roles, versions),
    readings,
    ...(record ? { recordOf: tickRecorder(parts, readings) } : {}),
    keepRecords: options.record === true,
    ...(options.sink ? { sink: options.sink } : {}),
    dispose: () => roles.forEach((r) => r.bank.dispose()),
  });
}

/** A state owner for a list of typed arrays: snapshots are copies. */
function arrays(name: string, list: (Float64Array | Uint8Array)[]): StateOwner {
  return {
    name,
    snapshot: () => list.map((a) => a.slice()),
    restore: (saved) => list.forEach((a, i) => a.set((saved as (Float64Array | Uint8Array)[])[i]! as never)),
  };
}

/** The upstream sources' arrays; notices pending at the snapshot were already reported, so a restore drops them. */
function sourceState(sources: SignalSources): StateOwner {
  const owner = arrays('sources', sources.arrays());
  return {
    name: 'sources',
    snapshot: owner.snapshot,
    restore(saved) {
      owner.restore(saved);
      sources.drainNotices();
    },
  };
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

/**
 * What a built tulip simulation holds: the engine's loop over these parts. Readers above
 * the engine (summaries, analysis, report, UI) reach the state through `sim.parts` and the
 * readings table `sim.readings`.
 */
import type { ReplaySeries } from './replay-data.ts';
import type { ScenarioConfig } from '../config/schema.ts';
import type { WorldRandom } from '../core/rng.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { MarketState } from '../world/market-state.ts';
import type { Ledger } from '../world/ledger.ts';
import type { ModelRole } from '../models/model-role.ts';
import type { VersionRegistry } from '../models/version-registry.ts';
import type { SignalSources } from '../signals/sources.ts';
import type { AgentKind } from '../agents/phases.ts';
import type { AttachedMonitors } from '../monitors/attached.ts';
import type { DivergenceWatch } from './divergence.ts';
import type { SimEvent } from '../core/events.ts';

export interface SimulationParts {
  scenario: ScenarioConfig;
  scenarioName: string;
  seed: number;
  /** Seed of each world: seed + k unless a list was given. */
  seeds: number[];
  worlds: number;
  ticks: number;
  /** Each asset's replayed values (undefined where the asset follows the news process). */
  replays: (ReplaySeries | undefined)[];
  /** The tfjs backend, or the bank's name (`f64`, `naive`) when it is not tfjs. */
  backend: string;
  /** What computes the models: `tfjs` (batched tensors), `f64` (the Float64 kernel), `naive`. */
  bank: string;
  version: string;
  rngs: WorldRandom[];
  market: MarketState;
  ledger: Ledger;
  roles: ModelRole[];
  /** Agent kinds by ledger index, so the order phase knows who is who. */
  agentKinds: AgentKind[];
  /** Declared upstream sources (outages, versions), when the scenario has `signals:`. */
  sources?: SignalSources | undefined;
  /** Each role's last published prediction per world (what model-output signals read). */
  published: Float64Array[];
  /** The last few versions of every model in every world, for rollback. */
  versions: VersionRegistry;
  /** The scenario's monitors, when it has any. */
  monitors?: AttachedMonitors | undefined;
  /** Which worlds ran away, when and why (checked after the models learn). */
  divergence: DivergenceWatch;
}

/** A simulation of a tulip scenario. */
export type TulipSimulation = Simulation<SimulationParts, TickRecord>;

/** The readable record of one world at one tick, as trace files hold it (docs/trace-format.md); written by trace-record.ts. */
export interface TickRecord {
  tick: number;
  world: number;
  assets: Record<string, { price: number; fundamental: number; estimate: number; netFlow: number; volume: number }>;
  agents: Record<string, { order: number; position: number; cash: number }>;
  models: Record<string, { prediction: number; version: number; trainedVersion?: number; bug: boolean; mode: 'static' | 'dynamic'; halted: boolean; loss: number }>;
  /** Each monitor's statistic and threshold this tick (NaN while undefined). */
  monitors: Record<string, { statistic: number; threshold: number }>;
  events: SimEvent[];
}


/**
 * The read-only MonitorView of one world, backed by the simulation's arrays. One view
 * object per world is reused every tick; its accessors read the current state.
 */
import type { Simulation } from '../engine/simulation.ts';
import type { ModelRole } from '../models/model-role.ts';
import { featureName } from '../config/naming.ts';
import type { MonitorView } from './monitor.ts';

export class WorldView implements MonitorView {
  tick = 0;
  readonly assets: readonly string[];
  readonly models: readonly string[];
  private readonly roleByName: Map<string, { role: ModelRole; agent: number; features: string[] }>;

  constructor(
    private readonly sim: Simulation,
    readonly world: number,
  ) {
    this.assets = sim.parts.market.symbols;
    this.models = sim.parts.roles.map((r) => r.name);
    this.roleByName = new Map(
      sim.parts.roles.map((role) => [role.name, { role, agent: sim.parts.ledger.agentIndex(role.agentName(sim.parts.market.symbols)), features: role.config.features.map(featureName) }]),
    );
  }

  private assetIndex(asset: string): number {
    const i = this.assets.indexOf(asset);
    if (i < 0) throw new Error(`monitor asked for unknown asset ${asset}; assets: ${this.assets.join(', ')}`);
    return this.sim.parts.market.index(this.world, i);
  }

  private model(name: string) {
    const m = this.roleByName.get(name);
    if (!m) throw new Error(`monitor asked for unknown model ${name}; models: ${this.models.join(', ')}`);
    return m;
  }

  private featureIndex(model: string, feature: string): number {
    const f = this.model(model).features.indexOf(feature);
    if (f < 0) throw new Error(`model ${model} has no feature ${feature}; features: ${this.model(model).features.join(', ')}`);
    return f;
  }

  price(asset: string): number {
    return Math.exp(this.sim.parts.market.logClose[this.assetIndex(asset)]!);
  }
  fundamental(asset: string): number {
    return Math.exp(this.sim.parts.market.logValue[this.assetIndex(asset)]!);
  }
  estimate(asset: string): number {
    return Math.exp(this.sim.parts.market.logEstimate[this.assetIndex(asset)]!);
  }
  logReturn(asset: string): number {
    const i = this.assetIndex(asset);
    return this.sim.parts.market.logClose[i]! - this.sim.parts.market.logPreviousClose[i]!;
  }
  netFlow(asset: string): number {
    return this.sim.parts.market.netFlow[this.assetIndex(asset)]!;
  }
  prediction(model: string): number {
    return this.model(model).role.prediction[this.world]!;
  }
  order(model: string): number {
    const ledger = this.sim.parts.ledger;
    return ledger.order[ledger.index(this.world, this.model(model).agent)]!;
  }
  position(model: string): number {
    const ledger = this.sim.parts.ledger;
    return ledger.position[ledger.index(this.world, this.model(model).agent)]!;
  }
  pnl(model: string): number {
    const { role, agent } = this.model(model);
    const market = this.sim.parts.market;
    return this.sim.parts.ledger.pnl(this.world, agent, Math.exp(market.logClose[market.index(this.world, role.asset)]!));
  }
  version(model: string): number {
    return this.model(model).role.version[this.world]!;
  }
  active(model: string): boolean {
    const { role } = this.model(model);
    return role.trades(this.tick) && !role.halted[this.world];
  }
  features(model: string): readonly string[] {
    return this.model(model).features;
  }
  featureRaw(model: string, feature: string): number {
    return this.model(model).role.pipeline.raw.get(this.world, this.tick, this.featureIndex(model, feature));
  }
  featureServed(model: string, feature: string): number {
    return this.model(model).role.pipeline.standardized(this.world, this.tick, this.featureIndex(model, feature));
  }
  featureReference(model: string, feature: string): { mean: number; std: number } {
    const p = this.model(model).role.pipeline;
    const i = this.world * p.features + this.featureIndex(model, feature);
    return { mean: p.mean[i]!, std: p.std[i]! };
  }
  fitted(model: string): boolean {
    return this.model(model).role.pipeline.fittedFlag[0] === 1;
  }
  featureWeights(model: string): readonly number[] {
    return this.model(model).role.bank.featureWeights(this.world);
  }
  realizedTarget(model: string): number {
    return this.model(model).role.realizedTarget(this.sim.parts.market, this.world, this.tick);
  }
  laggedPrediction(model: string): number {
    const { role } = this.model(model);
    const s = this.tick - role.config.horizon;
    return s < role.warmup ? Number.NaN : role.predictionHistory.get(this.world, s);
  }
  featureMissing(model: string, feature: string): boolean {
    const p = this.model(model).role.pipeline;
    return p.links?.missing[this.world * p.features + this.featureIndex(model, feature)] === 1;
  }
  featureStale(model: string, feature: string): number {
    const p = this.model(model).role.pipeline;
    return p.links?.stale[this.world * p.features + this.featureIndex(model, feature)] ?? 0;
  }
  featureVersion(model: string, feature: string): number {
    const p = this.model(model).role.pipeline;
    return p.links?.served[this.world * p.features + this.featureIndex(model, feature)] ?? 1;
  }

  // --- Loop inputs for white-box loop-gain monitors (monitor.ts): read from the scenario and the bank. ---

  impact(): number {
    return this.sim.parts.scenario.market.impact;
  }
  policy(model: string): { gain: number; maxPosition: number; tradeRate: number } {
    return this.model(model).role.config.policy;
  }
  weights(model: string): readonly number[] {
    return linearWeights(this.model(model).role, this.world);
  }
  featurePriceSensitivity(model: string, feature: string, asset: string): number {
    const { role } = this.model(model);
    const spec = role.config.features[this.featureIndex(model, feature)]!;
    if ((spec.asset ?? this.assets[role.asset]) !== asset) return 0;
    return priceSensitivity(spec, () => this.featureRaw(model, feature));
  }
}

/** Signed input weights of a linear model for one world; NaN for an MLP (its sensitivity depends on the input). */
function linearWeights(role: ModelRole, world: number): number[] {
  const F = role.pipeline.features;
  if (role.config.architecture.type !== 'linear') return Array.from({ length: F }, () => Number.NaN);
  const w = role.bank.firstLayer();
  return Array.from({ length: F }, (_, f) => w[world * F + f]!);
}

/** ∂(raw feature)/∂(log price of its asset), from the signal's definition (signals/observe.ts). */
function priceSensitivity(spec: { signal: string; window: number }, raw: () => number): number {
  if (spec.signal === 'price' || spec.signal === 'return') return 1;
  if (spec.signal === 'momentum') return 1 - 1 / spec.window;
  if (spec.signal === 'value-ratio') return -raw();
  return 0;
}

/**
 * The MonitorView of one world, built from the run's readings table: a monitor reads the
 * same numbers, under the same names, as the trace, the summaries and the UI. One view per
 * world is reused every tick; the names a monitor asks for are resolved once, on first use.
 *
 * A multi-asset model's per-model numbers are its book summed over its lanes (order,
 * position, PnL) and lane 0 for what has no sum (prediction, features), as the readings
 * table defines them.
 */
import type { Reading, ReadingsTable } from '../engine/readings.ts';
import type { TickedView } from '../monitors/attached.ts';
import type { ModelRole } from '../models/model-role.ts';
import type { MarketState } from '../world/market-state.ts';
import { featureName } from '../config/naming.ts';

export class WorldView implements TickedView {
  tick = 0;
  readonly assets: readonly string[];
  readonly models: readonly string[];
  private readonly resolved = new Map<string, Map<string, Reading>>();
  /** Feature readings by kind, model and feature name. */
  private readonly featureReadings = { raw: new Map<string, Map<string, Reading>>(), feature: new Map<string, Map<string, Reading>>() };
  private readonly roleByName: Map<string, { role: ModelRole; features: string[] }>;

  constructor(
    private readonly readings: ReadingsTable,
    private readonly market: MarketState,
    roles: readonly ModelRole[],
    readonly world: number,
    /** The market's price impact (log price per share), for white-box loop monitors. */
    private readonly marketImpact: number,
  ) {
    this.assets = market.symbols;
    this.models = roles.map((r) => r.name);
    this.roleByName = new Map(roles.map((role) => [role.name, { role, features: role.config.features.map(featureName) }]));
  }

  /**
   * The reading `kind:subject` of this world. Resolved once per name and kept by kind, then
   * subject, so a monitor's call each tick allocates nothing.
   */
  private read(kind: string, subject: string): number {
    let byKind = this.resolved.get(kind);
    if (!byKind) this.resolved.set(kind, (byKind = new Map()));
    let r = byKind.get(subject);
    if (!r) byKind.set(subject, (r = this.readings.get(`${kind}:${subject}`)));
    return r.read(this.world);
  }

  private asset(asset: string): string {
    if (!this.assets.includes(asset)) throw new Error(`monitor asked for unknown asset ${asset}; assets: ${this.assets.join(', ')}`);
    return asset;
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

  /** Lane 0 of this world in the model's per-lane arrays. */
  private lane0(model: string): number {
    return this.model(model).role.layout.at(this.world, 0);
  }

  price(asset: string): number {
    return this.read('price', this.asset(asset));
  }
  fundamental(asset: string): number {
    return this.read('value', this.asset(asset));
  }
  estimate(asset: string): number {
    return this.read('estimate', this.asset(asset));
  }
  logReturn(asset: string): number {
    const i = this.world * this.market.assets + this.assets.indexOf(this.asset(asset));
    return this.market.logClose[i]! - this.market.logPreviousClose[i]!;
  }
  netFlow(asset: string): number {
    return this.read('flow', this.asset(asset));
  }
  prediction(model: string): number {
    return this.read('prediction', this.model(model).role.name);
  }
  order(model: string): number {
    return this.read('order', this.model(model).role.name);
  }
  position(model: string): number {
    return this.read('position', this.model(model).role.name);
  }
  pnl(model: string): number {
    return this.read('pnl', this.model(model).role.name);
  }
  version(model: string): number {
    return this.read('version', this.model(model).role.name);
  }
  active(model: string): boolean {
    const { role } = this.model(model);
    return role.trades(this.tick) && !role.halted[this.world];
  }
  features(model: string): readonly string[] {
    return this.model(model).features;
  }
  featureRaw(model: string, feature: string): number {
    return this.pipelineReading('raw', model, feature).read(this.world);
  }
  featureServed(model: string, feature: string): number {
    return this.pipelineReading('feature', model, feature).read(this.world);
  }

  /** The `raw:` or `feature:` reading of a model's feature, checked and resolved once. */
  private pipelineReading(kind: 'raw' | 'feature', model: string, feature: string): Reading {
    const byKind = this.featureReadings[kind];
    let byModel = byKind.get(model);
    if (!byModel) byKind.set(model, (byModel = new Map()));
    let r = byModel.get(feature);
    if (!r) {
      this.featureIndex(model, feature);
      byModel.set(feature, (r = this.readings.get(`${kind}:${model}/${feature}`)));
    }
    return r;
  }
  featureReference(model: string, feature: string): { mean: number; std: number } {
    const p = this.model(model).role.pipeline;
    const i = this.lane0(model) * p.features + this.featureIndex(model, feature);
    return { mean: p.mean[i]!, std: p.std[i]! };
  }
  fitted(model: string): boolean {
    return this.model(model).role.pipeline.fittedFlag[0] === 1;
  }
  featureWeights(model: string): readonly number[] {
    return this.model(model).role.bank.featureWeights(this.world);
  }
  realizedTarget(model: string): number {
    return this.model(model).role.realizedTarget(this.market, this.world, this.tick);
  }
  laggedPrediction(model: string): number {
    const { role } = this.model(model);
    const s = this.tick - role.config.horizon;
    return s < role.warmup ? Number.NaN : role.predictionHistory.get(this.world, s);
  }
  // Declared sources serve one-asset models only (the scenario check refuses them on a
  // multi-asset model), so lane 0 is the model's one lane here.
  featureMissing(model: string, feature: string): boolean {
    const p = this.model(model).role.pipeline;
    return p.links?.missing[this.lane0(model) * p.features + this.featureIndex(model, feature)] === 1;
  }
  featureStale(model: string, feature: string): number {
    const p = this.model(model).role.pipeline;
    return p.links?.stale[this.lane0(model) * p.features + this.featureIndex(model, feature)] ?? 0;
  }
  featureVersion(model: string, feature: string): number {
    const p = this.model(model).role.pipeline;
    return p.links?.served[this.lane0(model) * p.features + this.featureIndex(model, feature)] ?? 1;
  }

  // --- Loop inputs for white-box loop-gain monitors (monitor.ts): read from the scenario and the bank. ---

  impact(): number {
    return this.marketImpact;
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

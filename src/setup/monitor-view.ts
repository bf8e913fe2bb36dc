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
  private readonly resolved = new Map<string, Reading>();
  private readonly roleByName: Map<string, { role: ModelRole; features: string[] }>;

  constructor(
    private readonly readings: ReadingsTable,
    private readonly market: MarketState,
    roles: readonly ModelRole[],
    readonly world: number,
  ) {
    this.assets = market.symbols;
    this.models = roles.map((r) => r.name);
    this.roleByName = new Map(roles.map((role) => [role.name, { role, features: role.config.features.map(featureName) }]));
  }

  /** The reading `kind:subject` of this world, checking the subject exists first so errors name what a monitor may ask for. */
  private read(kind: string, subject: string): number {
    const key = `${kind}:${subject}`;
    let r = this.resolved.get(key);
    if (!r) {
      r = this.readings.get(key);
      this.resolved.set(key, r);
    }
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
    this.featureIndex(model, feature);
    return this.read('raw', `${model}/${feature}`);
  }
  featureServed(model: string, feature: string): number {
    this.featureIndex(model, feature);
    return this.read('feature', `${model}/${feature}`);
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
}

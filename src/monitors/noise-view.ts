/**
 * A MonitorView of pure noise: every series a monitor can watch reads an independent
 * N(0, 1) draw each tick (from a named stream of the world's seed), so a monitor can be
 * measured on the textbook null — an iid standard normal stream — beside a simulated
 * healthy market. This is how false-alarm rates are compared with the literature's
 * (River, Montgomery), and how `tulip calibrate --scenario iid` works.
 *
 * What each accessor gives: log returns, flows, orders, positions, predictions, PnL and
 * raw features are N(0, 1); the price is 1 + z with fundamental and estimate 1 (so the
 * `deviation` series is N(0, 1) too); the realized target is N(0, 1) against a lagged
 * prediction of 0 (so the `error` series is χ²₁). Every model is active and fitted;
 * standardization references are (0, 1). There is no loop: impact and weights are 0.
 */
import { RandomStream } from '../core/rng.ts';
import type { MonitorView } from './monitor.ts';

export class NoiseView implements MonitorView {
  tick = 0;
  private readonly streams = new Map<string, RandomStream>();
  private readonly drawn = new Map<string, number>();

  constructor(
    readonly world: number,
    readonly seed: number,
    readonly assets: readonly string[] = ['X'],
    readonly models: readonly string[] = ['A', 'B'],
    private readonly featureNames: readonly string[] = ['value-ratio', 'momentum'],
  ) {}

  /** Moves to the next tick: every series draws afresh. */
  advance(tick: number): void {
    this.tick = tick;
    this.drawn.clear();
  }

  /** This tick's draw for a series (the same however often it is read within the tick). */
  private z(key: string): number {
    let value = this.drawn.get(key);
    if (value === undefined) {
      let stream = this.streams.get(key);
      if (!stream) {
        stream = new RandomStream(key, `tulip/${this.seed}/noise/${key}`);
        this.streams.set(key, stream);
      }
      value = stream.normal();
      this.drawn.set(key, value);
    }
    return value;
  }

  price(asset: string): number {
    return 1 + this.z(`price/${asset}`);
  }
  fundamental(): number {
    return 1;
  }
  estimate(): number {
    return 1;
  }
  logReturn(asset: string): number {
    return this.z(`return/${asset}`);
  }
  netFlow(asset: string): number {
    return this.z(`flow/${asset}`);
  }
  prediction(model: string): number {
    return this.z(`prediction/${model}`);
  }
  order(model: string): number {
    return this.z(`orders/${model}`);
  }
  position(model: string): number {
    return this.z(`position/${model}`);
  }
  pnl(model: string): number {
    return this.z(`pnl/${model}`);
  }
  version(): number {
    return 1;
  }
  active(): boolean {
    return true;
  }
  features(): readonly string[] {
    return this.featureNames;
  }
  featureRaw(model: string, feature: string): number {
    return this.z(`feature/${model}/${feature}`);
  }
  featureServed(model: string, feature: string): number {
    return this.featureRaw(model, feature);
  }
  featureReference(): { mean: number; std: number } {
    return { mean: 0, std: 1 };
  }
  fitted(): boolean {
    return true;
  }
  featureWeights(): readonly number[] {
    return this.featureNames.map(() => 1);
  }
  realizedTarget(model: string): number {
    return this.z(`target/${model}`);
  }
  laggedPrediction(): number {
    return 0;
  }
  featureMissing(): boolean {
    return false;
  }
  featureStale(): number {
    return 0;
  }
  featureVersion(): number {
    return 1;
  }
  impact(): number {
    return 0;
  }
  policy(): { gain: number; maxPosition: number; tradeRate: number } {
    return { gain: 0, maxPosition: Infinity, tradeRate: 1 };
  }
  weights(): readonly number[] {
    return this.featureNames.map(() => 0);
  }
  featurePriceSensitivity(): number {
    return 0;
  }
}

/**
 * One model role (e.g. "A") across all worlds: its feature pipeline, its model bank,
 * its training regime and its published predictions.
 *
 * Predictions are in standard units of the forward return: the model is trained on
 * the forward log return divided by its warm-up standard deviation, so a prediction
 * of 1 means "one typical move up over the horizon".
 */
import type { ModelConfig } from '../scenario/schema.ts';
import type { MarketState } from '../market/market-state.ts';
import type { WorldRandom } from '../engine/rng.ts';
import { FeaturePipeline, type PipelineBug } from './feature-pipeline.ts';
import { initialWorldParams, type BankSnapshot, type WeightBank } from './weight-bank.ts';
import { createBank, type BankKind } from './banks.ts';
import { signalLookback, type SignalSpec } from '../signals/observe.ts';
import { TickHistory } from '../engine/history.ts';
import { ServingSync } from './serving-sync.ts';

export const MODE_STATIC = 0;
export const MODE_DYNAMIC = 1;

/** Something a training round reports: non-finite numbers, or a candidate the gate rejected. */
export interface TrainingNotice {
  kind: 'numerical' | 'rejected';
  model: string;
  world: number;
  tick: number;
  message: string;
}

export class ModelRole {
  readonly pipeline: FeaturePipeline;
  readonly bank: WeightBank;
  /** Last prediction per world (standard units); 0 before the model trades. */
  readonly prediction: Float64Array;
  /** Served model version per world: 1 after the first training, +1 per retraining. */
  readonly version: Float64Array;
  /** Training mode per world (MODE_STATIC or MODE_DYNAMIC); an intervention can switch it. */
  readonly mode: Uint8Array;
  /** 1 where the model is halted in that world: it flattens and stops learning. */
  readonly halted: Uint8Array;
  /** Mean squared error (standard units) of the last training round per world. */
  readonly lastLoss: Float64Array;
  /** Standard deviation of the forward return during warm-up, per world. */
  readonly targetScale: Float64Array;
  /** Serving on its own clock (training.syncEvery). */
  readonly sync: ServingSync;
  /** Predictions by tick, to pair each with its realized forward return (monitors). */
  readonly predictionHistory: TickHistory;
  /** First tick whose features have a full look-back window. */
  readonly lookback: number;
  private readonly xRow: Float32Array;

  constructor(
    readonly name: string,
    readonly config: ModelConfig,
    readonly worlds: number,
    readonly asset: number,
    specs: SignalSpec[],
    bugs: PipelineBug[],
    rngs: readonly WorldRandom[],
    historyCapacity: number,
    bankKind: BankKind = 'tfjs',
  ) {
    this.pipeline = new FeaturePipeline(worlds, specs, bugs, config.featureClip, historyCapacity);
    const params = rngs.map((rng) => initialWorldParams(specs.length, config.architecture, rng.stream(`model/${name}/init`)));
    this.bank = createBank(bankKind, worlds, specs.length, config.architecture, config.training.optimizer, params, config.training.lr);
    this.prediction = new Float64Array(worlds);
    this.version = new Float64Array(worlds);
    this.mode = new Uint8Array(worlds).fill(config.training.mode === 'dynamic' ? MODE_DYNAMIC : MODE_STATIC);
    this.halted = new Uint8Array(worlds);
    this.lastLoss = new Float64Array(worlds);
    this.targetScale = new Float64Array(worlds).fill(1);
    this.lookback = Math.max(0, ...specs.map(signalLookback));
    this.xRow = new Float32Array(worlds * specs.length);
    this.predictionHistory = new TickHistory(worlds, historyCapacity, 1);
    this.sync = new ServingSync(config.training.syncEvery, config.training.warmup);
  }

  get warmup(): number {
    return this.config.training.warmup;
  }

  trades(tick: number): boolean {
    return tick >= this.warmup;
  }

  /** Whether the model sits out this tick in `world` (a skip-trading feature's source is down). */
  skips(world: number): boolean {
    return this.pipeline.links?.skip[world] === 1;
  }

  observe(market: MarketState, tick: number, published: readonly Float64Array[]): void {
    for (let w = 0; w < this.worlds; w++) this.pipeline.observe(market, w, tick, published);
  }

  /** One batched forward pass for all worlds. */
  infer(tick: number): void {
    if (!this.trades(tick)) return;
    this.pipeline.fillRows(this.xRow, tick, 1);
    const out = this.bank.predict(this.xRow);
    for (let w = 0; w < this.worlds; w++) {
      this.prediction[w] = this.halted[w] ? 0 : out[w]!;
      this.predictionHistory.set(w, tick, this.prediction[w]!);
    }
  }

  /** The forward return (standard units) realized by the prediction made `horizon` ticks before `tick`. */
  realizedTarget(market: MarketState, world: number, tick: number): number {
    const s = tick - this.config.horizon;
    if (s < this.warmup) return Number.NaN;
    return this.forwardReturn(market, world, s) / this.targetScale[world]!;
  }

  /** Training at the end of `tick`, by regime: the first fit after warm-up, then the dynamic cadence. */
  learn(market: MarketState, tick: number): TrainingNotice[] {
    const t = this.config.training;
    const h = this.config.horizon;
    if (tick === this.warmup - 1) {
      this.pipeline.fitStandardization(this.lookback, tick);
      this.fitTargetScale(market, this.lookback, tick - h);
      return this.trainRows(market, tick, this.lookback, tick - h, t.warmupEpochs, true);
    }
    if (tick < this.warmup) return [];
    let notices: TrainingNotice[] = [];
    if ((tick - this.warmup + 1) % t.every === 0) {
      const last = tick - h;
      const first = Math.max(this.lookback, last - t.window + 1);
      const retrain = () => (t.gate ? this.trainGated(market, tick, first, last, t.gate) : this.trainRows(market, tick, first, last, t.epochs, false));
      notices = this.sync.lagged ? this.sync.trainBehindServing(this.bank, this.version, retrain) : retrain();
    }
    if (this.sync.lagged) this.sync.maybeSync(this.bank, this.version, tick);
    return notices;
  }

  /**
   * The incremental validation gate: hold out the last `holdout` labelled ticks, train a
   * candidate on the rest, and keep it only where its holdout error is not worse than
   * the serving version's by more than `margin`; elsewhere the old weights stay.
   */
  private trainGated(market: MarketState, tick: number, first: number, last: number, gate: { holdout: number; margin: number }): TrainingNotice[] {
    const holdoutFirst = last - gate.holdout + 1;
    const before = this.bank.snapshot();
    const errorBefore = this.holdoutError(market, holdoutFirst, gate.holdout);
    const versionBefore = this.version.slice();
    const notices = this.trainRows(market, tick, first, holdoutFirst - 1, this.config.training.epochs, false);
    const errorAfter = this.holdoutError(market, holdoutFirst, gate.holdout);
    const rejected: number[] = [];
    for (let w = 0; w < this.worlds; w++) {
      if (this.version[w] === versionBefore[w]) continue; // not trained this round
      if (errorAfter[w]! <= errorBefore[w]! * (1 + gate.margin)) continue;
      rejected.push(w);
      this.version[w] = versionBefore[w]!;
      notices.push({ kind: 'rejected', model: this.name, world: w, tick, message: `candidate rejected by the validation gate: holdout error ${errorAfter[w]!.toFixed(3)} > ${(1 + gate.margin).toFixed(2)} x ${errorBefore[w]!.toFixed(3)} of the serving version` });
    }
    this.bank.restoreWorlds(before, rejected);
    return notices;
  }

  /** Mean squared error (standard units) of the current weights on ticks [from, from + rows), per world. */
  private holdoutError(market: MarketState, from: number, rows: number): Float64Array {
    const F = this.pipeline.features;
    const x = new Float32Array(this.worlds * rows * F);
    this.pipeline.fillRows(x, from, rows);
    const predictions = this.bank.predictRows(x, rows);
    const errors = new Float64Array(this.worlds);
    for (let w = 0; w < this.worlds; w++) {
      let ss = 0;
      for (let r = 0; r < rows; r++) ss += (predictions[w * rows + r]! - this.forwardReturn(market, w, from + r) / this.targetScale[w]!) ** 2;
      errors[w] = ss / rows;
    }
    return errors;
  }

  private forwardReturn(market: MarketState, w: number, s: number): number {
    const hist = market.observedHistory;
    return hist.get(w, s + this.config.horizon, this.asset) - hist.get(w, s, this.asset);
  }

  private fitTargetScale(market: MarketState, from: number, to: number): void {
    const n = to - from + 1;
    for (let w = 0; w < this.worlds; w++) {
      let ss = 0;
      for (let s = from; s <= to; s++) ss += this.forwardReturn(market, w, s) ** 2;
      const scale = Math.sqrt(ss / n);
      this.targetScale[w] = scale > 1e-9 ? scale : 1e-9;
    }
  }

  private trainRows(market: MarketState, tick: number, first: number, last: number, epochs: number, initial: boolean): TrainingNotice[] {
    const rows = last - first + 1;
    if (rows <= 0) return [];
    const F = this.pipeline.features;
    const x = new Float32Array(this.worlds * rows * F);
    const y = new Float32Array(this.worlds * rows);
    const mask = new Float32Array(this.worlds);
    this.pipeline.fillRows(x, first, rows);
    for (let w = 0; w < this.worlds; w++) {
      mask[w] = !this.halted[w] && (initial || this.mode[w] === MODE_DYNAMIC) ? 1 : 0;
      for (let r = 0; r < rows; r++) y[w * rows + r] = this.forwardReturn(market, w, first + r) / this.targetScale[w]!;
    }
    const { loss, diverged } = this.bank.train(x, y, rows, mask, epochs, this.config.training.lr);
    const problems: TrainingNotice[] = [];
    for (let w = 0; w < this.worlds; w++) {
      if (!mask[w]) continue;
      if (diverged[w]) {
        this.halted[w] = 1;
        problems.push({ kind: 'numerical', model: this.name, world: w, tick, message: `training produced non-finite numbers (loss ${loss[w]}); update refused, model halted` });
        continue;
      }
      this.lastLoss[w] = loss[w]!;
      this.version[w]! += 1;
    }
    return problems;
  }

  bugActive(world: number): boolean {
    const n = this.pipeline.bugs.length;
    for (let b = 0; b < n; b++) if (this.pipeline.bugActive[world * n + b]) return true;
    return false;
  }

  snapshot(): { arrays: (Float64Array | Uint8Array)[]; bank: BankSnapshot; sync: ReturnType<ServingSync['snapshot']> } {
    const own = [this.prediction, this.version, this.mode, this.halted, this.lastLoss, this.targetScale, this.predictionHistory.data];
    return { arrays: [...own, ...this.pipeline.arrays()].map((a) => a.slice()), bank: this.bank.snapshot(), sync: this.sync.snapshot() };
  }

  restore(s: ReturnType<ModelRole['snapshot']>): void {
    const own = [this.prediction, this.version, this.mode, this.halted, this.lastLoss, this.targetScale, this.predictionHistory.data];
    [...own, ...this.pipeline.arrays()].forEach((a, i) => a.set(s.arrays[i]! as never));
    this.bank.restore(s.bank);
    this.sync.restore(s.sync);
  }
}

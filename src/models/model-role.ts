/**
 * One model role (e.g. "A") across all worlds: its feature pipeline, its model bank,
 * its training regime, how its predictions are served, and its published predictions.
 *
 * A role scores one asset, or (multi-asset, `assets:`) many with one shared set of
 * weights per world: each scored asset is a lane, lane l of world w at w * lanes + l.
 *
 * Predictions are in standard units of the forward return: the model is trained on
 * the forward log return divided by its warm-up standard deviation, so a prediction
 * of 1 means "one typical move up over the horizon".
 */
import type { ModelConfig } from '../config/schema.ts';
import type { MarketState } from '../world/market-state.ts';
import { LaneLayout } from '../world/lanes.ts';
import type { WorldRandom } from '../core/rng.ts';
import { FeaturePipeline, type PipelineBug } from './feature-pipeline.ts';
import { initialWorldParams, type BankSnapshot, type WeightBank } from './weight-bank.ts';
import { createBank, type BankKind } from './banks.ts';
import { signalLookback, type SignalSpec } from '../signals/observe.ts';
import { TickHistory } from '../core/history.ts';
import { ServingSync } from './serving-sync.ts';
import { parameterShapes } from './weight-bank.ts';
import { buildRows, RowBuffers, type LabelledRows } from './labelled-rows.ts';
import { InferenceService, type TableRejection } from '../inference/serving.ts';

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
  /** Lanes per world: the assets scored (1 for a one-asset model). */
  readonly lanes: number;
  /** Where lane l of world w sits in every per-lane array (`lanePrediction`, the pipeline's). */
  readonly layout: LaneLayout;
  /** What each lane's trader acts on this tick ([W x lanes]; NaN: no prediction, keep the position). */
  readonly lanePrediction: Float64Array;
  /** Model answers served per lane by tick (NaN: none), for the prediction error of served predictions. */
  readonly answerHistory: TickHistory;
  /** Per world: sum of squared errors and count of answered predictions whose outcome is known. */
  readonly errorSum: Float64Array;
  readonly errorCount: Float64Array;
  /** Per world: answered predictions whose sign matched the outcome's (a trader's hit rate). */
  readonly hits: Float64Array;
  /** Online or offline serving, its table and its metrics. */
  readonly serving: InferenceService;
  private readonly xRow: Float32Array;
  /** Training and holdout rows, reused round after round. */
  private readonly rowBuffers = new RowBuffers();
  private readonly answers: Float64Array;
  private readonly active: Uint8Array;
  /** The worlds a training round trains (1) or leaves alone (0), reused round after round. */
  private readonly trainMask: Float32Array;

  /**
   * `laneAssets` are the asset indices scored (one for a one-asset model) and
   * `laneListedAt` the tick each lists.
   */
  constructor(
    readonly name: string,
    readonly config: ModelConfig,
    readonly worlds: number,
    readonly laneAssets: readonly number[],
    readonly laneListedAt: readonly number[],
    specs: SignalSpec[],
    bugs: PipelineBug[],
    private readonly rngs: readonly WorldRandom[],
    historyCapacity: number,
    bankKind: BankKind = 'tfjs',
  ) {
    this.lanes = laneAssets.length;
    this.layout = new LaneLayout(worlds, this.lanes);
    const multi = this.lanes > 1;
    this.pipeline = new FeaturePipeline(this.layout, specs, bugs, config.featureClip, historyCapacity, multi ? laneAssets : undefined);
    const params = rngs.map((rng) => initialWorldParams(specs.length, config.architecture, rng.stream(`model/${name}/init`)));
    this.bank = createBank(bankKind, worlds, specs.length, config.architecture, config.training.optimizer, params, config.training.lr);
    this.prediction = new Float64Array(worlds);
    this.version = new Float64Array(worlds);
    this.mode = new Uint8Array(worlds).fill(config.training.mode === 'dynamic' ? MODE_DYNAMIC : MODE_STATIC);
    this.halted = new Uint8Array(worlds);
    this.lastLoss = new Float64Array(worlds);
    this.targetScale = new Float64Array(worlds).fill(1);
    this.lookback = Math.max(0, ...specs.map(signalLookback));
    this.xRow = new Float32Array(worlds * this.lanes * specs.length);
    this.predictionHistory = new TickHistory(worlds, historyCapacity, 1);
    this.sync = new ServingSync(config.training.syncEvery, config.training.warmup);
    this.lanePrediction = new Float64Array(worlds * this.lanes);
    this.answers = new Float64Array(worlds * this.lanes);
    this.active = new Uint8Array(worlds);
    this.trainMask = new Float32Array(worlds);
    this.answerHistory = new TickHistory(worlds, historyCapacity, this.lanes);
    this.errorSum = new Float64Array(worlds);
    this.errorCount = new Float64Array(worlds);
    this.hits = new Float64Array(worlds);
    const parameters = parameterShapes(1, specs.length, config.architecture).reduce((n, [, a, b]) => n + a * b, 0);
    this.serving = new InferenceService(name, config.inference, worlds, this.lanes, parameters, config.training.warmup);
  }

  /** The ledger name of the trader of lane l: model/<name>, or model/<name>/<SYM> for a multi-asset model. */
  agentName(symbols: readonly string[], lane = 0): string {
    return this.lanes === 1 ? `model/${this.name}` : `model/${this.name}/${symbols[this.laneAssets[lane]!]}`;
  }

  /** The asset of lane 0: what one-asset readers (monitors, reports) see of this model. */
  get asset(): number {
    return this.laneAssets[0]!;
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
    this.pipeline.observeTick(market, tick, published);
  }

  /** Whether each lane's asset trades at `tick`. */
  listedLanes(tick: number): boolean[] {
    return this.laneListedAt.map((at) => tick >= at);
  }

  /**
   * Inference: one batched forward pass for all worlds and lanes when the serving regime
   * needs fresh predictions (online: every tick; offline: on a batch job's tick), then
   * serving decides what each lane's trader gets. Returns batch tables that failed their checks.
   */
  infer(tick: number): TableRejection[] {
    if (!this.trades(tick)) return [];
    const fresh = this.serving.needsPredictions(tick) ? this.freshPredictions(tick) : undefined;
    for (let w = 0; w < this.worlds; w++) this.active[w] = this.halted[w] ? 0 : 1;
    const listed = this.listedLanes(tick);
    const rejections = this.serving.serve(tick, fresh, listed, this.active, this.rngs, this.answers);
    const { fallback, default: fallbackValue } = this.config.inference;
    // The history rings' rows for this tick, found once (answerHistory: lanes per world; predictionHistory: one).
    const answerRow = this.answerHistory.rowStart(tick);
    const predictionRow = this.predictionHistory.rowStart(tick);
    for (let w = 0; w < this.worlds; w++) {
      for (let l = 0; l < this.lanes; l++) {
        const i = this.layout.at(w, l);
        const answer = this.answers[i]!;
        this.answerHistory.data[answerRow + i] = answer;
        const missing = Number.isNaN(answer) && listed[l] && fallback === 'default';
        this.lanePrediction[i] = this.halted[w] ? 0 : missing ? fallbackValue : answer;
      }
      // One-asset readers see lane 0; no prediction reads as 0 ("no view").
      const first = this.lanePrediction[this.layout.at(w, 0)]!;
      this.prediction[w] = Number.isNaN(first) ? 0 : first;
      this.predictionHistory.data[predictionRow + w] = this.prediction[w]!;
    }
    return rejections;
  }

  private freshPredictions(tick: number): Float32Array {
    this.pipeline.fillRows(this.xRow, tick, 1);
    return this.lanes === 1 ? this.bank.predict(this.xRow) : this.bank.predictRows(this.xRow, this.lanes);
  }

  /** The forward return (standard units) realized by the prediction made `horizon` ticks before `tick`. */
  realizedTarget(market: MarketState, world: number, tick: number): number {
    const s = tick - this.config.horizon;
    if (s < this.warmup) return Number.NaN;
    return this.forwardReturn(market, world, s) / this.targetScale[world]!;
  }

  /** Adds the errors of the answers made `horizon` ticks ago, whose outcome `tick` reveals. */
  private scoreAnswers(market: MarketState, tick: number): void {
    const s = tick - this.config.horizon;
    if (s < this.warmup) return;
    // forwardReturn's numbers, with each ring's row found once for the tick.
    const answers = this.answerHistory.data;
    const answerRow = this.answerHistory.rowStart(s);
    const prices = market.observedHistory.data;
    const A = market.assets;
    const then = market.observedHistory.rowStart(s);
    const now = market.observedHistory.rowStart(s + this.config.horizon);
    for (let w = 0; w < this.worlds; w++) {
      for (let l = 0; l < this.lanes; l++) {
        const answer = answers[answerRow + w * this.lanes + l]!;
        if (Number.isNaN(answer)) continue;
        const asset = w * A + this.laneAssets[l]!;
        const outcome = (prices[now + asset]! - prices[then + asset]!) / this.targetScale[w]!;
        const error = answer - outcome;
        this.errorSum[w]! += error * error;
        this.errorCount[w]! += 1;
        if (answer * outcome > 0) this.hits[w]! += 1;
      }
    }
  }

  /** Training at the end of `tick`, by regime: the first fit after warm-up, then the dynamic cadence. */
  learn(market: MarketState, tick: number): TrainingNotice[] {
    const t = this.config.training;
    const h = this.config.horizon;
    this.scoreAnswers(market, tick);
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
    if (this.markTrained(false) === 0) return []; // no candidate anywhere: nothing to gate
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
    const batch = this.labelled(market, from, from + rows - 1);
    const predictions = this.bank.predictRows(batch.x, batch.rows);
    const errors = new Float64Array(this.worlds);
    for (let w = 0; w < this.worlds; w++) {
      let ss = 0;
      for (let r = 0; r < batch.rows; r++) ss += (predictions[w * batch.rows + r]! - batch.y[w * batch.rows + r]!) ** 2;
      errors[w] = ss / batch.rows;
    }
    return errors;
  }

  /** Log return of lane l's asset from tick s to s + horizon. */
  private forwardReturn(market: MarketState, w: number, s: number, lane = 0): number {
    const hist = market.observedHistory;
    const asset = this.laneAssets[lane]!;
    return hist.get(w, s + this.config.horizon, asset) - hist.get(w, s, asset);
  }

  /** Training rows for ticks [first, last]: features and forward returns in standard units. */
  private labelled(market: MarketState, first: number, last: number): LabelledRows {
    return buildRows(this.pipeline, this.worlds, this.laneListedAt, first, last, { prices: market.observedHistory, laneAssets: this.laneAssets, horizon: this.config.horizon, scale: this.targetScale }, this.rowBuffers);
  }

  /** The forward return's standard deviation on ticks [from, to], pooled over the lanes listed then. */
  private fitTargetScale(market: MarketState, from: number, to: number): void {
    for (let w = 0; w < this.worlds; w++) {
      let ss = 0;
      let n = 0;
      this.laneListedAt.forEach((listedAt, l) => {
        for (let s = Math.max(from, listedAt); s <= to; s++) {
          ss += this.forwardReturn(market, w, s, l) ** 2;
          n++;
        }
      });
      const scale = n > 0 ? Math.sqrt(ss / n) : 1;
      this.targetScale[w] = scale > 1e-9 ? scale : 1e-9;
    }
  }

  /**
   * Marks in `trainMask` the worlds a round trains: not halted, and dynamic (every world
   * on the initial fit). Returns how many: with none, a round changes nothing (a static
   * model's rounds), so it is skipped before any rows are built.
   */
  private markTrained(initial: boolean): number {
    const mask = this.trainMask;
    let count = 0;
    for (let w = 0; w < this.worlds; w++) {
      mask[w] = !this.halted[w] && (initial || this.mode[w] === MODE_DYNAMIC) ? 1 : 0;
      count += mask[w]!;
    }
    return count;
  }

  private trainRows(market: MarketState, tick: number, first: number, last: number, epochs: number, initial: boolean): TrainingNotice[] {
    if (this.markTrained(initial) === 0) return [];
    const { x, y, rows } = this.labelled(market, first, last);
    if (rows <= 0) return [];
    const mask = this.trainMask;
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

  /** Sets world w's bug switch (see BUG_*) for every bug, in every lane. */
  setBugSwitch(world: number, value: number): void {
    const n = this.pipeline.bugs.length;
    this.pipeline.bugSwitch.fill(value, this.layout.at(world, 0) * n, this.layout.at(world + 1, 0) * n);
  }

  /** Switches world w's training regime (an intervention). */
  setMode(world: number, mode: number): void {
    this.mode[world] = mode;
  }

  /** Halts (or resumes) the model in world w: it flattens and stops learning. */
  setHalted(world: number, on: boolean): void {
    this.halted[world] = on ? 1 : 0;
  }

  /** Quarantines (or releases) feature f in world w, in every lane. */
  setQuarantine(world: number, feature: number, on: boolean): void {
    const F = this.pipeline.features;
    for (let l = 0; l < this.lanes; l++) this.pipeline.quarantined[this.layout.at(world, l) * F + feature] = on ? 1 : 0;
  }

  /** bugActive(w) as 1/0 for worlds [from, to), into `out[(w - from) * stride + offset]`. */
  bugColumn(from: number, to: number, out: Float64Array, stride: number, offset: number): void {
    for (let w = from; w < to; w++) out[(w - from) * stride + offset] = this.bugActive(w) ? 1 : 0;
  }

  bugActive(world: number): boolean {
    const n = this.pipeline.bugs.length;
    const lane = this.layout.at(world, 0); // bugs follow one schedule in every lane: lane 0 speaks for them
    for (let b = 0; b < n; b++) if (this.pipeline.bugActive[lane * n + b]) return true;
    return false;
  }

  snapshot(): { arrays: (Float64Array | Uint8Array)[]; bank: BankSnapshot; sync: ReturnType<ServingSync['snapshot']> } {
    const own = [this.prediction, this.version, this.mode, this.halted, this.lastLoss, this.targetScale, this.predictionHistory.data, this.lanePrediction, this.answerHistory.data, this.errorSum, this.errorCount, this.hits, ...this.serving.arrays()];
    return { arrays: [...own, ...this.pipeline.arrays()].map((a) => a.slice()), bank: this.bank.snapshot(), sync: this.sync.snapshot() };
  }

  restore(s: ReturnType<ModelRole['snapshot']>): void {
    const own = [this.prediction, this.version, this.mode, this.halted, this.lastLoss, this.targetScale, this.predictionHistory.data, this.lanePrediction, this.answerHistory.data, this.errorSum, this.errorCount, this.hits, ...this.serving.arrays()];
    [...own, ...this.pipeline.arrays()].forEach((a, i) => a.set(s.arrays[i]! as never));
    this.bank.restore(s.bank);
    this.sync.restore(s.sync);
  }
}

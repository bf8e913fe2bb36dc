/**
 * Serving: how a model's predictions reach its trader, per world and lane (a lane is one
 * scored asset). Two regimes:
 *
 * - online: every listed asset is a request each tick; each prediction costs compute
 *   units (parameters x costPerParameter) and the fleet has `capacity` units per tick.
 *   Requests are served in an order that starts at a random lane each tick (stream
 *   `serving/<model>`); those that would finish past the budget time out and count as
 *   missing predictions. A bigger model costs more per prediction, so fewer fit.
 * - offline: a batch job every `refresh` ticks scores every asset listed at that moment
 *   into a lookup table, served `latency` ticks later after optional checks; between
 *   refreshes the trader reads the table, so predictions are stale, and assets listed
 *   after the job have no entry.
 *
 * A missing prediction is NaN: the trader keeps its position (fallback no-trade), or acts
 * on `default` (fallback default; still counted as not answered).
 */
import type { ModelConfig } from '../config/schema.ts';
import type { WorldRandom } from '../core/rng.ts';
import { verifyTable } from './table-checks.ts';

export type InferenceConfig = ModelConfig['inference'];

/** A batch table that failed its checks and was not pushed. */
export interface TableRejection {
  world: number;
  jobTick: number;
  reason: string;
}

export class ServingMetrics {
  /** Per world: predictions asked for (listed lanes x ticks traded). */
  readonly requests: Float64Array;
  /** Per world: requests answered with a model prediction. */
  readonly answered: Float64Array;
  /** Per world: online requests past the compute budget. */
  readonly timedOut: Float64Array;
  /** Per world: sum over answered requests of the prediction's age (ticks since its features were read). */
  readonly ageSum: Float64Array;
  /** Per world: sum over answered online requests of their latency (compute units queued before them, plus their own). */
  readonly latencySum: Float64Array;
  /** Per world: compute units spent on predictions. */
  readonly computeCost: Float64Array;
  /** Per world: batch tables pushed and rejected. */
  readonly tablesPushed: Float64Array;
  readonly tablesRejected: Float64Array;

  constructor(worlds: number) {
    const counter = () => new Float64Array(worlds);
    this.requests = counter();
    this.answered = counter();
    this.timedOut = counter();
    this.ageSum = counter();
    this.latencySum = counter();
    this.computeCost = counter();
    this.tablesPushed = counter();
    this.tablesRejected = counter();
  }

  arrays(): Float64Array[] {
    return [this.requests, this.answered, this.timedOut, this.ageSum, this.latencySum, this.computeCost, this.tablesPushed, this.tablesRejected];
  }
}

export class InferenceService {
  readonly metrics: ServingMetrics;
  /** Offline: the served table per lane (NaN: no entry) and the tick its job ran (per world; -1: none yet). */
  readonly table: Float64Array;
  readonly tableTick: Float64Array;
  /** Offline: the table computed but not yet served, the tick it is due, and its job's tick (per world; -1: none). */
  readonly pending: Float64Array;
  readonly pendingDue: Float64Array;
  readonly pendingTick: Float64Array;
  /** Compute units one prediction costs. */
  readonly costPerPrediction: number;

  constructor(
    readonly model: string,
    readonly config: InferenceConfig,
    readonly worlds: number,
    readonly lanes: number,
    parameters: number,
    readonly warmup: number,
  ) {
    this.metrics = new ServingMetrics(worlds);
    this.table = new Float64Array(worlds * lanes).fill(Number.NaN);
    this.pending = new Float64Array(worlds * lanes).fill(Number.NaN);
    this.tableTick = new Float64Array(worlds).fill(-1);
    this.pendingDue = new Float64Array(worlds).fill(-1);
    this.pendingTick = new Float64Array(worlds).fill(-1);
    this.costPerPrediction = parameters * config.costPerParameter;
  }

  get offline(): boolean {
    return this.config.mode === 'offline';
  }

  /** Whether the model must compute fresh predictions this tick (online: always; offline: on a batch job's tick). */
  needsPredictions(tick: number): boolean {
    return !this.offline || (tick - this.warmup) % this.config.refresh === 0;
  }

  /**
   * Fills `served` ([W x lanes], NaN = missing) for this tick from the fresh predictions
   * `fresh` (when needsPredictions) and the table; `listed[l]` says whether lane l's asset
   * trades; `active[w]` is 0 where the model does not ask (halted). Returns tables rejected.
   */
  serve(tick: number, fresh: Float32Array | undefined, listed: readonly boolean[], active: Uint8Array, rngs: readonly WorldRandom[], served: Float64Array): TableRejection[] {
    const rejections: TableRejection[] = [];
    for (let w = 0; w < this.worlds; w++) {
      if (this.offline) {
        if (fresh) this.runBatchJob(w, tick, fresh, listed);
        const rejected = this.pushDueTable(w, tick);
        if (rejected) rejections.push(rejected);
        this.serveFromTable(w, tick, listed, active[w] === 1, served);
      } else {
        this.serveOnline(w, fresh!, listed, active[w] === 1, rngs[w]!, served);
      }
    }
    return rejections;
  }

  private serveOnline(w: number, fresh: Float32Array, listed: readonly boolean[], active: boolean, rng: WorldRandom, served: Float64Array): void {
    const L = this.lanes;
    const m = this.metrics;
    const capacity = this.config.capacity ?? Number.POSITIVE_INFINITY;
    const cost = this.costPerPrediction;
    // One draw per tick and world, only when the budget can bind, so unlimited serving
    // (the default) consumes no randomness at all.
    const start = Number.isFinite(capacity) ? Math.floor(rng.stream(`serving/${this.model}`).uniform() * L) : 0;
    let spent = 0;
    for (let k = 0; k < L; k++) {
      const l = (start + k) % L;
      const i = w * L + l;
      served[i] = Number.NaN;
      if (!listed[l] || !active) continue;
      m.requests[w]! += 1;
      if (spent + cost > capacity) {
        m.timedOut[w]! += 1;
        served[i] = this.fallbackValue();
        continue;
      }
      spent += cost;
      m.answered[w]! += 1;
      m.latencySum[w]! += spent;
      served[i] = fresh[i]!;
    }
    m.computeCost[w]! += spent;
  }

  private runBatchJob(w: number, tick: number, fresh: Float32Array, listed: readonly boolean[]): void {
    const L = this.lanes;
    let scored = 0;
    for (let l = 0; l < L; l++) {
      // The job knows only the assets listed when it runs: later listings get no entry.
      this.pending[w * L + l] = listed[l] ? fresh[w * L + l]! : Number.NaN;
      if (listed[l]) scored++;
    }
    this.pendingDue[w] = tick + this.config.latency;
    this.pendingTick[w] = tick;
    this.metrics.computeCost[w]! += scored * this.costPerPrediction;
  }

  private pushDueTable(w: number, tick: number): TableRejection | undefined {
    if (this.pendingDue[w]! < 0 || this.pendingDue[w]! > tick) return undefined;
    const L = this.lanes;
    const candidate = this.pending.subarray(w * L, (w + 1) * L);
    const current = this.tableTick[w]! >= 0 ? this.table.subarray(w * L, (w + 1) * L) : undefined;
    const jobTick = this.pendingTick[w]!;
    this.pendingDue[w] = -1;
    this.pendingTick[w] = -1;
    const problem = this.config.verify ? verifyTable(candidate, current, this.config.verify) : undefined;
    if (problem) {
      this.metrics.tablesRejected[w]! += 1;
      return { world: w, jobTick, reason: problem };
    }
    this.table.set(candidate, w * L);
    this.tableTick[w] = jobTick;
    this.metrics.tablesPushed[w]! += 1;
    return undefined;
  }

  private serveFromTable(w: number, tick: number, listed: readonly boolean[], active: boolean, served: Float64Array): void {
    const L = this.lanes;
    const m = this.metrics;
    for (let l = 0; l < L; l++) {
      const i = w * L + l;
      served[i] = Number.NaN;
      if (!listed[l] || !active) continue;
      m.requests[w]! += 1;
      const entry = this.table[i]!;
      if (Number.isNaN(entry)) {
        served[i] = this.fallbackValue();
        continue;
      }
      m.answered[w]! += 1;
      m.ageSum[w]! += tick - this.tableTick[w]!;
      served[i] = entry;
    }
  }

  private fallbackValue(): number {
    return this.config.fallback === 'default' ? this.config.default : Number.NaN;
  }

  arrays(): Float64Array[] {
    return [this.table, this.tableTick, this.pending, this.pendingDue, this.pendingTick, ...this.metrics.arrays()];
  }
}

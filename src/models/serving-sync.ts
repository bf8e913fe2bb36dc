/**
 * Version sync cadence: training and serving on different clocks. With
 * `training.syncEvery: K` a retrained version is not served at once: it waits, as
 * "trained", until the next sync tick (every K ticks after warm-up), and the served
 * model lags the trained one. Training always continues from the newest trained
 * weights. With K = 0 (the default) every trained version is served at once and this
 * class does nothing.
 */
import type { BankSnapshot, WeightBank as ModelBank } from './weight-bank.ts';

interface Pending {
  weights: BankSnapshot;
  version: Float64Array;
}

export class ServingSync {
  private pending: Pending | undefined;

  constructor(
    readonly syncEvery: number,
    readonly warmup: number,
  ) {}

  get lagged(): boolean {
    return this.syncEvery > 0;
  }

  /** Runs a training round on the newest trained weights, then puts the served ones back. */
  trainBehindServing<T>(bank: ModelBank, version: Float64Array, train: () => T): T {
    const served = bank.snapshot();
    const servedVersion = version.slice();
    if (this.pending) {
      bank.restore(this.pending.weights);
      version.set(this.pending.version);
    }
    const result = train();
    this.pending = { weights: bank.snapshot(), version: version.slice() };
    bank.restore(served);
    version.set(servedVersion);
    return result;
  }

  /** At a sync tick, serves the newest trained version. */
  maybeSync(bank: ModelBank, version: Float64Array, tick: number): void {
    if (!this.pending || tick < this.warmup || (tick - this.warmup + 1) % this.syncEvery !== 0) return;
    bank.restore(this.pending.weights);
    version.set(this.pending.version);
    this.pending = undefined;
  }

  /** The newest trained version of a world (the served one when nothing waits). */
  trainedVersion(version: Float64Array, world: number): number {
    return this.pending?.version[world] ?? version[world]!;
  }

  /** After a rollback in one world, nothing newer may be waiting there: the world's pending weights become the served ones. */
  discardWorld(bank: ModelBank, version: Float64Array, world: number): void {
    if (!this.pending) return;
    const current = bank.worldState(bank.snapshot(), world);
    this.pending.weights = bank.withWorld(this.pending.weights, world, current);
    this.pending.version[world] = version[world]!;
  }

  snapshot(): Pending | undefined {
    return this.pending && { weights: this.pending.weights, version: this.pending.version.slice() };
  }

  restore(saved: Pending | undefined): void {
    this.pending = saved && { weights: saved.weights, version: saved.version.slice() };
  }
}

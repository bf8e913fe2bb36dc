/**
 * The tfjs model bank: one model role's weights for all W worlds, stacked on a leading
 * world axis, so a tick costs one batched forward pass and a training round one batched
 * optimiser step per role, whatever W is. Worlds never mix: world k's gradient is
 * exactly its own.
 *
 * A world can be masked out of training (halted, or its numbers went bad); a masked
 * world's weights and optimiser state do not move.
 *
 * The tensors are trained on a fast path: all of a world's parameters packed in one
 * tensor, the gradient computed by hand in a few batched ops (packed-core.ts): from
 * sufficient statistics for the linear model (linear-fast-path.ts), by manual
 * backpropagation for the MLP (mlp-fast-path.ts). tfjs's tape (tape-path.ts) computes the
 * same training with many more ops; tests compare the two.
 */
import { stackParams, WeightBank, type Architecture, type BankSnapshot, type OptimizerKind, type TrainResult } from './weight-bank.ts';
import type { BankCore } from './bank-core.ts';
import { LinearCore } from './linear-fast-path.ts';
import { MlpCore } from './mlp-fast-path.ts';
import { TapeCore } from './tape-path.ts';

export { initialWorldParams, parameterShapes, type Architecture, type BankSnapshot, type OptimizerKind, type WorldBankState } from './weight-bank.ts';

/** How a bank trains: `fast` (the default) by hand-written gradients, `tape` by tfjs's tape (tests compare the two). */
export type TrainingPath = 'fast' | 'tape';

export class ModelBank extends WeightBank {
  private readonly core: BankCore;

  constructor(
    worlds: number,
    features: number,
    arch: Architecture,
    optimizer: OptimizerKind,
    /** Initial parameters per world, as returned by initialWorldParams. */
    perWorldParams: Float32Array[][],
    path: TrainingPath = 'fast',
  ) {
    super(worlds, features, arch, optimizer);
    const stacked = stackParams(this.shapes, perWorldParams);
    if (path === 'tape') this.core = new TapeCore(worlds, features, arch, optimizer, this.shapes, stacked);
    else if (arch.type === 'linear') this.core = new LinearCore(worlds, features, optimizer, stacked);
    else this.core = new MlpCore(worlds, features, arch.hidden, optimizer, stacked);
  }

  predict(x: Float32Array): Float32Array {
    return this.core.predictRows(x, 1);
  }

  predictRows(x: Float32Array, rows: number): Float32Array {
    return this.core.predictRows(x, rows);
  }

  /**
   * `epochs` full-batch optimiser steps on `rows` labelled rows per world.
   * `mask[w]` is 1 to train world w, 0 to leave it untouched.
   * Returns each world's mean squared error before the last step, and which worlds'
   * updates were refused because they produced non-finite numbers.
   */
  train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number, lr: number): TrainResult {
    this.revision++;
    const round = this.core.train(x, y, rows, mask, epochs, lr);
    try {
      const { loss, finite } = round;
      const diverged = new Uint8Array(this.worlds);
      for (let w = 0; w < this.worlds; w++) diverged[w] = mask[w]! > 0 && (!finite[w] || !Number.isFinite(loss[w]!)) ? 1 : 0;
      // A world whose round went numerically wrong is refused as a whole: its weights and
      // optimiser state go back to where the round started, so "refused" means unchanged.
      const refused = [...diverged.keys()].filter((w) => diverged[w]);
      if (refused.length > 0) this.restoreWorlds(round.start(), refused);
      return { loss, diverged };
    } finally {
      round.release();
    }
  }

  snapshot(): BankSnapshot {
    return this.core.snapshot();
  }

  restore(s: BankSnapshot): void {
    this.revision++;
    this.core.restore(s);
  }

  dispose(): void {
    this.core.dispose();
  }
}

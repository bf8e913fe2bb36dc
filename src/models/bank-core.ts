/**
 * What the tfjs ModelBank delegates to: the tensors of one architecture and the way they
 * are trained. The fast paths (packed-core.ts) pack a world's parameters in one tensor
 * and compute the gradient by hand: from sufficient statistics for the linear model
 * (linear-fast-path.ts), by backpropagation for the MLP (mlp-fast-path.ts); `tape-path.ts`
 * differentiates either with tfjs's tape. All keep the public layout of weight-bank.ts
 * in snapshots.
 */
import type { BankSnapshot } from './weight-bank.ts';

/** What one training round leaves for ModelBank to judge. */
export interface CoreRound {
  /** Each world's mean squared error before the last step. */
  loss: Float32Array;
  /** 1 where every parameter of the world is finite after the round. */
  finite: Uint8Array;
  /** The state at the round's start, to refuse worlds whose round went non-finite. */
  start(): BankSnapshot;
  /** Frees what the round kept for `start`. */
  release(): void;
}

export interface BankCore {
  /** Predictions for `rows` feature rows per world (`x` is [W * rows * F]); returns [W * rows]. */
  predictRows(x: Float32Array, rows: number): Float32Array;
  /** `epochs` full-batch optimiser steps on the worlds whose `mask` is 1; the others do not move. */
  train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number, lr: number): CoreRound;
  snapshot(): BankSnapshot;
  restore(s: BankSnapshot): void;
  dispose(): void;
}

/** Whether every world is trained this round: then no per-world selects are needed. */
export function allTrained(mask: Float32Array): boolean {
  for (let w = 0; w < mask.length; w++) if (!(mask[w]! > 0)) return false;
  return true;
}

/** Whether no world is trained this round: then only the loss is computed. */
export function noneTrained(mask: Float32Array): boolean {
  for (let w = 0; w < mask.length; w++) if (mask[w]! > 0) return false;
  return true;
}

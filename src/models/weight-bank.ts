/**
 * What every model bank shares, whatever computes it: one model role's weights for all W
 * worlds, stacked on a leading world axis, the parameter shapes, seeded initialisation,
 * and per-world snapshot surgery (rollback, refused rounds, rejected candidates), all
 * built on `snapshot()` / `restore()`.
 *
 * Implementations: `ModelBank` (tfjs, batched: the product), `ReferenceBank` (plain
 * Float64Array loops: the oracle and the speed reference), `NaiveBank` (one tfjs
 * LayersModel per world: the baseline the benchmarks compare against).
 */
import type { RandomStream } from '../core/rng.ts';

export type Architecture = { type: 'linear' } | { type: 'mlp'; hidden: number };
export type OptimizerKind = 'adam' | 'sgd';

export interface BankSnapshot {
  params: Float32Array[];
  /** Adam first and second moments per parameter (empty for sgd). */
  moments: Float32Array[];
  /** Adam step count per world. */
  steps: Float32Array;
}

/** One world's share of a BankSnapshot (see WeightBank.worldState). */
export interface WorldBankState {
  params: Float32Array[];
  moments: Float32Array[];
  steps: number;
}

export interface TrainResult {
  /** Each world's mean squared error before the last step. */
  loss: Float32Array;
  /** 1 where the round went non-finite and was refused (weights unchanged). */
  diverged: Uint8Array;
}

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-7;

/** Shapes of the parameters, world axis first: [W, in, out] weights and [W, 1, out] biases. */
export function parameterShapes(worlds: number, features: number, arch: Architecture): [number, number, number][] {
  if (arch.type === 'linear') return [[worlds, features, 1], [worlds, 1, 1]];
  return [[worlds, features, arch.hidden], [worlds, 1, arch.hidden], [worlds, arch.hidden, 1], [worlds, 1, 1]];
}

/** Glorot-uniform weights and zero biases for one world, drawn from that world's stream. */
export function initialWorldParams(features: number, arch: Architecture, stream: RandomStream): Float32Array[] {
  return parameterShapes(1, features, arch).map(([, fanIn, fanOut], i) => {
    const values = new Float32Array(fanIn * fanOut);
    const isWeight = i % 2 === 0;
    if (isWeight) {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let k = 0; k < values.length; k++) values[k] = (2 * stream.uniform() - 1) * limit;
    }
    return values;
  });
}

/** Stacks per-world parameter lists into one array per parameter ([W * in * out]). */
export function stackParams(shapes: [number, number, number][], perWorld: Float32Array[][]): Float32Array[] {
  return shapes.map(([W, a, b], p) => {
    const stacked = new Float32Array(W * a * b);
    for (let w = 0; w < W; w++) stacked.set(perWorld[w]![p]!, w * a * b);
    return stacked;
  });
}

export abstract class WeightBank {
  readonly shapes: [number, number, number][];
  /** Bumped whenever weights change, so readers can cache what they derive from them. */
  revision = 0;
  private firstLayerCache: { revision: number; values: Float32Array } | undefined;

  constructor(
    readonly worlds: number,
    readonly features: number,
    readonly arch: Architecture,
    readonly optimizer: OptimizerKind,
  ) {
    this.shapes = parameterShapes(worlds, features, arch);
  }

  /** One prediction per world from one feature row per world (`x` is [W * F]). */
  abstract predict(x: Float32Array): Float32Array;
  /** Predictions for `rows` feature rows per world (`x` is [W * rows * F]); returns [W * rows]. */
  abstract predictRows(x: Float32Array, rows: number): Float32Array;
  /**
   * `epochs` full-batch optimiser steps on `rows` labelled rows per world; `mask[w]` is 1
   * to train world w, 0 to leave it untouched. A world whose numbers go non-finite is
   * refused as a whole: its weights and optimiser state stay as they were.
   */
  abstract train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number, lr: number): TrainResult;
  abstract snapshot(): BankSnapshot;
  /** Sets every world's state (implementations bump `revision`). */
  abstract restore(s: BankSnapshot): void;
  abstract dispose(): void;

  /**
   * Copies world w's state into `out` from `at`, packed as the version registry keeps it
   * (each parameter's share, then each moment's, in bank order, then the step count);
   * returns where it ended. `snapshot` gives the bank's snapshot now (the caller takes it
   * once for all worlds); a bank whose numbers live in JS arrays reads them directly instead.
   */
  packWorld(w: number, out: Float32Array, at: number, snapshot: () => BankSnapshot): number {
    const s = snapshot();
    at = packShares(s.params, this.worlds, w, out, at);
    at = packShares(s.moments, this.worlds, w, out, at);
    out[at] = s.steps[w]!;
    return at + 1;
  }

  /** The input-layer weights of all worlds ([W * F * out]), cached until the weights change. */
  firstLayer(): Float32Array {
    if (this.firstLayerCache?.revision !== this.revision) this.firstLayerCache = { revision: this.revision, values: this.snapshot().params[0]! };
    return this.firstLayerCache.values;
  }

  /** Mean |input weight| per feature for one world: how strongly the model can use each input. */
  featureWeights(world: number): number[] {
    const [, F, out] = this.shapes[0]!;
    const w = this.firstLayer();
    return Array.from({ length: F }, (_, f) => {
      let sum = 0;
      for (let o = 0; o < out; o++) sum += Math.abs(w[(world * F + f) * out + o]!);
      return sum / out;
    });
  }

  /** Parameters of one world (for tests and reports). */
  worldParams(world: number): Float32Array[] {
    return this.worldState(this.snapshot(), world).params;
  }

  /** One world's share of a snapshot: its parameters, Adam moments and step count. */
  worldState(s: BankSnapshot, world: number): WorldBankState {
    const slice = (a: Float32Array, k: number) => {
      const [, rows, cols] = this.shapes[k]!;
      return a.slice(world * rows * cols, (world + 1) * rows * cols);
    };
    return { params: s.params.map((a, p) => slice(a, p)), moments: s.moments.map((a, k) => slice(a, k >> 1)), steps: s.steps[world]! };
  }

  /** A copy of `snapshot` with one world's share replaced by `state`. */
  withWorld(snapshot: BankSnapshot, world: number, state: WorldBankState): BankSnapshot {
    const out: BankSnapshot = { params: snapshot.params.map((a) => a.slice()), moments: snapshot.moments.map((a) => a.slice()), steps: snapshot.steps.slice() };
    this.shapes.forEach(([, rows, cols], p) => out.params[p]!.set(state.params[p]!, world * rows * cols));
    out.moments.forEach((m, k) => {
      const [, rows, cols] = this.shapes[k >> 1]!;
      m.set(state.moments[k]!, world * rows * cols);
    });
    out.steps[world] = state.steps;
    return out;
  }

  /** Puts the listed worlds back to their state in `saved` (e.g. a rejected candidate); other worlds are untouched. */
  restoreWorlds(saved: BankSnapshot, worlds: readonly number[]): void {
    if (worlds.length === 0) return;
    let full = this.snapshot();
    for (const w of worlds) full = this.withWorld(full, w, this.worldState(saved, w));
    this.restore(full);
  }

  /** Puts one world's parameters and optimiser state back (a rollback); other worlds are untouched. */
  restoreWorld(world: number, state: WorldBankState): void {
    this.restore(this.withWorld(this.snapshot(), world, state));
  }
}

/** Copies world w's share of each world-major array (length / worlds each) into `out` from `at`; returns where it ended. */
export function packShares(arrays: readonly (Float32Array | Float64Array)[], worlds: number, w: number, out: Float32Array, at: number): number {
  for (let k = 0; k < arrays.length; k++) {
    const source = arrays[k]!;
    const n = source.length / worlds;
    for (let i = 0; i < n; i++) out[at + i] = source[w * n + i]!;
    at += n;
  }
  return at;
}

/**
 * A model bank: one model role's weights for all W worlds, stacked on a leading world
 * axis, so a tick costs one batched forward pass and a training round one batched
 * optimiser step per role, whatever W is. Worlds never mix: the loss is a sum of
 * per-world losses, so world k's gradient is exactly its own.
 *
 * A world can be masked out of training (halted, or its numbers went bad); a masked
 * world's weights and optimiser state do not move.
 */
import { tf } from './backend.ts';
import type { RandomStream } from '../engine/rng.ts';

export type Architecture = { type: 'linear' } | { type: 'mlp'; hidden: number };
export type OptimizerKind = 'adam' | 'sgd';

export interface BankSnapshot {
  params: Float32Array[];
  /** Adam first and second moments per parameter (empty for sgd). */
  moments: Float32Array[];
  /** Adam step count per world. */
  steps: Float32Array;
}

/** One world's share of a BankSnapshot (see ModelBank.worldState). */
export interface WorldBankState {
  params: Float32Array[];
  moments: Float32Array[];
  steps: number;
}

const ADAM_BETA1 = 0.9;
const ADAM_BETA2 = 0.999;
const ADAM_EPSILON = 1e-7;

let bankCounter = 0;

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

export class ModelBank {
  private readonly vars: tf.Variable[];
  private readonly moments: tf.Variable[] = [];
  private readonly steps: tf.Variable;
  private readonly shapes: [number, number, number][];
  /** Bumped whenever weights change, so readers can cache what they derive from them. */
  revision = 0;
  private firstLayerCache: { revision: number; values: Float32Array } | undefined;

  constructor(
    readonly worlds: number,
    readonly features: number,
    readonly arch: Architecture,
    readonly optimizer: OptimizerKind,
    /** Initial parameters per world, as returned by initialWorldParams. */
    perWorldParams: Float32Array[][],
  ) {
    this.shapes = parameterShapes(worlds, features, arch);
    const id = bankCounter++;
    this.vars = this.shapes.map((shape, p) => {
      const stacked = new Float32Array(shape[0] * shape[1] * shape[2]);
      const per = shape[1] * shape[2];
      for (let w = 0; w < worlds; w++) stacked.set(perWorldParams[w]![p]!, w * per);
      return tf.variable(tf.tensor3d(stacked, shape), true, `bank${id}/p${p}`);
    });
    if (optimizer === 'adam') {
      for (const [p, shape] of this.shapes.entries()) {
        this.moments.push(tf.variable(tf.zeros(shape), false, `bank${id}/m${p}`));
        this.moments.push(tf.variable(tf.zeros(shape), false, `bank${id}/v${p}`));
      }
    }
    this.steps = tf.variable(tf.zeros([worlds, 1, 1]), false, `bank${id}/steps`);
  }

  private forward(x: tf.Tensor3D): tf.Tensor3D {
    const v = this.vars as tf.Tensor3D[];
    if (this.arch.type === 'linear') return tf.add(tf.matMul(x, v[0]!), v[1]!);
    const hidden = tf.tanh(tf.add(tf.matMul(x, v[0]!), v[1]!));
    return tf.add(tf.matMul(hidden, v[2]!), v[3]!);
  }

  /** One prediction per world from one feature row per world (`x` is [W * F]). */
  predict(x: Float32Array): Float32Array {
    return tf.tidy(() => this.forward(tf.tensor3d(x, [this.worlds, 1, this.features])).dataSync() as Float32Array);
  }

  /** Predictions for `rows` feature rows per world (`x` is [W * rows * F]); returns [W * rows]. */
  predictRows(x: Float32Array, rows: number): Float32Array {
    return tf.tidy(() => this.forward(tf.tensor3d(x, [this.worlds, rows, this.features])).dataSync() as Float32Array);
  }

  /**
   * `epochs` full-batch optimiser steps on `rows` labelled rows per world.
   * `mask[w]` is 1 to train world w, 0 to leave it untouched.
   * Returns each world's mean squared error before the last step, and which worlds'
   * updates were refused because they produced non-finite numbers.
   */
  train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number, lr: number): { loss: Float32Array; diverged: Uint8Array } {
    const W = this.worlds;
    const xs = tf.tensor3d(x, [W, rows, this.features]);
    const ys = tf.tensor3d(y, [W, rows, 1]);
    const m = tf.tensor3d(mask, [W, 1, 1]);
    const diverged = new Uint8Array(W);
    const before = this.snapshot();
    this.revision++;
    let loss: Float32Array = new Float32Array(W);
    try {
      for (let e = 0; e < epochs; e++) {
        const last = e === epochs - 1;
        const result = tf.tidy(() => this.step(xs, ys, m, lr, last));
        if (result) {
          loss = result.loss;
          result.diverged.forEach((d, w) => (diverged[w] = d));
        }
      }
    } finally {
      tf.dispose([xs, ys, m]);
    }
    // A world whose round went numerically wrong is refused as a whole: its weights and
    // optimiser state go back to where the round started, so "refused" means unchanged.
    const refused = [...diverged.keys()].filter((w) => diverged[w]);
    this.restoreWorlds(before, refused);
    return { loss, diverged };
  }

  private step(xs: tf.Tensor3D, ys: tf.Tensor3D, mask: tf.Tensor3D, lr: number, report: boolean): { loss: Float32Array; diverged: Uint8Array } | undefined {
    const perWorldLoss = (): tf.Tensor => tf.mean(tf.square(tf.sub(this.forward(xs), ys)), [1, 2], true); // [W,1,1]
    // Read before the update, so the reported loss is that of the weights being replaced.
    const perWorld = report ? perWorldLoss() : undefined;
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(mask, perWorldLoss())) as tf.Scalar, this.vars);
    const newSteps = tf.add(this.steps, mask);
    const candidates = this.vars.map((v, p) => this.update(v, grads[v.name]!, p, newSteps, lr));
    // A world whose new parameters are not all finite keeps its old ones (and is reported).
    let finite = tf.ones([this.worlds, 1, 1], 'bool') as tf.Tensor;
    for (const c of candidates) finite = tf.logicalAnd(finite, tf.all(tf.isFinite(c.param), [1, 2], true));
    const accept = tf.logicalAnd(finite, tf.cast(mask, 'bool'));
    candidates.forEach((c, p) => {
      this.vars[p]!.assign(tf.where(accept, c.param, this.vars[p]!));
      if (c.m && c.v) {
        this.moments[2 * p]!.assign(tf.where(accept, c.m, this.moments[2 * p]!));
        this.moments[2 * p + 1]!.assign(tf.where(accept, c.v, this.moments[2 * p + 1]!));
      }
    });
    this.steps.assign(tf.where(accept, newSteps, this.steps));
    // Non-finite steps before the last are refused one by one above; the last step's
    // check decides whether the round as a whole is refused (see train()).
    if (!report) return undefined;
    const lossData = perWorld!.dataSync() as Float32Array;
    const finiteData = finite.dataSync();
    const maskData = mask.dataSync();
    const diverged = new Uint8Array(this.worlds);
    for (let w = 0; w < this.worlds; w++) diverged[w] = maskData[w]! > 0 && (!finiteData[w] || !Number.isFinite(lossData[w]!)) ? 1 : 0;
    return { loss: Float32Array.from(lossData), diverged };
  }

  private update(v: tf.Variable, g: tf.Tensor, p: number, steps: tf.Tensor, lr: number): { param: tf.Tensor; m?: tf.Tensor; v?: tf.Tensor } {
    if (this.optimizer === 'sgd') return { param: tf.sub(v, tf.mul(lr, g)) };
    const m = tf.add(tf.mul(ADAM_BETA1, this.moments[2 * p]!), tf.mul(1 - ADAM_BETA1, g));
    const s = tf.add(tf.mul(ADAM_BETA2, this.moments[2 * p + 1]!), tf.mul(1 - ADAM_BETA2, tf.square(g)));
    const mHat = tf.div(m, tf.sub(1, tf.pow(tf.scalar(ADAM_BETA1), steps)));
    const sHat = tf.div(s, tf.sub(1, tf.pow(tf.scalar(ADAM_BETA2), steps)));
    const param = tf.sub(v, tf.mul(lr, tf.div(mHat, tf.add(tf.sqrt(sHat), ADAM_EPSILON))));
    return { param, m, v: s };
  }

  /** The input-layer weights of all worlds ([W * F * out]), cached until the weights change. */
  firstLayer(): Float32Array {
    if (this.firstLayerCache?.revision !== this.revision) {
      this.firstLayerCache = { revision: this.revision, values: Float32Array.from(this.vars[0]!.dataSync() as Float32Array) };
    }
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
    return this.vars.map((v, p) => {
      const [, a, b] = this.shapes[p]!;
      return (v.dataSync() as Float32Array).slice(world * a * b, (world + 1) * a * b);
    });
  }

  snapshot(): BankSnapshot {
    return {
      params: this.vars.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
      moments: this.moments.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
      steps: Float32Array.from(this.steps.dataSync() as Float32Array),
    };
  }

  restore(s: BankSnapshot): void {
    this.revision++;
    tf.tidy(() => {
      this.vars.forEach((v, p) => v.assign(tf.tensor3d(s.params[p]!, this.shapes[p]!)));
      this.moments.forEach((v, k) => v.assign(tf.tensor3d(s.moments[k]!, this.shapes[k >> 1]!)));
      this.steps.assign(tf.tensor3d(s.steps, [this.worlds, 1, 1]));
    });
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
    const full = this.snapshot();
    for (const w of worlds) {
      this.shapes.forEach(([, rows, cols], p) => full.params[p]!.set(saved.params[p]!.subarray(w * rows * cols, (w + 1) * rows * cols), w * rows * cols));
      full.moments.forEach((m, k) => {
        const [, rows, cols] = this.shapes[k >> 1]!;
        m.set(saved.moments[k]!.subarray(w * rows * cols, (w + 1) * rows * cols), w * rows * cols);
      });
      full.steps[w] = saved.steps[w]!;
    }
    this.restore(full);
  }

  /** Puts one world's parameters and optimiser state back (a rollback); other worlds are untouched. */
  restoreWorld(world: number, state: WorldBankState): void {
    const full = this.snapshot();
    this.shapes.forEach(([, rows, cols], p) => full.params[p]!.set(state.params[p]!, world * rows * cols));
    full.moments.forEach((m, k) => {
      const [, rows, cols] = this.shapes[k >> 1]!;
      m.set(state.moments[k]!, world * rows * cols);
    });
    full.steps[world] = state.steps;
    this.restore(full);
  }

  dispose(): void {
    tf.dispose([...this.vars, ...this.moments, this.steps]);
  }
}

/**
 * Training by tfjs's tape, for any architecture (the MLP uses it): each epoch records the
 * forward pass over every row, differentiates the summed per-world losses and applies
 * one Adam or SGD step per parameter tensor. Worlds never mix: the loss is a sum of
 * per-world losses, so world k's gradient is exactly its own.
 */
import { tf } from './backend.ts';
import type * as TF from '@tensorflow/tfjs';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type Architecture, type BankSnapshot, type OptimizerKind } from './weight-bank.ts';
import type { BankCore, CoreRound } from './bank-core.ts';
import { readTidy } from './kernels.ts';

let coreCounter = 0;

interface Corrections {
  first: TF.Tensor;
  second: TF.Tensor;
}

export class TapeCore implements BankCore {
  private readonly vars: TF.Variable[];
  private readonly moments: TF.Variable[] = [];
  private readonly steps: TF.Variable;

  constructor(
    private readonly worlds: number,
    private readonly features: number,
    private readonly arch: Architecture,
    private readonly optimizer: OptimizerKind,
    private readonly shapes: [number, number, number][],
    /** Stacked initial parameters, one array per parameter (see stackParams). */
    stacked: Float32Array[],
  ) {
    const id = coreCounter++;
    this.vars = shapes.map((shape, p) => tf.variable(tf.tensor3d(stacked[p]!, shape), true, `tape${id}/p${p}`));
    if (optimizer === 'adam') {
      for (const [p, shape] of shapes.entries()) {
        this.moments.push(tf.variable(tf.zeros(shape), false, `tape${id}/m${p}`));
        this.moments.push(tf.variable(tf.zeros(shape), false, `tape${id}/v${p}`));
      }
    }
    this.steps = tf.variable(tf.zeros([worlds, 1, 1]), false, `tape${id}/steps`);
  }

  private forward(x: TF.Tensor3D): TF.Tensor3D {
    const v = this.vars as TF.Tensor3D[];
    if (this.arch.type === 'linear') return tf.add(tf.matMul(x, v[0]!), v[1]!);
    const hidden = tf.tanh(tf.add(tf.matMul(x, v[0]!), v[1]!));
    return tf.add(tf.matMul(hidden, v[2]!), v[3]!);
  }

  predictRows(x: Float32Array, rows: number): Float32Array {
    return readTidy<Float32Array>(() => this.forward(tf.tensor3d(x, [this.worlds, rows, this.features])));
  }

  train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number, lr: number): CoreRound {
    const W = this.worlds;
    const xs = tf.tensor3d(x, [W, rows, this.features]);
    const ys = tf.tensor3d(y, [W, rows, 1]);
    const m = tf.tensor3d(mask, [W, 1, 1]);
    const accept = tf.cast(m, 'bool');
    const before = this.snapshot();
    let loss: Float32Array = new Float32Array(W);
    try {
      for (let e = 0; e < epochs; e++) {
        const reported = tf.tidy(() => this.step(xs, ys, m, accept, lr, e === epochs - 1));
        if (reported) loss = reported;
      }
      const finite = readTidy<Uint8Array>(() => {
        let ok = tf.ones([W, 1, 1], 'bool') as TF.Tensor;
        for (const v of this.vars) ok = tf.logicalAnd(ok, tf.all(tf.isFinite(v), [1, 2], true));
        return ok;
      });
      return { loss, finite, start: () => before, release: () => {} };
    } finally {
      tf.dispose([xs, ys, m, accept]);
    }
  }

  /** One full-batch optimiser step for the worlds in `accept`; returns the per-world loss before it when `report`. */
  private step(xs: TF.Tensor3D, ys: TF.Tensor3D, mask: TF.Tensor3D, accept: TF.Tensor, lr: number, report: boolean): Float32Array | undefined {
    const perWorldLoss = (): TF.Tensor => tf.mean(tf.square(tf.sub(this.forward(xs), ys)), [1, 2], true); // [W,1,1]
    // Read before the update, so the reported loss is that of the weights being replaced.
    const perWorld = report ? perWorldLoss() : undefined;
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(mask, perWorldLoss())) as TF.Scalar, this.vars);
    const newSteps = tf.add(this.steps, mask);
    // Adam's bias corrections 1/(1 - beta^t), once per step for all parameters.
    const corrections =
      this.optimizer === 'adam'
        ? { first: tf.div(1, tf.sub(1, tf.pow(tf.scalar(ADAM_BETA1), newSteps))), second: tf.div(1, tf.sub(1, tf.pow(tf.scalar(ADAM_BETA2), newSteps))) }
        : undefined;
    this.vars.forEach((v, p) => {
      const c = this.update(v, grads[v.name]!, p, lr, corrections);
      v.assign(tf.where(accept, c.param, v));
      if (c.m && c.v) {
        this.moments[2 * p]!.assign(tf.where(accept, c.m, this.moments[2 * p]!));
        this.moments[2 * p + 1]!.assign(tf.where(accept, c.v, this.moments[2 * p + 1]!));
      }
    });
    this.steps.assign(tf.where(accept, newSteps, this.steps));
    return perWorld ? Float32Array.from(perWorld.dataSync() as Float32Array) : undefined;
  }

  private update(v: TF.Variable, g: TF.Tensor, p: number, lr: number, corrections?: Corrections): { param: TF.Tensor; m?: TF.Tensor; v?: TF.Tensor } {
    if (!corrections) return { param: tf.sub(v, tf.mul(lr, g)) };
    const m = tf.add(tf.mul(ADAM_BETA1, this.moments[2 * p]!), tf.mul(1 - ADAM_BETA1, g));
    const s = tf.add(tf.mul(ADAM_BETA2, this.moments[2 * p + 1]!), tf.mul(1 - ADAM_BETA2, tf.square(g)));
    const mHat = tf.mul(m, corrections.first);
    const sHat = tf.mul(s, corrections.second);
    const param = tf.sub(v, tf.mul(lr, tf.div(mHat, tf.add(tf.sqrt(sHat), ADAM_EPSILON))));
    return { param, m, v: s };
  }

  snapshot(): BankSnapshot {
    return {
      params: this.vars.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
      moments: this.moments.map((v) => Float32Array.from(v.dataSync() as Float32Array)),
      steps: Float32Array.from(this.steps.dataSync() as Float32Array),
    };
  }

  restore(s: BankSnapshot): void {
    tf.tidy(() => {
      this.vars.forEach((v, p) => v.assign(tf.tensor3d(s.params[p]!, this.shapes[p]!)));
      this.moments.forEach((v, k) => v.assign(tf.tensor3d(s.moments[k]!, this.shapes[k >> 1]!)));
      this.steps.assign(tf.tensor3d(s.steps, [this.worlds, 1, 1]));
    });
  }

  dispose(): void {
    tf.dispose([...this.vars, ...this.moments, this.steps]);
  }
}

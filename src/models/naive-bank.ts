/**
 * The naive bank: one tfjs LayersModel (and one Adam/SGD optimiser) per world, the way
 * a model is usually written with tfjs. It exists so the benchmarks can show what the
 * batched ModelBank saves: every world costs its own layers calls and op dispatches.
 * Same models and full-batch training; not bit-identical to the batched bank (the
 * layers API orders its float32 arithmetic its own way).
 */
import { tf } from './backend.ts';
import type * as TF from '@tensorflow/tfjs';
import { stackParams, WeightBank, type Architecture, type BankSnapshot, type OptimizerKind, type TrainResult } from './weight-bank.ts';

export class NaiveBank extends WeightBank {
  private readonly models: TF.Sequential[];
  private optimizers: TF.Optimizer[];
  private readonly lr: number;

  constructor(worlds: number, features: number, arch: Architecture, optimizer: OptimizerKind, perWorldParams: Float32Array[][], lr: number) {
    super(worlds, features, arch, optimizer);
    this.lr = lr;
    const stacked = stackParams(this.shapes, perWorldParams);
    this.models = Array.from({ length: worlds }, (_, w) => {
      const model = tf.sequential();
      if (arch.type === 'linear') model.add(tf.layers.dense({ units: 1, inputShape: [features] }));
      else {
        model.add(tf.layers.dense({ units: arch.hidden, activation: 'tanh', inputShape: [features] }));
        model.add(tf.layers.dense({ units: 1 }));
      }
      model.setWeights(this.shapes.map(([, a, b], p) => tf.tensor(stacked[p]!.slice(w * a * b, (w + 1) * a * b), p % 2 === 0 ? [a, b] : [b])));
      return model;
    });
    this.optimizers = this.models.map(() => this.makeOptimizer());
  }

  private makeOptimizer(): TF.Optimizer {
    return this.optimizer === 'adam' ? tf.train.adam(this.lr, 0.9, 0.999, 1e-7) : tf.train.sgd(this.lr);
  }

  predict(x: Float32Array): Float32Array {
    return this.predictRows(x, 1);
  }

  predictRows(x: Float32Array, rows: number): Float32Array {
    const out = new Float32Array(this.worlds * rows);
    const F = this.features;
    this.models.forEach((model, w) => {
      const y = tf.tidy(() => (model.predict(tf.tensor2d(x.subarray(w * rows * F, (w + 1) * rows * F), [rows, F])) as TF.Tensor).dataSync());
      out.set(y, w * rows);
    });
    return out;
  }

  train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number): TrainResult {
    this.revision++;
    const F = this.features;
    const loss = new Float32Array(this.worlds);
    const diverged = new Uint8Array(this.worlds);
    this.models.forEach((model, w) => {
      if (!mask[w]) return;
      tf.tidy(() => {
        const xs = tf.tensor2d(x.subarray(w * rows * F, (w + 1) * rows * F), [rows, F]);
        const ys = tf.tensor2d(y.subarray(w * rows, (w + 1) * rows), [rows, 1]);
        for (let e = 0; e < epochs; e++) {
          const l = this.optimizers[w]!.minimize(() => tf.losses.meanSquaredError(ys, model.apply(xs) as TF.Tensor) as TF.Scalar, e === epochs - 1);
          if (l) loss[w] = l.dataSync()[0]!;
        }
      });
      if (!Number.isFinite(loss[w]!)) diverged[w] = 1;
    });
    return { loss, diverged };
  }

  snapshot(): BankSnapshot {
    const params = this.shapes.map(([W, a, b]) => new Float32Array(W * a * b));
    this.models.forEach((model, w) => model.getWeights().forEach((t, p) => params[p]!.set(t.dataSync() as Float32Array, w * t.size)));
    // Optimiser state is not carried: the naive bank is for benchmarks, not for rewinds.
    return { params, moments: [], steps: new Float32Array(this.worlds) };
  }

  restore(s: BankSnapshot): void {
    this.revision++;
    this.models.forEach((model, w) =>
      model.setWeights(this.shapes.map(([, a, b], p) => tf.tensor(s.params[p]!.slice(w * a * b, (w + 1) * a * b), p % 2 === 0 ? [a, b] : [b]))),
    );
  }

  dispose(): void {
    this.models.forEach((m) => m.dispose());
    this.optimizers.forEach((o) => o.dispose());
    this.optimizers = [];
  }
}

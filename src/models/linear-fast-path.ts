/**
 * The linear model's fast path. The full-batch mean squared error of a linear model is a
 * quadratic in its parameters, so each round computes, once, every world's sufficient
 * statistics of its rows Xa = [X 1] (features plus a ones column):
 *
 *   G = Xaᵀ Xa  [W, F+1, F+1]     c = Xaᵀ y  [W, F+1, 1]
 *
 * and each epoch's exact gradient is 2/n (G θ − c): two tiny ops instead of a tape over n
 * rows. θ = [w; b] is packed per world ([W, F+1, 1], see packed-core.ts), so an Adam epoch
 * is a dozen ops whatever n is.
 */
import { tf } from './backend.ts';
import type * as TF from '@tensorflow/tfjs';
import type { OptimizerKind } from './weight-bank.ts';
import * as k from './kernels.ts';
import { PackedCore, type PackedRound } from './packed-core.ts';
import { withOnes } from './packed-layout.ts';

interface LinearRound extends PackedRound {
  /** The rows with their ones column [W, n, F+1], and the labels [W, n, 1] (for the loss). */
  xa: TF.Tensor;
  y: TF.Tensor;
  /** scale · 2/n · G and scale · 2/n · c: the gradient is g θ − c. */
  g: TF.Tensor;
  c: TF.Tensor;
}

export class LinearCore extends PackedCore<LinearRound> {
  /** A reusable buffer for one feature row per world, with its ones column (predict). */
  private readonly rowBuffer: Float32Array;

  constructor(
    worlds: number,
    private readonly features: number,
    optimizer: OptimizerKind,
    /** Stacked initial parameters: weights [W * F] and bias [W] (see stackParams). */
    stacked: Float32Array[],
  ) {
    super(worlds, [features, 1], optimizer, stacked);
    this.rowBuffer = new Float32Array(worlds * (features + 1));
  }

  predictRows(x: Float32Array, rows: number): Float32Array {
    const xa = withOnes(x, this.worlds * rows, this.features, rows === 1 ? this.rowBuffer : undefined);
    return k.readTidy<Float32Array>(() => tf.matMul(tf.tensor3d(xa, [this.worlds, rows, this.K]), this.theta));
  }

  protected prepare(x: Float32Array, y: Float32Array, rows: number, gradientScale: number): LinearRound {
    return tf.tidy(() => {
      const xa = tf.tensor3d(withOnes(x, this.worlds * rows, this.features), [this.worlds, rows, this.K]);
      const ys = tf.tensor3d(y, [this.worlds, rows, 1]);
      const s = tf.scalar((2 * gradientScale) / rows);
      const g = tf.mul(tf.matMul(xa, xa, true, false), s);
      const c = tf.mul(tf.matMul(xa, ys, true, false), s);
      return { xa, y: ys, g, c, tensors: [xa, ys, g, c] };
    });
  }

  protected gradient(round: LinearRound, withLoss: boolean): { grad: TF.Tensor; loss?: TF.Tensor } {
    const grad = k.sub(k.matMul(round.g, this.theta), round.c);
    // The loss from the rows, not from the statistics: θᵀGθ − 2θᵀc + yᵀy loses digits to cancellation.
    if (!withLoss) return { grad };
    return { grad, loss: tf.mean(tf.square(tf.sub(tf.matMul(round.xa, this.theta), round.y)), [1, 2]) };
  }
}

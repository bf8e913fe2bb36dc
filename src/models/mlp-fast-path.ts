/**
 * The MLP's fast path: the one-hidden-layer tanh network differentiated by hand, in a
 * score of batched ops per epoch instead of tfjs's tape (which records, differentiates
 * and frees every op: ~5x the cost at small W). With Xa = [X 1] (a ones column carries
 * the first bias) and θ1 = [W1; b1] ([W, F+1, H]), W2 ([W, H, 1]) and b2 ([W, 1, 1]),
 * all views of the packed θ (packed-core.ts):
 *
 *   forward   h = tanh(Xa θ1)          r = h W2 + b2 − y         loss = mean r²
 *   backward  d = 2/n r                ∂W2 = hᵀ d    ∂b2 = Σ d
 *             dz = (d W2ᵀ) ⊙ (1 − h²)  ∂θ1 = Xaᵀ dz
 *
 * the same per-world mean squared error gradient the tape and the reference compute.
 * The second bias is added rather than carried by a ones column on h: concatenating
 * along the last axis is a slow copy in tfjs's wasm backend, and h has n × H values.
 */
import { tf } from './backend.ts';
import type * as TF from '@tensorflow/tfjs';
import type { OptimizerKind } from './weight-bank.ts';
import * as k from './kernels.ts';
import { PackedCore, type PackedRound } from './packed-core.ts';
import { withOnes } from './packed-layout.ts';

interface MlpRound extends PackedRound {
  /** The rows with their ones column [W, n, F+1] and the labels [W, n, 1]. */
  xa: TF.Tensor;
  y: TF.Tensor;
  /** scale · 2/n: d = scale · ∂loss/∂output. */
  s: TF.Tensor;
}

/** The layers as views of packed θ: [W1; b1] ([W, F+1, H]), W2 ([W, H, 1]) and b2 ([W, 1, 1]). */
type Layers = { t1: TF.Tensor; w2: TF.Tensor; b2: TF.Tensor }; // a type, not an interface: tf.tidy may return it

export class MlpCore extends PackedCore<MlpRound> {
  /** Views of θ for predictions, kept until θ changes (one slice per layer per training, not per tick). */
  private views?: Layers;

  constructor(
    worlds: number,
    private readonly features: number,
    private readonly hidden: number,
    optimizer: OptimizerKind,
    /** Stacked initial parameters W1, b1, W2, b2 (see stackParams). */
    stacked: Float32Array[],
  ) {
    super(worlds, [features * hidden, hidden, hidden, 1], optimizer, stacked);
  }

  /** Slices θ into its layers (4 ops). */
  private layers(): Layers {
    const W = this.worlds;
    const H = this.hidden;
    const first = (this.features + 1) * H;
    return {
      t1: k.reshape(k.slice(this.theta, [0, 0, 0], [W, first, 1]), [W, this.features + 1, H]),
      w2: k.slice(this.theta, [0, first, 0], [W, H, 1]),
      b2: k.slice(this.theta, [0, first + H, 0], [W, 1, 1]),
    };
  }

  predictRows(x: Float32Array, rows: number): Float32Array {
    this.views ??= tf.tidy(() => this.layers());
    const { t1, w2, b2 } = this.views;
    return k.readTidy<Float32Array>(() => {
      const xa = tf.tensor3d(withOnes(x, this.worlds * rows, this.features), [this.worlds, rows, this.features + 1]);
      return tf.add(tf.matMul(tf.tanh(tf.matMul(xa, t1)), w2), b2);
    });
  }

  protected override changed(): void {
    if (this.views) tf.dispose([this.views.t1, this.views.w2, this.views.b2]);
    this.views = undefined;
  }

  protected prepare(x: Float32Array, y: Float32Array, rows: number, gradientScale: number): MlpRound {
    return tf.tidy(() => {
      const xa = tf.tensor3d(withOnes(x, this.worlds * rows, this.features), [this.worlds, rows, this.features + 1]);
      const ys = tf.tensor3d(y, [this.worlds, rows, 1]);
      const s = tf.scalar((2 * gradientScale) / rows);
      return { xa, y: ys, s, tensors: [xa, ys, s] };
    });
  }

  protected gradient(round: MlpRound, withLoss: boolean): { grad: TF.Tensor; loss?: TF.Tensor } {
    const { t1, w2, b2 } = this.layers();
    const h = k.tanh(k.matMul(round.xa, t1));
    const r = k.sub(k.add(k.matMul(h, w2), b2), round.y);
    const d = k.mul(r, round.s);
    const dh = k.matMul(d, w2, false, true);
    const dz = k.sub(dh, k.mul(dh, k.square(h))); // dh ⊙ (1 − h²): tanh' = 1 − tanh²
    const g1 = k.reshape(k.matMul(round.xa, dz, true, false), [this.worlds, (this.features + 1) * this.hidden, 1]);
    // In packed order: [W1; b1], then W2, then b2.
    const grad = k.concat([g1, k.matMul(h, d, true, false), k.sum(d, 1)], 1);
    return withLoss ? { grad, loss: tf.mean(tf.square(r), [1, 2]) } : { grad };
  }
}

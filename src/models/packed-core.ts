/**
 * What the fast paths share (linear-fast-path.ts, mlp-fast-path.ts). A tfjs op costs
 * ~10 µs on wasm whatever its size, so at small W the cost of an epoch is its number of
 * ops. The fast paths keep every parameter of a world in ONE packed [W, K, 1] tensor θ
 * (layout: packed-layout.ts), Adam's moments likewise, so an optimiser step is the same
 * handful of ops whatever the architecture; a subclass only supplies each epoch's
 * gradient, computed by hand in a few batched ops (no tape).
 *
 * Masking: a world whose mask is 0 keeps its parameters, moments and step count exactly;
 * when every world trains (the usual case) no selects are made at all.
 */
import { tf } from './backend.ts';
import type * as TF from '@tensorflow/tfjs';
import { ADAM_BETA1, ADAM_BETA2, type BankSnapshot, type OptimizerKind } from './weight-bank.ts';
import { allTrained, noneTrained, type BankCore, type CoreRound } from './bank-core.ts';
import * as k from './kernels.ts';
import { acceptMask, adamCorrections, joinBlocks, splitBlocks, uniformSteps, type AdamCorrections } from './packed-layout.ts';

let coreCounter = 0;

/** A round's tensors, made once by `prepare` and disposed when the round ends. */
export interface PackedRound {
  tensors: TF.Tensor[];
}

/** The state at a round's start: tensors are immutable, so keeping them is keeping the values. */
interface RoundStart {
  tensors: TF.Tensor[];
  steps: Float32Array;
}

export abstract class PackedCore<R extends PackedRound> implements BankCore {
  /** Every parameter of each world, packed: [W, K, 1]. */
  protected readonly theta: TF.Variable;
  /** Adam's first and second moments, in θ's layout (absent for SGD). */
  private readonly m?: TF.Variable;
  private readonly v?: TF.Variable;
  /** Adam's step count per world: the bias corrections are computed from it in JS. */
  private steps: Float32Array;
  /** Constants, made once: a number passed to an op is uploaded as a new tensor each time. */
  private readonly beta1: TF.Scalar;
  private readonly beta2: TF.Scalar;
  private readonly vScale: TF.Scalar;
  /** Parameters per world. */
  protected readonly K: number;

  constructor(
    protected readonly worlds: number,
    /** Sizes of the public parameter blocks of one world, in snapshot order. */
    private readonly blocks: readonly number[],
    private readonly optimizer: OptimizerKind,
    /** Stacked initial parameters, one array per public parameter (see stackParams). */
    stacked: Float32Array[],
  ) {
    const id = coreCounter++;
    this.K = blocks.reduce((a, b) => a + b, 0);
    this.theta = tf.variable(this.packed(joinBlocks(stacked, blocks, worlds)), false, `packed${id}/theta`);
    if (optimizer === 'adam') {
      this.m = tf.variable(tf.zeros([worlds, this.K, 1]), false, `packed${id}/m`);
      this.v = tf.variable(tf.zeros([worlds, this.K, 1]), false, `packed${id}/v`);
    }
    this.steps = new Float32Array(worlds);
    this.beta1 = tf.scalar(ADAM_BETA1);
    this.beta2 = tf.scalar(ADAM_BETA2);
    // The gradient carries (1 − β1) (see gradientScale), so the second moment's (1 − β2) becomes (1 − β2)/(1 − β1)².
    this.vScale = tf.scalar((1 - ADAM_BETA2) / (1 - ADAM_BETA1) ** 2);
  }

  abstract predictRows(x: Float32Array, rows: number): Float32Array;

  /** The round's tensors: its rows and whatever the gradient needs, made once per round. */
  protected abstract prepare(x: Float32Array, y: Float32Array, rows: number, gradientScale: number): R;

  /**
   * Inside a tidy: the gradient of each world's mean squared error at the current θ,
   * times `gradientScale` ([W, K, 1]), and when `withLoss` that error itself ([W]).
   */
  protected abstract gradient(round: R, withLoss: boolean): { grad: TF.Tensor; loss?: TF.Tensor };

  /** θ changed (trained or restored): drop anything derived from it. */
  protected changed(): void {}

  private packed(flat: Float32Array): TF.Tensor3D {
    return tf.tensor3d(flat, [this.worlds, this.K, 1]);
  }

  train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number, lr: number): CoreRound {
    // Folded into the gradient once per round rather than multiplied in every epoch:
    // Adam's (1 − β1) (the first moment's update then needs no multiply), SGD's lr.
    const round = this.prepare(x, y, rows, this.optimizer === 'adam' ? 1 - ADAM_BETA1 : lr);
    const accept = allTrained(mask) ? undefined : tf.tensor3d(acceptMask(mask, this.K), [this.worlds, this.K, 1], 'bool');
    const start = this.keepStart();
    let loss: TF.Tensor | undefined;
    try {
      if (noneTrained(mask)) loss = tf.tidy(() => this.gradient(round, true).loss!);
      else {
        const uniform = uniformSteps(this.steps, mask);
        for (let e = 0; e < epochs; e++) {
          const last = e === epochs - 1;
          const corrections = this.optimizer === 'adam' ? adamCorrections(this.steps, mask, e + 1, lr, uniform) : undefined;
          // The loss is read in the last epoch, before its update: that of the weights being replaced.
          const reported = tf.tidy(() => {
            const { grad, loss } = this.gradient(round, last);
            this.step(grad, accept, corrections);
            return loss;
          });
          if (reported) loss = reported;
        }
        for (let w = 0; w < this.worlds; w++) if (mask[w]! > 0) this.steps[w]! += epochs;
        this.changed();
      }
      const perWorld = Float32Array.from(loss!.dataSync() as Float32Array);
      return { loss: perWorld, finite: this.finiteWorlds(), start: () => this.download(start), release: () => tf.dispose(start.tensors) };
    } catch (err) {
      tf.dispose(start.tensors);
      throw err;
    } finally {
      tf.dispose([...round.tensors, ...(accept ? [accept] : []), ...(loss ? [loss] : [])]);
    }
  }

  /** One optimiser step from the scaled gradient; see adamStep and the SGD line below. */
  private step(grad: TF.Tensor, accept: TF.Tensor | undefined, corrections: AdamCorrections | undefined): void {
    if (corrections) this.adamStep(grad, accept, corrections);
    else this.commit(accept, [this.theta, k.sub(this.theta, grad)]); // SGD: the gradient carries lr
  }

  /**
   * One Adam step. With ĝ = (1 − β1)·gradient: m ← β1 m + ĝ, v ← β2 v + (1 − β2)/(1 − β1)² ĝ²,
   * θ ← θ − a m / (√v + b), where a = lr c1 / √c2 and b = ε / √c2 fold the bias corrections
   * c1 = 1/(1 − β1ᵗ), c2 = 1/(1 − β2ᵗ): the textbook θ − lr m̂ / (√v̂ + ε), m̂ = c1 m,
   * v̂ = c2 v, in fewer ops.
   */
  private adamStep(grad: TF.Tensor, accept: TF.Tensor | undefined, { a, b }: AdamCorrections): void {
    const m = k.add(k.mul(this.beta1, this.m!), grad);
    const v = k.add(k.mul(this.beta2, this.v!), k.mul(this.vScale, k.square(grad)));
    const perWorld = (values: Float32Array) => (values.length === 1 ? tf.scalar(values[0]!) : tf.tensor3d(values, [this.worlds, 1, 1]));
    const theta = k.sub(this.theta, k.mul(perWorld(a), k.div(m, k.add(k.sqrt(v), perWorld(b)))));
    this.commit(accept, [this.theta, theta], [this.m!, m], [this.v!, v]);
  }

  /** Stores the new values; with a mask, only the trained worlds' (a masked world does not move). */
  private commit(accept: TF.Tensor | undefined, ...updates: [TF.Variable, TF.Tensor][]): void {
    for (const [variable, value] of updates) variable.assign(accept ? k.select(accept, value, variable) : value);
  }

  private state(): TF.Variable[] {
    return [this.theta, ...(this.m && this.v ? [this.m, this.v] : [])];
  }

  private keepStart(): RoundStart {
    return { tensors: this.state().map((t) => tf.keep(tf.clone(t))), steps: this.steps.slice() };
  }

  /** 1 where every parameter of the world is finite (one download of θ). */
  private finiteWorlds(): Uint8Array {
    const theta = this.theta.dataSync() as Float32Array;
    const finite = new Uint8Array(this.worlds);
    for (let w = 0; w < this.worlds; w++) {
      let ok = 1;
      for (let p = w * this.K; p < (w + 1) * this.K; p++) if (!Number.isFinite(theta[p]!)) ok = 0;
      finite[w] = ok;
    }
    return finite;
  }

  private download(state: RoundStart): BankSnapshot {
    return this.layout(
      state.tensors.map((t) => Float32Array.from(t.dataSync() as Float32Array)),
      state.steps,
    );
  }

  /** The public layout of packed θ (and m, v): one array per parameter, per parameter its first then second moment. */
  private layout([theta, m, v]: Float32Array[], steps: Float32Array): BankSnapshot {
    const split = (packed: Float32Array) => splitBlocks(packed, this.blocks, this.worlds);
    const moments = m && v ? [split(m), split(v)] : undefined;
    return { params: split(theta!), moments: moments ? this.blocks.flatMap((_, p) => [moments[0]![p]!, moments[1]![p]!]) : [], steps: steps.slice() };
  }

  snapshot(): BankSnapshot {
    // No copy of the download: layout's split copies every value out of it (on cpu dataSync is the live storage).
    return this.layout(
      this.state().map((t) => t.dataSync() as Float32Array),
      this.steps,
    );
  }

  restore(s: BankSnapshot): void {
    const join = (blocks: Float32Array[]) => this.packed(joinBlocks(blocks, this.blocks, this.worlds));
    tf.tidy(() => {
      this.theta.assign(join(s.params));
      if (this.m && this.v) {
        this.m.assign(join(s.moments.filter((_, i) => i % 2 === 0)));
        this.v.assign(join(s.moments.filter((_, i) => i % 2 === 1)));
      }
    });
    this.steps = s.steps.slice();
    this.changed();
  }

  dispose(): void {
    this.changed();
    tf.dispose([...this.state(), this.beta1, this.beta2, this.vScale]);
  }
}

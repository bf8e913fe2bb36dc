/**
 * The reference bank's linear-model rounds (reference-bank.ts holds the bank; this file
 * holds what a linear model's training adds to it): θ = [weights; bias] of one world, the
 * one-pass row error and gradient, the sufficient statistics of several epochs, the SGD
 * and Adam steps, and the one-epoch SGD round that refuses itself when its numbers go
 * non-finite (other rounds are refused by the bank's own save and restore). The arithmetic is
 * that of the tfjs bank's fast path (linear-fast-path.ts), in float64 with float32 storage.
 */
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type OptimizerKind } from './weight-bank.ts';

/** The bank's state the rounds read and write: weights [W·F] and bias [W], Adam moments of each, step counts. */
export interface LinearState {
  readonly features: number;
  readonly optimizer: OptimizerKind;
  params: Float64Array[];
  moments: Float64Array[];
  steps: Float64Array;
}

export class LinearRounds {
  constructor(private readonly bank: LinearState) {}

  /**
   * A linear model's round for world w, returning the last epoch's error (that of the
   * weights it replaces). One epoch takes one pass over the rows for the error and the
   * gradient together. More epochs use the rows' sufficient statistics, as the tfjs
   * bank's fast path does (linear-fast-path.ts): G = Xaᵀ Xa and c = Xaᵀ y once per round,
   * then each epoch's gradient is 2/n (G θ − c), whatever n is; the error is read from
   * the rows once, in the last epoch. A warm-up of 300 epochs over 230 rows costs a few
   * thousand operations instead of hundreds of thousands.
   */
  trainLinearWorld(w: number, x: Float32Array, y: Float32Array, rows: number, epochs: number, lr: number): number {
    const F = this.bank.features;
    const K = F + 1;
    const g = (this.linearGrad ??= new Float64Array(K));
    const theta = (this.linearTheta ??= new Float64Array(K));
    if (epochs > 1) this.gatherStatistics(w, x, y, rows);
    let mse = 0;
    for (let e = 0; e < epochs; e++) {
      this.readTheta(w, theta);
      if (epochs === 1) mse = this.rowsError(w, x, y, rows, theta, g);
      else {
        if (e === epochs - 1) mse = this.rowsError(w, x, y, rows, theta);
        const G = this.gram!;
        const c = this.cross!;
        for (let i = 0; i < K; i++) {
          let gi = -c[i]!;
          for (let j = 0; j < K; j++) gi += G[i * K + j]! * theta[j]!;
          g[i] = (2 * gi) / rows;
        }
      }
      this.linearStep(w, g, lr);
    }
    return mse;
  }

  /**
   * The commonest round of all, a linear model retrained by one plain SGD step (the toy's
   * and every `every: 1` dynamic model's): rowsError with its gradient, then linearStep's
   * SGD update, the same arithmetic in one loop. The new θ is computed aside and written
   * only if it and the error are finite, so a refused round needs no saved copy. Writes
   * the error to loss[w], and 1 to diverged[w] when the round is refused (the world's
   * state is then untouched).
   */
  sgdRound(w: number, x: Float32Array, y: Float32Array, rows: number, lr: number, loss: Float32Array, diverged: Uint8Array): void {
    const F = this.bank.features;
    const weights = this.bank.params[0]!;
    const bias = this.bank.params[1]!;
    const g = (this.linearGrad ??= new Float64Array(F + 1));
    for (let f = 0; f <= F; f++) g[f] = 0;
    let sse = 0;
    for (let r = 0; r < rows; r++) {
      const off = (w * rows + r) * F;
      let s = bias[w]!;
      for (let f = 0; f < F; f++) s += x[off + f]! * weights[w * F + f]!;
      const err = s - y[w * rows + r]!;
      sse += err * err;
      const d = (2 * err) / rows;
      for (let f = 0; f < F; f++) g[f]! += d * x[off + f]!;
      g[F]! += d;
    }
    const mse = sse / rows;
    loss[w] = mse;
    let finite = Number.isFinite(loss[w]!); // as stored (float32): a huge error is refused too
    for (let f = 0; f < F; f++) {
      g[f] = Math.fround(weights[w * F + f]! - lr * g[f]!); // g now holds the new weights
      if (!Number.isFinite(g[f]!)) finite = false;
    }
    const newBias = Math.fround(bias[w]! - lr * g[F]!);
    if (!finite || !Number.isFinite(newBias)) {
      diverged[w] = 1;
      return;
    }
    for (let f = 0; f < F; f++) weights[w * F + f] = g[f]!;
    bias[w] = newBias;
    this.bank.steps[w]! += 1;
  }

  /** Scratch of the linear path: θ = [weights; bias], its gradient, and one round's G and c. */
  private linearGrad: Float64Array | undefined;
  private linearTheta: Float64Array | undefined;
  private gram: Float64Array | undefined;
  private cross: Float64Array | undefined;

  private readTheta(w: number, theta: Float64Array): void {
    const F = this.bank.features;
    for (let f = 0; f < F; f++) theta[f] = this.bank.params[0]![w * F + f]!;
    theta[F] = this.bank.params[1]![w]!;
  }

  /** G = Xaᵀ Xa and c = Xaᵀ y of world w's rows, Xa being the rows with a ones column. */
  private gatherStatistics(w: number, x: Float32Array, y: Float32Array, rows: number): void {
    const F = this.bank.features;
    const K = F + 1;
    const G = (this.gram ??= new Float64Array(K * K)).fill(0);
    const c = (this.cross ??= new Float64Array(K)).fill(0);
    for (let r = 0; r < rows; r++) {
      const off = (w * rows + r) * F;
      const label = y[w * rows + r]!;
      for (let i = 0; i < K; i++) {
        const xi = i < F ? x[off + i]! : 1;
        c[i]! += xi * label;
        for (let j = 0; j <= i; j++) G[i * K + j]! += xi * (j < F ? x[off + j]! : 1);
      }
    }
    for (let i = 0; i < K; i++) for (let j = i + 1; j < K; j++) G[i * K + j] = G[j * K + i]!;
  }

  /**
   * World w's mean squared error at θ over its rows; with `g`, its gradient too (one pass).
   * `g` is the same for every row of a call, so the branch costs nothing measurable.
   */
  private rowsError(w: number, x: Float32Array, y: Float32Array, rows: number, theta: Float64Array, g?: Float64Array): number {
    const F = this.bank.features;
    // A loop, not g.fill(0): a builtin call costs more than the few numbers it clears.
    if (g) for (let f = 0; f <= F; f++) g[f] = 0;
    let sse = 0;
    for (let r = 0; r < rows; r++) {
      const off = (w * rows + r) * F;
      let s = theta[F]!;
      for (let f = 0; f < F; f++) s += x[off + f]! * theta[f]!;
      const err = s - y[w * rows + r]!;
      sse += err * err;
      if (!g) continue;
      const d = (2 * err) / rows;
      for (let f = 0; f < F; f++) g[f]! += d * x[off + f]!;
      g[F]! += d;
    }
    return sse / rows;
  }

  /** One optimiser step of a linear model's θ = [weights; bias] in world w (applyStep's arithmetic). */
  private linearStep(w: number, g: Float64Array, lr: number): void {
    const F = this.bank.features;
    const weights = this.bank.params[0]!;
    const bias = this.bank.params[1]!;
    const base = w * F;
    const t = this.bank.steps[w]! + 1;
    if (this.bank.optimizer === 'sgd') {
      for (let f = 0; f < F; f++) weights[base + f] = Math.fround(weights[base + f]! - lr * g[f]!);
      bias[w] = Math.fround(bias[w]! - lr * g[F]!);
    } else {
      const correct1 = 1 / (1 - ADAM_BETA1 ** t);
      const correct2 = 1 / (1 - ADAM_BETA2 ** t);
      const [mw, vw, mb, vb] = this.bank.moments as [Float64Array, Float64Array, Float64Array, Float64Array];
      for (let f = 0; f < F; f++) weights[base + f] = adamParam(weights[base + f]!, mw, vw, base + f, g[f]!, correct1, correct2, lr);
      bias[w] = adamParam(bias[w]!, mb, vb, w, g[F]!, correct1, correct2, lr);
    }
    this.bank.steps[w] = t;
  }
}

/** One Adam update of one parameter with moments m[k], v[k] (updated in place); returns the new parameter, stored as float32. */
export function adamParam(param: number, m: Float64Array, v: Float64Array, k: number, g: number, correct1: number, correct2: number, lr: number): number {
  m[k] = Math.fround(ADAM_BETA1 * m[k]! + (1 - ADAM_BETA1) * g);
  v[k] = Math.fround(ADAM_BETA2 * v[k]! + (1 - ADAM_BETA2) * g * g);
  const mHat = m[k]! * correct1;
  const vHat = v[k]! * correct2;
  return Math.fround(param - (lr * mHat) / (Math.sqrt(vHat) + ADAM_EPSILON));
}

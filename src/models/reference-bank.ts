/**
 * The reference bank: the same models and the same training as the tfjs ModelBank
 * (linear or tanh MLP, full-batch Adam or SGD on the per-world mean squared error),
 * written as plain loops over Float64Arrays. It is the oracle the tfjs bank is tested
 * against (equal within float32 tolerance) and the speed reference of the benchmarks:
 * no op dispatch at all, so it shows what the batched tfjs bank costs over the
 * arithmetic itself. Run a whole simulation on it with `bank: 'reference'`.
 *
 * Arithmetic is float64; the stored state (parameters, moments) is rounded to float32
 * after every step, as the tfjs bank stores it, so snapshots restore it exactly.
 */
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, packShares, stackParams, WeightBank, type Architecture, type BankSnapshot, type OptimizerKind, type TrainResult } from './weight-bank.ts';

export class ReferenceBank extends WeightBank {
  /** Parameters per tensor, world-major, like the tfjs bank's [W, in, out] layout. */
  private params: Float64Array[];
  private moments: Float64Array[];
  private steps: Float64Array;
  private readonly hidden: number;

  constructor(worlds: number, features: number, arch: Architecture, optimizer: OptimizerKind, perWorldParams: Float32Array[][]) {
    super(worlds, features, arch, optimizer);
    this.params = stackParams(this.shapes, perWorldParams).map((p) => Float64Array.from(p));
    this.moments = optimizer === 'adam' ? this.shapes.flatMap(([W, a, b]) => [new Float64Array(W * a * b), new Float64Array(W * a * b)]) : [];
    this.steps = new Float64Array(worlds);
    this.hidden = arch.type === 'mlp' ? arch.hidden : 0;
  }

  /** Forward pass of one row of world w; fills `h` with hidden activations (MLP). */
  private forwardRow(w: number, x: Float32Array, offset: number, h: Float64Array): number {
    const F = this.features;
    const p = this.params;
    if (this.arch.type === 'linear') {
      let s = p[1]![w]!;
      for (let f = 0; f < F; f++) s += x[offset + f]! * p[0]![w * F + f]!;
      return s;
    }
    const H = this.hidden;
    let out = p[3]![w]!;
    for (let j = 0; j < H; j++) {
      let s = p[1]![w * H + j]!;
      for (let f = 0; f < F; f++) s += x[offset + f]! * p[0]![(w * F + f) * H + j]!;
      h[j] = Math.tanh(s);
      out += h[j]! * p[2]![w * H + j]!;
    }
    return out;
  }

  predict(x: Float32Array): Float32Array {
    return this.predictRows(x, 1);
  }

  predictRows(x: Float32Array, rows: number): Float32Array {
    const out = new Float32Array(this.worlds * rows);
    const h = new Float64Array(this.hidden);
    for (let w = 0; w < this.worlds; w++) {
      for (let r = 0; r < rows; r++) out[w * rows + r] = this.forwardRow(w, x, (w * rows + r) * this.features, h);
    }
    return out;
  }

  train(x: Float32Array, y: Float32Array, rows: number, mask: Float32Array, epochs: number, lr: number): TrainResult {
    this.revision++;
    const loss = new Float32Array(this.worlds);
    const diverged = new Uint8Array(this.worlds);
    const grads = (this.grads ??= this.params.map((p) => new Float64Array(p.length / this.worlds)));
    const h = (this.activations ??= new Float64Array(this.hidden));
    for (let w = 0; w < this.worlds; w++) {
      if (!mask[w]) {
        // Like the tfjs bank: a masked world's error is reported, its weights never move.
        loss[w] = this.gradient(w, x, y, rows, grads, h);
        continue;
      }
      if (this.arch.type === 'linear' && epochs === 1 && this.optimizer === 'sgd') {
        this.sgdLinearRound(w, x, y, rows, lr, loss, diverged);
        continue;
      }
      if (this.arch.type === 'linear') {
        // The linear path keeps its own small copy of θ and its moments (the generic
        // save below walks every parameter array; this runs for every world every round).
        this.saveLinear(w);
        loss[w] = this.trainLinearWorld(w, x, y, rows, epochs, lr);
        if (!this.linearFinite(w) || !Number.isFinite(loss[w]!)) {
          diverged[w] = 1;
          this.restoreLinear(w);
        }
        continue;
      }
      this.saveWorld(w);
      for (let e = 0; e < epochs; e++) {
        const mse = this.gradient(w, x, y, rows, grads, h);
        if (e === epochs - 1) loss[w] = mse;
        this.applyStep(w, grads, lr);
      }
      // A round that goes non-finite is refused as a whole: the world's state goes back.
      if (!this.worldFinite(w) || !Number.isFinite(loss[w]!)) {
        diverged[w] = 1;
        this.restoreSavedWorld(w);
      }
    }
    return { loss, diverged };
  }

  /** Scratch: one world's gradients, hidden activations, and its state before a round. */
  private grads: Float64Array[] | undefined;
  private activations: Float64Array | undefined;
  private saved: { params: Float64Array[]; moments: Float64Array[]; step: number } | undefined;

  private saveWorld(w: number): void {
    const W = this.worlds;
    this.saved ??= { params: this.params.map((p) => new Float64Array(p.length / W)), moments: this.moments.map((m) => new Float64Array(m.length / W)), step: 0 };
    const saved = this.saved;
    for (let k = 0; k < this.params.length; k++) copyOut(this.params[k]!, w, saved.params[k]!);
    for (let k = 0; k < this.moments.length; k++) copyOut(this.moments[k]!, w, saved.moments[k]!);
    saved.step = this.steps[w]!;
  }

  private restoreSavedWorld(w: number): void {
    const saved = this.saved!;
    for (let k = 0; k < this.params.length; k++) this.params[k]!.set(saved.params[k]!, w * saved.params[k]!.length);
    for (let k = 0; k < this.moments.length; k++) this.moments[k]!.set(saved.moments[k]!, w * saved.moments[k]!.length);
    this.steps[w] = saved.step;
  }

  private worldFinite(w: number): boolean {
    for (const p of this.params) {
      const n = p.length / this.worlds;
      for (let i = w * n; i < (w + 1) * n; i++) if (!Number.isFinite(p[i]!)) return false;
    }
    return true;
  }

  /** Gradient of world w's mean squared error into `grads` (one array per parameter); returns the error. */
  private gradient(w: number, x: Float32Array, y: Float32Array, rows: number, grads: Float64Array[], h: Float64Array): number {
    const F = this.features;
    const H = this.hidden;
    for (const g of grads) g.fill(0);
    let sse = 0;
    for (let r = 0; r < rows; r++) {
      const off = (w * rows + r) * F;
      const err = this.forwardRow(w, x, off, h) - y[w * rows + r]!;
      sse += err * err;
      const d = (2 * err) / rows;
      if (this.arch.type === 'linear') {
        for (let f = 0; f < F; f++) grads[0]![f]! += d * x[off + f]!;
        grads[1]![0]! += d;
        continue;
      }
      for (let j = 0; j < H; j++) {
        grads[2]![j]! += d * h[j]!;
        const dh = d * this.params[2]![w * H + j]! * (1 - h[j]! * h[j]!);
        grads[1]![j]! += dh;
        for (let f = 0; f < F; f++) grads[0]![f * H + j]! += dh * x[off + f]!;
      }
      grads[3]![0]! += d;
    }
    return sse / rows;
  }

  /**
   * A linear model's round for world w, returning the last epoch's error (that of the
   * weights it replaces). One epoch takes one pass over the rows for the error and the
   * gradient together. More epochs use the rows' sufficient statistics, as the tfjs
   * bank's fast path does (linear-fast-path.ts): G = Xaᵀ Xa and c = Xaᵀ y once per round,
   * then each epoch's gradient is 2/n (G θ − c), whatever n is; the error is read from
   * the rows once, in the last epoch. A warm-up of 300 epochs over 230 rows costs a few
   * thousand operations instead of hundreds of thousands.
   */
  private trainLinearWorld(w: number, x: Float32Array, y: Float32Array, rows: number, epochs: number, lr: number): number {
    const F = this.features;
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
  private sgdLinearRound(w: number, x: Float32Array, y: Float32Array, rows: number, lr: number, loss: Float32Array, diverged: Uint8Array): void {
    const F = this.features;
    const weights = this.params[0]!;
    const bias = this.params[1]!;
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
    this.steps[w]! += 1;
  }

  /** World w's linear state before a round: θ = [weights; bias], then (Adam) both moments of each, then the step count. */
  private saveLinear(w: number): void {
    const F = this.features;
    const K = F + 1;
    const saved = (this.linearSaved ??= new Float64Array(3 * K + 1));
    const adam = this.moments.length > 0;
    for (let p = 0; p < 2; p++) {
      const n = p === 0 ? F : 1;
      const at = p === 0 ? 0 : F;
      for (let k = 0; k < n; k++) {
        saved[at + k] = this.params[p]![w * n + k]!;
        if (!adam) continue;
        saved[K + at + k] = this.moments[2 * p]![w * n + k]!;
        saved[2 * K + at + k] = this.moments[2 * p + 1]![w * n + k]!;
      }
    }
    saved[3 * K] = this.steps[w]!;
  }

  private restoreLinear(w: number): void {
    const F = this.features;
    const K = F + 1;
    const saved = this.linearSaved!;
    const adam = this.moments.length > 0;
    for (let p = 0; p < 2; p++) {
      const n = p === 0 ? F : 1;
      const at = p === 0 ? 0 : F;
      for (let k = 0; k < n; k++) {
        this.params[p]![w * n + k] = saved[at + k]!;
        if (!adam) continue;
        this.moments[2 * p]![w * n + k] = saved[K + at + k]!;
        this.moments[2 * p + 1]![w * n + k] = saved[2 * K + at + k]!;
      }
    }
    this.steps[w] = saved[3 * K]!;
  }

  /** Whether world w's weights and bias are all finite. */
  private linearFinite(w: number): boolean {
    const F = this.features;
    for (let f = 0; f < F; f++) if (!Number.isFinite(this.params[0]![w * F + f]!)) return false;
    return Number.isFinite(this.params[1]![w]!);
  }

  private linearSaved: Float64Array | undefined;

  /** Scratch of the linear path: θ = [weights; bias], its gradient, and one round's G and c. */
  private linearGrad: Float64Array | undefined;
  private linearTheta: Float64Array | undefined;
  private gram: Float64Array | undefined;
  private cross: Float64Array | undefined;

  private readTheta(w: number, theta: Float64Array): void {
    const F = this.features;
    for (let f = 0; f < F; f++) theta[f] = this.params[0]![w * F + f]!;
    theta[F] = this.params[1]![w]!;
  }

  /** G = Xaᵀ Xa and c = Xaᵀ y of world w's rows, Xa being the rows with a ones column. */
  private gatherStatistics(w: number, x: Float32Array, y: Float32Array, rows: number): void {
    const F = this.features;
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
    const F = this.features;
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
    const F = this.features;
    const weights = this.params[0]!;
    const bias = this.params[1]!;
    const base = w * F;
    const t = this.steps[w]! + 1;
    if (this.optimizer === 'sgd') {
      for (let f = 0; f < F; f++) weights[base + f] = Math.fround(weights[base + f]! - lr * g[f]!);
      bias[w] = Math.fround(bias[w]! - lr * g[F]!);
    } else {
      const correct1 = 1 / (1 - ADAM_BETA1 ** t);
      const correct2 = 1 / (1 - ADAM_BETA2 ** t);
      const [mw, vw, mb, vb] = this.moments as [Float64Array, Float64Array, Float64Array, Float64Array];
      for (let f = 0; f < F; f++) weights[base + f] = adamParam(weights[base + f]!, mw, vw, base + f, g[f]!, correct1, correct2, lr);
      bias[w] = adamParam(bias[w]!, mb, vb, w, g[F]!, correct1, correct2, lr);
    }
    this.steps[w] = t;
  }

  /**
   * One optimiser step for world w, in place (a round that ends non-finite is refused as a
   * whole by train()). The stored state is rounded to float32 after every step, as the
   * tfjs bank stores it.
   */
  private applyStep(w: number, grads: Float64Array[], lr: number): void {
    const t = this.steps[w]! + 1;
    const correct1 = 1 / (1 - ADAM_BETA1 ** t);
    const correct2 = 1 / (1 - ADAM_BETA2 ** t);
    for (let p = 0; p < grads.length; p++) {
      const g = grads[p]!;
      const n = g.length;
      const param = this.params[p]!;
      const base = w * n;
      if (this.optimizer === 'sgd') {
        for (let i = 0; i < n; i++) param[base + i] = Math.fround(param[base + i]! - lr * g[i]!);
        continue;
      }
      const m = this.moments[2 * p]!;
      const v = this.moments[2 * p + 1]!;
      for (let i = 0; i < n; i++) param[base + i] = adamParam(param[base + i]!, m, v, base + i, g[i]!, correct1, correct2, lr);
    }
    this.steps[w] = t;
  }

  /** WeightBank.packWorld from the bank's own arrays: no snapshot of every world per round. */
  override packWorld(w: number, out: Float32Array, at: number): number {
    at = packShares(this.params, this.worlds, w, out, at);
    at = packShares(this.moments, this.worlds, w, out, at);
    out[at] = this.steps[w]!;
    return at + 1;
  }

  snapshot(): BankSnapshot {
    return { params: this.params.map((p) => new Float32Array(p)), moments: this.moments.map((m) => new Float32Array(m)), steps: new Float32Array(this.steps) };
  }

  restore(s: BankSnapshot): void {
    this.revision++;
    this.params = s.params.map((p) => Float64Array.from(p));
    this.moments = s.moments.map((m) => Float64Array.from(m));
    this.steps = Float64Array.from(s.steps);
  }

  dispose(): void {}
}

/** Copies world w's share of a world-major array into `out` (one world's length). */
function copyOut(all: Float64Array, w: number, out: Float64Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = all[w * n + i]!;
}

/** One Adam update of one parameter with moments m[k], v[k] (updated in place); returns the new parameter, stored as float32. */
function adamParam(param: number, m: Float64Array, v: Float64Array, k: number, g: number, correct1: number, correct2: number, lr: number): number {
  m[k] = Math.fround(ADAM_BETA1 * m[k]! + (1 - ADAM_BETA1) * g);
  v[k] = Math.fround(ADAM_BETA2 * v[k]! + (1 - ADAM_BETA2) * g * g);
  const mHat = m[k]! * correct1;
  const vHat = v[k]! * correct2;
  return Math.fround(param - (lr * mHat) / (Math.sqrt(vHat) + ADAM_EPSILON));
}

/**
 * The reference bank: the same models and the same training as the tfjs ModelBank
 * (linear or tanh MLP, full-batch Adam or SGD on the per-world mean squared error),
 * written as plain loops over Float64Arrays. It is the oracle the tfjs bank is tested
 * against (equal within float32 tolerance) and the speed reference of the benchmarks:
 * no op dispatch at all, so it shows what the batched tfjs bank costs over the
 * arithmetic itself. Run a whole simulation on it with `bank: 'reference'`.
 *
 * Arithmetic is float64; the stored state (parameters, moments) is rounded to float32
 * after every step, as the tfjs bank stores it, so snapshots restore it exactly. A linear
 * model's rounds are in reference-linear.ts.
 */
import { adamParam, LinearRounds } from './reference-linear.ts';
import { ADAM_BETA1, ADAM_BETA2, packShares, stackParams, WeightBank, type Architecture, type BankSnapshot, type OptimizerKind, type TrainResult } from './weight-bank.ts';

export class ReferenceBank extends WeightBank {
  /**
   * Parameters per tensor, world-major, like the tfjs bank's [W, in, out] layout; Adam's
   * moments likewise; step counts per world. Not private: the linear rounds
   * (reference-linear.ts) work on them.
   */
  params: Float64Array[];
  moments: Float64Array[];
  steps: Float64Array;
  private readonly hidden: number;
  private readonly linear = new LinearRounds(this);

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
        // The commonest round (every `every: 1` dynamic linear model's): computed aside,
        // written only when finite, so it needs no saved copy (reference-linear.ts).
        this.linear.sgdRound(w, x, y, rows, lr, loss, diverged);
        continue;
      }
      this.saveWorld(w);
      if (this.arch.type === 'linear') loss[w] = this.linear.trainLinearWorld(w, x, y, rows, epochs, lr);
      else {
        for (let e = 0; e < epochs; e++) {
          const mse = this.gradient(w, x, y, rows, grads, h);
          if (e === epochs - 1) loss[w] = mse;
          this.applyStep(w, grads, lr);
        }
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

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
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, stackParams, WeightBank, type Architecture, type BankSnapshot, type OptimizerKind, type TrainResult } from './weight-bank.ts';

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
    const before = this.snapshot();
    this.revision++;
    const loss = new Float32Array(this.worlds);
    const diverged = new Uint8Array(this.worlds);
    const grads = this.params.map((p) => new Float64Array(p.length / this.worlds));
    const h = new Float64Array(this.hidden);
    for (let w = 0; w < this.worlds; w++) {
      if (!mask[w]) {
        // Like the tfjs bank: a masked world's error is reported, its weights never move.
        loss[w] = this.gradient(w, x, y, rows, grads, h);
        continue;
      }
      for (let e = 0; e < epochs; e++) {
        const mse = this.gradient(w, x, y, rows, grads, h);
        if (e === epochs - 1) loss[w] = mse;
        this.applyStep(w, grads, lr);
      }
      const finite = this.params.every((p) => p.subarray((w * p.length) / this.worlds, ((w + 1) * p.length) / this.worlds).every(Number.isFinite));
      if (!finite || !Number.isFinite(loss[w]!)) diverged[w] = 1;
    }
    this.restoreWorlds(before, [...diverged.keys()].filter((w) => diverged[w]));
    return { loss, diverged };
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

  /** One optimiser step for world w (a round that ends non-finite is refused as a whole by train()). */
  private applyStep(w: number, grads: Float64Array[], lr: number): void {
    const next: Float64Array[] = [];
    const nextMoments: Float64Array[] = [];
    const t = this.steps[w]! + 1;
    for (let p = 0; p < grads.length; p++) {
      const n = grads[p]!.length;
      const param = this.params[p]!.subarray(w * n, (w + 1) * n);
      const out = new Float64Array(n);
      if (this.optimizer === 'sgd') {
        for (let i = 0; i < n; i++) out[i] = Math.fround(param[i]! - lr * grads[p]![i]!);
      } else {
        const m = this.moments[2 * p]!.subarray(w * n, (w + 1) * n);
        const v = this.moments[2 * p + 1]!.subarray(w * n, (w + 1) * n);
        const m2 = new Float64Array(n);
        const v2 = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const g = grads[p]![i]!;
          m2[i] = Math.fround(ADAM_BETA1 * m[i]! + (1 - ADAM_BETA1) * g);
          v2[i] = Math.fround(ADAM_BETA2 * v[i]! + (1 - ADAM_BETA2) * g * g);
          const mHat = m2[i]! * (1 / (1 - ADAM_BETA1 ** t));
          const vHat = v2[i]! * (1 / (1 - ADAM_BETA2 ** t));
          out[i] = Math.fround(param[i]! - (lr * mHat) / (Math.sqrt(vHat) + ADAM_EPSILON));
        }
        nextMoments.push(m2, v2);
      }
      next.push(out);
    }
    next.forEach((out, p) => this.params[p]!.set(out, w * out.length));
    nextMoments.forEach((m, k) => this.moments[k]!.set(m, w * m.length));
    this.steps[w] = t;
  }

  snapshot(): BankSnapshot {
    return { params: this.params.map((p) => Float32Array.from(p)), moments: this.moments.map((m) => Float32Array.from(m)), steps: Float32Array.from(this.steps) };
  }

  restore(s: BankSnapshot): void {
    this.revision++;
    this.params = s.params.map((p) => Float64Array.from(p));
    this.moments = s.moments.map((m) => Float64Array.from(m));
    this.steps = Float64Array.from(s.steps);
  }

  dispose(): void {}
}

/**
 * The fast paths (src/models/packed-core.ts): a linear bank trains from each round's
 * sufficient statistics, an MLP bank by hand-written backpropagation, both with every
 * parameter of a world packed in one tensor, instead of a tape over their rows. Pinned
 * here, for both architectures on wasm and cpu: they compute the same training as the
 * tape and the Float64 reference (float32 tolerance), report the loss of the weights their
 * last step replaced, leave masked worlds untouched bit for bit (weights, Adam moments,
 * step counts), refuse a world whose round goes non-finite as a whole, and snapshot in
 * the public layout, exactly.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelBank, type TrainingPath } from '../../src/models/model-bank.ts';
import { ReferenceBank } from '../../src/models/reference-bank.ts';
import { selectBackend, tf } from '../../src/models/backend.ts';
import { RandomStream } from '../../src/core/rng.ts';
import { randomBankParams } from '../helpers/bank-params.ts';
import { parameterShapes, type Architecture, type BankSnapshot, type OptimizerKind } from '../../src/models/weight-bank.ts';

const F = 3;
const ROWS = 30;
const LR = 0.05;
const LINEAR: Architecture = { type: 'linear' };
const MLP: Architecture = { type: 'mlp', hidden: 4 };

/** Non-zero weights and biases per world on [-0.5, 0.5), so a dropped or misplaced bias shows. */
const params = (worlds: number, arch: Architecture, seed: string) => randomBankParams(worlds, F, arch, seed, 0.5);

/** Rows whose label depends on the features (something to learn), plus noise. */
function data(worlds: number, seed: string): { x: Float32Array; y: Float32Array } {
  const s = new RandomStream('rows', seed);
  const x = Float32Array.from({ length: worlds * ROWS * F }, () => s.normal());
  const y = Float32Array.from({ length: worlds * ROWS }, (_, i) => 0.7 * x[i * F]! - 0.4 * x[i * F + 2]! + 0.3 + 0.2 * s.normal());
  return { x, y };
}

/** One row's prediction from one world's public parameters, in Float64. */
function forward64(p: Float32Array[], arch: Architecture, x: Float32Array, row: number): number {
  const affine = (inputs: ArrayLike<number>, at: number, w: Float32Array, b: Float32Array, n: number, outputs: number) =>
    Array.from({ length: outputs }, (_, j) => {
      let sum = b[j]!;
      for (let i = 0; i < n; i++) sum += inputs[at + i]! * w[i * outputs + j]!;
      return sum;
    });
  if (arch.type === 'linear') return affine(x, row, p[0]!, p[1]!, F, 1)[0]!;
  const hidden = affine(x, row, p[0]!, p[1]!, F, arch.hidden).map(Math.tanh);
  return affine(hidden, 0, p[2]!, p[3]!, arch.hidden, 1)[0]!;
}

/** Mean squared error of one world's parameters on its rows, in Float64. */
function mse64(p: Float32Array[], arch: Architecture, x: Float32Array, y: Float32Array, world: number): number {
  let sse = 0;
  for (let r = 0; r < ROWS; r++) sse += (forward64(p, arch, x, (world * ROWS + r) * F) - y[world * ROWS + r]!) ** 2;
  return sse / ROWS;
}

function worldSlice(s: BankSnapshot, world: number): number[] {
  const per = (a: Float32Array) => a.length / s.steps.length;
  return [...s.params, ...s.moments].flatMap((a) => Array.from(a.slice(world * per(a), (world + 1) * per(a)))).concat(s.steps[world]!);
}

describe.each([
  ['wasm', LINEAR],
  ['wasm', MLP],
  ['cpu', LINEAR],
  ['cpu', MLP],
] as const)('fast path on %s, %o', (backend, arch) => {
  const made: ModelBank[] = [];
  const bank = (worlds: number, optimizer: OptimizerKind, p: Float32Array[][], path: TrainingPath = 'fast') => {
    const b = new ModelBank(worlds, F, arch, optimizer, p, path);
    made.push(b);
    return b;
  };
  beforeAll(async () => {
    await selectBackend(backend);
  });
  afterEach(() => {
    for (const b of made.splice(0)) b.dispose();
  });

  it.each(['adam', 'sgd'] as const)('reports, with %s, the loss of the weights its last step replaced', (optimizer) => {
    const W = 2;
    const p = params(W, arch, 'loss');
    const { x, y } = data(W, 'loss');
    const whole = bank(W, optimizer, p).train(x, y, ROWS, Float32Array.of(1, 1), 7, LR);
    // The same first six steps, stopped before the seventh: its weights are the ones replaced.
    const sixSteps = bank(W, optimizer, p);
    sixSteps.train(x, y, ROWS, Float32Array.of(1, 1), 6, LR);
    for (let w = 0; w < W; w++) {
      const expected = mse64(sixSteps.worldParams(w), arch, x, y, w);
      expect(Math.abs(whole.loss[w]! - expected)).toBeLessThan(1e-5 * (1 + expected));
    }
  });

  it.each(['adam', 'sgd'] as const)('trains as the tape and the Float64 reference do, with %s, over rounds with changing masks', (optimizer) => {
    const W = 3;
    const p = params(W, arch, 'agree');
    const fast = bank(W, optimizer, p);
    const tape = bank(W, optimizer, p, 'tape');
    const reference = new ReferenceBank(W, F, arch, optimizer, p);
    // Changing masks leave the worlds at different Adam step counts (per-world corrections).
    const masks = [Float32Array.of(1, 1, 1), Float32Array.of(1, 0, 1), Float32Array.of(0, 1, 1), Float32Array.of(1, 1, 0)];
    masks.forEach((mask, round) => {
      const { x, y } = data(W, `agree/${round}`);
      const [a, b, c] = [fast, tape, reference].map((k) => k.train(x, y, ROWS, mask, 15, LR));
      for (let w = 0; w < W; w++) {
        expect(Math.abs(a!.loss[w]! - c!.loss[w]!)).toBeLessThan(1e-4);
        expect(Math.abs(a!.loss[w]! - b!.loss[w]!)).toBeLessThan(1e-4);
      }
    });
    expect(Array.from(fast.snapshot().steps)).toEqual(Array.from(reference.snapshot().steps));
    for (let w = 0; w < W; w++) {
      const [pf, pt, pr] = [fast, tape, reference].map((k) => k.worldParams(w).flatMap((a) => Array.from(a)));
      pf!.forEach((v, i) => {
        expect(Math.abs(v - pr![i]!)).toBeLessThan(2e-4);
        expect(Math.abs(v - pt![i]!)).toBeLessThan(2e-4);
      });
    }
  });

  it('leaves a masked world untouched bit for bit: weights, Adam moments and step count', () => {
    const W = 3;
    const b = bank(W, 'adam', params(W, arch, 'mask'));
    const { x, y } = data(W, 'mask');
    // Momentum first, so ignoring the mask would move world 1 even with a zero gradient.
    b.train(x, y, ROWS, Float32Array.of(1, 1, 1), 4, LR);
    const before = b.snapshot();
    b.train(x, y, ROWS, Float32Array.of(1, 0, 1), 6, LR);
    const after = b.snapshot();
    expect(worldSlice(after, 1)).toEqual(worldSlice(before, 1));
    expect(worldSlice(after, 0)).not.toEqual(worldSlice(before, 0));
    expect(Array.from(after.steps)).toEqual([10, 4, 10]);
  });

  it('with every world masked, moves nothing and reports each world’s current error', () => {
    const W = 2;
    const p = params(W, arch, 'none');
    const b = bank(W, 'adam', p);
    const { x, y } = data(W, 'none');
    const before = b.snapshot();
    const { loss, diverged } = b.train(x, y, ROWS, Float32Array.of(0, 0), 5, LR);
    expect(b.snapshot()).toEqual(before);
    expect(Array.from(diverged)).toEqual([0, 0]);
    for (let w = 0; w < W; w++) expect(Math.abs(loss[w]! - mse64(p[w]!, arch, x, y, w))).toBeLessThan(1e-5 * (1 + loss[w]!));
  });

  it('trains world k of a batch exactly as a bank holding world k alone (shared or per-world corrections)', () => {
    const W = 3;
    const p = params(W, arch, 'alone');
    const { x, y } = data(W, 'alone');
    const batched = bank(W, 'adam', p);
    const alone = bank(1, 'adam', [p[2]!]);
    const mine = (a: Float32Array, per: number) => a.slice(2 * per, 3 * per);
    // Round 2 leaves world 0 behind, so round 3 runs with per-world step counts.
    for (const mask of [Float32Array.of(1, 1, 1), Float32Array.of(0, 1, 1), Float32Array.of(1, 1, 1)]) {
      const a = batched.train(x, y, ROWS, mask, 5, LR);
      const b = alone.train(mine(x, ROWS * F), mine(y, ROWS), ROWS, Float32Array.of(1), 5, LR);
      expect(a.loss[2]).toBe(b.loss[0]);
    }
    expect(worldSlice(batched.snapshot(), 2)).toEqual(worldSlice(alone.snapshot(), 0));
  });

  it('restores a snapshot exactly: a restored bank trains on bit for bit like the original', () => {
    const W = 2;
    const original = bank(W, 'adam', params(W, arch, 'snap'));
    const { x, y } = data(W, 'snap');
    original.train(x, y, ROWS, Float32Array.of(1, 0), 5, LR);
    const saved = original.snapshot();
    // The public layout: one array per parameter of parameterShapes, per parameter its first then second moment.
    const sizes = parameterShapes(W, F, arch).map(([w, a, b]) => w * a * b);
    expect(saved.params.map((a) => a.length)).toEqual(sizes);
    expect(saved.moments.map((a) => a.length)).toEqual(sizes.flatMap((n) => [n, n]));
    const copy = bank(W, 'adam', params(W, arch, 'other'));
    copy.restore(saved);
    expect(copy.snapshot()).toEqual(saved);
    const a = original.train(x, y, ROWS, Float32Array.of(1, 1), 5, LR);
    const b = copy.train(x, y, ROWS, Float32Array.of(1, 1), 5, LR);
    expect(b.loss).toEqual(a.loss);
    expect(copy.snapshot()).toEqual(original.snapshot());
    expect(copy.firstLayer()).toEqual(original.firstLayer());
  });

  it.each([
    ['a NaN label', (y: Float32Array) => y.fill(Number.NaN, ROWS, 2 * ROWS), LR],
    ['a label so large that the loss overflows', (y: Float32Array) => y.fill(1e30, ROWS, 2 * ROWS), 10],
  ] as const)('refuses a world whose round goes non-finite (%s) as a whole, moments and steps included', (_name, spoil, lr) => {
    const W = 2;
    const b = bank(W, 'adam', params(W, arch, 'nan'));
    const { x, y } = data(W, 'nan');
    b.train(x, y, ROWS, Float32Array.of(1, 1), 3, LR);
    const before = b.snapshot();
    spoil(y);
    const { diverged } = b.train(x, y, ROWS, Float32Array.of(1, 1), 4, lr);
    expect(Array.from(diverged)).toEqual([0, 1]);
    const after = b.snapshot();
    expect(worldSlice(after, 1)).toEqual(worldSlice(before, 1));
    expect(worldSlice(after, 0)).not.toEqual(worldSlice(before, 0));
    expect(Array.from(after.steps)).toEqual([7, 3]);
  });

  it('gives identical results for identical inputs, and keeps no tensors alive per call', () => {
    const W = 2;
    const p = params(W, arch, 'same');
    const { x, y } = data(W, 'same');
    const [a, b] = [bank(W, 'adam', p), bank(W, 'adam', p)];
    const run = (k: ModelBank) => [k.train(x, y, ROWS, Float32Array.of(1, 0), 4, LR), k.train(x, y, ROWS, Float32Array.of(1, 1), 4, LR)];
    expect(run(a)).toEqual(run(b));
    expect(a.snapshot()).toEqual(b.snapshot());
    const live = tf.memory().numTensors;
    const spoiled = y.slice().fill(Number.NaN, 0, ROWS);
    for (let i = 0; i < 3; i++) {
      a.predictRows(x, ROWS);
      a.predict(x.subarray(0, W * F));
      a.train(x, y, ROWS, Float32Array.of(1, 0), 2, LR);
      a.train(x, spoiled, ROWS, Float32Array.of(1, 1), 2, LR);
    }
    expect(tf.memory().numTensors).toBe(live);
  });
});

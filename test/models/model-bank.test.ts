/**
 * The model bank: one role's weights for all worlds, stacked on a world axis, run as one
 * batched tfjs call. Pinned here: its predictions are the plain forward pass of each
 * world's own weights; training one world never moves another; and an update that would
 * make a world's numbers non-finite is refused for that world alone and reported.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelBank, parameterShapes, type Architecture, type OptimizerKind } from '../../src/models/model-bank.ts';
import { selectBackend, tf } from '../../src/models/backend.ts';
import { RandomStream } from '../../src/core/rng.ts';
import { runToEnd, smallMania } from '../helpers/scenarios.ts';
import { randomBankParams } from '../helpers/bank-params.ts';
import { runSummary } from '../../src/setup/summary.ts';

const FEATURES = 4;
const ROWS = 6;
const LINEAR: Architecture = { type: 'linear' };
const MLP: Architecture = { type: 'mlp', hidden: 5 };

/** Per-world parameters on [-1, 1), all non-zero (biases too, so a dropped bias shows). */
const randomParams = (worlds: number, arch: Architecture, seed: string) => randomBankParams(worlds, FEATURES, arch, seed, 1);

function randomRows(worlds: number, rows: number, seed: string): Float32Array {
  const stream = new RandomStream('rows', seed);
  return Float32Array.from({ length: worlds * rows * FEATURES }, () => 2 * stream.normal());
}

/** The forward pass of one world's parameters on one row, in Float64. */
function forward64(params: Float32Array[], arch: Architecture, row: ArrayLike<number>): number {
  const affine = (inputs: ArrayLike<number>, w: Float32Array, b: Float32Array, outputs: number) =>
    Array.from({ length: outputs }, (_, j) => {
      let sum = b[j]!;
      for (let i = 0; i < inputs.length; i++) sum += inputs[i]! * w[i * outputs + j]!;
      return sum;
    });
  if (arch.type === 'linear') return affine(row, params[0]!, params[1]!, 1)[0]!;
  const hidden = affine(row, params[0]!, params[1]!, arch.hidden).map(Math.tanh);
  return affine(hidden, params[2]!, params[3]!, 1)[0]!;
}

function rowOf(x: Float32Array, world: number, rows: number, r: number): Float32Array {
  const start = (world * rows + r) * FEATURES;
  return x.subarray(start, start + FEATURES);
}

/** float32 agreement: a few units in the last place of the magnitudes involved. */
function expectFloat32Close(actual: number, expected: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(expected)));
}

describe.each(['wasm', 'cpu'] as const)('model bank on %s', (backend) => {
  const banks: ModelBank[] = [];
  const bank = (worlds: number, arch: Architecture, optimizer: OptimizerKind, params: Float32Array[][]) => {
    const b = new ModelBank(worlds, FEATURES, arch, optimizer, params);
    banks.push(b);
    return b;
  };

  beforeAll(async () => {
    await selectBackend(backend);
  });
  afterEach(() => {
    for (const b of banks.splice(0)) b.dispose();
  });

  it.each([LINEAR, MLP])('batched predictions equal a Float64 forward pass of each world’s weights ($type)', (arch) => {
    const W = 3;
    const params = randomParams(W, arch, `predict/${arch.type}`);
    const b = bank(W, arch, 'adam', params);
    const x = randomRows(W, ROWS, 'predict');
    const out = b.predictRows(x, ROWS);
    expect(out).toHaveLength(W * ROWS);
    for (let w = 0; w < W; w++) {
      for (let r = 0; r < ROWS; r++) expectFloat32Close(out[w * ROWS + r]!, forward64(params[w]!, arch, rowOf(x, w, ROWS, r)), `world ${w} row ${r}`);
    }
    // The one-row-per-world call is the same computation.
    const single = b.predict(x.slice(0, W * FEATURES).map((_, k) => x[Math.floor(k / FEATURES) * ROWS * FEATURES + (k % FEATURES)]!));
    for (let w = 0; w < W; w++) expectFloat32Close(single[w]!, forward64(params[w]!, arch, rowOf(x, w, ROWS, 0)), `predict world ${w}`);
  });

  it('one SGD step of a linear bank is the hand-computed mean-squared-error gradient step', () => {
    const W = 2;
    const lr = 0.05;
    const params = randomParams(W, LINEAR, 'sgd');
    const b = bank(W, LINEAR, 'sgd', params);
    const x = randomRows(W, ROWS, 'sgd');
    const y = Float32Array.from({ length: W * ROWS }, (_, k) => Math.sin(k));
    const { loss, diverged } = b.train(x, y, ROWS, Float32Array.of(1, 1), 1, lr);
    expect(Array.from(diverged)).toEqual([0, 0]);
    for (let w = 0; w < W; w++) {
      const [weights, bias] = params[w]!;
      const gradW = new Float64Array(FEATURES);
      let gradB = 0;
      let mse = 0;
      for (let r = 0; r < ROWS; r++) {
        const row = rowOf(x, w, ROWS, r);
        const err = forward64(params[w]!, LINEAR, row) - y[w * ROWS + r]!;
        mse += (err * err) / ROWS;
        gradB += (2 * err) / ROWS;
        for (let f = 0; f < FEATURES; f++) gradW[f]! += (2 * err * row[f]!) / ROWS;
      }
      expectFloat32Close(loss[w]!, mse, `world ${w} loss`);
      const [newW, newB] = b.worldParams(w);
      for (let f = 0; f < FEATURES; f++) expectFloat32Close(newW![f]!, weights![f]! - lr * gradW[f]!, `world ${w} weight ${f}`);
      expectFloat32Close(newB![0]!, bias![0]! - lr * gradB, `world ${w} bias`);
    }
  });

  it('training world 0 does not change masked world 1 (weights or Adam state), bit for bit', () => {
    const W = 3;
    const params = randomParams(W, MLP, 'mask');
    const b = bank(W, MLP, 'adam', params);
    const x = randomRows(W, ROWS, 'mask');
    const y = Float32Array.from({ length: W * ROWS }, (_, k) => Math.cos(k));
    // Train every world first, so each has Adam momentum that would keep moving its weights
    // even with a zero gradient if the mask were ignored.
    b.train(x, y, ROWS, Float32Array.of(1, 1, 1), 3, 0.05);
    const before = b.snapshot();
    const world = (w: number) => b.worldParams(w);
    const [before0, before1, before2] = [world(0), world(1), world(2)];
    b.train(x, y, ROWS, Float32Array.of(1, 0, 1), 5, 0.05);
    const after = b.snapshot();
    expect(world(1)).toEqual(before1);
    expect(world(0)).not.toEqual(before0);
    expect(world(2)).not.toEqual(before2);
    expect(Array.from(after.steps)).toEqual([8, 3, 8]);
    // World 1's slice of every Adam moment is still exactly what it was.
    parameterShapes(W, FEATURES, MLP).forEach(([, a, c], p) => {
      for (const k of [2 * p, 2 * p + 1]) expect(after.moments[k]!.slice(a * c, 2 * a * c)).toEqual(before.moments[k]!.slice(a * c, 2 * a * c));
    });
  });

  it('world k of a batched bank trains exactly as a bank holding world k alone', () => {
    const W = 3;
    const params = randomParams(W, MLP, 'alone');
    const x = randomRows(W, ROWS, 'alone');
    const y = Float32Array.from({ length: W * ROWS }, (_, k) => Math.sin(3 * k));
    const batched = bank(W, MLP, 'adam', params);
    const alone = bank(1, MLP, 'adam', [params[1]!]);
    const batchedLoss = batched.train(x, y, ROWS, Float32Array.of(1, 1, 1), 4, 0.05).loss;
    const aloneLoss = alone.train(x.slice(ROWS * FEATURES, 2 * ROWS * FEATURES), y.slice(ROWS, 2 * ROWS), ROWS, Float32Array.of(1), 4, 0.05).loss;
    expect(batched.worldParams(1)).toEqual(alone.worldParams(0));
    expect(batchedLoss[1]).toBe(aloneLoss[0]);
  });

  it.each([
    ['a NaN label', (y: Float32Array) => y.fill(Number.NaN, ROWS, 2 * ROWS), 0.05],
    // Squared errors of 1e30 overflow float32: the loss is Infinity though the step itself is finite.
    ['a label so large that the loss overflows', (y: Float32Array) => y.fill(1e30, ROWS, 2 * ROWS), 10],
  ] as const)('refuses a non-finite update (%s) for that world only, and reports it', (_name, spoil, lr) => {
    const W = 2;
    const params = randomParams(W, LINEAR, 'nan');
    const b = bank(W, LINEAR, 'sgd', params);
    const x = randomRows(W, ROWS, 'nan');
    const y = Float32Array.from({ length: W * ROWS }, (_, k) => Math.sin(k));
    spoil(y);
    const { diverged } = b.train(x, y, ROWS, Float32Array.of(1, 1), 1, lr);
    expect(Array.from(diverged)).toEqual([0, 1]);
    expect(b.worldParams(1)).toEqual(params[1]);
    expect(b.worldParams(0)).not.toEqual(params[0]);
    for (const p of b.worldParams(0)) expect(p.every(Number.isFinite)).toBe(true);
    expect(Array.from(b.snapshot().steps)).toEqual([1, 0]);
  });

  it('keeps no tensors alive per call (predict and train clean up after themselves)', () => {
    const b = bank(2, MLP, 'adam', randomParams(2, MLP, 'leak'));
    const x = randomRows(2, ROWS, 'leak');
    const y = new Float32Array(2 * ROWS);
    b.predictRows(x, ROWS);
    b.train(x, y, ROWS, Float32Array.of(1, 1), 2, 0.05);
    const live = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      b.predictRows(x, ROWS);
      b.train(x, y, ROWS, Float32Array.of(1, 1), 2, 0.05);
    }
    expect(tf.memory().numTensors).toBe(live);
  });
});

describe('a simulation whose training produces non-finite numbers', () => {
  it('refuses the update, halts the model in that world and raises a numerical alert', async () => {
    // A scale bug of 1e308 from tick 0 overflows A's warm-up standardization (its features
    // become NaN), so A's first training (end of tick 59) cannot produce finite weights.
    const loaded = smallMania('models.A.bugs.0.factor=1e308', 'models.A.bugs.0.from=0');
    const result = await runToEnd(loaded, { seed: 1, worlds: 2, backend: 'wasm' }, (sim) => ({
      summary: runSummary(sim),
      halted: Array.from(sim.parts.roles[0]!.halted),
      params: sim.parts.roles[0]!.bank.worldParams(0),
    }));
    expect(result.summary.alerts).toEqual(
      [0, 1].map((world) => ({
        monitor: 'numerical',
        severity: 'critical',
        model: 'A',
        message: 'training produced non-finite numbers (loss NaN); update refused, model halted',
        tick: 59,
        world,
      })),
    );
    expect(result.halted).toEqual([1, 1]);
    for (const p of result.params) expect(p.every(Number.isFinite)).toBe(true);
    const world0 = result.summary.perWorld![0]!;
    expect(world0.models.A).toMatchObject({ pnl: 0, position: 0, version: 0 });
    // B still learned and traded; the market stayed finite.
    expect(world0.models.B!.version).toBeGreaterThan(1);
    expect(Number.isFinite(world0.assets.X!.finalPrice)).toBe(true);
  });
});

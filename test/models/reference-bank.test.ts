/**
 * The reference bank (plain Float64 loops, float32 storage) is the oracle of the tfjs
 * bank: the same initial weights and the same training give the same predictions within
 * float32 tolerance, for both architectures and both optimisers, on wasm and cpu.
 */
import { describe, expect, it } from 'vitest';
import { ModelBank } from '../../src/models/model-bank.ts';
import { ReferenceBank } from '../../src/models/reference-bank.ts';
import { initialWorldParams, type Architecture, type OptimizerKind } from '../../src/models/weight-bank.ts';
import { selectBackend } from '../../src/models/backend.ts';
import { WorldRandom } from '../../src/core/rng.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { smallMania } from '../helpers/scenarios.ts';

const W = 3;
const F = 3;
const ROWS = 40;

function data(seed: number) {
  const s = new WorldRandom(seed).stream('data');
  const x = Float32Array.from({ length: W * ROWS * F }, () => s.normal());
  // y depends on x (so training has something to learn), plus noise.
  const y = Float32Array.from({ length: W * ROWS }, (_, i) => 0.8 * x[i * F]! - 0.3 * x[i * F + 1]! + 0.1 * s.normal());
  return { x, y };
}

function banks(arch: Architecture, optimizer: OptimizerKind) {
  const params = Array.from({ length: W }, (_, w) => initialWorldParams(F, arch, new WorldRandom(10 + w).stream('init')));
  return [new ModelBank(W, F, arch, optimizer, params), new ReferenceBank(W, F, arch, optimizer, params)] as const;
}

describe.each(['wasm', 'cpu'] as const)('reference bank vs tfjs bank on %s', (backend) => {
  it.each([
    [{ type: 'linear' } as Architecture, 'adam' as OptimizerKind],
    [{ type: 'linear' } as Architecture, 'sgd' as OptimizerKind],
    [{ type: 'mlp', hidden: 5 } as Architecture, 'adam' as OptimizerKind],
    [{ type: 'mlp', hidden: 5 } as Architecture, 'sgd' as OptimizerKind],
  ])('%o with %s: same predictions and losses after training', async (arch, optimizer) => {
    await selectBackend(backend);
    const [tfjs, reference] = banks(arch, optimizer);
    const { x, y } = data(1);
    const mask = Float32Array.from([1, 0, 1]); // world 1 masked: must not move in either
    const a = tfjs.train(x, y, ROWS, mask, 25, 0.05);
    const b = reference.train(x, y, ROWS, mask, 25, 0.05);
    for (let w = 0; w < W; w++) expect(a.loss[w]).toBeCloseTo(b.loss[w]!, 4);
    const pa = tfjs.predictRows(x, ROWS);
    const pb = reference.predictRows(x, ROWS);
    let worst = 0;
    for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i]! - pb[i]!));
    expect(worst).toBeLessThan(2e-4);
    expect(Array.from(reference.worldParams(1)[0]!)).toEqual(Array.from(tfjs.worldParams(1)[0]!));
    expect(Array.from(reference.worldParams(0)[0]!)).not.toEqual(Array.from(banks(arch, optimizer)[1].worldParams(0)[0]!));
    tfjs.dispose();
  });
});

describe.each(['wasm', 'cpu'] as const)('reference bank vs tfjs bank on %s, one epoch per round', (backend) => {
  // One epoch takes the reference bank's single row pass (error and gradient together);
  // more epochs its sufficient statistics: both must match tfjs, round after round.
  it.each(['adam', 'sgd'] as const)('linear with %s: same losses and predictions over ten one-epoch rounds', async (optimizer) => {
    await selectBackend(backend);
    const [tfjs, reference] = banks({ type: 'linear' }, optimizer);
    const mask = Float32Array.from([1, 1, 1]);
    for (let round = 0; round < 10; round++) {
      const { x, y } = data(100 + round);
      const a = tfjs.train(x, y, ROWS, mask, 1, 0.05);
      const b = reference.train(x, y, ROWS, mask, 1, 0.05);
      for (let w = 0; w < W; w++) expect(a.loss[w]).toBeCloseTo(b.loss[w]!, 4);
    }
    const { x } = data(999);
    const pa = tfjs.predictRows(x, ROWS);
    const pb = reference.predictRows(x, ROWS);
    let worst = 0;
    for (let i = 0; i < pa.length; i++) worst = Math.max(worst, Math.abs(pa[i]! - pb[i]!));
    expect(worst).toBeLessThan(2e-4);
    // Ten rounds moved the weights: the comparison is not of two untouched banks.
    expect(Array.from(reference.worldParams(0)[0]!)).not.toEqual(Array.from(banks({ type: 'linear' }, optimizer)[1].worldParams(0)[0]!));
    tfjs.dispose();
  });
});

describe('the reference bank refuses a non-finite round', () => {
  // Each linear path (one SGD epoch: computed aside and written only when finite; one Adam
  // epoch; several epochs) and the MLP path, as the tfjs bank's test does (model-bank.test.ts).
  it.each([
    ['linear, one sgd epoch', { type: 'linear' } as Architecture, 'sgd' as OptimizerKind, 1],
    ['linear, one adam epoch', { type: 'linear' } as Architecture, 'adam' as OptimizerKind, 1],
    ['linear, three sgd epochs', { type: 'linear' } as Architecture, 'sgd' as OptimizerKind, 3],
    ['mlp, one sgd epoch', { type: 'mlp', hidden: 5 } as Architecture, 'sgd' as OptimizerKind, 1],
  ])('%s: a NaN label and an overflowing loss leave that world untouched and are reported', (_name, arch, optimizer, epochs) => {
    for (const spoil of [(y: Float32Array) => y.fill(Number.NaN, ROWS, 2 * ROWS), (y: Float32Array) => y.fill(1e30, ROWS, 2 * ROWS)]) {
      const [tfjs, reference] = banks(arch, optimizer);
      tfjs.dispose();
      const before = reference.snapshot();
      const { x, y } = data(5);
      spoil(y);
      const { loss, diverged } = reference.train(x, y, ROWS, Float32Array.from([1, 1, 1]), epochs, 0.05);
      expect(Array.from(diverged)).toEqual([0, 1, 0]);
      expect(Number.isFinite(loss[1]!)).toBe(false); // the message names the loss that was refused
      const after = reference.snapshot();
      after.params.forEach((p, k) => {
        const n = p.length / W;
        expect(Array.from(p.subarray(n, 2 * n))).toEqual(Array.from(before.params[k]!.subarray(n, 2 * n)));
        expect(Array.from(p.subarray(0, n))).not.toEqual(Array.from(before.params[k]!.subarray(0, n)));
      });
      after.moments.forEach((m, k) => expect(Array.from(m.subarray(m.length / W, (2 * m.length) / W))).toEqual(Array.from(before.moments[k]!.subarray(m.length / W, (2 * m.length) / W))));
      expect(Array.from(after.steps)).toEqual([epochs, 0, epochs]);
    }
  });
});

describe('a whole simulation on the reference bank', () => {
  it('tracks the tfjs run closely over the first retraining rounds and names itself in the header', async () => {
    const run = async (bank: 'tfjs' | 'f64') => {
      const sim = await buildSimulation(smallMania(), { seed: 7, worlds: 1, ticks: 90, backend: 'cpu', record: true, bank });
      sim.run();
      const predictions = sim.records.filter((r) => r.tick >= 60).map((r) => r.models.A!.prediction);
      const header = sim.header(0);
      sim.dispose();
      return { predictions, header };
    };
    const a = await run('tfjs');
    const b = await run('f64');
    expect(b.header.backend).toBe('f64');
    expect(b.header.bank).toBe('f64');
    expect(a.header.bank).toBe('tfjs');
    expect(a.header.backend).toBe('cpu');
    a.predictions.forEach((p, i) => expect(Math.abs(p - b.predictions[i]!)).toBeLessThan(1e-3));
  });
});

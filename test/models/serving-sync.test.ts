/**
 * Version sync cadence: with training.syncEvery, retrained versions wait until the next
 * sync tick before they are served, so the served version lags the trained one.
 */
import { describe, expect, it } from 'vitest';
import { buildSimulation } from '../../src/setup/build.ts';
import { smallMania } from '../helpers/scenarios.ts';

async function versions(...sets: string[]) {
  const sim = await buildSimulation(smallMania('models.B.enabled=false', ...sets), { seed: 7, worlds: 1, backend: 'cpu', record: true });
  sim.run(120);
  const rows = sim.records.map((r) => [r.tick, r.models.A!.version, r.models.A!.trainedVersion] as const);
  const hash = sim.hashes.hex(0);
  const snapshotTicks = sim.snapshot();
  sim.dispose();
  return { rows, hash, snapshotTicks };
}

describe('serving sync cadence', () => {
  it('serves each retrained version at once by default', async () => {
    const { rows } = await versions();
    // warm-up 60: version 1 at tick 59, then +1 every 10 ticks (69, 79, ...)
    expect(rows.find(([t]) => t === 69)).toEqual([69, 2, 2]);
    expect(rows.every(([, served, trained]) => served === trained)).toBe(true);
  });

  it('with syncEvery 30 the served version lags the trained one until each sync tick', async () => {
    const { rows } = await versions('models.A.training.syncEvery=30');
    const at = (t: number) => rows.find(([tick]) => tick === t)!;
    expect(at(59)).toEqual([59, 1, 1]); // the first training is served at once
    expect(at(69)).toEqual([69, 1, 2]); // trained, not yet served
    expect(at(79)).toEqual([79, 1, 3]);
    expect(at(89)).toEqual([89, 4, 4]); // sync tick: (89 - 60 + 1) % 30 === 0, after that tick's training
    expect(at(99)).toEqual([99, 4, 5]);
  });

  it('lagged serving changes what the model does (and so the hash), deterministically', async () => {
    const a = await versions('models.A.training.syncEvery=30');
    const b = await versions('models.A.training.syncEvery=30');
    const c = await versions();
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });
});

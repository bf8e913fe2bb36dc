/**
 * The incremental validation gate: a candidate worse than the serving version on the
 * held-out recent ticks is rejected and logged, and the serving weights stay exactly.
 */
import { describe, expect, it } from 'vitest';
import { buildSimulation } from '../../src/setup/build.ts';
import { smallMania } from '../helpers/scenarios.ts';

async function firstRetrain(badLearningRate: number | undefined, ...sets: string[]) {
  const sim = await buildSimulation(smallMania('models.B.enabled=false', 'models.A.bugs=[]', ...sets), { seed: 7, worlds: 2, backend: 'cpu' });
  const role = sim.parts.roles[0]!;
  sim.run(60); // warm-up ends at tick 59 with the first training: version 1
  // A deliberately bad candidate: the retraining overshoots with a huge learning rate.
  if (badLearningRate !== undefined) role.config.training.lr = badLearningRate;
  const before = [role.bank.worldParams(0), role.bank.worldParams(1)];
  sim.run(10); // tick 69: the first dynamic retraining
  const rejections = sim.events.filter((e) => e.type === 'alert' && e.alert.monitor === 'validation-gate');
  const result = { version: Array.from(role.version), before, after: [role.bank.worldParams(0), role.bank.worldParams(1)], rejections };
  sim.dispose();
  return result;
}

describe('validation gate', () => {
  it('rejects a deliberately bad candidate and keeps the serving weights exactly', async () => {
    const r = await firstRetrain(50, 'models.A.training.epochs=30', 'models.A.training.gate={holdout: 10, margin: 0.1}');
    expect(r.version).toEqual([1, 1]);
    expect(r.rejections.map((e) => e.world)).toEqual([0, 1]);
    expect(r.rejections[0]!.type === 'alert' && r.rejections[0]!.alert.message).toMatch(/candidate rejected by the validation gate: holdout error/);
    for (const w of [0, 1]) r.before[w]!.forEach((p, i) => expect(Array.from(r.after[w]![i]!)).toEqual(Array.from(p)));
  });

  it('serves the candidate when it is within the margin', async () => {
    const r = await firstRetrain(undefined, 'models.A.training.gate={holdout: 10, margin: 1000}');
    expect(r.version).toEqual([2, 2]);
    expect(r.rejections).toEqual([]);
    expect(Array.from(r.after[0]![0]!)).not.toEqual(Array.from(r.before[0]![0]!));
  });
});

/**
 * Amplification: A's bug's influence on X's price with B live / with B removed.
 * In tulip-mania B's momentum chasing magnifies the bug; without B the ratio is 1.
 */
import { describe, expect, it } from 'vitest';
import { amplification } from '../../src/analysis/amplification.ts';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { resolveScenarioPath } from '../../src/analysis/suite.ts';

const mania = (...sets: string[]) => loadScenarioFile(resolveScenarioPath('tulip-mania'), sets);
const OPTIONS = { intervene: ['models.A.bugs=[]'], model: 'B', seeds: [1, 2, 3], ticks: 400 };

describe('amplification', () => {
  it('is above 1 in tulip-mania: B magnifies A’s bug', async () => {
    const a = await amplification(mania(), OPTIONS);
    expect(a.series).toBe('price:X');
    expect(a.amplification).toBeGreaterThan(1.5);
    expect(a.perWorld.filter((x) => x > 1).length).toBeGreaterThanOrEqual(2);
  });

  it('is 1 when B is absent from the scenario', async () => {
    // The bug starts at tick 250; 270 ticks are enough to compare its influence.
    const absent = await amplification(mania('models.B.enabled=false'), { ...OPTIONS, ticks: 270 });
    expect(absent.live.peakAbs).toBeGreaterThan(0);
    expect(absent.amplification).toBe(1);
  });

  it('names the models when the one asked for does not exist', async () => {
    await expect(amplification(mania(), { ...OPTIONS, model: 'C' })).rejects.toThrow(/no model "C".*models: A, B/);
  });
});

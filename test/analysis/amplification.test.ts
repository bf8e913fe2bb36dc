/**
 * Amplification: A's bug's influence on X's price with B live / with B removed.
 * In tulip-mania B's momentum chasing magnifies the bug; without B the ratio is 1.
 */
import { describe, expect, it } from 'vitest';
import { amplification, capSaturation } from '../../src/analysis/amplification.ts';
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

describe('a saturating position cap', () => {
  it('is measured as the share of world-ticks at the cap, with a note past 5%', () => {
    const positions = Float64Array.from([0, 300, 590, 600, -600, 100, 599, 0, 0, 0]);
    // |p| ≥ 588: 590, 600, −600, 599 -> 4 of 10
    const s = capSaturation('B', 600, positions);
    expect(s.share).toBeCloseTo(0.4, 15);
    expect(s.note).toBe("B's position sat at its cap (±600) in 40% of world-ticks: saturated, its marginal gain is 0 there, so this amplification understates its loop (lift models.B.policy.maxPosition to see the loop itself)");
    expect(capSaturation('B', 600, Float64Array.from([0, 100, 600, ...new Array<number>(20).fill(0)])).note).toBe('');
  });

  it('is reported for tulip-mania’s B when its cap binds (gaussian market, ±200: at the cap in ~13% of world-ticks), not with the cap lifted', async () => {
    // On the gaussian market (tulip 0.1's), where B's swings reach ±200; on the garch market B's
    // positions are far smaller (past ±30 in ~4 % of world-ticks), so no cap of 200 binds there.
    const capped = await amplification(mania('market.style=gaussian', 'models.B.policy.maxPosition=200'), OPTIONS);
    expect(capped.saturation.share).toBeGreaterThan(0.1);
    expect(capped.saturation.note).toContain("B's position sat at its cap (±200)");
    const lifted = await amplification(mania('market.style=gaussian', 'models.B.policy.maxPosition=1e6', 'models.B.policy.gain=120'), OPTIONS);
    expect(lifted.saturation.note).toBe('');
  });
});

/**
 * Counterfactual replay with common random numbers: a no-op intervention changes nothing
 * (I ≡ 0 exactly), an intervention changes nothing before it takes effect, and `--from`
 * continues the intervened run from the factual run's snapshot.
 */
import { describe, expect, it } from 'vitest';
import { counterfactual } from '../../src/analysis/counterfactual.ts';
import { ScenarioError } from '../../src/config/errors.ts';
import { smallMania } from '../helpers/scenarios.ts';

const SEEDS = [3, 4];

function zeroBefore(values: Float64Array, tick: number, worlds: number): boolean {
  return values.subarray(0, tick * worlds).every((v) => v === 0);
}

describe('counterfactual', () => {
  it('a no-op intervention gives I ≡ 0 exactly, in every series and world', async () => {
    const r = await counterfactual(smallMania(), { intervene: ['market.impact=0.0005'], seeds: SEEDS });
    expect([...r.influence.keys()]).toEqual(['price:X', 'position:A', 'pnl:A', 'position:B', 'pnl:B']);
    for (const values of r.influence.values()) expect(values.every((v) => v === 0)).toBe(true);
    expect(r.hashes.counterfactual).toEqual(r.hashes.factual);
    expect(r.onset.perWorld).toEqual([null, null]);
    expect(r.summary.every((s) => s.peakAbs === 0 && s.meanAbs === 0 && s.final === 0)).toBe(true);
  });

  it('removing the bug changes nothing before the bug starts (tick 100), and much after', async () => {
    const r = await counterfactual(smallMania(), { intervene: ['models.A.bugs=[]'], seeds: SEEDS });
    const price = r.influence.get('price:X')!;
    expect(zeroBefore(price, 100, 2)).toBe(true);
    expect(price[100 * 2]).not.toBe(0);
    expect(r.summary.find((s) => s.series === 'position:A')!.peakAbs).toBeGreaterThan(50);
    for (const t of r.onset.perWorld) expect(t).toBeGreaterThanOrEqual(100);
  });

  it('--from T: both runs are identical before T, and the intervention acts from T', async () => {
    const r = await counterfactual(smallMania(), { intervene: ['models.A.bugs=[]'], from: 130, seeds: SEEDS });
    const position = r.influence.get('position:A')!;
    expect(zeroBefore(position, 130, 2)).toBe(true);
    expect(position.subarray(130 * 2).some((v) => v !== 0)).toBe(true);
    expect(r.from).toBe(130);
  });

  it('--from T with a no-op value change gives I ≡ 0 exactly (restored from the snapshot)', async () => {
    const r = await counterfactual(smallMania(), { intervene: ['models.B.policy.gain=300'], from: 80, seeds: SEEDS });
    for (const values of r.influence.values()) expect(values.every((v) => v === 0)).toBe(true);
    expect(r.hashes.counterfactual).toEqual(r.hashes.factual);
  });

  it('--from T refuses an intervention that changes the run’s parts, saying what to do', async () => {
    await expect(counterfactual(smallMania(), { intervene: ['models.B.enabled=false'], from: 50, seeds: SEEDS })).rejects.toThrow(/drop --from/);
    await expect(counterfactual(smallMania(), { intervene: ['models.A.policy.gain=-1'], seeds: SEEDS })).rejects.toThrow(ScenarioError);
  });
});

/**
 * A check can read chosen seeds only (`seeds: [1]`, the workshop's seed), and the quick
 * form of evaluateExpectations replaces expect.seeds while still running the seeds a
 * check names: each figure equals that seed's own run.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { evaluateExpectations } from '../../src/setup/expect.ts';
import { worldSummary } from '../../src/setup/summary.ts';
import { runToEnd, SMALL_MANIA } from '../helpers/scenarios.ts';

const WITH_CHECKS = `${SMALL_MANIA}
expect:
  seeds: [2, 3]
  checks:
    - { name: over both seeds, metric: assets.X.peakOvershoot, stat: max, atLeast: 0 }
    - { name: seed 3 alone, metric: assets.X.peakOvershoot, seeds: [3], stat: max, atLeast: 0 }
    - { name: seed 5 alone (not in expect.seeds), metric: assets.X.peakOvershoot, seeds: [5], stat: max, atLeast: 0 }
`;

async function overshoot(seed: number): Promise<number> {
  const loaded = loadScenarioText(SMALL_MANIA, 'small-mania.yaml');
  return runToEnd(loaded, { seeds: [seed], backend: 'wasm' }, (sim) => worldSummary(sim, 0).assets.X!.peakOvershoot);
}

describe('expect: checks on chosen seeds', () => {
  it('read only the seeds they name, running a seed outside expect.seeds as an extra world', async () => {
    const loaded = loadScenarioText(WITH_CHECKS, 'small-mania.yaml');
    const [both, three, five] = await evaluateExpectations(loaded, { backend: 'wasm' });
    const [v2, v3, v5] = [await overshoot(2), await overshoot(3), await overshoot(5)];
    expect(new Set([v2, v3, v5]).size).toBe(3);
    expect(both!.value).toBe(Math.max(v2, v3));
    expect(three!.value).toBe(v3);
    expect(five!.value).toBe(v5);
  });

  it('the quick form replaces expect.seeds', async () => {
    const loaded = loadScenarioText(WITH_CHECKS, 'small-mania.yaml');
    const [both] = await evaluateExpectations(loaded, { backend: 'wasm', seeds: [5] });
    expect(both!.value).toBe(await overshoot(5));
  });
});

/**
 * The helpers of tulip-sim/testing: scenarios by name, path or loaded; seeds as ranges;
 * overrides as records; results identical to building the simulation directly.
 */
import { describe, expect, it } from 'vitest';
import { runScenario, loadScenario } from '../../src/testing/index.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { runSummary } from '../../src/setup/summary.ts';
import { smallMania } from '../helpers/scenarios.ts';

describe('runScenario', () => {
  it('runs seeds as worlds with overrides, and matches a direct run bit for bit', async () => {
    const run = await runScenario(smallMania(), { seeds: '3..4', ticks: 120, set: { 'models.A.bugs': [] } });
    expect(run.perWorld.map((w) => w.seed)).toEqual([3, 4]);
    const sim = await buildSimulation(smallMania('models.A.bugs=[]'), { seeds: [3, 4], ticks: 120 });
    sim.run();
    expect(run).toMatchTraceHash(runSummary(sim).traceHash);
    sim.dispose();
  });

  it('finds shipped scenarios by name, eval ones as eval/<name>, and reports unknown ones', () => {
    expect(loadScenario('tulip-mania').config.title).toBe('Tulip mania');
    expect(loadScenario('eval/calm').config.truth).toMatchObject({ loop: false });
    expect(loadScenario('calm', ['ticks=500']).config.ticks).toBe(500);
    expect(() => loadScenario('calm', { ticks: 50 })).toThrow(/^set: ticks=50: models.A.training.warmup: must be less than ticks \(50\)/);
    expect(() => loadScenario('no-such-scenario')).toThrow(/no-such-scenario: file not found/);
  });
});

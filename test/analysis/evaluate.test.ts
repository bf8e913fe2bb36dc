/**
 * The evaluation harness end to end on small labelled scenarios: truth from the scenario
 * (computed by counterfactual replay, fixed, or no loop), alarms of the monitor under test
 * only, the trivial baseline on the same truth, and clear errors.
 */
import { describe, expect, it } from 'vitest';
import { evaluateMonitor } from '../../src/analysis/evaluate.ts';
import { aggregate, periodicAlarms, scoreRun } from '../../src/analysis/metrics.ts';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { ScenarioError } from '../../src/config/errors.ts';
import { parseOverride } from '../../src/setup/overrides.ts';
import { SMALL_MANIA } from '../helpers/scenarios.ts';

const loop = loadScenarioText(`${SMALL_MANIA}truth: { loop: true, intervene: { models.A.bugs: [] }, epsilon: 2, consecutive: 3, before: 10, after: 80 }\n`, 'small-loop.yaml');
const fixed = loadScenarioText(`${SMALL_MANIA}truth: { loop: true, onset: 100, after: 80 }\n`, 'small-fixed.yaml');
const calm = loadScenarioText(`${SMALL_MANIA}truth: { loop: false }\n`, 'small-calm.yaml', [parseOverride('models.A.bugs=[]')]);
const SEEDS = [1, 2];

describe('evaluateMonitor', () => {
  it('scores a monitor against counterfactual, fixed and loop-free truth, beside the trivial baseline', async () => {
    const r = await evaluateMonitor({ monitor: 'bubble', options: { threshold: 0.05 }, suite: [loop, fixed, calm], seeds: SEEDS, trivialEvery: 40 });
    expect(r.scenarios.map((s) => [s.scenario, s.loop])).toEqual([
      ['small-loop', true],
      ['small-fixed', true],
      ['small-calm', false],
    ]);
    const [l, f, c] = r.scenarios;
    // Counterfactual truth: nothing differs before the bug starts at tick 100.
    for (const run of l!.runs) expect(run.onset === null || run.onset >= 100).toBe(true);
    expect(l!.runs.some((run) => run.onset !== null)).toBe(true);
    expect(f!.runs.map((run) => run.onset)).toEqual([100, 100]);
    expect(c!.runs.map((run) => run.onset)).toEqual([null, null]);
    expect(r.seeds).toEqual(SEEDS);
    expect(r.scenarios.flatMap((s) => s.runs.map((run) => run.seed))).toEqual([1, 2, 1, 2, 1, 2]);
    // Overall figures pool every run; the trivial baseline is scored on the same truth.
    expect(r.overall).toEqual(aggregate(r.scenarios.flatMap((s) => s.runs)));
    expect(f!.trivial).toEqual(aggregate(f!.runs.map(() => scoreRun(periodicAlarms(200, 40), 200, { onset: 100, before: 0, after: 80 }))));
    expect(r.trivialOverall.falseAlarms).toBeGreaterThan(r.overall.falseAlarms);
  });

  it('a monitor that never alarms misses every loop and has an infinite (all censored) ARL0', async () => {
    const r = await evaluateMonitor({ monitor: 'bubble', options: { threshold: 50 }, suite: [fixed, calm], seeds: SEEDS });
    expect(r.overall).toMatchObject({ detectionRate: 0, missedRate: 1, meanDelay: null, falseAlarms: 0, arl0: Infinity, arl0Censored: 2, precision: null });
  });

  it('refuses a suite scenario without truth, an unknown monitor and bad options, naming what is allowed', async () => {
    const bare = loadScenarioText(SMALL_MANIA, 'bare.yaml');
    await expect(evaluateMonitor({ monitor: 'bubble', suite: [bare], seeds: SEEDS })).rejects.toThrow(/bare\.yaml: truth: missing/);
    await expect(evaluateMonitor({ monitor: 'nope', suite: [calm], seeds: SEEDS })).rejects.toThrow(/unknown monitor "nope"; built-in: bubble, /);
    await expect(evaluateMonitor({ monitor: 'bubble', options: { treshold: 1 }, suite: [calm], seeds: SEEDS })).rejects.toThrow(ScenarioError);
  });

  it('a loop without an onset or an intervention is refused when the scenario loads', () => {
    expect(() => loadScenarioText(`${SMALL_MANIA}truth: { loop: true }\n`, 'no-onset.yaml')).toThrow(/truth.*give `onset`/);
  });
});

/**
 * A user's own regression tests of their monitors, written against the installed
 * tulip-sim package only (`tulip-sim/testing`), as a platform team keeps them in its CI.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateMonitor, runScenario, type EvaluationResult } from 'tulip-sim/testing';

const PRICE_GAP = fileURLToPath(new URL('../monitors/price-gap.ts', import.meta.url));
const POSITION_LIMIT = fileURLToPath(new URL('../monitors/position-limit.js', import.meta.url));

describe('our monitors on the labelled suite', () => {
  it('the price-gap monitor (TypeScript) catches the units-bug loop soon and stays quiet on a calm market', async () => {
    // As docs/examples/monitor-regression.test.ts: threshold 0.1 on the garch market; seed 1's loop starts late and is missed.
    const evaluation: EvaluationResult = await evaluateMonitor({ monitor: PRICE_GAP, options: { threshold: 0.1 }, suite: ['eval/loop-units-bug', 'eval/calm'], seeds: '1..3' });
    expect(evaluation.overall.loopRuns).toBe(3);
    expect(evaluation.overall.missedRate!).toBeCloseTo(1 / 3, 9);
    expect(evaluation.overall.meanDelay!).toBeLessThan(150);
    expect(evaluation.overall.falseAlarms).toBe(0);
  });

  it('the position-limit monitor (JavaScript) loads and is scored too', async () => {
    const evaluation = await evaluateMonitor({ monitor: POSITION_LIMIT, options: { limit: 100 }, suite: ['eval/loop-units-bug'], seeds: '1..2' });
    expect(evaluation.overall.loopRuns).toBe(2);
  });
});

describe('the shipped scenarios', () => {
  it('the shipped monitors alert in monitored-tulip, and runs are reproducible', async () => {
    const run = await runScenario('monitored-tulip', { seeds: '1..2', ticks: 400 });
    expect(run).toRaiseAlert('bubble', { inWorlds: 'any' });
    const again = await runScenario('monitored-tulip', { seeds: '1..2', ticks: 400 });
    expect(again).toMatchTraceHash(run.traceHash);
  });

  it('the API is typed: a wrong option is a type error (checked by tsc --noEmit) and a run error', async () => {
    // @ts-expect-error seeds are a list of numbers or a range like "1..20", never a boolean
    await expect(runScenario('calm', { seeds: true, ticks: 10 })).rejects.toThrow();
  });
});

/**
 * The vitest matchers of tulip-sim/testing, on hand-made results: each passes when it
 * should, fails when it should, and says why.
 */
import { describe, expect, it } from 'vitest';
import '../../src/testing/index.ts';
import type { EvaluationResult, ScenarioRun } from '../../src/testing/index.ts';
import { aggregate, scoreRun } from '../../src/analysis/metrics.ts';

const alert = (monitor: string, tick: number, world: number) => ({ monitor, severity: 'warning' as const, message: '', tick, world });

function run(perWorldAlerts: ReturnType<typeof alert>[][]): ScenarioRun {
  const perWorld = perWorldAlerts.map((alerts, w) => ({ world: w, seed: w + 1, traceHash: `hash${w}`, assets: {}, models: {}, alerts, alertCount: alerts.length, firstAlertTick: alerts[0]?.tick ?? -1 }));
  return { scenario: 's', seed: 1, worlds: perWorld.length, ticks: 400, backend: 'cpu', version: '0', traceHash: 'ab'.repeat(32), assets: {}, models: {}, alerts: perWorld.flatMap((w) => w.alerts), perWorld };
}

function evaluation(delays: (number | null)[]): EvaluationResult {
  const runs = delays.map((d, i) => ({ seed: i + 1, ...scoreRun(d === null ? [] : [100 + d], 400, { onset: 100, before: 0, after: 150 }) }));
  const metrics = aggregate(runs);
  return { format: 'tulip-eval', monitor: 'm', options: {}, seeds: runs.map((r) => r.seed), trivialEvery: 50, scenarios: [{ scenario: 'loop', source: 'loop.yaml', loop: true, runs, metrics, trivial: metrics }], overall: metrics, trivialOverall: metrics };
}

describe('toRaiseAlert', () => {
  const r = run([[alert('loop-b', 300, 0)], [alert('bubble', 250, 1), alert('loop-b', 380, 1)]]);

  it('passes when the monitor alerted in every world (before a tick, if given)', () => {
    expect(r).toRaiseAlert('loop-b');
    expect(r).toRaiseAlert('loop-b', { before: 381 });
    expect(r).not.toRaiseAlert('loop-b', { before: 380 });
    expect(r).toRaiseAlert('bubble', { inWorlds: 'any' });
    expect(r).not.toRaiseAlert('bubble');
  });

  it('fails with the first alert of each world and the monitors that did alert', () => {
    expect(() => expect(r).toRaiseAlert('loop-b', { before: 350 })).toThrow('expected monitor loop-b to alert before tick 350 in every world; first alerts: seed 1: tick 300, seed 2: none; monitors that alerted: loop-b, bubble');
    expect(() => expect({}).toRaiseAlert('x')).toThrow(/expected a run summary/);
  });
});

describe('toDetectLoopWithin', () => {
  it('passes when every loop run was detected within the delay', () => {
    expect(evaluation([0, 20, 40])).toDetectLoopWithin(40);
    expect(evaluation([0, 20, 40]).scenarios[0]).toDetectLoopWithin(40);
    expect(evaluation([0, 20, 40])).not.toDetectLoopWithin(39);
  });

  it('fails naming the late and missed runs', () => {
    expect(() => expect(evaluation([10, null, 60])).toDetectLoopWithin(50)).toThrow('expected every loop detected within 50 ticks; 2 of 3 were not: loop seed 2: onset 100, missed; loop seed 3: onset 100, delay 60');
  });
});

describe('toMatchTraceHash', () => {
  it('compares whole hashes, or prefixes of 8+ hex digits', () => {
    const r = run([[]]);
    expect(r).toMatchTraceHash('ab'.repeat(32));
    expect(r).toMatchTraceHash('abababab');
    expect(r.traceHash).toMatchTraceHash('ababababab');
    expect(r).not.toMatchTraceHash('abab'); // too short to be a prefix
    expect(() => expect(r).toMatchTraceHash('cd'.repeat(32))).toThrow(/expected trace hash cdcd.*got abab/);
  });
});

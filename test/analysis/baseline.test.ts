/**
 * Regression checks against saved evaluation results (`tulip eval --baseline`).
 */
import { describe, expect, it } from 'vitest';
import { compareToBaseline, describeRegression, parseResults, parseTolerance, readResults, resultsJson } from '../../src/analysis/baseline.ts';
import { aggregate, scoreRun } from '../../src/analysis/metrics.ts';
import type { EvaluationResult } from '../../src/analysis/evaluate.ts';
import { ScenarioError } from '../../src/config/errors.ts';

const W = { before: 0, after: 50 };

function result(alarmsLoop: number[], alarmsFree: number[]): EvaluationResult {
  const runs = [{ seed: 1, ...scoreRun(alarmsLoop, 400, { onset: 100, ...W }) }, { seed: 1, ...scoreRun(alarmsFree, 400, { onset: null, ...W }) }];
  const metrics = aggregate(runs);
  return {
    format: 'tulip-eval',
    monitor: 'bubble',
    options: {},
    seeds: [1],
    trivialEvery: 50,
    scenarios: [{ scenario: 'loop', source: 'loop.yaml', loop: true, runs: runs.slice(0, 1), metrics: aggregate(runs.slice(0, 1)), trivial: metrics }],
    overall: metrics,
    trivialOverall: metrics,
  };
}

describe('compareToBaseline', () => {
  it('finds nothing when the results equal the baseline', () => {
    const r = result([110], []);
    expect(compareToBaseline(r, r)).toEqual([]);
  });

  it('names each metric that got worse, overall and per scenario', () => {
    const baseline = result([110], []);
    const worse = result([140], [200]); // longer delay, and a false alarm
    const names = compareToBaseline(worse, baseline).map((r) => `${r.scope}.${r.metric}`);
    expect(names).toEqual(expect.arrayContaining(['overall.meanDelay', 'overall.medianDelay', 'overall.falseAlarmsPer1000', 'overall.mtbfa', 'overall.arl0', 'overall.precision', 'loop.meanDelay']));
    expect(names).not.toContain('overall.detectionRate');
  });

  it('tolerates a worsening within the relative tolerance', () => {
    const baseline = result([110], []); // delay 10
    const slightly = result([110.4], []); // delay 10.4: 4% worse
    expect(compareToBaseline(slightly, baseline, parseTolerance('0.05'))).toEqual([]);
    expect(compareToBaseline(slightly, baseline, parseTolerance('0.05,meanDelay=0.01')).map((r) => `${r.scope}.${r.metric}`)).toEqual(['overall.meanDelay', 'loop.meanDelay']);
  });

  it('does not call an improvement a regression', () => {
    expect(compareToBaseline(result([105], []), result([140], [200]))).toEqual([]);
  });

  it('describes a regression in words', () => {
    const [r] = compareToBaseline(result([], []), result([110], []));
    expect(describeRegression(r!)).toBe('overall: detectionRate regressed: 1.00 -> 0.00 (higher is better; tolerance 5%)');
  });
});

describe('results files', () => {
  it('keep Infinity (no false alarm) through JSON', () => {
    const r = result([110], []);
    expect(r.overall.mtbfa).toBe(Infinity);
    expect(parseResults(resultsJson(r), 'r.json').overall.mtbfa).toBe(Infinity);
  });

  it('refuse files that are not tulip eval results', () => {
    expect(() => parseResults('{"a":1}', 'x.json')).toThrow(ScenarioError);
    expect(() => parseResults('nope', 'x.json')).toThrow(/not JSON/);
    expect(() => readResults('/nonexistent/results.json')).toThrow('/nonexistent/results.json: --baseline: cannot be read (ENOENT)');
  });

  it('tolerance specs: a number, per-metric pairs, and clear errors', () => {
    expect(parseTolerance('0.1')).toEqual({ default: 0.1, perMetric: {} });
    expect(parseTolerance('meanDelay=0.5')).toEqual({ default: 0.05, perMetric: { meanDelay: 0.5 } });
    expect(() => parseTolerance('speed=1')).toThrow(/unknown metric "speed"/);
    expect(() => parseTolerance('-1')).toThrow(/fraction/);
  });
});

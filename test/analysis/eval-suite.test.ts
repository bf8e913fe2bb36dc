/**
 * The shipped labelled suite: every file loads with a truth block, loops and loop-free
 * cases are both there, and the suite stays apart from the lessons that `tulip check`
 * (and the shipped-expectations test) read.
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_EVAL_SUITE, suiteFiles } from '../../src/analysis/suite.ts';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { shippedScenarios } from '../../src/cli/options.ts';

describe('scenarios/eval', () => {
  const files = suiteFiles(SHIPPED_EVAL_SUITE);

  it('mixes loop and loop-free cases, each with a truth block and short runs', () => {
    const truth = Object.fromEntries(files.map((f) => [basename(f, '.yaml'), loadScenarioFile(f).config]));
    expect(Object.keys(truth)).toEqual(['bug-static-dependent', 'bug-without-dependent', 'calm', 'loop-sign-bug', 'loop-units-bug', 'loop-upstream-change', 'outage-no-loop', 'regime-shift']);
    for (const [name, config] of Object.entries(truth)) {
      expect(config.truth, name).toBeDefined();
      expect(config.ticks, name).toBeLessThanOrEqual(400);
      expect(config.expect, `${name} must not carry lesson checks`).toBeUndefined();
    }
    expect(truth['loop-units-bug']!.truth).toMatchObject({ loop: true, intervene: { 'models.A.bugs': [] }, epsilon: 5 });
    expect(truth['bug-without-dependent']!.truth!.loop).toBe(false);
    expect(truth['regime-shift']!.truth!.loop).toBe(false);
    expect(truth['outage-no-loop']!.truth!.loop).toBe(false);
    expect(truth['loop-upstream-change']!.truth).toMatchObject({ loop: true, intervene: { 'signals.valuation.changes': [] } });
  });

  it('is not among the lessons `tulip check` evaluates', () => {
    expect(shippedScenarios().some((f) => f.includes('/eval/'))).toBe(false);
  });
});

/**
 * `tulip signals` and `tulip ablate` as a user runs them: the catalogue with its loops,
 * the collinearity report, the ablation table, and clear usage errors.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

describe('tulip signals', () => {
  it('prints the catalogue and the model-to-model loop without running', async () => {
    const r = await runCli(['signals', 'model-reads-model', '--no-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('model-output:A (implicit: not declared under signals:)');
    expect(r.stdout).toContain("B.a-prediction (missing: hold-last, undeclared)");
    expect(r.stdout).toMatch(/Loops\n(.*\n)*\s+A -> B -> A: B reads A's prediction/);
    expect(r.stdout).not.toContain('Collinearity');
  });

  it('reports perfectly correlated vendors with an infinite condition number', async () => {
    const r = await runCli(['signals', 'correlated-features', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { collinearity: Record<string, { correlation: number[][]; condition: number | null }> };
    expect(out.collinearity.A!.correlation[0]![1]).toBeCloseTo(1, 12);
    expect(out.collinearity.A!.condition).toBeNull(); // Infinity in JSON
  });
});

describe('tulip ablate', () => {
  it('prints a row per feature against its upkeep', async () => {
    const r = await runCli(['ablate', 'unneeded-feature', '--model', 'A', '--seeds', '1..2', '--ticks', '200']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/baseline \(all features\): PnL -?\d+, prediction MSE [\d.]+, trace hash [0-9a-f]{64}/);
    expect(r.stdout).toMatch(/value-ratio\s+valuation\s+0\.2\s+40/);
    expect(r.stdout).toMatch(/y-return\s+y-feed\s+2\s+400 .*does not pay its upkeep/);
  });

  it('names the models when --model is wrong, and the seed forms when --seeds is', async () => {
    const bad = await runCli(['ablate', 'unneeded-feature', '--model', 'Z']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--model: no enabled model "Z"; models: A');
    const seeds = await runCli(['ablate', 'unneeded-feature', '--model', 'A', '--seeds', '1-3']);
    expect(seeds.code).toBe(2);
    expect(seeds.stderr).toContain('--seeds must be a range such as 1..20 or a list such as 1,2,5, got "1-3"');
  });
});

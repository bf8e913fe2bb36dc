import { describe, expect, it } from 'vitest';
import { BUILTIN_MONITORS } from '../../src/monitors/builtins/index.ts';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { resolveScenario } from '../../src/cli/options.ts';
import { modelLabels, monitorStatistic, monitorStatistics, seriesWords } from '../../src/report/labels.ts';

describe('report labels', () => {
  it('names each model with its role, from what it reads and whether it has a bug', () => {
    expect(modelLabels(loadScenarioFile(resolveScenario('tulip-mania')).config)).toEqual({ A: 'A (buggy value model)', B: 'B (momentum model)' });
    expect(modelLabels(loadScenarioFile(resolveScenario('calm')).config)).toEqual({ A: 'A (value model)', B: 'B (value model)' });
  });

  it('gives every built-in monitor a statistic in words and a unit short enough for an axis', () => {
    for (const type of Object.keys(BUILTIN_MONITORS)) {
      const label = monitorStatistic({ type, options: { model: 'A', cause: 'orders:B', effect: 'return:X', series: 'price:X' } });
      expect(label.unit, type).not.toBe("the monitor's own units");
      expect(label.unit.length, `${type}: ${label.unit}`).toBeLessThanOrEqual(25);
      expect(label.statistic, type).not.toContain(type === 'page-hinkley' || type === 'adwin' ? 'x'.repeat(99) : `${type} statistic`);
    }
  });

  it('speaks of series as their owner’s, and of a loop monitor by its cause and effect', () => {
    expect(seriesWords('orders:B')).toBe("B's orders");
    const calm = monitorStatistics(loadScenarioFile(resolveScenario('calm')).config);
    expect(calm['loop-b']).toEqual({ statistic: "lagged correlation of B's orders with later X's return", unit: 'correlation, −1..1' });
    expect(calm['granger-b']!.statistic).toContain('(alarm below)');
  });
});

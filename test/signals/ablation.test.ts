/**
 * `tulip ablate`: each feature removed in turn over the same seeds (common random
 * numbers). The baseline row is the plain run: same seeds, same hash.
 */
import { describe, expect, it } from 'vitest';
import { ablate, withoutFeature } from '../../src/analysis/ablation.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { runSummary } from '../../src/setup/summary.ts';
import { smallScenario } from './helpers.ts';

const loaded = smallScenario({
  signals: { valuation: { cost: 0.5 }, 'y-feed': { cost: 2 } },
  features: [{ signal: 'value-ratio', source: 'valuation' }, { name: 'momentum', signal: 'momentum', window: 5, source: 'y-feed' }, { signal: 'volume' }],
  ticks: 70,
});
const SEEDS = [4, 5, 6];

describe('ablation', () => {
  it('the baseline row has the plain run’s hash, and each row removes one feature', async () => {
    const result = await ablate(loaded, 'A', SEEDS);
    const sim = await buildSimulation(loaded, { seeds: SEEDS });
    try {
      sim.run();
      expect(result.baseline.traceHash).toBe(runSummary(sim).traceHash);
    } finally {
      sim.dispose();
    }
    expect(result.rows.map((r) => [r.feature, r.source, r.cost, r.upkeep])).toEqual([
      ['value-ratio', 'valuation', 0.5, 35],
      ['momentum', 'y-feed', 2, 140],
      ['volume', '(implicit)', 0, 0],
    ]);
    for (const r of result.rows) {
      expect(r.traceHash).not.toBe(result.baseline.traceHash);
      expect(r.pnls).toHaveLength(3);
      expect(r.pnlValue).toBeCloseTo([...result.baseline.pnls.map((x, w) => x - r.pnls[w]!)].sort((a, b) => a - b)[1]!, 9);
      expect(r.pays).toBe(r.pnlValue > r.upkeep);
    }
  });

  it('is deterministic: the same figures twice', async () => {
    const a = await ablate(loaded, 'A', [4]);
    const b = await ablate(loaded, 'A', [4]);
    expect(b).toEqual(a);
  });

  it('removing a feature also removes the bugs, quarantine rules and monitors that name it', () => {
    const raw = {
      models: { A: { features: [{ signal: 'value-ratio' }, { name: 'm', signal: 'momentum' }], bugs: [{ type: 'scale', feature: 'm' }, { type: 'stale', feature: 'value-ratio' }] } },
      rules: [{ when: 'x', do: 'quarantine', model: 'A', feature: 'm' }, { when: 'x', do: 'halt', model: 'A' }],
      monitors: [{ name: 'x', type: 'range', options: { model: 'A', feature: 'm' } }, { name: 'y', type: 'range', options: { model: 'A' } }],
    };
    expect(withoutFeature(raw, 'A', 'm')).toEqual({
      models: { A: { features: [{ signal: 'value-ratio' }], bugs: [{ type: 'stale', feature: 'value-ratio' }] } },
      rules: [{ when: 'x', do: 'halt', model: 'A' }],
      monitors: [{ name: 'y', type: 'range', options: { model: 'A' } }],
    });
  });
});

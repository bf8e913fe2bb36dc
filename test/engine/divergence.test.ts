/**
 * Divergence is an event: the pure check over typed arrays finds each kind of runaway
 * number, and in a simulation a diverged world gets one critical `numerical` alert, its
 * models halted and `diverged: {tick, reason}` in its summary, while other worlds run on.
 */
import { describe, expect, it } from 'vitest';
import { DIVERGENCE_REASONS, findDivergence, type DivergenceInput } from '../../src/engine/divergence.ts';
import { runSummary, worldSummary } from '../../src/setup/summary.ts';
import { runToEnd, smallMania } from '../helpers/scenarios.ts';

const BOUNDS = { maxLogDeviation: 5, maxLossRatio: 1000 };

/** Two worlds, one asset, two agents, one model; every number calm. */
function calm(): DivergenceInput {
  return {
    worlds: 2,
    assets: 1,
    logClose: Float64Array.of(Math.log(100), Math.log(100)),
    logValue: Float64Array.of(Math.log(100), Math.log(100)),
    agents: 2,
    cash: Float64Array.of(0, 0, 0, 0),
    predictions: [Float64Array.of(0.1, Number.NaN)],
    losses: [Float64Array.of(1, 0)],
    warmupLosses: [Float64Array.of(1, 0)],
  };
}

function reasons(input: DivergenceInput, skip?: Uint8Array): string[] {
  const found = { reason: new Uint8Array(input.worlds), which: new Int32Array(input.worlds) };
  findDivergence(input, BOUNDS, found, skip);
  return Array.from(found.reason, (r) => (r === 0 ? '' : DIVERGENCE_REASONS[r - 1]!));
}

describe('findDivergence', () => {
  it('finds nothing in calm worlds (a NaN prediction is "no prediction yet", not a runaway)', () => {
    expect(reasons(calm())).toEqual(['', '']);
  });

  it.each([
    ['price', (i: DivergenceInput): unknown => (i.logClose[1] = Infinity)],
    ['price', (i: DivergenceInput): unknown => (i.logClose[1] = -800)],
    ['value', (i: DivergenceInput): unknown => (i.logValue[1] = Number.NaN)],
    ['cash', (i: DivergenceInput): unknown => (i.cash[3] = Number.NaN)],
    ['prediction', (i: DivergenceInput): unknown => (i.predictions[0]![1] = -Infinity)],
    ['deviation', (i: DivergenceInput): unknown => (i.logClose[1] = Math.log(100) + 5.01)],
    ['loss', (i: DivergenceInput): unknown => ((i.warmupLosses[0]![1] = 2), (i.losses[0]![1] = 2001))],
  ] as const)('names %s in the world it happens to, and only there', (reason, spoil) => {
    const input = calm();
    spoil(input);
    expect(reasons(input)).toEqual(['', reason]);
  });

  it('keeps within the bounds: |log P/V| of exactly the limit and a loss of exactly the ratio are fine', () => {
    const input = calm();
    input.logClose[0] = Math.log(100) + 5;
    input.losses[0]![0] = 1000;
    expect(reasons(input)).toEqual(['', '']);
  });

  it('skips worlds already marked', () => {
    const input = calm();
    input.logClose[1] = Infinity;
    expect(reasons(input, Uint8Array.of(0, 1))).toEqual(['', '']);
  });
});

describe('a diverging world in a simulation', () => {
  it('gets one critical numerical alert naming what and when, its models halted, and diverged in its summary', async () => {
    // A tight bound (|log P/V| of 0.05, about 5%) makes the bug's bubble count as divergence.
    const loaded = smallMania('market.divergence.maxLogDeviation=0.05');
    const out = await runToEnd(loaded, { worlds: 2 }, (sim) => ({
      summary: runSummary(sim),
      worlds: [0, 1].map((w) => worldSummary(sim, w)),
      halted: sim.parts.roles.map((r) => Array.from(r.halted)),
    }));
    const diverged = out.summary.diverged ?? [];
    expect(diverged.length).toBeGreaterThan(0);
    for (const d of diverged) {
      expect(d.reason).toBe('deviation');
      expect(d.message).toMatch(/^\|log P\/V\| of X is [0-9.]+, past market\.divergence\.maxLogDeviation 0\.05$/);
      const alerts = out.worlds[d.world]!.alerts.filter((a) => a.monitor === 'numerical');
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ severity: 'critical', tick: d.tick, message: `world diverged at tick ${d.tick}: ${d.message}; all models halted` });
      for (const halted of out.halted) expect(halted[d.world]).toBe(1);
    }
  });

  it('leaves a calm run alone: no diverged field, no numerical alert', async () => {
    const summary = await runToEnd(smallMania(), {}, (sim) => runSummary(sim));
    expect(summary.diverged).toBeUndefined();
    expect(summary.alerts.filter((a) => a.monitor === 'numerical')).toEqual([]);
  });

  it('is part of the snapshot: a run restored mid-way ends with the same hash and the same divergence', async () => {
    const loaded = smallMania('market.divergence.maxLogDeviation=0.05');
    const whole = await runToEnd(loaded, {}, (sim) => ({ hash: sim.hashes.hex(0), diverged: sim.parts.divergence.divergedOf(0) }));
    const { buildSimulation } = await import('../../src/setup/build.ts');
    const a = await buildSimulation(loaded, {});
    const b = await buildSimulation(loaded, {});
    try {
      a.run(a.parts.ticks - 1);
      const snap = a.snapshot();
      b.restore(snap);
      b.run();
      expect({ hash: b.hashes.hex(0), diverged: b.parts.divergence.divergedOf(0) }).toEqual(whole);
    } finally {
      a.dispose();
      b.dispose();
    }
  });
});

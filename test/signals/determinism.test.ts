/**
 * Determinism of the data-dependency layer: the same scenario and seeds give the same
 * hash; a run restored from a snapshot mid-outage and mid-shadow-validation finishes with
 * the same hash; and a scenario that declares no sources builds no signal state at all.
 */
import { describe, expect, it } from 'vitest';
import { buildSimulation } from '../../src/setup/build.ts';
import { runSummary } from '../../src/setup/summary.ts';
import { smallScenario } from './helpers.ts';
import { smallMania } from '../helpers/scenarios.ts';

const loaded = smallScenario({
  signals: {
    valuation: { outages: [{ type: 'random', probability: 0.05, duration: 4 }, { type: 'calendar', every: 25, length: 3, from: 40 }] },
    prices: { outages: [{ type: 'load', capacity: 1.5, crashRate: 0.3, recovery: 5 }], changes: [{ tick: 45, type: 'definition', window: 5 }, { tick: 60, type: 'scale', factor: 10, announced: true }] },
  },
  features: [
    { signal: 'value-ratio', source: 'valuation', missing: 'skip-trading' },
    { signal: 'momentum', window: 10, source: 'prices', pin: { version: 1, window: 8 } },
    { name: 'm2', signal: 'momentum', window: 8, source: 'prices', missing: 'zero' },
  ],
  ticks: 90,
});

async function hashAfter(snapshotAt?: number): Promise<string[]> {
  const sim = await buildSimulation(loaded, { worlds: 3 });
  try {
    if (snapshotAt === undefined) sim.run();
    else {
      sim.run(snapshotAt);
      const snap = sim.snapshot();
      sim.run();
      sim.restore(snap);
      sim.run();
    }
    return [runSummary(sim).traceHash, JSON.stringify(runSummary(sim).perWorld!.map((w) => [w.signals, w.alerts.length]))];
  } finally {
    sim.dispose();
  }
}

describe('determinism with sources, outages and versions', () => {
  it('same inputs, same hash', async () => {
    expect(await hashAfter()).toEqual(await hashAfter());
  });

  it('restore-and-continue mid-run gives the hash of a straight run', async () => {
    const straight = await hashAfter();
    expect(await hashAfter(50)).toEqual(straight);
  });

  it('the snapshot carries the sources’ state: restoring without it changes the outcome', async () => {
    const sim = await buildSimulation(loaded, { worlds: 3 });
    try {
      sim.run(50);
      const snap = sim.snapshot();
      expect(sim.spec.state.map((owner) => owner.name)).toContain('sources');
      sim.run();
      const straight = runSummary(sim).traceHash;
      const stale = sim.parts.sources!.arrays().map((a) => a.slice());
      sim.restore(snap);
      // Put back the end-of-run outage state, as a snapshot without sources would leave it.
      sim.parts.sources!.arrays().forEach((a, i) => a.set(stale[i]! as never));
      sim.run();
      expect(runSummary(sim).traceHash).not.toBe(straight);
    } finally {
      sim.dispose();
    }
  });

  it('a scenario without signals: builds no sources and no links', async () => {
    const sim = await buildSimulation(smallMania());
    try {
      expect(sim.parts.sources).toBeUndefined();
      expect(sim.parts.roles.every((r) => r.pipeline.links === undefined)).toBe(true);
    } finally {
      sim.dispose();
    }
  });
});

/**
 * Snapshots hold the full state (market, ledger, RNG streams, model weights and optimiser
 * moments, pending interventions, hashes): a run restored from a snapshot at tick t
 * finishes with the same hash as one that never stopped, whether it is the same
 * simulation rewound or a fresh one built from the same scenario.
 */
import { describe, expect, it } from 'vitest';
import { smallMania } from '../helpers/scenarios.ts';
import { buildSimulation, type BuildOptions } from '../../src/setup/build.ts';
import { runSummary } from '../../src/setup/summary.ts';
import type { LoadedScenario } from '../../src/setup/loader.ts';

// Tick 125: after the bug starts (100), between two retrainings (every 10 from 60), so
// the features, Adam moments and a half-way noise-trader state all matter.
const SNAPSHOT_TICK = 125;
const OPTIONS: BuildOptions = { seed: 4, worlds: 2, backend: 'wasm' };

function hashes(sim: { worlds: number; hashes: { hex(w: number): string } }): string[] {
  return Array.from({ length: sim.worlds }, (_, w) => sim.hashes.hex(w));
}

async function snapshotRun(loaded: LoadedScenario) {
  const sim = await buildSimulation(loaded, OPTIONS);
  try {
    sim.run(SNAPSHOT_TICK);
    // A queued intervention is part of the state too: it applies at the next tick.
    sim.intervene({ type: 'set-training', model: 'B', mode: 'static', world: 1 });
    const snapshot = sim.snapshot();
    sim.run();
    const straight = { hashes: hashes(sim), summary: runSummary(sim) };
    sim.restore(snapshot);
    expect(sim.tick).toBe(SNAPSHOT_TICK);
    sim.run();
    const rewound = { hashes: hashes(sim), summary: runSummary(sim) };
    return { snapshot, straight, rewound };
  } finally {
    sim.dispose();
  }
}

describe('snapshot and restore', () => {
  it('a simulation restored to tick t and run again finishes with the same hash', async () => {
    const { straight, rewound } = await snapshotRun(smallMania());
    expect(straight.hashes[0]).not.toBe(straight.hashes[1]);
    expect(rewound.hashes).toEqual(straight.hashes);
    expect(rewound.summary).toEqual(straight.summary);
  });

  it('a fresh simulation restored from the snapshot finishes with the same hash', async () => {
    const loaded = smallMania();
    const { snapshot, straight } = await snapshotRun(loaded);
    const fresh = await buildSimulation(loaded, OPTIONS);
    try {
      const unrestored = hashes(fresh);
      fresh.restore(snapshot);
      expect(fresh.tick).toBe(SNAPSHOT_TICK);
      fresh.run();
      expect(hashes(fresh)).toEqual(straight.hashes);
      expect(hashes(fresh)).not.toEqual(unrestored);
    } finally {
      fresh.dispose();
    }
  });

  it('the snapshot is a copy: running on after taking it does not change it', async () => {
    const sim = await buildSimulation(smallMania(), OPTIONS);
    try {
      sim.run(SNAPSHOT_TICK);
      const snapshot = sim.snapshot();
      const copy = structuredClone(snapshot);
      sim.run();
      expect(snapshot).toEqual(copy);
    } finally {
      sim.dispose();
    }
  });

  it('a fresh simulation restored from a snapshot reports the alerts raised before it', async () => {
    // A's scale bug from tick 0 with factor 1e308 overflows its warm-up standardization:
    // the first training (tick 59) produces NaN, the update is refused and an alert raised.
    const loaded = smallMania('models.A.bugs.0.factor=1e308', 'models.A.bugs.0.from=0');
    const sim = await buildSimulation(loaded, OPTIONS);
    const fresh = await buildSimulation(loaded, OPTIONS);
    try {
      sim.run(SNAPSHOT_TICK);
      const snapshot = sim.snapshot();
      sim.run();
      const straight = runSummary(sim);
      expect(straight.alerts.map((a) => [a.monitor, a.model, a.tick])).toContainEqual(['numerical', 'A', 59]);
      fresh.restore(snapshot);
      fresh.run();
      expect(hashes(fresh)).toEqual(hashes(sim));
      expect(runSummary(fresh).alerts).toEqual(straight.alerts);
    } finally {
      sim.dispose();
      fresh.dispose();
    }
  });
});

/**
 * The determinism contract holds for a universe with new listings, a multi-asset model
 * and offline serving: a snapshot carries the serving table and metrics (a restored run
 * ends with the same hash and summary), and world k of a W-world run equals a
 * single-world run with seed S + k.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/setup/loader.ts';
import { parseOverride } from '../../src/setup/overrides.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { runSummary } from '../../src/setup/summary.ts';
import { runToEnd, SMALL_UNIVERSE } from '../helpers/scenarios.ts';

const OFFLINE = ['models.A.inference.mode=offline', 'models.A.inference.refresh=15', 'models.A.inference.latency=4', 'models.A.inference.verify={ maxAbs: 2, maxShift: 0.5 }'];
const loaded = loadScenarioText(SMALL_UNIVERSE, 'universe.yaml', OFFLINE.map((s) => parseOverride(s)));

describe('universe, multi-asset model and offline serving', () => {
  it('a run restored from a snapshot at tick 42 (table pending, U005 listed) ends with the same hashes and summary', async () => {
    const sim = await buildSimulation(loaded, { seed: 5, worlds: 2 });
    try {
      sim.run(42);
      const snapshot = sim.snapshot();
      sim.run();
      const straight = { hashes: [sim.hashes.hex(0), sim.hashes.hex(1)], summary: runSummary(sim) };
      sim.restore(snapshot);
      sim.run();
      expect([sim.hashes.hex(0), sim.hashes.hex(1)]).toEqual(straight.hashes);
      expect(runSummary(sim)).toEqual(straight.summary);
    } finally {
      sim.dispose();
    }
  });

  it('world k of a 3-world run is bit-identical to a single run with seed S + k', async () => {
    const batched = await runToEnd(loaded, { seed: 10, worlds: 3 }, (sim) => [0, 1, 2].map((w) => sim.hashes.hex(w)));
    for (const k of [0, 1, 2]) {
      expect(await runToEnd(loaded, { seed: 10 + k, worlds: 1 }, (sim) => sim.hashes.hex(0))).toBe(batched[k]);
    }
  });
});

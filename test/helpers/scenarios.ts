/**
 * Small inline scenarios and run helpers shared by the spine's tests. The scenarios are
 * shrunk versions of the shipped lessons (short warm-up, few epochs) so a run takes well
 * under a second while still training, trading and retraining both models.
 */
import { loadScenarioText, type LoadedScenario } from '../../src/setup/loader.ts';
import { parseOverride } from '../../src/setup/overrides.ts';
import { buildSimulation, type BuildOptions } from '../../src/setup/build.ts';
import type { TulipSimulation as Simulation } from '../../src/setup/parts.ts';

/**
 * A small tulip mania: A reads a value estimate that turns into cents at tick 100 (scale
 * bug), B follows X's momentum; both retrain every 10 ticks. B is an MLP so both
 * architectures run; momentum traders are on so every kind of trader takes part.
 */
export const SMALL_MANIA = `title: Small mania
lesson: A shrunk tulip mania for tests; A's units bug starts at tick 100 and B follows momentum.
ticks: 200
seed: 7
market:
  impact: 0.0005
  assets:
    X: { initialPrice: 100 }
  traders:
    momentum: { enabled: true, window: 5 }
models:
  A:
    asset: X
    features:
      - { signal: value-ratio }
      - { signal: return, lag: 1 }
    training: { mode: dynamic, warmup: 60, warmupEpochs: 40, every: 10, window: 40, epochs: 5 }
    policy: { gain: 150, maxPosition: 300 }
    bugs:
      - { type: scale, feature: value-ratio, factor: 100, from: 100 }
  B:
    asset: X
    features:
      - { signal: momentum, window: 10 }
      - { signal: return, lag: 1 }
    architecture: { type: mlp, hidden: 4 }
    training: { mode: dynamic, warmup: 60, warmupEpochs: 40, every: 10, window: 40, epochs: 5 }
    policy: { gain: 300, maxPosition: 600 }
`;

/** SMALL_MANIA with `--set`-style overrides (`market.impact=0`), validated like a file. */
export function smallMania(...sets: string[]): LoadedScenario {
  return loadScenarioText(SMALL_MANIA, 'small-mania.yaml', sets.map((s) => parseOverride(s)));
}

/** Builds a simulation, runs it to the end, hands it to `read`, and always disposes it. */
export async function runToEnd<T>(loaded: LoadedScenario, options: BuildOptions, read: (sim: Simulation) => T): Promise<T> {
  const sim = await buildSimulation(loaded, options);
  try {
    sim.run();
    return read(sim);
  } finally {
    sim.dispose();
  }
}

/**
 * A small universe: six assets, four listed at tick 0 and two new listings (ticks 30 and
 * 50), scored and traded by one multi-asset model A (online, unlimited, by default).
 */
export const SMALL_UNIVERSE = `title: Universe
lesson: a small universe for tests
ticks: 80
seed: 3
market:
  assets: {}
  universe: { count: 6, listed: 4, listingFrom: 30, listingEvery: 20, ipoMispricing: 0.2 }
models:
  A:
    assets: all
    features: [{ signal: value-ratio }, { signal: momentum, window: 5 }]
    training: { warmup: 20, warmupEpochs: 20, every: 10, window: 20, epochs: 5 }
`;

/**
 * Small inline scenarios for the data-dependency tests: one model A (short warm-up, few
 * epochs) reading features from declared sources, so a run of ~80 ticks takes well
 * under a second.
 */
import { stringify } from 'yaml';
import { loadScenarioText, type LoadedScenario } from '../../src/setup/loader.ts';
import { buildSimulation, type BuildOptions } from '../../src/setup/build.ts';
import type { TulipSimulation as Simulation } from '../../src/setup/parts.ts';

export const TRAINING = { mode: 'dynamic', warmup: 30, warmupEpochs: 20, every: 10, window: 20, epochs: 3 };

export interface SmallScenario {
  signals?: Record<string, unknown>;
  features: Record<string, unknown>[];
  /** Target position per standard unit; 0 keeps A out of the market, so prices do not depend on its inputs. */
  gain?: number;
  ticks?: number;
  more?: Record<string, unknown>;
}

export function smallScenario(s: SmallScenario): LoadedScenario {
  const doc = {
    title: 'Signals test',
    lesson: 'A small scenario for the data-dependency tests.',
    ticks: s.ticks ?? 80,
    seed: 3,
    ...(s.signals ? { signals: s.signals } : {}),
    models: { A: { features: s.features, training: TRAINING, policy: { gain: s.gain ?? 150, maxPosition: 300 } } },
    ...s.more,
  };
  return loadScenarioText(stringify(doc), 'signals-test.yaml');
}

/** Builds, runs `each` after every tick, and always disposes. */
export async function stepThrough<T>(loaded: LoadedScenario, options: BuildOptions, each: (sim: Simulation, tick: number) => void, end: (sim: Simulation) => T): Promise<T> {
  const sim = await buildSimulation(loaded, options);
  try {
    while (!sim.done) {
      sim.step();
      each(sim, sim.tick - 1);
    }
    return end(sim);
  } finally {
    sim.dispose();
  }
}

/** Raw values of A's feature f per tick (world w). */
export async function rawSeries(loaded: LoadedScenario, f = 0, w = 0): Promise<number[]> {
  const out: number[] = [];
  await stepThrough(loaded, { worlds: w + 1 }, (sim, t) => out.push(sim.parts.roles[0]!.pipeline.raw.get(w, t, f)), () => undefined);
  return out;
}

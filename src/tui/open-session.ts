/**
 * Builds a Session for a scenario file: the simulation (recording per-tick records, which
 * the views read) and, when the scenario injects bugs, the counterfactual run beside it:
 * the same scenario and seeds with every bug forced off from tick 0.
 */
import { loadScenarioFile } from '../setup/loader.ts';
import { buildSimulation, type BuildOptions } from '../setup/build.ts';
import { Session } from './session.ts';

export interface OpenOptions extends Omit<BuildOptions, 'record'> {
  /** Scenario overrides, as `--set path=value`. */
  sets?: string[];
  /** Ticks between rewind snapshots. @default 25 */
  snapshotEvery?: number;
}

export async function openSession(file: string, options: OpenOptions = {}): Promise<Session> {
  const { sets = [], snapshotEvery, ...build } = options;
  const loaded = loadScenarioFile(file, sets);
  const sim = await buildSimulation(loaded, { ...build, record: true });
  const buggy = sim.parts.roles.filter((r) => r.pipeline.bugs.length > 0);
  let counterfactual;
  if (buggy.length > 0) {
    counterfactual = await buildSimulation(loaded, { ...build, onBackend: undefined, record: true });
    for (const role of buggy) counterfactual.intervene({ type: 'set-bug', model: role.name, on: false });
  }
  return new Session(sim, { title: loaded.config.title, lesson: loaded.config.lesson, counterfactual, snapshotEvery });
}

/**
 * `tulip run <scenario>`: one headless run, printed as tables or as one JSON object,
 * optionally written to a folder as summary.json and trace.jsonl.
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../scenario/loader.ts';
import { buildSimulation } from '../scenario/build.ts';
import { runSummary, type RunSummary } from '../engine/summary.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { BackendChoice } from '../models/backend.ts';
import { backendChoice, collect, DEFAULT_SCENARIO, resolveScenario, wholeNumber } from './options.ts';
import { formatSummary } from './format.ts';
import { writeFilesAtomically } from './write-atomic.ts';

export interface RunOptions {
  seed?: number;
  worlds: number;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  out?: string;
  json?: boolean;
}

export function addRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a scenario headless and print a summary')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one (e.g. tulip-mania)')
    .option('--seed <n>', 'seed of world 0 (world k has seed + k); default: the scenario’s', wholeNumber('--seed', 0))
    .option('--worlds <n>', 'worlds run in lockstep', wholeNumber('--worlds', 1, 100_000), 1)
    .option('--ticks <n>', 'ticks to run; default: the scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--set <path=value>', 'override a scenario field (repeatable), e.g. models.B.training.mode=static', collect, [])
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--out <dir>', 'write summary.json and trace.jsonl into this folder')
    .option('--json', 'print one JSON object instead of tables')
    .action(async (scenario: string, options: RunOptions) => {
      const summary = await runScenario(scenario, options);
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
    });
}

export async function runScenario(scenario: string, options: RunOptions): Promise<RunSummary> {
  const file = resolveScenario(scenario);
  const loaded = loadScenarioFile(file, options.set);
  const sim = await buildSimulation(loaded, {
    seed: options.seed,
    worlds: options.worlds,
    ticks: options.ticks,
    backend: options.backend,
    record: options.out !== undefined,
    onBackend: (note) => process.stderr.write(`${note}\n`),
  });
  try {
    sim.run();
    const summary = runSummary(sim);
    if (options.out) writeFilesAtomically(options.out, { 'summary.json': `${JSON.stringify(summary, null, 2)}\n`, 'trace.jsonl': traceLines(sim) });
    return summary;
  } finally {
    sim.dispose();
  }
}

/** trace.jsonl: a header line per world, then one record per tick per world. */
export function traceLines(sim: Simulation): string {
  const lines: string[] = [];
  for (let w = 0; w < sim.worlds; w++) lines.push(JSON.stringify({ type: 'header', world: w, ...sim.header(w), traceHash: sim.hashes.hex(w) }));
  for (const record of sim.records) lines.push(JSON.stringify({ type: 'tick', ...record }));
  return `${lines.join('\n')}\n`;
}

/** `tulip` with no command: the default scenario, headless. */
export async function runDefault(): Promise<void> {
  const summary = await runScenario(DEFAULT_SCENARIO, { worlds: 1, set: [], backend: 'auto' });
  process.stdout.write(`${formatSummary(summary)}\n\nRun \`tulip --help\` for the commands.\n`);
}

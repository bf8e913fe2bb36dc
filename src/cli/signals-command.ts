/**
 * `tulip signals <scenario>`: the signal catalogue (sources, owners, costs, versions,
 * outages, consumers — declared or not), the dependency graph with its loops, and per
 * model a collinearity report of its inputs from one run (skip it with --no-run).
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../setup/loader.ts';
import { buildSimulation } from '../setup/build.ts';
import type { BackendChoice } from '../models/backend.ts';
import { buildCatalog, formatCatalog } from '../signals/catalog.ts';
import { collinearity, formatCollinearity, type CollinearityReport } from '../signals/collinearity.ts';
import { featureColumns } from '../analysis/ablation.ts';
import { featureName } from '../config/naming.ts';
import { backendChoice, collect, resolveScenario, wholeNumber } from './options.ts';

interface SignalsOptions {
  seed?: number;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  run: boolean;
  json?: boolean;
}

export function addSignalsCommand(program: Command): void {
  program
    .command('signals')
    .description('print the signal catalogue, the dependency graph with its loops, and each model’s input collinearity')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one')
    .option('--seed <n>', 'seed of the run behind the collinearity report; default: the scenario’s', wholeNumber('--seed', 0))
    .option('--ticks <n>', 'ticks of that run; default: the scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--no-run', 'catalogue and graph only: skip the run behind the collinearity report')
    .option('--json', 'print one JSON object')
    .action(async (scenario: string, options: SignalsOptions) => {
      const loaded = loadScenarioFile(resolveScenario(scenario), options.set);
      const catalog = buildCatalog(loaded.config);
      const reports: Record<string, CollinearityReport> = {};
      if (options.run) {
        for (const [name, m] of Object.entries(loaded.config.models)) {
          if (!m.enabled || m.features.length < 2) continue;
          const sim = await buildSimulation(loaded, { seed: options.seed, ticks: options.ticks, backend: options.backend, onBackend: (note) => process.stderr.write(`${note}\n`) });
          try {
            const role = sim.parts.roles.find((r) => r.name === name)!;
            reports[name] = collinearity(m.features.map(featureName), featureColumns(sim, role));
          } finally {
            sim.dispose();
          }
        }
      }
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...catalog, collinearity: reports }, null, 2)}\n`);
        return;
      }
      const parts = [formatCatalog(catalog), ...Object.entries(reports).map(([name, r]) => formatCollinearity(name, r))];
      process.stdout.write(`${parts.join('\n\n')}\n`);
    });
}

/**
 * `tulip ablate <scenario> --model A`: reruns the scenario with each of A's features
 * removed, over the same seeds, and prints each feature's value (prediction error, PnL)
 * against its upkeep.
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../setup/loader.ts';
import { parseSeeds } from '../setup/expect.ts';
import type { BackendChoice } from '../models/backend.ts';
import { ablate, formatAblation } from '../analysis/ablation.ts';
import { backendChoice, collect, resolveScenario, UsageError, wholeNumber } from './options.ts';

interface AblateOptions {
  model: string;
  seeds: string;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  json?: boolean;
}

export function seedList(text: string): number[] {
  const ok = /^\d+\.\.\d+$/.test(text) || /^\d+(,\d+)*$/.test(text);
  const seeds = ok ? (text.includes('..') ? parseSeeds(text) : text.split(',').map(Number)) : [];
  if (seeds.length === 0) throw new UsageError(`--seeds must be a range such as 1..20 or a list such as 1,2,5, got ${JSON.stringify(text)}`);
  return seeds;
}

export function addAblateCommand(program: Command): void {
  program
    .command('ablate')
    .description('rerun a scenario with each feature of a model removed (same seeds) and weigh each feature’s value against its cost')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one')
    .requiredOption('--model <name>', 'the model whose features are removed one at a time')
    .option('--seeds <list>', 'seeds, as a range 1..20 or a list 1,2,5 (all run as worlds of one batched run)', '1..20')
    .option('--ticks <n>', 'ticks per run; default: the scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect, [])
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--json', 'print one JSON object')
    .action(async (scenario: string, options: AblateOptions) => {
      const loaded = loadScenarioFile(resolveScenario(scenario), options.set);
      const model = loaded.config.models[options.model];
      if (!model || !model.enabled) throw new UsageError(`--model: no enabled model ${JSON.stringify(options.model)}; models: ${Object.keys(loaded.config.models).join(', ')}`);
      let noted = false;
      const result = await ablate(loaded, options.model, seedList(options.seeds), {
        ticks: options.ticks,
        backend: options.backend,
        onBackend: (note) => {
          if (!noted) process.stderr.write(`${note}\n`);
          noted = true;
        },
      });
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatAblation(result)}\n`);
    });
}

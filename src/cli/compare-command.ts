/**
 * `tulip compare <scenario> --vary path=v1,v2 [--vary ...] [--seeds A..B] [--metrics ...]`:
 * every combination of the --vary values over the same seeds, one row per combination,
 * one "median [p25..p75]" cell per metric. The runs are `tulip sweep`'s, kept in memory
 * (src/sweep/compare.ts). See docs/compare.md.
 */
import type { Command } from 'commander';
import type { BackendChoice } from '../models/backend.ts';
import { parseSeedRange, parseVary } from '../sweep/plan.ts';
import { progressReporter, sweepUsage } from './sweep-command.ts';
import { backendChoice, collect, resolveScenario, UsageError, wholeNumber, bankChoice, BANK_HELP, withBank, type BankChoice } from './options.ts';
import { planWorkers, workersLine, WORKERS_HELP } from './workers.ts';
import { checkRowCount } from './sweep-command.ts';

const FORMATS = ['table', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface CompareCommandOptions {
  vary: string[];
  seeds?: string;
  metrics?: string;
  model?: string;
  set: string[];
  bank?: BankChoice;
  ticks?: number;
  backend: BackendChoice;
  workers?: number;
  format: Format;
}

function formatChoice(text: string): Format {
  if (!(FORMATS as readonly string[]).includes(text)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(text)}`);
  return text as Format;
}

/** `a,b, c` -> [a, b, c], each once, in the order given. */
export function metricList(text: string): string[] {
  const names = text.split(',').map((m) => m.trim());
  if (names.some((m) => !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(m))) {
    throw new UsageError(`--metrics must be dotted summary fields separated by commas (e.g. models.A.pnl,assets.X.peakDeviation), got ${JSON.stringify(text)}`);
  }
  return [...new Set(names)];
}

/** Bold headers only on a terminal, and never with NO_COLOR set (https://no-color.org). */
function colourWanted(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

export function addCompareCommand(program: Command): void {
  program
    .command('compare')
    .description('run every combination of --vary values over the same seeds and print one table: median [p25..p75] of each metric (docs/compare.md)')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one')
    .option('--vary <path=v1,v2,...>', 'a scenario field and its values (repeatable: every combination runs, first --vary slowest)', collect, [])
    .option('--seeds <A..B>', "seeds, inclusive (e.g. 1..20), or one seed; default: the scenario's expect.seeds, else 1..20")
    .option('--metrics <list>', 'dotted summary fields, comma-separated (default: the model’s PnL, prediction error, serving coverage, staleness, compute cost, and its asset’s peak deviation)')
    .option('--model <name>', 'the model whose default metrics are shown (default: the model of the first --vary models.<M>..., else the first enabled model)')
    .option('--set <path=value>', 'override a scenario field in every combination (repeatable)', collect, [])
    .option('--ticks <n>', "ticks per run; default: the scenario's", wholeNumber('--ticks', 1, 1_000_000))
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--bank <name>', BANK_HELP, bankChoice)
    .option('--workers <n>', WORKERS_HELP, wholeNumber('--workers', 1, 256))
    .option('--format <f>', 'table (aligned text), csv or json', formatChoice, 'table')
    .action(async (scenario: string, options: CompareCommandOptions) => {
      const plan = await sweepUsage(() => ({
        seeds: options.seeds === undefined ? undefined : parseSeedRange(options.seeds),
        vary: options.vary.map(parseVary),
        metrics: options.metrics === undefined ? undefined : metricList(options.metrics),
      }));
      if (plan.seeds) checkRowCount(plan.seeds, plan.vary);
      const { runCompare } = await import('../sweep/compare.ts');
      const { compareCsv, compareJson, formatCompareTable } = await import('../sweep/compare-format.ts');
      const progress = progressReporter('compare');
      const workers = planWorkers(options.workers, (await import('../sweep/run.ts')).CHUNK_DEFAULT);
      try {
        const result = await sweepUsage(() =>
          runCompare({
            scenarioFile: resolveScenario(scenario),
            seeds: plan.seeds,
            vary: plan.vary,
            sets: withBank(options.set, options.bank),
            metrics: plan.metrics,
            model: options.model,
            ticks: options.ticks,
            backend: options.backend,
            workers: workers.workers,
            onWorkers: (ran) => process.stderr.write(workersLine(workers, ran)),
            onBackend: (note) => process.stderr.write(`${note}\n`),
            onProgress: progress.report,
          }),
        );
        progress.end();
        if (options.format === 'csv') process.stdout.write(compareCsv(result));
        else if (options.format === 'json') process.stdout.write(compareJson(result));
        else process.stdout.write(`${formatCompareTable(result, { colour: colourWanted() })}\n`);
      } finally {
        progress.end();
      }
    });
}

/**
 * `tulip sweep <scenario> --seeds A..B [--vary path=v1,v2]... --out DIR`: one summary row
 * per world (seed x variant) as sweep.csv and sweep.arrow, plus manifest.json; sharding
 * for batch engines (--shard i/n, --shard-from-env), worker threads, resume. The progress
 * clock lives here (src/sweep is deterministic). See docs/sweeps.md.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import type { BackendChoice } from '../models/backend.ts';
import { SweepError } from '../sweep/errors.ts';
import { MAX_ROWS, parseSeedRange, parseShard, parseVary, shardFromEnv, type Shard, type VaryAxis } from '../sweep/plan.ts';
import { checkOutputDir } from './output-path.ts';
import { lockSweepOut } from './sweep-lock.ts';
import type { SweepProgress } from '../sweep/run.ts';
import { backendChoice, collect, resolveScenario, UsageError, wholeNumber, bankChoice, BANK_HELP, withBank, type BankChoice } from './options.ts';
import { planWorkers, workersLine, WORKERS_HELP } from './workers.ts';

interface SweepCommandOptions {
  seeds: string;
  vary: string[];
  set: string[];
  bank?: BankChoice;
  ticks?: number;
  backend: BackendChoice;
  workers?: number;
  shard?: string;
  shardFromEnv?: boolean;
  chunk: number;
  out: string;
}

/** Runs `action`, turning a SweepError into a UsageError (one message, exit 2, no stack trace). */
export async function sweepUsage<T>(action: () => Promise<T> | T): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof SweepError) throw new UsageError(err.message);
    throw err;
  }
}

function shardOf(options: SweepCommandOptions): Shard & { source?: string } {
  if (options.shard !== undefined && options.shardFromEnv) throw new SweepError('give --shard i/n or --shard-from-env, not both');
  if (options.shardFromEnv) return shardFromEnv(process.env);
  return options.shard === undefined ? { index: 0, count: 1 } : parseShard(options.shard);
}

/** Progress on stderr: a redrawn bar on a terminal, a plain line (`label: ...`) at most every few seconds otherwise. */
export function progressReporter(label = 'sweep'): { report: (p: SweepProgress) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  const intervalMs = Number(process.env.TULIP_PROGRESS_SECONDS ?? (tty ? 0.25 : 10)) * 1000;
  let last: SweepProgress | undefined;
  let printedAt = 0;
  let format: typeof import('../sweep/progress.ts') | undefined;
  const draw = (force: boolean): void => {
    if (!last || !format) return;
    const now = Date.now();
    if (!force && now - printedAt < intervalMs) return;
    printedAt = now;
    const elapsed = (now - started) / 1000;
    if (tty) process.stderr.write(`\r${format.progressBar(last, elapsed)}\x1b[K`);
    else process.stderr.write(`${format.progressLine(last, elapsed, label)}\n`);
  };
  void import('../sweep/progress.ts').then((m) => (format = m));
  // The clock's own ticks redraw whatever happened (rate and ETA move on; a log sees the run is alive).
  const timer = setInterval(() => draw(true), tty ? 1000 : intervalMs);
  timer.unref();
  return {
    report: (p) => {
      if (!last && p.rowsResumed > 0) process.stderr.write(`resuming: ${p.rowsResumed} of ${p.rowsTotal} rows found in earlier chunk files\n`);
      last = p;
      draw(p.rowsDone === p.rowsTotal);
    },
    end: () => {
      clearInterval(timer);
      if (tty && last) process.stderr.write('\n');
      last = undefined;
    },
  };
}

export function addSweepCommand(program: Command): void {
  program
    .command('sweep')
    .description('run a scenario over many seeds (x --vary values): one summary row per world as CSV + Arrow (docs/sweeps.md)')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one')
    .requiredOption('--seeds <A..B>', 'seeds to run, inclusive (e.g. 1..1000), or one seed')
    .option('--vary <path=v1,v2,...>', 'a scenario field and the values to sweep it over (repeatable: the grid is every combination)', collect, [])
    .option('--set <path=value>', 'override a scenario field for every world (repeatable)', collect, [])
    .option('--ticks <n>', "ticks per run; default: the scenario's", wholeNumber('--ticks', 1, 1_000_000))
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--bank <name>', BANK_HELP, bankChoice)
    .option('--workers <n>', WORKERS_HELP, wholeNumber('--workers', 1, 256))
    .option('--shard <i/n>', 'do only shard i of n (0-based) of the rows; combine shards with tulip merge')
    .option('--shard-from-env', 'take the shard from JOB_COMPLETION_INDEX/JOB_COMPLETIONS (Kubernetes) or SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT (Slurm)')
    .option('--chunk <n>', 'worlds per batched simulation (bounds memory)', wholeNumber('--chunk', 1, 100_000), 500)
    .requiredOption('--out <dir>', 'folder for sweep.csv, sweep.arrow, manifest.json and chunks/ (rerun the same command to resume)')
    .action(async (scenario: string, options: SweepCommandOptions) => {
      const started = Date.now();
      const plan = await sweepUsage(() => ({ seeds: parseSeedRange(options.seeds), vary: options.vary.map(parseVary), shard: shardOf(options) }));
      checkRowCount(plan.seeds, plan.vary);
      checkOutputDir('--out', options.out);
      const release = lockSweepOut(options.out);
      if (plan.shard.source) process.stderr.write(`shard ${plan.shard.index}/${plan.shard.count} (${plan.shard.source})\n`);
      const { runSweep } = await import('../sweep/run.ts');
      const progress = progressReporter();
      const workers = planWorkers(options.workers, options.chunk);
      try {
        const result = await sweepUsage(() =>
          runSweep({
            scenarioFile: resolveScenario(scenario),
            seeds: plan.seeds,
            vary: plan.vary,
            sets: withBank(options.set, options.bank),
            ticks: options.ticks,
            backend: options.backend,
            workers: workers.workers,
            onWorkers: (ran) => process.stderr.write(workersLine(workers, ran)),
            shard: { index: plan.shard.index, count: plan.shard.count },
            chunk: options.chunk,
            out: options.out,
            onBackend: (note) => process.stderr.write(`${note}\n`),
            onProgress: progress.report,
          }),
        );
        progress.end();
        const m = result.manifest;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        const shard = m.shard.count > 1 ? `, shard ${m.shard.index}/${m.shard.count}` : '';
        process.stdout.write(
          `wrote ${join(options.out, m.files.csv)}, ${join(options.out, m.files.arrow)}, ${join(options.out, 'manifest.json')}: ${m.rows} rows (${result.computed} computed, ${result.resumed} resumed${shard}) in ${seconds} s\n`,
        );
      } finally {
        progress.end();
        release();
      }
    });
}

/** Seeds x variants against the row limit, counted before any list of seeds is built. */
export function checkRowCount(seeds: { first: number; last: number }, vary: VaryAxis[]): void {
  const variants = vary.reduce((n, axis) => n * axis.values.length, 1);
  const rows = (seeds.last - seeds.first + 1) * variants;
  if (rows > MAX_ROWS) {
    throw new UsageError(`--seeds ${seeds.first}..${seeds.last}${vary.length ? ` x ${variants} --vary combinations` : ''} is ${rows} rows, more than ${MAX_ROWS}; split the sweep (e.g. into --shard i/n runs or smaller --seeds ranges)`);
  }
}

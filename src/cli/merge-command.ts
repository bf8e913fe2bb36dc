/**
 * `tulip merge DIR... --out DIR`: shard folders of one sweep -> one folder, checking that
 * they cover the sweep exactly once (see src/sweep/merge.ts and docs/sweeps.md).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { sweepUsage } from './sweep-command.ts';
import { checkOutputDir } from './output-path.ts';

export function addMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('combine the --out folders of sweep shards into one, checking every row is there exactly once')
    .argument('<dir...>', 'folders written by tulip sweep --shard i/n')
    .requiredOption('--out <dir>', 'folder for the merged sweep.csv, sweep.arrow and manifest.json')
    .action(async (dirs: string[], options: { out: string }) => {
      checkOutputDir('--out', options.out);
      const { mergeSweeps } = await import('../sweep/merge.ts');
      const m = await sweepUsage(() => mergeSweeps(dirs, options.out));
      process.stdout.write(`merged ${dirs.length} folder${dirs.length === 1 ? '' : 's'} into ${join(options.out, m.files.csv)}, ${join(options.out, m.files.arrow)}, ${join(options.out, 'manifest.json')}: ${m.rows} rows\n`);
    });
}

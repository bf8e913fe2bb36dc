/**
 * `tulip schema`: the JSON Schema of scenario files, for editor completion.
 */
import type { Command } from 'commander';
import { scenarioJsonSchema } from '../config/schema.ts';
import { writeFilesAtomically } from './write-atomic.ts';
import { checkOutputFile } from './output-path.ts';
import { basename, dirname } from 'node:path';

export function addSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print (or write) the JSON Schema of scenario files')
    .option('--out <file>', 'write it to this file')
    .action((options: { out?: string }) => {
      if (options.out !== undefined) checkOutputFile('--out', options.out);
      const text = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
      if (options.out) writeFilesAtomically(dirname(options.out), { [basename(options.out)]: text });
      else process.stdout.write(text);
    });
}

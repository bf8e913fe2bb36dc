/**
 * The `tulip` command line. Every user mistake ends here as one clear message on
 * stderr and exit code 2, without a stack trace; a failed `check` exits 1.
 */
import { Command, CommanderError } from 'commander';
import { ScenarioError } from '../config/errors.ts';
import { BackendError } from '../models/backend.ts';
import { UsageError } from './options.ts';
import { VERSION } from '../core/version.ts';
import { addRunCommand, runDefault } from './run-command.ts';
import { addCheckCommand } from './check-command.ts';
import { addSchemaCommand } from './schema-command.ts';
import { addMonitorsCommand } from './monitors-command.ts';
import { addReportCommand } from './report-command.ts';
import { addExportCommand } from './export-command.ts';
import { addTuiCommand, runTui, TUI_DEFAULTS } from './tui-command.ts';
import { addSignalsCommand } from './signals-command.ts';
import { addAblateCommand } from './ablate-command.ts';
import { addCounterfactualCommand } from './counterfactual-command.ts';
import { addEvalCommand } from './eval-command.ts';
import { addCalibrateCommand } from './calibrate-command.ts';
import { addSweepCommand } from './sweep-command.ts';
import { addMergeCommand } from './merge-command.ts';
import { addCompareCommand } from './compare-command.ts';
import { addFactsCommand } from './facts-command.ts';

export const EXIT_USAGE = 2;

function buildProgram(): Command {
  const program = new Command('tulip')
    .description('Simulate ML models trading a synthetic market; watch feedback loops amplify errors.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  addRunCommand(program);
  addCheckCommand(program);
  addSchemaCommand(program);
  addMonitorsCommand(program);
  addReportCommand(program);
  addExportCommand(program);
  addTuiCommand(program);
  addSignalsCommand(program);
  addAblateCommand(program);
  addCounterfactualCommand(program);
  addEvalCommand(program);
  addCalibrateCommand(program);
  addSweepCommand(program);
  addMergeCommand(program);
  addCompareCommand(program);
  addFactsCommand(program);
  // No command: the UI with the scenario picker in a terminal; headless anywhere else (CI, a pipe).
  program.action(async () => (process.stdin.isTTY && process.stdout.isTTY ? runTui(undefined, TUI_DEFAULTS) : runDefault()));
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof ScenarioError || err instanceof UsageError || err instanceof BackendError) {
      process.stderr.write(`tulip: ${err.message}\n`);
      return EXIT_USAGE;
    }
    const e = err as Error;
    process.stderr.write(`tulip: internal error: ${e.message}\n${process.env.TULIP_DEBUG ? `${e.stack}\n` : '(set TULIP_DEBUG=1 for the stack trace)\n'}`);
    return 1;
  }
}

process.exitCode = await main(process.argv);

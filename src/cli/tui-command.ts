/**
 * `tulip tui [scenario]`: the terminal UI (src/tui). Without a scenario it opens the
 * picker. When stdin or stdout is not a terminal (CI, a pipe) it runs the scenario
 * headless instead and prints the summary, exit 0: there is nobody to watch, and ink's
 * raw mode needs a terminal.
 */
import type { Command } from 'commander';
import { SPEEDS } from '../tui/state.ts';
import { addScenarioRunOptions } from './options.ts';
import type { TuiOptions } from './tui-options.ts';

export { TUI_DEFAULTS, type TuiOptions } from './tui-options.ts';


export function addTuiCommand(program: Command): void {
  const command = program
    .command('tui')
    .description('open the terminal UI: watch a scenario run, intervene, rewind (no scenario: a picker)')
    .argument('[scenario]', 'a scenario file, or the name of a shipped one (e.g. tulip-mania)');
  addScenarioRunOptions(command, { max: 200, help: 'worlds run in lockstep (a fan chart when more than 1; at most 200, as the UI keeps every tick of every world)' })
    .option('--speed <ticks-per-second>', `starting speed: ${SPEEDS.filter(Number.isFinite).join(', ')} or max`)
    .option('--paused', 'start paused')
    .option('--counterfactual', 'show the counterfactual line (same seed, bugs off) from the start')
    .option('--out <dir>', 'on quit, write summary.json and trace.jsonl (replayable with `tulip run --replay`) here')
    .action(async (scenario: string | undefined, options: TuiOptions) => runTui(scenario, options));
}

export async function runTui(scenario: string | undefined, options: TuiOptions): Promise<void> {
  // ink draws nothing until exit when it believes it runs in CI (CI or CONTINUOUS_INTEGRATION
  // set); on a real terminal a person is watching, so it must draw. ink reads these when
  // it loads, which is just below.
  if (process.stdin.isTTY && process.stdout.isTTY) {
    delete process.env.CI;
    delete process.env.CONTINUOUS_INTEGRATION;
    // React's production build: the development one checks every render and costs the
    // screen frames. React reads this when it loads, which is just below.
    process.env.NODE_ENV ??= 'production';
  }
  const { runTuiNow } = await import('./tui-run.ts');
  return runTuiNow(scenario, options);
}

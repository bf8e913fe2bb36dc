/**
 * `tulip tui [scenario]`: the terminal UI (src/tui). Without a scenario it opens the
 * picker. When stdin or stdout is not a terminal (CI, a pipe) it runs the scenario
 * headless instead and prints the summary, exit 0: there is nobody to watch, and ink's
 * raw mode needs a terminal.
 */
import type { Command } from 'commander';
import { createElement } from 'react';
import { render } from 'ink';
import { TulipApp, type Opened } from '../tui/app.tsx';
import { openSession } from '../tui/open-session.ts';
import { SessionClient } from '../tui/session-client.ts';
import { sessionReport } from '../tui/session-report.ts';
import { loadScenarioFile } from '../scenario/loader.ts';
import { scenarioEntries } from '../tui/scenarios.ts';
import { FrameCounter } from '../tui/frame-counter.ts';
import { themeFor } from '../tui/theme.ts';
import { speedIndexOf, SPEEDS } from '../tui/state.ts';
import type { BackendChoice } from '../models/backend.ts';
import { backendChoice, collect, DEFAULT_SCENARIO, resolveScenario, shippedScenarios, UsageError, wholeNumber } from './options.ts';
import { runScenario } from './run-command.ts';
import { formatSummary } from './format.ts';

export interface TuiOptions {
  seed?: number;
  worlds: number;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  speed?: string;
  paused?: boolean;
  counterfactual?: boolean;
  out?: string;
}

export const TUI_DEFAULTS: TuiOptions = { worlds: 1, set: [], backend: 'auto' };

// Alternate screen: the UI gets the whole terminal and the shell's screen comes back on exit.
const ENTER_ALT_SCREEN = '\x1b[?1049h';
const LEAVE_ALT_SCREEN = '\x1b[?1049l';

export function addTuiCommand(program: Command): void {
  program
    .command('tui')
    .description('open the terminal UI: watch a scenario run, intervene, rewind (no scenario: a picker)')
    .argument('[scenario]', 'a scenario file, or the name of a shipped one (e.g. tulip-mania)')
    .option('--seed <n>', 'seed of world 0 (world k has seed + k); default: the scenario’s', wholeNumber('--seed', 0))
    .option('--worlds <n>', 'worlds run in lockstep (a fan chart when more than 1; at most 200, as the UI keeps every tick of every world)', wholeNumber('--worlds', 1, 200), 1)
    .option('--ticks <n>', 'ticks to run; default: the scenario’s', wholeNumber('--ticks', 1, 1_000_000))
    .option('--set <path=value>', 'override a scenario field (repeatable), e.g. models.B.training.mode=static', collect, [])
    .option('--backend <name>', 'tfjs backend: auto, tensorflow, wasm or cpu', backendChoice, 'auto')
    .option('--speed <ticks-per-second>', `starting speed: ${SPEEDS.filter(Number.isFinite).join(', ')} or max`)
    .option('--paused', 'start paused')
    .option('--counterfactual', 'show the counterfactual line (same seed, bugs off) from the start')
    .option('--out <dir>', 'on quit, write summary.json and trace.jsonl (replayable with `tulip run --replay`) here')
    .action(async (scenario: string | undefined, options: TuiOptions) => runTui(scenario, options));
}

export async function runTui(scenario: string | undefined, options: TuiOptions): Promise<void> {
  const speedIndex = options.speed === undefined ? undefined : speedIndexOf(options.speed);
  if (options.speed !== undefined && speedIndex === undefined) throw new UsageError(`--speed must be one of ${SPEEDS.filter(Number.isFinite).join(', ')} or max, got ${JSON.stringify(options.speed)}`);
  if (!process.stdin.isTTY || !process.stdout.isTTY) return runHeadless(scenario ?? DEFAULT_SCENARIO, options);

  const theme = themeFor();
  const build = { seed: options.seed, worlds: options.worlds, ticks: options.ticks, backend: options.backend, sets: options.set };
  // TULIP_TUI_THREAD=main steps the simulation in the UI thread (a fallback, and for profiling).
  const inWorker = process.env.TULIP_TUI_THREAD !== 'main';
  let backendNote: string | undefined;
  const open = async (file: string): Promise<Opened> => {
    // Read the file here first, so a bad scenario is reported as usual, before any worker starts.
    loadScenarioFile(file, options.set);
    if (!inWorker) return { kind: 'local', session: await openSession(file, { ...build, onBackend: (note) => (backendNote = note) }) };
    const client = await SessionClient.open(file, build, theme);
    backendNote = client.backendNote;
    return { kind: 'worker', client };
  };
  // Open the session before taking over the screen, so a failure is a plain error message.
  let opened: Opened | undefined = scenario === undefined ? undefined : await open(resolveScenario(scenario));
  const frames = new FrameCounter();
  const restoreScreen = () => process.stdout.write(LEAVE_ALT_SCREEN);
  process.stdout.write(ENTER_ALT_SCREEN);
  process.once('exit', restoreScreen);
  const app = render(
    createElement(TulipApp, {
      opened,
      entries: opened ? undefined : scenarioEntries(shippedScenarios()),
      open,
      onOpened: (o: Opened) => (opened = o),
      theme,
      frames,
      paused: options.paused,
      speedIndex,
      counterfactual: options.counterfactual,
    }),
    { exitOnCtrlC: true, patchConsole: true, maxFps: 30, onRender: frames.frame },
  );
  const stop = () => app.unmount();
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);
  try {
    await app.waitUntilExit();
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGHUP', stop);
    process.off('exit', restoreScreen);
    restoreScreen();
  }
  if (backendNote) process.stderr.write(`${backendNote}\n`);
  if (!opened) return;
  let lines: string[];
  if (opened.kind === 'worker') lines = await opened.client.finish(options.out);
  else {
    try {
      lines = sessionReport(opened.session, options.out);
    } finally {
      opened.session.dispose();
    }
  }
  const stats = frames.summary();
  if (stats) lines.push(`while simulating (${stats.seconds} s): ${stats.fpsMean.toFixed(1)} fps mean, ${stats.fpsMin.toFixed(1)} fps min, ${stats.ticksPerSecondMean.toFixed(0)} ticks/s mean`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runHeadless(scenario: string, options: TuiOptions): Promise<void> {
  process.stderr.write('tulip tui: not a terminal, running headless\n');
  const summary = await runScenario(scenario, { seed: options.seed, worlds: options.worlds, ticks: options.ticks, set: options.set, backend: options.backend, out: options.out });
  process.stdout.write(`${formatSummary(summary)}\n`);
}

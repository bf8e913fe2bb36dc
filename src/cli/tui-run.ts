/**
 * The terminal UI's start-up, loaded only when the UI opens: ink, react and the views
 * are not loaded for every other command (see tui-command.ts).
 */
import { createElement } from 'react';
import { render } from 'ink';
import { TulipApp, type Opened } from '../tui/app.tsx';
import { openSession } from '../tui/open-session.ts';
import { SessionClient } from '../tui/session-client.ts';
import { sessionReport } from '../tui/session-report.ts';
import { loadScenarioFile } from '../setup/loader.ts';
import { scenarioEntries } from '../tui/scenarios.ts';
import { FrameCounter } from '../tui/frame-counter.ts';
import { warmUpDrawing } from '../tui/warm-up.ts';
import { themeFor } from '../tui/theme.ts';
import { withBank } from './options.ts';
import { speedIndexOf, SPEEDS } from '../tui/state.ts';
import { DEFAULT_SCENARIO, resolveScenario, shippedScenarios, UsageError } from './options.ts';
import { runScenario } from './run-command.ts';
import { formatSummary } from './format.ts';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, type TuiOptions } from './tui-options.ts';

export async function runTuiNow(scenario: string | undefined, options: TuiOptions): Promise<void> {
  const speedIndex = options.speed === undefined ? undefined : speedIndexOf(options.speed);
  if (options.speed !== undefined && speedIndex === undefined) throw new UsageError(`--speed must be one of ${SPEEDS.filter(Number.isFinite).join(', ')} or max, got ${JSON.stringify(options.speed)}`);
  if (!process.stdin.isTTY || !process.stdout.isTTY) return runHeadless(scenario ?? DEFAULT_SCENARIO, options);

  const theme = themeFor();
  const build = { seed: options.seed, worlds: options.worlds, ticks: options.ticks, backend: options.backend, sets: withBank(options.set, options.bank) };
  // TULIP_TUI_THREAD=main steps the simulation in the UI thread (a fallback, and for profiling).
  const inWorker = process.env.TULIP_TUI_THREAD !== 'main';
  let backendNote: string | undefined;
  const open = async (file: string): Promise<Opened> => {
    // Read the file here first, so a bad scenario is reported as usual, before any worker starts.
    loadScenarioFile(file, withBank(options.set, options.bank));
    if (!inWorker) return { kind: 'local', session: await openSession(file, { ...build, onBackend: (note) => (backendNote = note) }) };
    const client = await SessionClient.open(file, build, theme);
    backendNote = client.backendNote;
    return { kind: 'worker', client };
  };
  // Open the session before taking over the screen, so a failure is a plain error message.
  // While the worker opens it, the drawing code is compiled by drawing off screen (warm-up.ts).
  // Best effort: a failed warm-up only means a slower first second.
  const warmUp = warmUpDrawing(theme, process.stdout.columns ?? 80, process.stdout.rows ?? 24).catch(() => undefined);
  let opened: Opened | undefined = scenario === undefined ? undefined : await open(resolveScenario(scenario));
  await warmUp;
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
  if (stats) lines.push(`while simulating (${stats.seconds} s): ${stats.fpsMean.toFixed(1)} fps mean, ${stats.fpsMin.toFixed(1)} fps min (the second ending at tick ${stats.slowestAtTick}), ${stats.ticksPerSecondMean.toFixed(0)} ticks/s mean`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runHeadless(scenario: string, options: TuiOptions): Promise<void> {
  process.stderr.write('tulip tui: not a terminal, running headless\n');
  const summary = await runScenario(scenario, { seed: options.seed, worlds: options.worlds, ticks: options.ticks, set: options.set, backend: options.backend, out: options.out, ...(options.bank ? { bank: options.bank } : {}) });
  process.stdout.write(`${formatSummary(summary)}\n`);
}

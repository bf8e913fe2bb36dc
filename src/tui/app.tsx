/**
 * The terminal UI's root: the scenario picker, then the dashboard of one session, with the
 * simulation either in this thread (SessionApp: tests) or in a worker (WorkerSessionApp:
 * `tulip tui`, so that long ticks never freeze the screen).
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { Box, Text, useApp, useInput, useStdin } from 'ink';
import type { Session } from './session.ts';
import type { SessionClient } from './session-client.ts';
import { initialState, reducer } from './state.ts';
import { pickerReducer } from './picker-state.ts';
import type { ScenarioEntry } from './scenarios.ts';
import type { FrameCounter } from './frame-counter.ts';
import { useSimulationLoop } from './use-simulation-loop.ts';
import { runCommand, useTuiKeys } from './use-tui-keys.ts';
import { keyPresses } from './key-chunks.ts';
import { useBusyIndicator } from './use-busy-indicator.ts';
import { useTerminalSize, type TerminalSize } from './use-terminal-size.ts';
import { dashboardData, type DashboardData } from './view-model.ts';
import type { Theme } from './theme.ts';
import { Dashboard } from './components/dashboard.tsx';
import { Picker } from './components/picker.tsx';

export interface CommonProps {
  theme: Theme;
  /** Counts frames (ink's onRender feeds it) and keeps fps and ticks/s samples. */
  frames: FrameCounter;
  /** Start paused (tests step with `n`). @default false */
  paused?: boolean;
  /** Index into SPEEDS to start at. */
  speedIndex?: number;
  /** Show the counterfactual line from the start. @default false */
  counterfactual?: boolean;
  /** A fixed terminal size instead of the real one (tests). */
  size?: TerminalSize;
  /** The wall clock (injected so tests can control it). @default performance.now */
  now?: () => number;
}

const wallClock = () => performance.now();

export interface SessionAppProps extends CommonProps {
  session: Session;
}

/** The dashboard with the simulation stepped in this thread, between frames. */
export function SessionApp({ session, theme, frames, paused, speedIndex, counterfactual, size, now = wallClock }: SessionAppProps) {
  const limits = { models: session.sim.parts.roles.length, assets: session.sim.parts.market.assets, worlds: session.sim.worlds };
  const [state, dispatch] = useReducer(reducer, { limits, paused, speedIndex, counterfactual }, initialState);
  const { columns, rows } = useTerminalSize(size);
  useSimulationLoop(session, state, dispatch, frames, { now });
  useTuiKeys((command, s) => runCommand(session, command, s), state, dispatch, { hasCounterfactual: session.counterfactual !== undefined, isDone: () => session.sim.done });
  return <Dashboard data={dashboardData(session, state, columns, rows, theme)} state={state} theme={theme} />;
}

export interface WorkerSessionAppProps extends CommonProps {
  client: SessionClient;
}

/** The dashboard of a session running in the simulation worker: this thread only draws. */
export function WorkerSessionApp({ client, theme, frames, paused, speedIndex, counterfactual, size, now = wallClock }: WorkerSessionAppProps) {
  const [state, dispatch] = useReducer(reducer, { limits: client.limits, paused, speedIndex, counterfactual }, initialState);
  const { columns, rows } = useTerminalSize(size);
  const [data, setData] = useState<DashboardData | undefined>(client.data);
  useEffect(() => client.onData(setData), [client]);
  const [failure, setFailure] = useState(client.failure);
  useEffect(() => client.onFailure(setFailure), [client]);
  const { paused: p, speedIndex: sp, model, asset, world, counterfactual: cf, help, monitorScroll, lessonExpanded } = state;
  // Sent when what the worker needs changes (not on every stats or notice update).
  useEffect(() => client.sync({ state, columns, rows }), [client, p, sp, model, asset, world, cf, help, monitorScroll, lessonExpanded, columns, rows]);
  useWorkerStats(client, frames, dispatch);
  // A goal (]) runs even while paused; the run is over when the data says done.
  const busy = useBusyIndicator(client, (!state.paused || data?.status[0] === '» forward') && data?.done !== true, now);
  useTuiKeys((command, s) => client.command(command, s), state, dispatch, { hasCounterfactual: client.hasCounterfactual, isDone: () => client.data?.done ?? false });
  if (failure) return <Text color={theme.critical}>The simulation worker failed: {failure}. Press q to quit.</Text>;
  if (!data) return <Text>Starting {client.title}…</Text>;
  // Data laid out for the old size would wrap on the new one: wait for the worker's redraw.
  if (data.columns !== columns || data.rows !== rows) return <Text>Resizing to {columns}x{rows}…</Text>;
  return <Dashboard data={data} state={state} theme={theme} busy={busy} />;
}

/** Samples fps (frames drawn here) and ticks/s (ticks the worker ran) once a second. */
function useWorkerStats(client: SessionClient, frames: FrameCounter, dispatch: (a: { type: 'stats'; stats: { fps: number; ticksPerSecond: number } }) => void): void {
  const lastTicks = useRef(0);
  useEffect(() => {
    let started = false;
    return client.onData((data) => {
      if (started) return;
      started = true;
      frames.restart(data.ticksRun);
      lastTicks.current = data.ticksRun;
    });
  }, [client, frames]);
  useEffect(() => {
    const timer = setInterval(() => {
      const ticks = client.data?.ticksRun ?? 0;
      // A second in which the run reached its end was partly idle: not a simulating second.
      const sample = frames.sample(ticks, ticks > lastTicks.current && client.data?.done !== true);
      lastTicks.current = ticks;
      if (sample) dispatch({ type: 'stats', stats: { fps: sample.fps, ticksPerSecond: sample.ticksPerSecond } });
    }, 1000);
    return () => clearInterval(timer);
  }, [client, frames, dispatch]);
}

/** A session, opened in this thread or in the worker. */
export type Opened = { kind: 'local'; session: Session } | { kind: 'worker'; client: SessionClient };

export interface TulipAppProps extends CommonProps {
  /** A session to show at once; without it the picker is shown. */
  opened?: Opened;
  /** The scenarios the picker offers. */
  entries?: ScenarioEntry[];
  /** Opens a picked scenario file. */
  open?: (file: string) => Promise<Opened>;
  /** Told about the session once there is one (the command reports on it at exit). */
  onOpened?: (opened: Opened) => void;
}

export function TulipApp(props: TulipAppProps) {
  const [opened, setOpened] = useState(props.opened);
  if (opened?.kind === 'local') return <SessionApp {...props} session={opened.session} />;
  if (opened?.kind === 'worker') return <WorkerSessionApp {...props} client={opened.client} />;
  return <PickerApp {...props} onPicked={setOpened} />;
}

function PickerApp({ entries = [], open, onOpened, onPicked, theme, size }: TulipAppProps & { onPicked: (o: Opened) => void }) {
  const [state, dispatch] = useReducer(pickerReducer, { selected: 0, count: entries.length });
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize(size);
  const choose = useCallback(
    (entry: ScenarioEntry) => {
      if (!open || entry.error) return;
      dispatch({ type: 'opening', file: entry.file });
      open(entry.file).then(
        (o) => {
          onOpened?.(o);
          onPicked(o);
        },
        (err: Error) => dispatch({ type: 'failed', error: err.message.split('\n')[0] ?? String(err) }),
      );
    },
    [open, onOpened, onPicked],
  );
  // As in useTuiKeys: ink swaps in a new handler only after the render's effects run, so
  // the handler reads the newest state through a ref, not its closure.
  const stateRef = useRef(state);
  stateRef.current = state;
  // Moves in one burst of keys each see the one before: the reducer is applied here too.
  const move = (delta: 1 | -1) => {
    stateRef.current = pickerReducer(stateRef.current, { type: 'move', delta });
    dispatch({ type: 'move', delta });
  };
  useInput(
    (input, key) => {
      for (const { input: ch, key: k } of keyPresses(input, key)) {
        if (ch === 'q' || (k.ctrl && ch === 'c')) return exit();
        if (k.upArrow || ch === 'k') move(-1);
        else if (k.downArrow || ch === 'j') move(1);
        else if (k.return) {
          const entry = entries[stateRef.current.selected];
          if (entry) choose(entry);
          return;
        }
      }
    },
    { isActive: isRawModeSupported === true && state.opening === undefined },
  );
  return (
    <Box flexDirection="column">
      <Picker entries={entries} selected={state.selected} width={Math.max(20, columns - 1)} rows={rows} theme={theme} />
      {state.opening ? <Text>Opening {state.opening}…</Text> : null}
      {state.error ? <Text color={theme.critical}>{state.error}</Text> : null}
    </Box>
  );
}

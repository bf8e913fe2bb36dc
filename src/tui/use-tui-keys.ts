/**
 * Keys -> intents -> the reducer or the session. Input is only read when stdin is a
 * terminal: ink's raw mode throws on a pipe, and there is nobody to press keys anyway.
 */
import { useRef, type Dispatch } from 'react';
import { useApp, useInput, useStdin } from 'ink';
import { keyToIntent, type SimCommand } from './keys.ts';
import { keyPresses, type KeyPress } from './key-chunks.ts';
import type { Session } from './session.ts';
import { reducer, type TuiAction, type TuiState } from './state.ts';

/** Runs one simulation command against the session; returns the notice to show. */
export function runCommand(session: Session, command: SimCommand, state: TuiState): string {
  switch (command) {
    case 'step':
      return session.step() ? `stepped to tick ${session.sim.tick}` : 'at the end of the run';
    case 'toggle-bug':
      return session.toggleBug(state.model, state.world);
    case 'toggle-training':
      return session.toggleTraining(state.model, state.world);
    case 'rollback':
      return session.rollback(state.model, state.world);
    case 'rewind':
      return session.rewind();
    case 'forward':
      return session.forward();
  }
}

/** Runs a simulation command where the simulation is (here, or in the worker) and returns the notice. */
export type CommandRunner = (command: SimCommand, state: TuiState) => string | Promise<string>;

export interface KeyContext {
  /** Whether the scenario has bugs, so a counterfactual line exists. */
  hasCounterfactual: boolean;
  /** Whether the run has reached its last tick (space then has nothing to resume). */
  isDone: () => boolean;
}

/** The UI state as keys change it: read the newest, apply an action. */
export interface KeyTarget {
  state: () => TuiState;
  apply: (action: TuiAction) => void;
}

/**
 * Applies one key press: the reducer for UI intents, the session for simulation
 * commands. Returns 'quit' for q and Ctrl-C.
 */
export function applyKey(press: KeyPress, target: KeyTarget, run: CommandRunner, context: KeyContext): 'quit' | undefined {
  const { apply } = target;
  const intent = keyToIntent(press.input, press.key);
  if (intent?.kind === 'quit') return 'quit';
  // On the help screen any other key just closes it.
  if (target.state().help) return void apply({ type: 'toggle-help' });
  if (!intent) return undefined;
  if (intent.kind === 'ui') {
    const type = intent.action.type;
    if (type === 'toggle-counterfactual' && !context.hasCounterfactual) return void apply({ type: 'notice', text: 'no injected bugs here: no counterfactual line to draw' });
    if (type === 'toggle-pause' && context.isDone()) return void apply({ type: 'notice', text: 'the run is over: [ rewinds, q quits' });
    return void apply(intent.action);
  }
  // Stepping or rewinding means the user wants to look: stop the clock first, so the
  // command carries the paused state and the simulation does not run on meanwhile.
  if (intent.command === 'step' || intent.command === 'rewind') apply({ type: 'pause' });
  const notice = run(intent.command, target.state());
  if (typeof notice === 'string') apply({ type: 'sim-changed', notice });
  else void notice.then((text) => apply({ type: 'sim-changed', notice: text }));
  return undefined;
}

export function useTuiKeys(run: CommandRunner, state: TuiState, dispatch: Dispatch<TuiAction>, context: KeyContext): void {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  // The state as the keys have changed it so far. ink re-subscribes the handler only after
  // React renders, and a burst of keys arrives in one call: each key must see what the
  // keys before it did (tab then s changes the next model), so every action is applied
  // to this copy with the same pure reducer as well as dispatched. React's state is the
  // same reducer over the same actions, and replaces this copy on each render.
  const stateRef = useRef(state);
  stateRef.current = state;
  const target: KeyTarget = {
    state: () => stateRef.current,
    apply: (action) => {
      stateRef.current = reducer(stateRef.current, action);
      dispatch(action);
    },
  };
  useInput(
    (input, key) => {
      for (const press of keyPresses(input, key)) {
        if (applyKey(press, target, run, context) === 'quit') return exit();
      }
    },
    { isActive: isRawModeSupported === true },
  );
}

/**
 * Keys -> intents -> the reducer or the session. Input is only read when stdin is a
 * terminal: ink's raw mode throws on a pipe, and there is nobody to press keys anyway.
 */
import { useRef, type Dispatch } from 'react';
import { useApp, useInput, useStdin, type Key } from 'ink';
import { keyToIntent, type SimCommand } from './keys.ts';
import type { Session } from './session.ts';
import type { TuiAction, TuiState } from './state.ts';

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

export function useTuiKeys(run: CommandRunner, state: TuiState, dispatch: Dispatch<TuiAction>, hasCounterfactual: boolean): void {
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  // ink re-subscribes the handler in an effect, after the render; keys that arrive in
  // between would see the previous selection. The ref is current as soon as React renders.
  const stateRef = useRef(state);
  stateRef.current = state;
  const handle = (input: string, key: Key) => {
    const state = stateRef.current;
    const intent = keyToIntent(input, key);
    if (intent?.kind === 'quit') return exit();
    // On the help screen any other key just closes it.
    if (state.help) return dispatch({ type: 'toggle-help' });
    if (!intent) return;
    if (intent.kind === 'ui' && intent.action.type === 'toggle-counterfactual' && !hasCounterfactual) {
      return dispatch({ type: 'notice', text: 'no injected bugs here: no counterfactual line to draw' });
    }
    if (intent.kind === 'ui') return dispatch(intent.action);
    // Stepping or rewinding means the user wants to look: stop the clock.
    if (intent.command === 'step' || intent.command === 'rewind') dispatch({ type: 'pause' });
    const notice = run(intent.command, state);
    if (typeof notice === 'string') dispatch({ type: 'sim-changed', notice });
    else void notice.then((text) => dispatch({ type: 'sim-changed', notice: text }));
  };
  useInput(
    (input, key) => {
      // Keys typed faster than stdin is read (or pasted, or sent by tmux send-keys) arrive
      // as one string; each character is its own command.
      if (input.length > 1 && !key.ctrl && !key.meta) for (const ch of input) handle(ch, {} as Key);
      else handle(input, key);
    },
    { isActive: isRawModeSupported === true },
  );
}

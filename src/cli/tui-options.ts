/**
 * The options of `tulip tui`, shared by the command (tui-command.ts) and the code that
 * opens the UI (tui-run.ts), which is loaded only when a terminal is there.
 */
import type { BackendChoice } from '../models/backend.ts';
import type { BankChoice } from './options.ts';

export interface TuiOptions {
  seed?: number;
  worlds: number;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  bank?: BankChoice;
  speed?: string;
  paused?: boolean;
  counterfactual?: boolean;
  out?: string;
}

export const TUI_DEFAULTS: TuiOptions = { worlds: 1, set: [], backend: 'auto' };

// Alternate screen: the UI gets the whole terminal and the shell's screen comes back on exit.
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';


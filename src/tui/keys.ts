/**
 * Keys -> intents, as a pure function: what each key means, testable without a terminal.
 * UI intents go to the reducer (state.ts); simulation commands go to the Session.
 */
import type { TuiAction } from './state.ts';

/** Commands that change the simulation (each becomes a recorded intervention or a rewind). */
export type SimCommand = 'step' | 'toggle-bug' | 'toggle-training' | 'rollback' | 'rewind' | 'forward';

export type Intent = { kind: 'ui'; action: TuiAction } | { kind: 'sim'; command: SimCommand } | { kind: 'quit' };

/** The subset of ink's `Key` that the mapping reads. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  return?: boolean;
  backspace?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  escape?: boolean;
}

const ui = (action: TuiAction): Intent => ({ kind: 'ui', action });
const sim = (command: SimCommand): Intent => ({ kind: 'sim', command });

/** The help screen's table: key, what it does. */
export const KEY_HELP: readonly [string, string][] = [
  ['space', 'pause / resume'],
  ['n or →', 'step one tick'],
  ['+ / -', 'faster / slower'],
  ['tab', 'select the next model'],
  ['b', "toggle the selected model's bug"],
  ['s', 'switch the selected model static / dynamic training'],
  ['r', 'roll the selected model back to its previous version'],
  ['c', 'show / hide the counterfactual line (same seed, bugs off)'],
  ['[ / ]', 'rewind / forward by snapshots'],
  ['m', 'scroll the monitors panel (when some are hidden: "+N more")'],
  ['l', 'expand / shrink the lesson text'],
  ['1-9', 'select an asset'],
  [', / .', 'focus the previous / next world (with --worlds N)'],
  ['?', 'help (this screen); any key closes it'],
  ['q', 'quit (Ctrl-C too)'],
];

export function keyToIntent(input: string, key: KeyInfo): Intent | undefined {
  if (input === 'q' || (key.ctrl && input === 'c')) return { kind: 'quit' };
  if (key.rightArrow || input === 'n') return sim('step');
  if (key.tab) return ui({ type: 'next-model' });
  switch (input) {
    case ' ':
      return ui({ type: 'toggle-pause' });
    case '+':
    case '=':
      return ui({ type: 'speed', delta: 1 });
    case '-':
    case '_':
      return ui({ type: 'speed', delta: -1 });
    case 'b':
      return sim('toggle-bug');
    case 's':
      return sim('toggle-training');
    case 'r':
      return sim('rollback');
    case 'c':
      return ui({ type: 'toggle-counterfactual' });
    case '[':
      return sim('rewind');
    case ']':
      return sim('forward');
    case ',':
    case '<':
      return ui({ type: 'focus-world', delta: -1 });
    case '.':
    case '>':
      return ui({ type: 'focus-world', delta: 1 });
    case 'm':
      return ui({ type: 'scroll-monitors' });
    case 'l':
      return ui({ type: 'toggle-lesson' });
    case '?':
    case 'h':
      return ui({ type: 'toggle-help' });
  }
  if (/^[1-9]$/.test(input)) return ui({ type: 'select-asset', asset: Number(input) - 1 });
  return undefined;
}

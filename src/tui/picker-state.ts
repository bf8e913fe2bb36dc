/**
 * The scenario picker's state: which entry is highlighted, and whether one is opening.
 */

export interface PickerState {
  selected: number;
  count: number;
  /** The file being opened, while the simulation is built. */
  opening?: string;
  error?: string;
}

export type PickerAction = { type: 'move'; delta: 1 | -1 } | { type: 'opening'; file: string } | { type: 'failed'; error: string };

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'move':
      return state.count === 0 ? state : { ...state, selected: (state.selected + action.delta + state.count) % state.count, error: undefined };
    case 'opening':
      return { ...state, opening: action.file, error: undefined };
    case 'failed':
      return { ...state, opening: undefined, error: action.error };
  }
}

/** Lines the picker draws above the list (title, key hint) and below it (the "more" line, a status line). */
const PICKER_CHROME = 4;
/** Lines per entry: its title, then its summary. */
const ENTRY_LINES = 2;

/**
 * The entries that fit in `rows` terminal rows, scrolled so the highlighted one is on
 * screen (kept near the middle once the list is longer than the screen).
 */
export function pickerWindow(count: number, selected: number, rows: number): { from: number; to: number } {
  // One row stays free: ink redraws the whole screen when its output fills the terminal.
  const fit = Math.max(1, Math.floor((rows - 1 - PICKER_CHROME) / ENTRY_LINES));
  if (count <= fit) return { from: 0, to: count };
  const from = Math.max(0, Math.min(count - fit, selected - Math.floor(fit / 2)));
  return { from, to: from + fit };
}

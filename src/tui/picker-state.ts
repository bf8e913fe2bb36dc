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

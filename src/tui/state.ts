/**
 * The terminal UI's own state (what is selected, paused, shown) as a reducer over a typed
 * action union. The simulation is not in here: it is mutable and lives in a Session
 * (session.ts); this state only records that it changed (`revision`), so React redraws.
 */

/** Simulation speeds, in ticks per second; Infinity means as fast as the frame budget allows. */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200, 500, Infinity] as const;

/** Index into SPEEDS of the default speed (20 ticks/s: tulip-mania's 600 ticks in 30 s). */
export const DEFAULT_SPEED_INDEX = 4;

export interface TuiStats {
  /** Frames written to the terminal per second, over the last second. */
  fps: number;
  /** Simulation ticks per second, over the last second. */
  ticksPerSecond: number;
}

export interface TuiState {
  paused: boolean;
  /** Index into SPEEDS. */
  speedIndex: number;
  /** Selected model role (index into the simulation's roles): `b`, `s` and `r` act on it. */
  model: number;
  /** Selected asset (index into the market's symbols): the chart shows it. */
  asset: number;
  /** The focused world: its lines are drawn on top of the fan chart, its numbers in the tables. */
  world: number;
  /** Whether the counterfactual line (same seed, bugs off) is drawn. */
  counterfactual: boolean;
  help: boolean;
  /** Monitors scrolled past at the top of the monitors panel (`m`); wraps around in the view. */
  monitorScroll: number;
  /** Whether the lesson panel shows the whole lesson (`l`) rather than the lines that fit. */
  lessonExpanded: boolean;
  /** One line of feedback on the last command. */
  notice?: string;
  /** Bumped whenever the simulation changed, so views re-read it. */
  revision: number;
  stats: TuiStats;
  /** How many models, assets and worlds there are, so selections stay in range. */
  limits: { models: number; assets: number; worlds: number };
}

export type TuiAction =
  | { type: 'toggle-pause' }
  | { type: 'pause' }
  | { type: 'speed'; delta: 1 | -1 }
  | { type: 'next-model' }
  | { type: 'select-asset'; asset: number }
  | { type: 'focus-world'; delta: 1 | -1 }
  | { type: 'toggle-counterfactual' }
  | { type: 'toggle-help' }
  | { type: 'scroll-monitors' }
  | { type: 'toggle-lesson' }
  | { type: 'notice'; text: string }
  | { type: 'sim-changed'; notice?: string }
  | { type: 'stats'; stats: TuiStats };

export interface InitialStateOptions {
  limits: TuiState['limits'];
  paused?: boolean;
  speedIndex?: number;
  counterfactual?: boolean;
}

export function initialState(options: InitialStateOptions): TuiState {
  return {
    paused: options.paused ?? false,
    speedIndex: options.speedIndex ?? DEFAULT_SPEED_INDEX,
    model: 0,
    asset: 0,
    world: 0,
    counterfactual: options.counterfactual ?? false,
    help: false,
    monitorScroll: 0,
    lessonExpanded: false,
    revision: 0,
    stats: { fps: 0, ticksPerSecond: 0 },
    limits: options.limits,
  };
}

const wrap = (i: number, n: number) => (n <= 0 ? 0 : ((i % n) + n) % n);

export function reducer(state: TuiState, action: TuiAction): TuiState {
  switch (action.type) {
    case 'toggle-pause':
      return { ...state, paused: !state.paused, notice: state.paused ? 'running' : 'paused' };
    case 'pause':
      return state.paused ? state : { ...state, paused: true };
    case 'speed': {
      const speedIndex = Math.min(SPEEDS.length - 1, Math.max(0, state.speedIndex + action.delta));
      return { ...state, speedIndex, notice: `speed ${speedLabel(speedIndex)}` };
    }
    case 'next-model':
      return { ...state, model: wrap(state.model + 1, state.limits.models) };
    case 'select-asset':
      if (action.asset < 0 || action.asset >= state.limits.assets) return { ...state, notice: `no asset ${action.asset + 1} (there are ${state.limits.assets})` };
      return { ...state, asset: action.asset };
    case 'focus-world':
      return { ...state, world: wrap(state.world + action.delta, state.limits.worlds) };
    case 'toggle-counterfactual':
      return { ...state, counterfactual: !state.counterfactual };
    case 'toggle-help':
      return { ...state, help: !state.help };
    case 'scroll-monitors':
      return { ...state, monitorScroll: state.monitorScroll + 1 };
    case 'toggle-lesson':
      return { ...state, lessonExpanded: !state.lessonExpanded };
    case 'notice':
      return { ...state, notice: action.text };
    case 'sim-changed':
      return { ...state, revision: state.revision + 1, notice: action.notice ?? state.notice };
    case 'stats':
      return { ...state, stats: action.stats };
  }
}

export function speedLabel(speedIndex: number): string {
  const speed = SPEEDS[speedIndex]!;
  return Number.isFinite(speed) ? `${speed} t/s` : 'max';
}

/** The SPEEDS index for a --speed option value (a number of ticks per second, or `max`). */
export function speedIndexOf(text: string): number | undefined {
  if (text === 'max') return SPEEDS.length - 1;
  const i = SPEEDS.indexOf(Number(text) as (typeof SPEEDS)[number]);
  return i < 0 ? undefined : i;
}

/**
 * Messages between the terminal UI (main thread) and the simulation worker. The worker
 * owns the Session and computes what the dashboard draws (DashboardData); the main thread
 * owns the UI state and the terminal. Only plain data crosses: structured clone.
 */
import type { OpenOptions } from './open-session.ts';
import type { TuiState } from './state.ts';
import type { SimCommand } from './keys.ts';
import type { DashboardData } from './view-model.ts';
import type { Theme } from './theme.ts';

/** What the worker needs to know of the UI to step and to lay out the dashboard. */
export interface UiSync {
  state: TuiState;
  columns: number;
  rows: number;
}

export type ToWorker =
  | { type: 'open'; file: string; options: Omit<OpenOptions, 'onBackend'>; theme: Theme }
  | { type: 'ui'; ui: UiSync }
  | { type: 'command'; id: number; command: SimCommand; state: TuiState }
  | { type: 'finish'; id: number; out?: string };

export type FromWorker =
  | { type: 'opened'; title: string; limits: TuiState['limits']; hasCounterfactual: boolean; backendNote?: string }
  | { type: 'failed'; name: string; message: string }
  | { type: 'data'; data: DashboardData }
  | { type: 'reply'; id: number; text: string }
  | { type: 'finished'; id: number; lines: string[] };

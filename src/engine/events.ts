/**
 * Events: what happens in a run besides the numbers. Interventions come from outside
 * (a user's key press, a replayed trace, later a monitor's action); alerts come from
 * inside. Both are recorded in the trace at their tick and extend its hash.
 */

/** A change a user (or a replayed trace) makes to a running simulation. */
export type Intervention =
  | { type: 'set-bug'; model: string; on: boolean; world?: number }
  | { type: 'set-training'; model: string; mode: 'static' | 'dynamic'; world?: number }
  | { type: 'halt'; model: string; on?: boolean; world?: number };

export interface Alert {
  /** Which monitor raised it (`numerical` for the engine's own checks). */
  monitor: string;
  severity: 'info' | 'warning' | 'critical';
  model?: string;
  message: string;
}

export type SimEvent =
  | { tick: number; world: number; type: 'intervention'; intervention: Intervention }
  | { tick: number; world: number; type: 'alert'; alert: Alert };

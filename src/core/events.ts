/**
 * Events: what happens in a run besides the numbers. Interventions come from outside
 * (a user's key press, a replayed trace, later a monitor's action); alerts come from
 * inside. Both are recorded in the trace at their tick and extend its hash.
 */

/**
 * A change a user, a replayed trace or a monitor rule makes to a running simulation.
 * `reason` says who asked (e.g. `rule: loop-a-b`); absent for a user's own action.
 */
export type Intervention = (
  | { type: 'set-bug'; model: string; on: boolean; world?: number }
  | { type: 'set-training'; model: string; mode: 'static' | 'dynamic'; world?: number }
  | { type: 'halt'; model: string; on?: boolean; world?: number }
  /** Serve the model's previous registered version again (weights and optimiser state); a no-op where there is none. */
  | { type: 'rollback'; model: string; world?: number }
  /** Serve and train a feature as its training mean (`on: false` lifts the quarantine). */
  | { type: 'quarantine'; model: string; feature: string; on?: boolean; world?: number }
  /** Serve a feature from an earlier upstream version (default: the one before the version served now). */
  | { type: 'pin-version'; model: string; feature: string; version?: number; world?: number }
) & { reason?: string };

export interface Alert {
  /** Which monitor raised it (`numerical` for the engine's own checks). */
  monitor: string;
  severity: 'info' | 'warning' | 'critical';
  model?: string;
  message: string;
  /** The monitor's statistic and threshold when it alarmed. */
  statistic?: number;
  threshold?: number;
  evidence?: Record<string, number | string>;
}

export type SimEvent =
  | { tick: number; world: number; type: 'intervention'; intervention: Intervention }
  | { tick: number; world: number; type: 'alert'; alert: Alert };

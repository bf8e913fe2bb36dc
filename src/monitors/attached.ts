/**
 * The monitors of one simulation: the runner, a view per world, and the scenario's
 * rules that turn alerts into actions (interventions applied at the next tick).
 */
import type { RuleConfig } from '../config/schema.ts';
import type { Intervention } from '../core/events.ts';
import type { MonitorAlert } from './monitor.ts';
import type { MonitorRunner } from './runner.ts';
import type { MonitorView } from './monitor.ts';

/** A world's view whose tick the watch phase moves on. */
export interface TickedView extends MonitorView {
  tick: number;
}

export class AttachedMonitors {
  /** Rules already fired, per rule and world (for `once`). */
  private fired: Uint8Array[];

  constructor(
    readonly runner: MonitorRunner,
    readonly views: TickedView[],
    readonly rules: readonly RuleConfig[],
  ) {
    this.fired = rules.map(() => new Uint8Array(views.length));
  }

  actionsFor(alert: MonitorAlert): Intervention[] {
    const actions: Intervention[] = [];
    // A monitor that failed has measured nothing: its rules wait for a real alarm.
    if (alert.failed) return actions;
    this.rules.forEach((rule, i) => {
      if (rule.when !== alert.monitor) return;
      if (rule.once && this.fired[i]![alert.world]) return;
      this.fired[i]![alert.world] = 1;
      const base = { model: rule.model, world: alert.world, reason: `rule: ${rule.when} -> ${rule.do}` };
      if (rule.do === 'rollback') actions.push({ type: 'rollback', ...base });
      else if (rule.do === 'halt') actions.push({ type: 'halt', ...base });
      else if (rule.do === 'freeze-training') actions.push({ type: 'set-training', mode: 'static', ...base });
      else if (rule.do === 'pin-version') actions.push({ type: 'pin-version', feature: rule.feature!, ...(rule.version === undefined ? {} : { version: rule.version }), ...base });
      else actions.push({ type: 'quarantine', feature: rule.feature!, ...base });
    });
    return actions;
  }

  snapshot(): unknown {
    return { runner: this.runner.snapshot(), fired: this.fired.map((f) => f.slice()) };
  }

  restore(saved: unknown): void {
    const s = saved as { runner: unknown; fired: Uint8Array[] };
    this.runner.restore(s.runner);
    this.fired = s.fired.map((f) => f.slice());
  }
}

/**
 * Runs the scenario's monitors over every world: one monitor instance per world, and
 * around each the alarm logic every monitor shares (documented defaults in the schema):
 *
 * - warm-up: no alarm before tick `warmup`;
 * - debounce: the statistic must be past its threshold `debounce` ticks in a row;
 * - cool-down: after an alarm, no new alarm for `cooldown` ticks;
 * - reset-after-alarm: optionally, the monitor forgets its state after an alarm.
 *
 * Every tick each monitor's reading is kept (`last`), so users can tune thresholds from
 * the statistic's actual values.
 */
import type { Monitor, MonitorAlert, MonitorReading, MonitorView } from './monitor.ts';
import { ScenarioError } from '../config/errors.ts';

export interface MonitorSettings {
  name: string;
  severity: 'info' | 'warning' | 'critical';
  warmup: number;
  debounce: number;
  cooldown: number;
  resetAfterAlarm: boolean;
}

interface AlarmState {
  streak: number;
  quietUntil: number;
}

export class MonitorRunner {
  /** The last reading of each monitor in each world ([monitor][world]). */
  readonly last: (MonitorReading | undefined)[][];
  private alarms: AlarmState[][];

  constructor(
    readonly settings: readonly MonitorSettings[],
    /** instances[m][w]: monitor m's instance for world w. */
    readonly instances: readonly (readonly Monitor[])[],
  ) {
    this.last = settings.map(() => instances[0]?.map(() => undefined) ?? []);
    this.alarms = settings.map((_, m) => instances[m]!.map(() => ({ streak: 0, quietUntil: 0 })));
  }

  /** Reads every monitor for one world; returns the alerts raised this tick. */
  observeWorld(view: MonitorView): MonitorAlert[] {
    const alerts: MonitorAlert[] = [];
    const w = view.world;
    this.settings.forEach((s, m) => {
      const monitor = this.instances[m]![w]!;
      const reading = monitor.observe(view);
      if (typeof reading.threshold !== 'number') throw thresholdMissing(s.name, reading.threshold);
      this.last[m]![w] = reading;
      const state = this.alarms[m]![w]!;
      const beyond = isBeyond(reading);
      state.streak = beyond ? state.streak + 1 : 0;
      if (!beyond || view.tick < s.warmup || view.tick < state.quietUntil || state.streak < s.debounce) return;
      alerts.push({
        monitor: s.name,
        severity: s.severity,
        world: w,
        tick: view.tick,
        statistic: reading.statistic,
        threshold: reading.threshold,
        message: reading.message ?? `statistic ${reading.statistic.toPrecision(3)} ${reading.direction === 'below' ? '<' : '>'} threshold ${reading.threshold}`,
        evidence: reading.evidence ?? {},
      });
      state.quietUntil = view.tick + s.cooldown + 1;
      state.streak = 0;
      if (s.resetAfterAlarm) monitor.reset?.();
    });
    return alerts;
  }

  snapshot(): unknown {
    return {
      alarms: structuredClone(this.alarms),
      last: structuredClone(this.last),
      states: this.instances.map((byWorld) => byWorld.map((m) => (m.state ? structuredClone(m.state()) : undefined))),
    };
  }

  restore(saved: unknown): void {
    const s = saved as { alarms: AlarmState[][]; last: (MonitorReading | undefined)[][]; states: unknown[][] };
    this.alarms = structuredClone(s.alarms);
    s.last.forEach((row, m) => row.forEach((r, w) => (this.last[m]![w] = r)));
    this.instances.forEach((byWorld, m) => byWorld.forEach((mon, w) => mon.restore?.(structuredClone(s.states[m]![w]))));
  }
}

/** A reading without a numeric threshold could never alarm: say so instead of staying silent. */
function thresholdMissing(name: string, threshold: unknown): ScenarioError {
  return new ScenarioError('monitors', [{ path: name, message: `observe() returned threshold ${String(threshold)}; a reading needs a numeric threshold (is an option the monitor reads its threshold from missing?)` }]);
}

export function isBeyond(r: MonitorReading): boolean {
  if (!Number.isFinite(r.statistic)) return false;
  return r.direction === 'below' ? r.statistic < r.threshold : r.statistic > r.threshold;
}

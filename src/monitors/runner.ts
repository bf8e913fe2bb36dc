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
 * the statistic's actual values. A statistic of +/-Infinity is past any threshold (an
 * alarm, never skipped); NaN means "no value yet". A monitor that throws, or returns
 * anything but numbers, raises a critical alert naming it (and its file) and is switched
 * off in that world: one broken monitor must not stop the run or go quiet unnoticed.
 */
import type { Monitor, MonitorAlert, MonitorReading, MonitorView } from './monitor.ts';

export interface MonitorSettings {
  name: string;
  severity: 'info' | 'warning' | 'critical';
  warmup: number;
  debounce: number;
  cooldown: number;
  resetAfterAlarm: boolean;
  /** A custom monitor's module file, named when it fails. */
  file?: string;
}

interface AlarmState {
  streak: number;
  quietUntil: number;
}

export class MonitorRunner {
  /** The last reading of each monitor in each world ([monitor][world]). */
  readonly last: (MonitorReading | undefined)[][];
  private alarms: AlarmState[][];
  /** off[m][w]: monitor m failed in world w and is switched off there. */
  private off: boolean[][];

  constructor(
    readonly settings: readonly MonitorSettings[],
    /** instances[m][w]: monitor m's instance for world w. */
    readonly instances: readonly (readonly Monitor[])[],
  ) {
    this.last = settings.map(() => instances[0]?.map(() => undefined) ?? []);
    this.alarms = settings.map((_, m) => instances[m]!.map(() => ({ streak: 0, quietUntil: 0 })));
    this.off = settings.map((_, m) => instances[m]!.map(() => false));
  }

  /** Monitor m's reading in world w, or the failure alert that switches it off there. */
  private read(m: number, view: MonitorView): MonitorReading | MonitorAlert {
    const s = this.settings[m]!;
    let problem: string;
    try {
      const reading = this.instances[m]![view.world]!.observe(view);
      problem = readingProblem(reading);
      if (problem === '') return reading;
    } catch (err) {
      problem = `threw ${err instanceof Error ? err.message : String(err)}`;
    }
    this.off[m]![view.world] = true;
    const who = `monitor ${s.name}${s.file ? ` (${s.file})` : ''}`;
    return { monitor: s.name, severity: 'critical', world: view.world, tick: view.tick, statistic: Number.NaN, threshold: Number.NaN, message: `${who} failed at tick ${view.tick}: ${problem}; it is switched off in this world`, evidence: {}, failed: true };
  }

  /** Reads every monitor for one world; returns the alerts raised this tick. */
  observeWorld(view: MonitorView): MonitorAlert[] {
    const alerts: MonitorAlert[] = [];
    const w = view.world;
    this.settings.forEach((s, m) => {
      if (this.off[m]![w]) return;
      const monitor = this.instances[m]![w]!;
      const reading = this.read(m, view);
      if ('monitor' in reading) {
        alerts.push(reading);
        this.last[m]![w] = undefined;
        return;
      }
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
      off: structuredClone(this.off),
      last: structuredClone(this.last),
      states: this.instances.map((byWorld) => byWorld.map((m) => (m.state ? structuredClone(m.state()) : undefined))),
    };
  }

  restore(saved: unknown): void {
    const s = saved as { alarms: AlarmState[][]; off?: boolean[][]; last: (MonitorReading | undefined)[][]; states: unknown[][] };
    this.alarms = structuredClone(s.alarms);
    if (s.off) this.off = structuredClone(s.off);
    s.last.forEach((row, m) => row.forEach((r, w) => (this.last[m]![w] = r)));
    this.instances.forEach((byWorld, m) => byWorld.forEach((mon, w) => mon.restore?.(structuredClone(s.states[m]![w]))));
  }
}

/** Why a reading cannot be used ('' when it can): the statistic and threshold must be numbers. */
function readingProblem(reading: unknown): string {
  if (reading === null || typeof reading !== 'object') return `returned ${reading === undefined ? 'undefined' : JSON.stringify(reading)} instead of { statistic, threshold }`;
  const r = reading as Record<string, unknown>;
  if (typeof r.statistic !== 'number') return `returned statistic ${JSON.stringify(r.statistic) ?? 'undefined'}; a statistic must be a number`;
  if (typeof r.threshold !== 'number') return `returned threshold ${JSON.stringify(r.threshold) ?? 'undefined'}; a threshold must be a number (is an option the monitor reads its threshold from missing?)`;
  return '';
}

/** Past the threshold: +/-Infinity always is (a runaway statistic alarms); NaN never is (no value yet). */
export function isBeyond(r: MonitorReading): boolean {
  if (Number.isNaN(r.statistic)) return false;
  if (!Number.isFinite(r.statistic)) return true;
  return r.direction === 'below' ? r.statistic < r.threshold : r.statistic > r.threshold;
}

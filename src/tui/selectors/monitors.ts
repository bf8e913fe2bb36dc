/**
 * The monitors panel: each monitor's statistic against its threshold, judged in the
 * monitor's own direction (a p-value breaches when it falls *below* its threshold),
 * scrolled by `m` when not all fit, and the latest alerts.
 */
import type { Alert, SimEvent } from '../../core/events.ts';
import type { TulipSimulation as Simulation } from '../../setup/parts.ts';
import { recordAt } from '../record-changes.ts';
import type { Session } from '../session.ts';
import type { LogLine } from './events.ts';

export type Direction = 'above' | 'below';

export interface MonitorReading {
  name: string;
  statistic: number;
  threshold: number;
  /** `above`: alarms when statistic > threshold; `below`: when statistic < threshold. */
  direction: Direction;
  /** Whether the statistic is past its threshold in its direction (false while undefined). */
  breach: boolean;
}

export interface MonitorView {
  /** The readings shown, after scrolling and cutting to fit. */
  readings: MonitorReading[];
  /** Monitors in all (the panel says "+N more" when it shows fewer). */
  total: number;
  /** Index of the first reading shown. */
  first: number;
  /** Alerts by severity in this world so far. */
  counts: Record<Alert['severity'], number>;
  latest: LogLine[];
}

/** Whether a statistic is past its threshold, in the monitor's direction (as the runner judges it). */
export function breaches(statistic: number, threshold: number, direction: Direction): boolean {
  if (!Number.isFinite(statistic) || !Number.isFinite(threshold)) return false;
  return direction === 'below' ? statistic < threshold : statistic > threshold;
}

/** Each monitor's direction, as its last reading in `world` declared it (`above` by default). */
export function monitorDirections(sim: Simulation, world: number): Map<string, Direction> {
  const out = new Map<string, Direction>();
  const attached = sim.parts.monitors;
  attached?.runner.settings.forEach((setting, m) => out.set(setting.name, attached.runner.last[m]?.[world]?.direction ?? 'above'));
  return out;
}

/** Every monitor's statistic and threshold at the last tick, as the trace records them. */
export function monitorReadings(sim: Simulation, world: number): MonitorReading[] {
  // Read defensively: records of simulations without monitors carry no readings.
  const record = sim.tick > 0 ? (recordAt(sim, sim.tick - 1, world) as { monitors?: Record<string, { statistic: number; threshold: number }> } | undefined) : undefined;
  const directions = monitorDirections(sim, world);
  return Object.entries(record?.monitors ?? {}).map(([name, r]) => {
    const direction = directions.get(name) ?? 'above';
    return { name, statistic: r.statistic, threshold: r.threshold, direction, breach: breaches(r.statistic, r.threshold, direction) };
  });
}

/**
 * What fits in `lines` lines of one world's monitors panel: the readings from `scroll`
 * monitors in (wrapping around; a "+N more" line when some are hidden), then as many of
 * the latest alerts as there is room for (at least one once there is any).
 */
export function monitorView(session: Session, world: number, lines: number, scroll = 0): MonitorView {
  const sim = session.sim;
  const alerts = sim.events.filter((e): e is Extract<SimEvent, { type: 'alert' }> => e.type === 'alert' && e.world === world && e.tick < sim.tick);
  const counts = { info: 0, warning: 0, critical: 0 };
  for (const a of alerts) counts[a.alert.severity]++;
  const all = monitorReadings(sim, world);
  const forReadings = Math.max(0, lines - (alerts.length > 0 ? 1 : 0));
  let readings = all;
  let first = 0;
  if (all.length > forReadings) {
    // One line goes to the "+N more" note.
    first = scroll % all.length;
    readings = Array.from({ length: Math.max(0, forReadings - 1) }, (_, k) => all[(first + k) % all.length]!);
  }
  const usedByReadings = readings.length + (readings.length < all.length ? 1 : 0);
  const room = Math.max(0, lines - usedByReadings);
  const latest = (room === 0 ? [] : alerts.slice(-room)).map((a): LogLine => ({ tick: a.tick, kind: 'alert', severity: a.alert.severity, text: `${a.alert.monitor}${a.alert.model ? ` ${a.alert.model}` : ''}: ${a.alert.message}` }));
  return { readings, total: all.length, first, counts, latest };
}

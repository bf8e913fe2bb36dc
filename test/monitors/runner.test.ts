/**
 * The alarm logic every monitor shares: warm-up, debounce, cool-down, reset-after-alarm,
 * direction, and NaN never alarming.
 */
import { describe, expect, it } from 'vitest';
import { AttachedMonitors } from '../../src/monitors/attached.ts';
import { MonitorRunner, type MonitorSettings } from '../../src/monitors/runner.ts';
import type { Monitor, MonitorView } from '../../src/monitors/monitor.ts';

/** A monitor that replays a fixed list of statistics, one per tick. */
function scripted(values: number[], direction: 'above' | 'below' = 'above'): Monitor & { resets: number } {
  let i = 0;
  const m = {
    resets: 0,
    observe: () => ({ statistic: values[i++] ?? Number.NaN, threshold: 1, direction }),
    reset: () => {
      m.resets++;
    },
  };
  return m;
}

const settings = (over: Partial<MonitorSettings> = {}): MonitorSettings => ({ name: 'm', severity: 'warning', warmup: 0, debounce: 1, cooldown: 0, resetAfterAlarm: false, ...over });

function alarmTicks(runner: MonitorRunner, ticks: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < ticks; t++) {
    const view = { tick: t, world: 0 } as MonitorView;
    for (const a of runner.observeWorld(view)) out.push(a.tick);
  }
  return out;
}

describe('monitor runner', () => {
  it('alarms on every tick past the threshold with debounce 1 and no cool-down', () => {
    expect(alarmTicks(new MonitorRunner([settings()], [[scripted([0, 2, 2, 0, 2])]]), 5)).toEqual([1, 2, 4]);
  });

  it('never alarms on NaN (no value yet), always on an infinite statistic', () => {
    expect(alarmTicks(new MonitorRunner([settings()], [[scripted([Number.NaN, Infinity, Number.NaN])]]), 3)).toEqual([1]);
    expect(alarmTicks(new MonitorRunner([settings()], [[scripted([Number.NaN, -Infinity, Number.NaN], 'below')]]), 3)).toEqual([1]);
    expect(alarmTicks(new MonitorRunner([settings()], [[scripted([Infinity], 'below')]]), 1)).toEqual([0]);
  });

  it('turns a monitor that throws or returns a non-number into one critical alert naming it and its file, then switches it off in that world', () => {
    let calls = 0;
    const throwing: Monitor = {
      observe: () => {
        calls++;
        if (calls === 2) throw new Error('boom from monitor');
        return { statistic: 0, threshold: 1 };
      },
    };
    const stringy = { observe: () => ({ statistic: 'abc', threshold: 1 }) } as unknown as Monitor;
    const runner = new MonitorRunner([settings({ name: 'flaky', file: '/m/flaky.ts' }), settings({ name: 'texty' })], [[throwing], [stringy]]);
    const alerts = [0, 1, 2, 3].flatMap((t) => runner.observeWorld({ tick: t, world: 0 } as MonitorView));
    expect(alerts.map((a) => [a.tick, a.monitor, a.severity])).toEqual([
      [0, 'texty', 'critical'],
      [1, 'flaky', 'critical'],
    ]);
    expect(alerts[1]!.message).toBe('monitor flaky (/m/flaky.ts) failed at tick 1: threw boom from monitor; it is switched off in this world');
    expect(alerts[0]!.message).toBe('monitor texty failed at tick 0: returned statistic "abc"; a statistic must be a number; it is switched off in this world');
    expect(calls).toBe(2);
    expect(alerts.every((a) => a.failed === true)).toBe(true);
  });

  it('a failed monitor’s alert fires none of its rules; a real alarm of the same monitor does', () => {
    const rules = [{ when: 'flaky', do: 'halt', model: 'A', once: false }] as unknown as ConstructorParameters<typeof AttachedMonitors>[2];
    const attached = new AttachedMonitors(new MonitorRunner([], []), [], rules);
    const alert = { monitor: 'flaky', severity: 'critical' as const, world: 0, tick: 5, statistic: 2, threshold: 1, message: 'x', evidence: {} };
    expect(attached.actionsFor({ ...alert, failed: true })).toEqual([]);
    expect(attached.actionsFor(alert)).toEqual([{ type: 'halt', model: 'A', world: 0, reason: 'rule: flaky -> halt' }]);
  });

  it('debounce needs that many ticks in a row past the threshold', () => {
    expect(alarmTicks(new MonitorRunner([settings({ debounce: 3 })], [[scripted([2, 2, 0, 2, 2, 2, 2])]]), 7)).toEqual([5]);
  });

  it('cool-down keeps it quiet for that many ticks after an alarm', () => {
    expect(alarmTicks(new MonitorRunner([settings({ cooldown: 2 })], [[scripted([2, 2, 2, 2, 2, 2])]]), 6)).toEqual([0, 3]);
  });

  it('warm-up suppresses alarms before its tick', () => {
    expect(alarmTicks(new MonitorRunner([settings({ warmup: 3 })], [[scripted([2, 2, 2, 2, 2])]]), 5)).toEqual([3, 4]);
  });

  it('direction below alarms on small statistics (p-values)', () => {
    expect(alarmTicks(new MonitorRunner([settings()], [[scripted([0.5, 2, 0.9], 'below')]]), 3)).toEqual([0, 2]);
  });

  it('reset-after-alarm resets the monitor once per alarm', () => {
    const m = scripted([2, 0, 2]);
    alarmTicks(new MonitorRunner([settings({ resetAfterAlarm: true })], [[m]]), 3);
    expect(m.resets).toBe(2);
  });

  it('keeps every reading so thresholds can be tuned from data', () => {
    const runner = new MonitorRunner([settings()], [[scripted([0.25])]]);
    alarmTicks(runner, 1);
    expect(runner.last[0]![0]).toEqual({ statistic: 0.25, threshold: 1, direction: 'above' });
  });
});

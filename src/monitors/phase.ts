/**
 * The watch phase: every monitor reads its world's view at the end of the tick; alarms
 * become alert events, and the scenario's rules queue their actions for the next tick.
 */
import type { Phase, StateOwner } from '../engine/phase.ts';
import type { AttachedMonitors } from './attached.ts';

export function watchPhase(monitors: AttachedMonitors): Phase {
  return {
    name: 'watch',
    run(context) {
      const t = context.tick;
      monitors.views.forEach((view, w) => {
        view.tick = t;
        for (const alert of monitors.runner.observeWorld(view)) {
          context.emit({ tick: t, world: w, type: 'alert', alert: { monitor: alert.monitor, severity: alert.severity, message: alert.message, statistic: alert.statistic, threshold: alert.threshold, evidence: alert.evidence } });
          for (const action of monitors.actionsFor(alert)) context.queue(action);
        }
      });
    },
  };
}

/** The monitors' state (detector windows, debounce counters, rules fired) in snapshots. */
export function monitorState(monitors: AttachedMonitors): StateOwner {
  return { name: 'monitors', snapshot: () => monitors.snapshot(), restore: (saved) => monitors.restore(saved) };
}

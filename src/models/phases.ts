/**
 * The models' phases: observe features, infer, learn (then register new versions), and
 * publish predictions for model-output signals. Also the owner's side of interventions:
 * every kind of intervention changes a model role, so the models apply them.
 */
import type { Intervention } from '../core/events.ts';
import type { InterventionOwner, Phase } from '../engine/phase.ts';
import type { MarketState } from '../world/market-state.ts';
import type { SignalSources } from '../signals/sources.ts';
import { featureName } from '../config/naming.ts';
import { BUG_FORCED_OFF, BUG_FORCED_ON } from './feature-pipeline.ts';
import { MODE_DYNAMIC, MODE_STATIC, type ModelRole } from './model-role.ts';
import type { VersionRegistry } from './version-registry.ts';

/** Upstream sources decide who is down this tick; every role reads its features for every world. */
export function observePhase(roles: readonly ModelRole[], market: MarketState, published: readonly Float64Array[], sources: SignalSources | undefined): Phase {
  return {
    name: 'observe-signals',
    run(context) {
      const t = context.tick;
      sources?.advance(t, market);
      for (const role of roles) role.observe(market, t, published);
      for (const n of sources?.drainNotices() ?? []) context.emit({ tick: t, world: n.world, type: 'alert', alert: { monitor: n.monitor, severity: n.severity, model: n.model, message: n.message } });
    },
  };
}

/** One batched forward pass per role when its serving needs fresh predictions; serving decides what each lane gets. */
export function inferPhase(roles: readonly ModelRole[]): Phase {
  return {
    name: 'infer',
    run(context) {
      const t = context.tick;
      for (const role of roles) {
        for (const r of role.infer(t)) {
          context.emit({ tick: t, world: r.world, type: 'alert', alert: { monitor: 'table-verification', severity: 'warning', model: role.name, message: `batch table of tick ${r.jobTick} rejected, the served table stays: ${r.reason}` } });
        }
      }
    },
  };
}

/** Answers are scored; roles train on their cadence; new served versions are registered for rollback. */
export function learnPhase(roles: readonly ModelRole[], market: MarketState, versions: VersionRegistry): Phase {
  return {
    name: 'learn',
    run(context) {
      const t = context.tick;
      for (const role of roles) {
        for (const notice of role.learn(market, t)) {
          const alert = notice.kind === 'numerical' ? { monitor: 'numerical', severity: 'critical' as const } : { monitor: 'validation-gate', severity: 'info' as const };
          context.emit({ tick: t, world: notice.world, type: 'alert', alert: { ...alert, model: notice.model, message: notice.message } });
        }
      }
      versions.capture();
    },
  };
}

/** Predictions become readable by model-output signals (from the next tick). */
export function publishPhase(roles: readonly ModelRole[], published: readonly Float64Array[]): Phase {
  return {
    name: 'publish',
    run() {
      roles.forEach((role, r) => published[r]!.set(role.prediction));
    },
  };
}

/** Interventions, applied by the models they name. */
export function modelInterventions(roles: readonly ModelRole[], versions: VersionRegistry): InterventionOwner {
  const roleIndex = (iv: Intervention) => roles.findIndex((role) => role.name === iv.model);
  return {
    check(iv) {
      // A typo must not vanish silently: an intervention names a model this run has.
      if (roleIndex(iv) < 0) throw new Error(`cannot ${iv.type}: no model named ${JSON.stringify(iv.model)} in this run (models: ${roles.map((r) => r.name).join(', ') || 'none'})`);
    },
    apply(iv, w) {
      const r = roleIndex(iv);
      const role = roles[r];
      if (!role) return;
      if (iv.type === 'set-bug') role.setBugSwitch(w, iv.on ? BUG_FORCED_ON : BUG_FORCED_OFF);
      else if (iv.type === 'set-training') role.setMode(w, iv.mode === 'dynamic' ? MODE_DYNAMIC : MODE_STATIC);
      else if (iv.type === 'halt') role.setHalted(w, iv.on !== false);
      else if (iv.type === 'rollback') {
        versions.rollback(r, w);
        role.sync.discardWorld(role.bank, role.version, w);
      } else {
        const f = role.config.features.findIndex((feature) => featureName(feature) === iv.feature);
        if (f < 0) return;
        if (iv.type === 'pin-version') role.pipeline.links?.pinTo(w, f, iv.version);
        else role.setQuarantine(w, f, iv.on !== false);
      }
    },
  };
}

/**
 * The divergence watch of a run: after the models learn, every world's prices, values,
 * cash, model outputs and training losses are checked against the scenario's bounds
 * (`market.divergence`, findDivergence in src/engine/divergence.ts). A world that ran away
 * gets one critical `numerical` alert naming what and when, all its models are halted,
 * and it is marked `diverged` in the summary.
 */
import type { SimEvent } from '../core/events.ts';
import type { Phase, StateOwner } from '../engine/phase.ts';
import { DIVERGENCE_REASONS, findDivergence, type DivergenceBounds, type DivergenceFinding, type DivergenceInput, type DivergenceReason, type Diverged } from '../engine/divergence.ts';
import type { ScenarioConfig } from '../config/schema.ts';
import type { MarketState } from '../world/market-state.ts';
import type { Ledger } from '../world/ledger.ts';
import type { ModelRole } from '../models/model-role.ts';

/** What the watch reads of a run (the run's parts have all of it). */
export interface WatchedParts {
  worlds: number;
  scenario: ScenarioConfig;
  market: MarketState;
  ledger: Ledger;
  roles: readonly ModelRole[];
}

interface WatchState {
  warmupLosses: Float64Array[];
  diverged: (Diverged | undefined)[];
  /** 1 for a world that has diverged (checked no more). */
  marked: Uint8Array;
}

/** The per-run state around findDivergence: warm-up losses, who diverged when, and the alert. */
export class DivergenceWatch {
  private state: WatchState | undefined;
  private found: DivergenceFinding | undefined;

  /** Checks tick t's numbers; halts diverged worlds' models and returns their alert events. */
  check(parts: WatchedParts, t: number): SimEvent[] {
    const { market, ledger, roles, worlds } = parts;
    const state = (this.state ??= { warmupLosses: roles.map(() => new Float64Array(worlds)), diverged: Array.from({ length: worlds }, () => undefined), marked: new Uint8Array(worlds) });
    const found = (this.found ??= { reason: new Uint8Array(worlds), which: new Int32Array(worlds) });
    roles.forEach((role, m) => {
      const base = state.warmupLosses[m]!;
      for (let w = 0; w < worlds; w++) if (!(base[w]! > 0) && role.lastLoss[w]! > 0 && Number.isFinite(role.lastLoss[w]!)) base[w] = role.lastLoss[w]!;
    });
    const input: DivergenceInput = {
      worlds,
      assets: market.assets,
      logClose: market.logClose,
      logValue: market.logValue,
      agents: ledger.agents.length,
      cash: ledger.cash,
      predictions: roles.map((r) => r.prediction),
      losses: roles.map((r) => r.lastLoss),
      warmupLosses: state.warmupLosses,
    };
    const bounds = parts.scenario.market.divergence;
    if (findDivergence(input, bounds, found, state.marked) === 0) return [];
    const events: SimEvent[] = [];
    for (let w = 0; w < worlds; w++) {
      const code = found.reason[w]!;
      if (code === 0) continue;
      const reason = DIVERGENCE_REASONS[code - 1]!;
      const message = describe(parts, input, bounds, reason, w, found.which[w]!);
      state.diverged[w] = { tick: t, reason, message };
      state.marked[w] = 1;
      for (const role of roles) role.halted[w] = 1;
      events.push({ tick: t, world: w, type: 'alert', alert: { monitor: 'numerical', severity: 'critical', message: `world diverged at tick ${t}: ${message}; all models halted` } });
    }
    return events;
  }

  /** World w's divergence, if it diverged. */
  divergedOf(w: number): Diverged | undefined {
    return this.state?.diverged[w];
  }

  snapshot(): unknown {
    return this.state ? structuredClone(this.state) : undefined;
  }

  restore(saved: unknown): void {
    this.state = saved === undefined ? undefined : structuredClone(saved as WatchState);
  }
}

function describe(parts: WatchedParts, input: DivergenceInput, bounds: DivergenceBounds, reason: DivergenceReason, w: number, which: number): string {
  const symbol = parts.market.symbols[which];
  const i = w * input.assets + which;
  const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));
  switch (reason) {
    case 'price':
      return `the price of ${symbol} is ${fmt(Math.exp(input.logClose[i]!))}`;
    case 'value':
      return `the value of ${symbol} is ${fmt(Math.exp(input.logValue[i]!))}`;
    case 'cash':
      return `the cash of ${parts.ledger.agents[which]!.name} is ${fmt(input.cash[w * input.agents + which]!)}`;
    case 'prediction':
      return `the output of model ${parts.roles[which]!.name} is ${fmt(input.predictions[which]![w]!)}`;
    case 'deviation':
      return `|log P/V| of ${symbol} is ${fmt(Math.abs(input.logClose[i]! - input.logValue[i]!))}, past market.divergence.maxLogDeviation ${bounds.maxLogDeviation}`;
    case 'loss': {
      const base = input.warmupLosses[which]![w]!;
      return `the training loss of model ${parts.roles[which]!.name} is ${fmt(input.losses[which]![w]!)}, ${fmt(input.losses[which]![w]! / base)} times its warm-up loss ${fmt(base)} (market.divergence.maxLossRatio ${bounds.maxLossRatio})`;
    }
  }
}

/** The phase that runs the watch after the models learn. */
export function divergencePhase(parts: WatchedParts, watch: DivergenceWatch): Phase {
  return {
    name: 'check-divergence',
    run(context) {
      for (const event of watch.check(parts, context.tick)) context.emit(event);
    },
  };
}

/** The watch's state in snapshots (warm-up losses, who diverged when). */
export function divergenceState(watch: DivergenceWatch): StateOwner {
  return { name: 'divergence', snapshot: () => watch.snapshot(), restore: (saved) => watch.restore(saved) };
}

/**
 * What one tick of one world records: the numbers hashed into the trace, and the same
 * numbers as a readable record for trace.jsonl and the terminal UI. Prices and values
 * are in currency units; orders and positions in shares; predictions in standard units.
 */
import type { Simulation } from './simulation.ts';
import type { SimEvent } from '../core/events.ts';

/**
 * Version of the trace format (header fields and TickRecord). Bump it when a field
 * changes meaning or disappears; readers refuse versions they do not know.
 */
export const TRACE_SCHEMA_VERSION = 1;

export interface TickRecord {
  tick: number;
  world: number;
  assets: Record<string, { price: number; fundamental: number; estimate: number; netFlow: number; volume: number }>;
  agents: Record<string, { order: number; position: number; cash: number }>;
  models: Record<string, { prediction: number; version: number; trainedVersion?: number; bug: boolean; mode: 'static' | 'dynamic'; halted: boolean; loss: number }>;
  /** Each monitor's statistic and threshold this tick (NaN while undefined). */
  monitors: Record<string, { statistic: number; threshold: number }>;
  events: SimEvent[];
}

/** How many numbers tickNumbers writes per world and tick. */
export function tickNumberCount(sim: Simulation): number {
  const { market, ledger, roles } = sim.parts;
  return 1 + 3 * market.assets + 3 * ledger.agents.length + 5 * roles.length;
}

/**
 * The numbers of world w at tick t, in a fixed order, for the hash. Written into `out`
 * (tickNumberCount long) when given: the hot path reuses one buffer for every world.
 */
export function tickNumbers(sim: Simulation, w: number, t: number, out = new Float64Array(tickNumberCount(sim))): Float64Array {
  const { market, ledger, roles } = sim.parts;
  let k = 0;
  out[k++] = t;
  for (let a = 0; a < market.assets; a++) {
    const i = market.index(w, a);
    out[k++] = market.logValue[i]!;
    out[k++] = market.logClose[i]!;
    out[k++] = market.logEstimate[i]!;
  }
  for (let g = 0; g < ledger.agents.length; g++) {
    const i = ledger.index(w, g);
    out[k++] = ledger.order[i]!;
    out[k++] = ledger.position[i]!;
    out[k++] = ledger.cash[i]!;
  }
  for (const role of roles) {
    out[k++] = role.prediction[w]!;
    out[k++] = role.version[w]!;
    out[k++] = role.halted[w]!;
    out[k++] = role.bugActive(w) ? 1 : 0;
    out[k++] = role.mode[w]!;
  }
  return out;
}

export function tickRecord(sim: Simulation, w: number, t: number, events: SimEvent[]): TickRecord {
  const { market, ledger, roles } = sim.parts;
  const assets: TickRecord['assets'] = {};
  market.symbols.forEach((sym, a) => {
    const i = market.index(w, a);
    assets[sym] = {
      price: Math.exp(market.logClose[i]!),
      fundamental: Math.exp(market.logValue[i]!),
      estimate: Math.exp(market.logEstimate[i]!),
      netFlow: market.netFlow[i]!,
      volume: market.volume[i]!,
    };
  });
  const agents: TickRecord['agents'] = {};
  ledger.agents.forEach((agent, g) => {
    const i = ledger.index(w, g);
    agents[agent.name] = { order: ledger.order[i]!, position: ledger.position[i]!, cash: ledger.cash[i]! };
  });
  const models: TickRecord['models'] = {};
  for (const role of roles) {
    models[role.name] = {
      prediction: role.prediction[w]!,
      version: role.version[w]!,
      trainedVersion: role.sync.trainedVersion(role.version, w),
      bug: role.bugActive(w),
      mode: role.mode[w] === 1 ? 'dynamic' : 'static',
      halted: role.halted[w] === 1,
      loss: role.lastLoss[w]!,
    };
  }
  const monitors: TickRecord['monitors'] = {};
  const attached = sim.monitors;
  attached?.runner.settings.forEach((setting, m) => {
    const reading = attached.runner.last[m]![w];
    monitors[setting.name] = { statistic: reading?.statistic ?? Number.NaN, threshold: reading?.threshold ?? Number.NaN };
  });
  return { tick: t, world: w, assets, agents, models, monitors, events };
}

/**
 * The readable record of one world at one tick, as trace files hold it (field by field
 * with units in docs/trace-format.md). Every number comes from the readings table, so
 * it is the number the hash, the monitors and the UI see under the same name.
 */
import type { SimEvent } from '../core/events.ts';
import type { Reading, ReadingsTable } from '../engine/readings.ts';
import type { SimulationParts, TickRecord } from './parts.ts';

export type { TickRecord } from './parts.ts';

/** A function writing world w's record at tick t, with every reading it needs resolved once. */
export function tickRecorder(parts: SimulationParts, readings: ReadingsTable): (world: number, tick: number, events: SimEvent[]) => TickRecord {
  const { market, ledger, roles } = parts;
  const r = (name: string): Reading => readings.get(name);
  const assets = market.symbols.map((sym) => ({ sym, price: r(`price:${sym}`), value: r(`value:${sym}`), estimate: r(`estimate:${sym}`), flow: r(`flow:${sym}`), volume: r(`volume:${sym}`) }));
  const agents = ledger.agents.map(({ name }) => ({ name, order: r(`order:${name}`), position: r(`position:${name}`), cash: r(`cash:${name}`) }));
  const models = roles.map((role) => ({
    role,
    prediction: r(`prediction:${role.name}`),
    version: r(`version:${role.name}`),
    bug: r(`bug:${role.name}`),
    mode: r(`mode:${role.name}`),
    halted: r(`halted:${role.name}`),
    loss: r(`loss:${role.name}`),
  }));
  return (w, t, events) => {
    const record: TickRecord = { tick: t, world: w, assets: {}, agents: {}, models: {}, monitors: {}, events };
    for (const a of assets) record.assets[a.sym] = { price: a.price.read(w), fundamental: a.value.read(w), estimate: a.estimate.read(w), netFlow: a.flow.read(w), volume: a.volume.read(w) };
    for (const g of agents) record.agents[g.name] = { order: g.order.read(w), position: g.position.read(w), cash: g.cash.read(w) };
    for (const m of models) {
      record.models[m.role.name] = {
        prediction: m.prediction.read(w),
        version: m.version.read(w),
        trainedVersion: m.role.sync.trainedVersion(m.role.version, w),
        bug: m.bug.read(w) === 1,
        mode: m.mode.read(w) === 1 ? 'dynamic' : 'static',
        halted: m.halted.read(w) === 1,
        loss: m.loss.read(w),
      };
    }
    const attached = parts.monitors;
    attached?.runner.settings.forEach((setting, k) => {
      const reading = attached.runner.last[k]![w];
      record.monitors[setting.name] = { statistic: reading?.statistic ?? Number.NaN, threshold: reading?.threshold ?? Number.NaN };
    });
    return record;
  };
}

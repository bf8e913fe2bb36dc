/**
 * The readings of a tulip run, defined once (see src/engine/readings.ts for the table):
 *
 *   price:X, value:X, estimate:X   currency          close, fundamental value, published estimate
 *   log-price:X, log-value:X, log-estimate:X   log currency   the same as the market keeps them (hashed)
 *   flow:X, volume:X               shares            net order flow and shares traded this tick
 *   deviation:X                    ratio             P/V - 1 (not hashed: it follows from price and value)
 *   order:<agent>, position:<agent>, cash:<agent>   every ledger entry (noise/X, model/A, model/A/X, ...)
 *   order:M, position:M, pnl:M     shares, currency  model M's book, summed over its lanes
 *   pnl:M/X                        currency          one lane of a multi-asset model
 *   prediction:M                   standard units    lane 0's served prediction (0: no view)
 *   prediction:M/X                 standard units    each lane's, multi-asset models (NaN: none)
 *   version:M, halted:M, bug:M, mode:M, loss:M       the model's state (mode 1 = dynamic)
 *   feature:M/f                    standard units    the value served to M (lane 0) this tick
 *   feature:M/X/f                  standard units    each lane's, multi-asset models
 *   raw:M/f                        feature units     the value read, after any injected bug (lane 0)
 *
 * The hash covers everything the simulation decides: prices, values, estimates, every
 * ledger entry, predictions (every lane), versions, switches and served features.
 */
import { featureName } from '../config/naming.ts';
import { ReadingsTable, type Reading } from '../engine/readings.ts';
import type { Ledger } from '../world/ledger.ts';
import type { MarketState } from '../world/market-state.ts';
import type { ModelRole } from '../models/model-role.ts';

const reading = (name: string, unit: string, note: string, hashed: boolean, read: (w: number) => number): Reading => ({ name, unit, note, hashed, read });

/** A reading that is element `w * stride + offset` of one array (the hash copies it directly). */
const element = (name: string, unit: string, note: string, hashed: boolean, array: Float64Array | Uint8Array, stride: number, offset: number): Reading => ({
  name,
  unit,
  note,
  hashed,
  read: (w) => array[w * stride + offset]!,
  at: { array, stride, offset },
});

/** Feature k as served to one lane of a model this tick (hashed; filled a column at a time). */
const served = (name: string, note: string, pipeline: ModelRole['pipeline'], layout: ModelRole['layout'], lane: number, k: number): Reading => ({
  ...reading(name, 'standard units', note, true, (w) => pipeline.standardizedNow(layout.at(w, lane), k)),
  column: (from, to, out, stride, offset) => pipeline.servedColumn(lane, k, from, to, out, stride, offset),
});

export function buildReadings(market: MarketState, ledger: Ledger, roles: readonly ModelRole[]): ReadingsTable {
  const table = new ReadingsTable();
  addMarketReadings(table, market);
  addLedgerReadings(table, ledger);
  for (const role of roles) addModelReadings(table, role, market, ledger);
  return table;
}

function addMarketReadings(table: ReadingsTable, market: MarketState): void {
  const A = market.assets;
  market.symbols.forEach((sym, a) => {
    // The hash covers the logs the market keeps (the same information as the prices, without an exp per world per tick).
    table.add(element(`log-price:${sym}`, 'log currency', `log of ${sym}'s closing price`, true, market.logClose, A, a));
    table.add(element(`log-value:${sym}`, 'log currency', `log of ${sym}'s fundamental value`, true, market.logValue, A, a));
    table.add(element(`log-estimate:${sym}`, 'log currency', `log of the published estimate of ${sym}'s value`, true, market.logEstimate, A, a));
    table.add(reading(`price:${sym}`, 'currency', `closing price of ${sym}`, false, (w) => Math.exp(market.logClose[w * A + a]!)));
    table.add(reading(`value:${sym}`, 'currency', `fundamental value of ${sym}`, false, (w) => Math.exp(market.logValue[w * A + a]!)));
    table.add(reading(`estimate:${sym}`, 'currency', `published estimate of ${sym}'s value`, false, (w) => Math.exp(market.logEstimate[w * A + a]!)));
    table.add(element(`flow:${sym}`, 'shares', `net order flow in ${sym} this tick`, false, market.netFlow, A, a));
    table.add(element(`volume:${sym}`, 'shares', `shares of ${sym} traded this tick`, false, market.volume, A, a));
    table.add(reading(`deviation:${sym}`, 'ratio', `P/V - 1 of ${sym}`, false, (w) => Math.exp(market.logClose[w * A + a]! - market.logValue[w * A + a]!) - 1));
  });
}

function addLedgerReadings(table: ReadingsTable, ledger: Ledger): void {
  const G = ledger.agents.length;
  ledger.agents.forEach((agent, g) => {
    table.add(element(`order:${agent.name}`, 'shares', `${agent.name}'s order this tick`, true, ledger.order, G, g));
    table.add(element(`position:${agent.name}`, 'shares', `${agent.name}'s position`, true, ledger.position, G, g));
    table.add(element(`cash:${agent.name}`, 'currency', `${agent.name}'s cash`, true, ledger.cash, G, g));
  });
}

/** The ledger entries of a role's lanes, in lane order. */
export function laneAgents(role: ModelRole, market: MarketState, ledger: Ledger): number[] {
  return role.laneAssets.map((_, lane) => ledger.agentIndex(role.agentName(market.symbols, lane)));
}

function addModelReadings(table: ReadingsTable, role: ModelRole, market: MarketState, ledger: Ledger): void {
  const M = role.name;
  const G = ledger.agents.length;
  const A = market.assets;
  const agents = laneAgents(role, market, ledger);
  const sum = (arr: Float64Array) => (w: number) => {
    let s = 0;
    for (const g of agents) s += arr[w * G + g]!;
    return s;
  };
  const lanePnl = (lane: number) => (w: number) => {
    const i = w * G + agents[lane]!;
    return ledger.cash[i]! + ledger.position[i]! * Math.exp(market.logClose[w * A + role.laneAssets[lane]!]!);
  };
  const multi = role.lanes > 1;
  table.add(reading(`order:${M}`, 'shares', `model ${M}'s order this tick${multi ? ', summed over its assets' : ''}`, false, sum(ledger.order)));
  table.add(reading(`position:${M}`, 'shares', `model ${M}'s position${multi ? ', net over its assets' : ''}`, false, sum(ledger.position)));
  table.add(reading(`pnl:${M}`, 'currency', `model ${M}'s mark-to-market profit and loss${multi ? ', summed over its assets' : ''}`, false, (w) => {
    let s = 0;
    for (let l = 0; l < role.lanes; l++) s += lanePnl(l)(w);
    return s;
  }));
  table.add(element(`prediction:${M}`, 'standard units', `model ${M}'s served prediction (lane 0; 0 = no view)`, true, role.prediction, 1, 0));
  table.add(element(`version:${M}`, 'count', `model ${M}'s served version`, true, role.version, 1, 0));
  table.add(element(`halted:${M}`, '0/1', `1 while model ${M} is halted`, true, role.halted, 1, 0));
  table.add({ ...reading(`bug:${M}`, '0/1', `1 while model ${M}'s injected bug is active`, true, (w) => (role.bugActive(w) ? 1 : 0)), column: (from, to, out, stride, offset) => role.bugColumn(from, to, out, stride, offset) });
  table.add(element(`mode:${M}`, '0/1', `model ${M}'s training mode (1 = dynamic)`, true, role.mode, 1, 0));
  table.add(element(`loss:${M}`, 'standard units²', `model ${M}'s last training loss`, false, role.lastLoss, 1, 0));
  const names = role.config.features.map(featureName);
  const layout = role.layout;
  const pipeline = role.pipeline;
  names.forEach((f, k) => {
    table.add(served(`feature:${M}/${f}`, `feature ${f} as served to model ${M}${multi ? ' (lane 0)' : ''}`, pipeline, layout, 0, k));
    table.add(reading(`raw:${M}/${f}`, 'feature units', `feature ${f} as read by model ${M}, after any injected bug${multi ? ' (lane 0)' : ''}`, false, (w) => pipeline.rawNow(layout.at(w, 0), k)));
  });
  if (!multi) return;
  role.laneAssets.forEach((asset, lane) => {
    const sym = market.symbols[asset]!;
    table.add(element(`prediction:${M}/${sym}`, 'standard units', `model ${M}'s served prediction for ${sym} (NaN: none)`, true, role.lanePrediction, role.lanes, lane));
    table.add(reading(`pnl:${M}/${sym}`, 'currency', `model ${M}'s profit and loss on ${sym}`, false, lanePnl(lane)));
    names.forEach((f, k) => {
      table.add(served(`feature:${M}/${sym}/${f}`, `feature ${f} of ${sym} as served to model ${M}`, pipeline, layout, lane, k));
    });
  });
}

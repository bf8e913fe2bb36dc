/**
 * Price formation. The market maker absorbs the net order flow and moves the log price
 * by `impact` per share of it; every order fills at the new price. With impact 0,
 * orders cannot move prices: the price is the fundamental value itself.
 */
import type { Ledger } from '../world/ledger.ts';
import type { MarketState } from '../world/market-state.ts';
import { trackExcursion } from './excursion.ts';

export function clearWorld(market: MarketState, ledger: Ledger, world: number, impact: number): void {
  const assets = market.assets;
  for (let a = 0; a < assets; a++) {
    market.netFlow[world * assets + a] = 0;
    market.volume[world * assets + a] = 0;
  }
  for (let g = 0; g < ledger.agents.length; g++) {
    const i = world * assets + ledger.agents[g]!.asset;
    const q = ledger.order[ledger.index(world, g)]!;
    market.netFlow[i]! += q;
    market.volume[i]! += Math.abs(q);
  }
  for (let a = 0; a < assets; a++) {
    const i = world * assets + a;
    market.logPreviousClose[i] = market.logClose[i]!;
    market.logClose[i] = market.logObserved[i]! + impact * market.netFlow[i]!;
    const gap = Math.exp(market.logClose[i]! - market.logValue[i]!) - 1;
    if (Math.abs(gap) > market.peakDeviation[i]!) market.peakDeviation[i] = Math.abs(gap);
    trackExcursion(market.excursion, i, gap);
  }
  // Each asset's price once, not once per trader (exp is most of this phase's arithmetic).
  const prices = assets <= closePrices.length ? closePrices : (closePrices = new Float64Array(assets));
  for (let a = 0; a < assets; a++) prices[a] = Math.exp(market.logClose[world * assets + a]!);
  for (let g = 0; g < ledger.agents.length; g++) {
    ledger.fill(world, g, ledger.order[ledger.index(world, g)]!, prices[ledger.agents[g]!.asset]!);
  }
}

/** Scratch for one world's closing prices, grown to the most assets seen. */
let closePrices = new Float64Array(8);

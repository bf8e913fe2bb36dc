/**
 * Price formation. The market maker absorbs the net order flow and moves the log price
 * by `impact` per share of it; every order fills at the new price. With impact 0,
 * orders cannot move prices: the price is the fundamental value itself.
 */
import type { Ledger } from '../world/ledger.ts';
import type { MarketState } from '../world/market-state.ts';
import { trackExcursion } from './excursion.ts';

/**
 * Clears every world's market for the tick. Each step runs over all worlds, trader by
 * trader (a trader's asset is looked up once, not once per world); within a world, flows
 * and the maker's book are summed in trader order, as a world cleared alone sums them.
 * `prices` is scratch for the closing prices ([worlds * assets]).
 */
export function clearMarket(market: MarketState, ledger: Ledger, impact: number, prices: Float64Array): void {
  const W = market.worlds;
  const A = market.assets;
  const G = ledger.agents.length;
  const { netFlow, volume, logClose, logValue } = market;
  const { order, position, cash, makerPosition, makerCash } = ledger;
  netFlow.fill(0);
  volume.fill(0);
  for (let g = 0; g < G; g++) {
    const a = ledger.agents[g]!.asset;
    for (let w = 0; w < W; w++) {
      const q = order[w * G + g]!;
      netFlow[w * A + a]! += q;
      volume[w * A + a]! += Math.abs(q);
    }
  }
  for (let i = 0; i < W * A; i++) {
    market.logPreviousClose[i] = logClose[i]!;
    logClose[i] = market.logObserved[i]! + impact * netFlow[i]!;
    const gap = Math.exp(logClose[i]! - logValue[i]!) - 1;
    if (Math.abs(gap) > market.peakDeviation[i]!) market.peakDeviation[i] = Math.abs(gap);
    trackExcursion(market.excursion, i, gap);
    // Each price once, not once per trader (exp is most of this phase's arithmetic).
    prices[i] = Math.exp(logClose[i]!);
  }
  // Every fill is booked twice, trader and market maker, so cash and shares are conserved (see Ledger).
  for (let g = 0; g < G; g++) {
    const a = ledger.agents[g]!.asset;
    for (let w = 0; w < W; w++) {
      const i = w * G + g;
      const m = w * A + a;
      const shares = order[i]!;
      const price = prices[m]!;
      position[i]! += shares;
      cash[i]! -= shares * price;
      makerPosition[m]! -= shares;
      makerCash[m]! += shares * price;
    }
  }
}

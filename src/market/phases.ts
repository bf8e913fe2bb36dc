/**
 * The market's two phases: the open (values move, news enters the price, listings open)
 * and the clearing (net order flow moves the price, the ledger books every fill).
 */
import type { AssetConfig } from '../config/schema.ts';
import type { WorldRandom } from '../core/rng.ts';
import type { Phase } from '../engine/phase.ts';
import type { Ledger } from '../world/ledger.ts';
import type { MarketState } from '../world/market-state.ts';
import { advanceFundamental, type AssetStreams } from './fundamental.ts';
import { clearMarket } from './clearing.ts';
import { openListing } from './listing.ts';

/** Each world's streams of each asset, resolved once: index w * assets + a. */
export function assetStreams(market: MarketState, rngs: readonly WorldRandom[]): AssetStreams[] {
  const out: AssetStreams[] = [];
  rngs.forEach((rng) => {
    for (const symbol of market.symbols) {
      out.push({ fundamental: rng.stream(`fundamental/${symbol}`), estimate: rng.stream(`estimate/${symbol}`), listing: rng.stream(`listing/${symbol}`) });
    }
  });
  return out;
}

/** Values move; public news about value is in the price at once; a new listing opens. */
export function marketOpenPhase(market: MarketState, assets: readonly AssetConfig[], rngs: readonly WorldRandom[]): Phase {
  const streams = assetStreams(market, rngs);
  const A = market.assets;
  return {
    name: 'open-market',
    run({ tick: t }) {
      for (let w = 0; w < market.worlds; w++) {
        for (let a = 0; a < A; a++) {
          const i = w * A + a;
          const s = streams[i]!;
          const change = advanceFundamental(market, w, a, assets[a]!, s, t);
          // Public news about value is in the price at once; only trading makes it deviate.
          market.logObserved[i] = market.logClose[i]! + change;
          if (t === assets[a]!.listedAt && t > 0) openListing(market, w, a, assets[a]!, s.listing);
          market.observedHistory.set(w, t, market.logObserved[i]!, a);
        }
      }
    },
  };
}

/** Net flow moves log price by `impact` per share; every order fills at the new price. */
export function clearingPhase(market: MarketState, ledger: Ledger, impact: number): Phase {
  const prices = new Float64Array(market.worlds * market.assets);
  return {
    name: 'clear-market',
    run() {
      clearMarket(market, ledger, impact, prices);
    },
  };
}

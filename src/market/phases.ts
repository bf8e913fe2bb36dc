/**
 * The market's two phases: the open (values move, news enters the price, listings open)
 * and the clearing (net order flow moves the price, the ledger books every fill).
 */
import type { AssetConfig } from '../config/schema.ts';
import { streamColumn, type WorldRandom } from '../core/rng.ts';
import type { Phase } from '../engine/phase.ts';
import type { Ledger } from '../world/ledger.ts';
import type { MarketState } from '../world/market-state.ts';
import type { MarketStyle } from '../config/market-style.ts';
import { advanceFundamentals, nextEstimateErrors, publishEstimates, type AssetStreams } from './fundamental.ts';
import { replayFundamentals } from './replay.ts';
import { clearMarket } from './clearing.ts';
import { openListing } from './listing.ts';

/** Each asset's streams in every world, resolved once, each name a column in the batch's arena. */
export function assetStreams(market: MarketState, rngs: readonly WorldRandom[]): AssetStreams[] {
  return market.symbols.map((symbol) => ({
    fundamental: streamColumn(rngs, `fundamental/${symbol}`),
    estimate: streamColumn(rngs, `estimate/${symbol}`),
    listing: rngs.map((rng) => rng.stream(`listing/${symbol}`)),
  }));
}

/**
 * Values move; public news about value is in the price at once; a new listing opens.
 * `replays[a]`: asset a's log values by tick from a file (undefined: the news process moves it).
 */
export function marketOpenPhase(market: MarketState, assets: readonly AssetConfig[], style: MarketStyle, replays: readonly (Float64Array | undefined)[], rngs: readonly WorldRandom[]): Phase {
  const streams = assetStreams(market, rngs);
  const A = market.assets;
  const change = new Float64Array(market.worlds);
  const errors = new Float64Array(market.worlds);
  return {
    name: 'open-market',
    // Asset by asset, each over all worlds (every asset of a world draws from its own streams).
    run({ tick: t }) {
      const row = market.observedHistory.rowStart(t);
      const history = market.observedHistory.data;
      for (let a = 0; a < A; a++) {
        const config = assets[a]!;
        const replay = replays[a];
        nextEstimateErrors(market, a, config, style, streams[a]!, errors);
        if (replay) replayFundamentals(market, a, config, style, replay, t, change);
        else advanceFundamentals(market, a, config, style, streams[a]!, t, change);
        publishEstimates(market, a, errors);
        const opens = t === config.listedAt && t > 0;
        for (let w = 0; w < market.worlds; w++) {
          const i = w * A + a;
          // Public news about value is in the price at once; only trading makes it deviate.
          market.logObserved[i] = market.logClose[i]! + change[w]!;
          if (opens) openListing(market, w, a, config, streams[a]!.listing[w]!);
          history[row + i] = market.logObserved[i]!;
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

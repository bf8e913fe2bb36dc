/**
 * New listings. Before its listing tick an asset is dark: nobody trades it and its price
 * is its value (a grey-market quote, so signals have a history). On the listing tick the
 * price opens away from value by a first-day mispricing drawn from the world's stream
 * `listing/<SYM>`; from then on it trades like any asset, and the mispricing is what an
 * informed model can earn on if it can score the new asset at once.
 */
import type { AssetConfig } from '../config/schema.ts';
import type { RandomStream } from '../core/rng.ts';
import type { MarketState } from '../world/market-state.ts';

export function isListed(config: AssetConfig, tick: number): boolean {
  return tick >= config.listedAt;
}

/** Opens a new listing in one world: moves the observed price off value by the first-day mispricing. */
export function openListing(market: MarketState, world: number, asset: number, config: AssetConfig, stream: RandomStream): void {
  const i = market.index(world, asset);
  market.logObserved[i]! += config.ipoMispricing * stream.normal();
}

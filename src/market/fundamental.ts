/**
 * Fundamental value: log V mean-reverts toward a long-run level, with Gaussian shocks,
 * optional jumps, and scheduled regime shifts that move the level. Each asset of each
 * world draws from its own stream, `fundamental/<SYM>`.
 */
import type { AssetConfig } from '../config/schema.ts';
import type { RandomStream } from '../core/rng.ts';
import type { MarketState } from '../world/market-state.ts';

export function initialiseAsset(market: MarketState, world: number, asset: number, config: AssetConfig): void {
  const i = market.index(world, asset);
  const logPrice = Math.log(config.initialPrice);
  market.logValue[i] = logPrice;
  market.logLevel[i] = logPrice;
  market.logObserved[i] = logPrice;
  market.logClose[i] = logPrice;
  market.logPreviousClose[i] = logPrice;
  market.logEstimate[i] = logPrice;
}

/** Moves log V one tick; returns the change, which the price takes in as news. */
/** One asset's streams in one world, resolved once when the market phase is built. */
export interface AssetStreams {
  fundamental: RandomStream;
  estimate: RandomStream;
  listing: RandomStream;
}

export function advanceFundamental(market: MarketState, world: number, asset: number, config: AssetConfig, streams: AssetStreams, tick: number): number {
  const i = market.index(world, asset);
  const f = config.fundamental;
  for (const shift of f.regimeShifts) {
    if (shift.tick === tick) market.logLevel[i] = Math.log(config.initialPrice * shift.level);
  }
  const stream = streams.fundamental;
  let change = f.meanReversion * (market.logLevel[i]! - market.logValue[i]!) + f.volatility * stream.normal();
  // Draw the jump's uniform and size every tick so the stream's use does not depend on the
  // outcome; a size that goes unused is skipped, not computed (log, sqrt and cos per draw).
  const jumps = stream.uniform() < f.jumpRate;
  if (jumps) change += stream.normal() * f.jumpSize;
  else stream.skipNormal();
  market.logValue[i]! += change;
  if (config.estimateNoise === 0) {
    streams.estimate.skipNormal(); // a noise of size 0 adds nothing
    market.logEstimate[i] = market.logValue[i]!;
  } else market.logEstimate[i] = market.logValue[i]! + config.estimateNoise * streams.estimate.normal();
  return change;
}

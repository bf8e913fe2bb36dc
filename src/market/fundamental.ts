/**
 * Fundamental value: log V mean-reverts toward a long-run level, with Gaussian shocks,
 * optional jumps, and scheduled regime shifts that move the level. Each asset of each
 * world draws from its own stream, `fundamental/<SYM>`.
 */
import type { AssetConfig } from '../config/schema.ts';
import type { RandomStream, StreamColumn } from '../core/rng.ts';
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

/** One asset's streams in every world, resolved once when the market phase is built. */
export interface AssetStreams {
  fundamental: StreamColumn;
  estimate: StreamColumn;
  /** Drawn once per world on the listing tick: plain streams are enough. */
  listing: readonly RandomStream[];
}

/**
 * Moves log V of one asset in every world one tick, and the published estimate with it;
 * writes each world's change of log V into `change` ([worlds]): the price takes it in as
 * news. Each world draws from its own streams, `fundamental/<SYM>` and `estimate/<SYM>`.
 */
export function advanceFundamentals(market: MarketState, asset: number, config: AssetConfig, streams: AssetStreams, tick: number, change: Float64Array): void {
  const A = market.assets;
  const f = config.fundamental;
  const { logLevel, logValue, logEstimate } = market;
  for (const shift of f.regimeShifts) {
    if (shift.tick !== tick) continue;
    const level = Math.log(config.initialPrice * shift.level);
    for (let w = 0; w < market.worlds; w++) logLevel[w * A + asset] = level;
  }
  const { arena, at: fundamental } = streams.fundamental;
  const estimate = streams.estimate.at;
  const noisy = config.estimateNoise !== 0;
  for (let w = 0; w < market.worlds; w++) {
    const i = w * A + asset;
    const s = fundamental[w]!;
    let dv = f.meanReversion * (logLevel[i]! - logValue[i]!) + f.volatility * arena.normal(s);
    // Draw the jump's uniform and size every tick so the stream's use does not depend on
    // the outcome; a size that goes unused is skipped, not computed (log, sqrt and cos).
    if (arena.uniform(s) < f.jumpRate) dv += arena.normal(s) * f.jumpSize;
    else arena.skipNormal(s);
    logValue[i]! += dv;
    change[w] = dv;
    if (noisy) logEstimate[i] = logValue[i]! + config.estimateNoise * arena.normal(estimate[w]!);
    else {
      arena.skipNormal(estimate[w]!); // a noise of size 0 adds nothing
      logEstimate[i] = logValue[i]!;
    }
  }
}

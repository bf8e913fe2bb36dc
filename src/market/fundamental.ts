/**
 * Fundamental value: log V mean-reverts toward a long-run level, with news shocks,
 * optional jumps, and scheduled regime shifts that move the level. Each asset of each
 * world draws from its own stream, `fundamental/<SYM>`.
 *
 * The news comes in one of two styles (`market.style`, docs/market.md):
 * - gaussian: N(0, volatility²) every tick — memoryless, thin-tailed;
 * - garch: σ_t · z_t with z_t Student-t (unit variance) and σ_t² a GJR-GARCH(1,1) variance
 *   whose long-run level is volatility²: volatility clusters, tails are heavy, and falls
 *   raise later volatility more than rises, as in real returns (Cont 2001).
 */
import type { AssetConfig } from '../config/schema.ts';
import { estimateNoise, newsVolatility, type MarketStyle } from '../config/market-style.ts';
import type { RandomStream, StreamArena, StreamColumn } from '../core/rng.ts';
import type { MarketState } from '../world/market-state.ts';

/** `replay`: the asset's log values by tick from a file, whose row 0 is the starting price (then initialPrice is not used). */
export function initialiseAsset(market: MarketState, world: number, asset: number, config: AssetConfig, style: MarketStyle, replay?: Float64Array): void {
  const i = market.index(world, asset);
  const logPrice = replay ? replay[0]! : Math.log(config.initialPrice);
  market.logValue[i] = logPrice;
  market.logLevel[i] = logPrice;
  market.logObserved[i] = logPrice;
  market.logClose[i] = logPrice;
  market.logPreviousClose[i] = logPrice;
  market.logEstimate[i] = logPrice;
  market.newsVariance[i] = newsVolatility(config.fundamental, style) ** 2;
}


/**
 * A Student-t draw with `dof` degrees of freedom scaled to unit variance, by Bailey's polar
 * method (Bailey 1994, Math. Comp. 62: 779-781): exact for any real dof, one pair of
 * uniforms accepted with probability π/4. The number of pairs drawn depends only on the
 * stream, so a world's draws stay its own.
 */
export function unitStudentT(arena: StreamArena, at: number, dof: number): number {
  for (;;) {
    const u = 2 * arena.uniform(at) - 1;
    const v = 2 * arena.uniform(at) - 1;
    const w = u * u + v * v;
    if (w > 1 || w === 0) continue;
    // t = u·sqrt(ν(w^(-2/ν) - 1)/w); times sqrt((ν-2)/ν) for unit variance.
    return u * Math.sqrt(((dof - 2) * (w ** (-2 / dof) - 1)) / w);
  }
}

/** One asset's streams in every world, resolved once when the market phase is built. */
export interface AssetStreams {
  fundamental: StreamColumn;
  estimate: StreamColumn;
  /** Drawn once per world on the listing tick: plain streams are enough. */
  listing: readonly RandomStream[];
}

/**
 * Moves log V of one asset in every world one tick by the news process; writes each
 * world's change of log V into `change` ([worlds]): the price takes it in as news. Each
 * world draws from its own stream, `fundamental/<SYM>`.
 */
export function advanceFundamentals(market: MarketState, asset: number, config: AssetConfig, style: MarketStyle, streams: AssetStreams, tick: number, change: Float64Array): void {
  const A = market.assets;
  const f = config.fundamental;
  const { logLevel, logValue, newsVariance } = market;
  for (const shift of f.regimeShifts) {
    if (shift.tick !== tick) continue;
    const level = Math.log(config.initialPrice * shift.level);
    for (let w = 0; w < market.worlds; w++) logLevel[w * A + asset] = level;
  }
  const { arena, at: fundamental } = streams.fundamental;
  const g = f.garch;
  const volatility = newsVolatility(f, style);
  const longRun = volatility * volatility * (1 - g.alpha - g.beta - g.leverage / 2);
  const garch = style === 'garch';
  for (let w = 0; w < market.worlds; w++) {
    const i = w * A + asset;
    const s = fundamental[w]!;
    let news: number;
    if (garch) {
      news = Math.sqrt(newsVariance[i]!) * unitStudentT(arena, s, g.tailDof);
      newsVariance[i] = nextVariance(longRun, g, news, newsVariance[i]!);
    } else news = volatility * arena.normal(s);
    let dv = f.meanReversion * (logLevel[i]! - logValue[i]!) + news;
    // Draw the jump's uniform and size every tick so the stream's use does not depend on
    // the outcome; a size that goes unused is skipped, not computed (log, sqrt and cos).
    if (arena.uniform(s) < f.jumpRate) dv += arena.normal(s) * f.jumpSize;
    else arena.skipNormal(s);
    logValue[i]! += dv;
    change[w] = dv;
  }
}

type GarchConfig = AssetConfig['fundamental']['garch'];

/** GJR-GARCH(1,1): the next tick's news variance after a shock `news`; a fall weighs more (the leverage effect). */
export function nextVariance(longRun: number, g: GarchConfig, news: number, variance: number): number {
  return longRun + (news < 0 ? g.alpha + g.leverage : g.alpha) * news * news + g.beta * variance;
}

/** The long-run term ω of the news variance: volatility² · (1 − α − β − γ/2), so its mean is volatility². */
export function longRunTerm(config: AssetConfig, style: MarketStyle): number {
  const g = config.fundamental.garch;
  const volatility = newsVolatility(config.fundamental, style);
  return volatility * volatility * (1 - g.alpha - g.beta - g.leverage / 2);
}

/**
 * The published estimate's next log error in every world (into `errors`), drawn from
 * `estimate/<SYM>` before value moves: a fresh error each tick in the gaussian style
 * (exactly as before the garch style), AR(1) in the garch style with stationary deviation
 * estimateNoise (published estimates are revised slowly).
 */
export function nextEstimateErrors(market: MarketState, asset: number, config: AssetConfig, style: MarketStyle, streams: AssetStreams, errors: Float64Array): void {
  const A = market.assets;
  const { arena, at } = streams.estimate;
  const noise = estimateNoise(config, style);
  const persistence = style === 'garch' ? config.estimatePersistence : 0;
  const fresh = noise * Math.sqrt(1 - persistence * persistence);
  for (let w = 0; w < market.worlds; w++) {
    if (noise === 0) {
      arena.skipNormal(at[w]!); // a noise of size 0 adds nothing
      errors[w] = 0;
    } else if (persistence === 0) errors[w] = fresh * arena.normal(at[w]!);
    else {
      const i = w * A + asset;
      errors[w] = persistence * (market.logEstimate[i]! - market.logValue[i]!) + fresh * arena.normal(at[w]!);
    }
  }
}

/** The estimate after value moved: log V plus this tick's error. */
export function publishEstimates(market: MarketState, asset: number, errors: Float64Array): void {
  const A = market.assets;
  for (let w = 0; w < market.worlds; w++) market.logEstimate[w * A + asset] = market.logValue[w * A + asset]! + errors[w]!;
}

/**
 * What `market.style` decides beyond the mechanism (src/market/fundamental.ts): the
 * defaults of the two volatilities that set how much of a price move is news and how much
 * is noise trading, and of the published estimate's error (which persists in the garch
 * style, so a smaller one moves models as much). An explicit value in the scenario always wins.
 *
 * Why the defaults differ: in a real market most of a day's move is news and little is
 * the noise of order flow (so returns are nearly uncorrelated from one day to the next).
 * The gaussian style (tulip 0.1) had the reverse — 0.004 of news against 10 shares of
 * noise at an impact of 0.0005 — and its returns were strongly anti-correlated at lag 1.
 */
import type { ScenarioConfig } from './schema.ts';

export type MarketStyle = ScenarioConfig['market']['style'];
type FundamentalConfig = ScenarioConfig['market']['assets'][string]['fundamental'];
type NoiseConfig = ScenarioConfig['market']['traders']['noise'];

export const STYLE_DEFAULTS: Record<MarketStyle, { newsVolatility: number; noiseVolatility: number; estimateNoise: number }> = {
  garch: { newsVolatility: 0.01, noiseVolatility: 5, estimateNoise: 0.005 },
  gaussian: { newsVolatility: 0.004, noiseVolatility: 10, estimateNoise: 0.01 },
};

/** The fundamental's news volatility per tick (log units): the scenario's, else the style's default. */
export function newsVolatility(fundamental: FundamentalConfig, style: MarketStyle): number {
  return fundamental.volatility ?? STYLE_DEFAULTS[style].newsVolatility;
}

/** The published estimate's log error, standard deviation: the scenario's, else the style's default. */
export function estimateNoise(asset: { estimateNoise?: number | undefined }, style: MarketStyle): number {
  return asset.estimateNoise ?? STYLE_DEFAULTS[style].estimateNoise;
}

/** The noise traders' volatility (shares per tick): the scenario's, else the style's default. */
export function noiseVolatility(noise: NoiseConfig, style: MarketStyle): number {
  return noise.volatility ?? STYLE_DEFAULTS[style].noiseVolatility;
}

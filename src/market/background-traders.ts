/**
 * Background traders, one group of each kind per asset. Each returns an order in
 * shares for this tick; the ledger holds their positions.
 *
 * - noise: a target position that wanders as an AR(1) process (stream `noise-traders/<SYM>`);
 *   their orders depend on nothing but their own draws.
 * - fundamentalists: lean against mispricing log(V/P), up to a position limit.
 * - momentum: follow the log return over a window, up to a position limit.
 */
import type { ScenarioConfig } from '../config/schema.ts';
import type { MarketState } from '../world/market-state.ts';

type Traders = ScenarioConfig['market']['traders'];

export function clip(x: number, limit: number): number {
  return x > limit ? limit : x < -limit ? -limit : x;
}

/** Order that moves `position` toward `target` at `rate`. */
export function orderToward(target: number, position: number, rate: number): number {
  return rate * (target - position);
}

/**
 * `volatility` is their volatility in shares (`noiseVolatility`: the scenario's or the style's);
 * `draw` is this tick's standard normal draw from the world's stream `noise-traders/<SYM>`;
 * `activity` scales the asset's noise trading (a busy asset vs one in the long tail).
 */
export function noiseOrder(config: Traders['noise'], volatility: number, position: number, draw: number, activity = 1): number {
  const target = config.persistence * position + activity * volatility * draw;
  return target - position;
}

/**
 * (σ_t / σ̄)^power: how much busier than usual noise traders are when the news variance is
 * `variance` against its long-run `longRun` (garch style; 1 when either is 0).
 */
export function volatilityFactor(variance: number, longRun: number, power: number): number {
  if (longRun === 0) return 1;
  return power === 1 ? Math.sqrt(variance / longRun) : (variance / longRun) ** (power / 2);
}

export function fundamentalistOrder(config: Traders['fundamentalists'], market: MarketState, world: number, asset: number, position: number): number {
  const i = market.index(world, asset);
  const mispricing = market.logValue[i]! - market.logObserved[i]!;
  return orderToward(clip(config.sensitivity * mispricing, config.maxPosition), position, config.tradeRate);
}

export function momentumOrder(config: Traders['momentum'], market: MarketState, world: number, asset: number, position: number, tick: number): number {
  const i = market.index(world, asset);
  const past = tick - config.window >= 0 ? market.observedHistory.get(world, tick - config.window, asset) : market.observedHistory.get(world, 0, asset);
  const trend = market.logObserved[i]! - past;
  return orderToward(clip(config.sensitivity * trend, config.maxPosition), position, config.tradeRate);
}

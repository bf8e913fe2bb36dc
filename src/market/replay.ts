/**
 * An asset whose value is replayed from a file (`fundamental.replay`): the value after
 * tick t is row t, the same in every world; only trading, the estimate's error and the
 * other traders' draws differ between worlds. No `fundamental/<SYM>` draw is made.
 *
 * In the garch style the news variance is filtered from the replayed moves with the
 * asset's GARCH weights, so noise trading still follows the file's calm and turbulent spells.
 */
import type { AssetConfig } from '../config/schema.ts';
import type { MarketStyle } from '../config/market-style.ts';
import type { MarketState } from '../world/market-state.ts';
import { longRunTerm, nextVariance } from './fundamental.ts';

export function replayFundamentals(market: MarketState, asset: number, config: AssetConfig, style: MarketStyle, logValues: Float64Array, tick: number, change: Float64Array): void {
  const A = market.assets;
  const { logValue, newsVariance } = market;
  const next = logValues[tick]!;
  const garch = style === 'garch';
  const longRun = garch ? longRunTerm(config, style) : 0;
  for (let w = 0; w < market.worlds; w++) {
    const i = w * A + asset;
    const dv = next - logValue[i]!;
    if (garch) newsVariance[i] = nextVariance(longRun, config.fundamental.garch, dv, newsVariance[i]!);
    logValue[i] = next;
    change[w] = dv;
  }
}

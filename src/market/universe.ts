/**
 * A generated universe: many assets with a long tail of activity and new listings over
 * time, expanded into ordinary `market.assets` entries when a scenario is validated, so
 * everything downstream (models, monitors, reports) sees plain assets.
 *
 * Nothing here is random: the busiest asset, the tail and the listing calendar are the
 * same in every world (a new listing's first-day mispricing is drawn per world when it
 * lists, see listing.ts). Keeping the calendar common is what lets a model that scores
 * every listed asset train on the same number of rows in every world.
 */
import type { AssetConfig, ScenarioConfig } from '../config/schema.ts';

export type UniverseConfig = NonNullable<ScenarioConfig['market']['universe']>;

/** Symbol of the universe's k-th asset (0-based): U001, U002, ... */
export function universeSymbol(universe: UniverseConfig, k: number): string {
  return `${universe.prefix}${String(k + 1).padStart(3, '0')}`;
}

/** Activity of the asset ranked `rank` (1 = busiest): a power law, so a few assets carry most of the trading. */
export function activityOfRank(universe: UniverseConfig, rank: number): number {
  return universe.busiest * rank ** -universe.tail;
}

/** The tick the universe's k-th asset lists: the first `listed` at tick 0, the rest on the calendar. */
export function listingTick(universe: UniverseConfig, k: number): number {
  const listed = universe.listed ?? universe.count;
  return k < listed ? 0 : universe.listingFrom + (k - listed) * universe.listingEvery;
}

/** The universe's assets as `market.assets` entries, in symbol order. */
export function universeAssets(universe: UniverseConfig): Record<string, AssetConfig> {
  const out: Record<string, AssetConfig> = {};
  for (let k = 0; k < universe.count; k++) {
    out[universeSymbol(universe, k)] = {
      initialPrice: universe.initialPrice,
      estimatePersistence: 0.95,
      fundamental: universe.fundamental,
      listedAt: listingTick(universe, k),
      ipoMispricing: universe.ipoMispricing,
      // Ranks interleave with listing order, so new listings are not all in the tail.
      activity: activityOfRank(universe, rankOf(k, universe.count)),
    };
  }
  return out;
}

/** A fixed permutation of ranks 1..n (a stride coprime with n), so busy and quiet assets mix along the list. */
function rankOf(k: number, n: number): number {
  let stride = Math.max(1, Math.round(n * 0.618));
  while (gcd(stride, n) !== 1) stride++;
  return ((k * stride) % n) + 1;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** The scenario with its universe's assets added after the explicit ones (a symbol already listed explicitly wins). */
export function expandUniverse(config: ScenarioConfig): ScenarioConfig {
  const universe = config.market.universe;
  if (!universe) return config;
  const assets = { ...universeAssets(universe), ...config.market.assets };
  const ordered = { ...config.market.assets, ...Object.fromEntries(Object.entries(assets).filter(([sym]) => !(sym in config.market.assets))) };
  return { ...config, market: { ...config.market, assets: ordered } };
}

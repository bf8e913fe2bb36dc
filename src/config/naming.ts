/**
 * The names a scenario gives things, resolved in one place: a feature's name, the assets a
 * model trades, and the ledger names of the agents. Every folder that needs one of these
 * names asks here, so a name means the same thing in the trace, the monitors and the UI.
 */
import type { ModelConfig, ScenarioConfig } from './schema.ts';

/** A feature's name: its `name`, else its signal (`price`, `momentum`, ...). */
export function featureName(feature: { name?: string | undefined; signal: string }): string {
  return feature.name ?? feature.signal;
}

/** The assets a model scores and trades: `assets` resolved (`all`: every asset), else its one `asset`. */
export function modelAssets(config: Pick<ScenarioConfig, 'market'>, model: Pick<ModelConfig, 'asset' | 'assets'>): string[] {
  if (model.assets === 'all') return Object.keys(config.market.assets);
  return model.assets ?? [model.asset];
}

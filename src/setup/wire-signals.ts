/**
 * Wiring the scenario's `signals:` into a run: one SignalSources for all worlds, and a
 * FeatureLinks on every model pipeline. Called by scenario/build.ts; a scenario without
 * `signals:` gets neither, and runs exactly as before.
 */
import type { ScenarioConfig } from '../config/schema.ts';
import type { WorldRandom } from '../core/rng.ts';
import type { ModelRole } from '../models/model-role.ts';
import { SignalSources, type SourceInfo } from '../signals/sources.ts';
import { FeatureLinks } from '../signals/consumer.ts';

export function wireSignals(scenario: ScenarioConfig, roles: readonly ModelRole[], rngs: readonly WorldRandom[], worlds: number): SignalSources | undefined {
  const names = Object.keys(scenario.signals);
  if (names.length === 0) return undefined;
  const infos: SourceInfo[] = names.map((name) => {
    let consumers = 0;
    let asset = -1;
    for (const role of roles) {
      role.config.features.forEach((f, i) => {
        if (f.source !== name) return;
        consumers++;
        if (asset < 0) asset = role.pipeline.specs[i]!.asset;
      });
    }
    return { name, config: scenario.signals[name]!, consumers, asset: Math.max(0, asset) };
  });
  const sources = new SignalSources(worlds, infos, rngs);
  for (const role of roles) {
    // Only a model that reads a declared source gets links; the others read their signals
    // directly, exactly as in a scenario without `signals:`. Links are per world: the
    // scenario check refuses sources on a multi-asset model, whose arrays are per lane.
    if (!role.config.features.some((f) => f.source !== undefined)) continue;
    if (role.lanes !== 1) throw new Error(`model ${role.name} scores ${role.lanes} assets and reads a declared source; sources serve one-asset models only`);
    role.pipeline.links = new FeatureLinks(worlds, role.name, role.pipeline.specs, role.config.features, sources);
  }
  return sources;
}

/** Ticks of price history a definition change may read back (momentum window or return lag). */
export function definitionLookback(scenario: ScenarioConfig): number {
  let need = 0;
  for (const s of Object.values(scenario.signals)) for (const c of s.changes) need = Math.max(need, c.window ?? 0, c.lag ?? 0);
  return need;
}

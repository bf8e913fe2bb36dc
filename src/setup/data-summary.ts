/**
 * Per-world summary figures of the data dependencies, for run summaries and `expect:`
 * checks: `signals.<source>.downTicks`, `signals.<source>.missingTicks` (summed over its
 * consumer features) and `dataCost.<model>` (upkeep paid so far: cost per tick x ticks,
 * over the model's features). Present only when the scenario declares `signals:`.
 */
import type { TulipSimulation as Simulation } from './parts.ts';

export interface SourceSummary {
  downTicks: number;
  missingTicks: number;
}

export interface DataSummary {
  signals: Record<string, SourceSummary>;
  dataCost: Record<string, number>;
}

export function dataSummary(sim: Simulation, w: number): DataSummary | undefined {
  const sources = sim.parts.sources;
  if (!sources) return undefined;
  const S = sources.sources.length;
  const signals: Record<string, SourceSummary> = {};
  sources.sources.forEach((s, k) => (signals[s.name] = { downTicks: sources.downTicks[w * S + k]!, missingTicks: 0 }));
  const dataCost: Record<string, number> = {};
  for (const role of sim.parts.roles) {
    let cost = 0;
    role.config.features.forEach((f, i) => {
      if (f.source === undefined) return;
      cost += sim.parts.scenario.signals[f.source]!.cost * sim.tick;
      const links = role.pipeline.links;
      if (links) signals[f.source]!.missingTicks += links.missingTicks[w * role.pipeline.features + i]!;
    });
    dataCost[role.name] = cost;
  }
  return { signals, dataCost };
}

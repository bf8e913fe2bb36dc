/**
 * Running one chunk: a batched simulation of one variant over a list of seeds, turned
 * into sweep rows. The same code runs in the main thread (--workers 1) and in each
 * worker thread, so a row never depends on where it was computed.
 */
import { loadScenarioText, type LoadedScenario } from '../setup/loader.ts';
import { parseOverride } from '../setup/overrides.ts';
import { buildSimulation } from '../setup/build.ts';
import { worldSummary, type WorldSummary } from '../setup/summary.ts';
import type { BackendChoice } from '../models/backend.ts';
import { summaryRow, type Cell, type SweepColumn } from './rows.ts';
import type { Chunk, Variant } from './plan.ts';

/** Everything a chunk runner needs; plain data, so it can be handed to a worker thread. */
export interface SweepSpec {
  /** The scenario's path: its base name is in every trace header, and custom monitors load beside it. */
  scenarioFile: string;
  scenarioText: string;
  /** --set overrides applied to every variant, before the variant's own. */
  sets: string[];
  variants: Variant[];
  ticks?: number;
  backend: BackendChoice;
  columns: SweepColumn[];
}

/** Ticks run between progress reports inside a chunk. */
export const TICK_SLICE = 25;

/** Called inside a chunk with the fraction of its ticks done. */
export type OnTicks = (fraction: number) => void;

export class ChunkRunner {
  private readonly loaded = new Map<number, LoadedScenario>();

  constructor(private readonly spec: SweepSpec) {}

  /** The scenario of variant v: the file's text with --set, then the variant's --vary values. */
  scenario(v: number): LoadedScenario {
    let loaded = this.loaded.get(v);
    if (!loaded) {
      const sets = [...this.spec.sets, ...this.spec.variants[v]!.sets].map((s) => parseOverride(s));
      loaded = loadScenarioText(this.spec.scenarioText, this.spec.scenarioFile, sets);
      this.loaded.set(v, loaded);
    }
    return loaded;
  }

  /** Summaries of each seed's world, from one batched run. */
  async summaries(chunk: Chunk, run = true, onTicks?: OnTicks): Promise<{ summaries: WorldSummary[]; backend: string }> {
    const sim = await buildSimulation(this.scenario(chunk.variant), { seeds: chunk.seeds, ticks: this.spec.ticks, backend: this.spec.backend });
    try {
      // In slices, for progress; run(n) is n steps, so the slicing changes nothing.
      while (run && !sim.done) {
        sim.run(TICK_SLICE);
        onTicks?.(sim.tick / sim.parts.ticks);
      }
      return { summaries: chunk.seeds.map((_, w) => worldSummary(sim, w)), backend: sim.parts.backend };
    } finally {
      sim.dispose();
    }
  }

  async rows(chunk: Chunk, onTicks?: OnTicks): Promise<Cell[][]> {
    const variant = this.spec.variants[chunk.variant]!;
    const { summaries } = await this.summaries(chunk, true, onTicks);
    return summaries.map((s) => summaryRow(this.spec.columns, variant.index, variant.values, s));
  }
}

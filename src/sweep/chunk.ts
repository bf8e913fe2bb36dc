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
import { readFileSync } from 'node:fs';
import { decodeRow, summaryRow, type Cell, type SweepColumn } from './rows.ts';
import type { Chunk, Variant } from './plan.ts';
import { SweepError } from './errors.ts';

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

// ---- chunk files of an earlier run (resume) ----------------------------------------------

/** How a float64 cell that JSON cannot hold is written in a chunk file (see encodeRow). */
const SPECIAL_NUMBERS = new Set(['NaN', 'inf', '-inf', '-0']);

function cellProblem(cell: unknown, column: SweepColumn): string {
  const ok =
    column.type === 'int32'
      ? Number.isSafeInteger(cell)
      : column.type === 'float64'
        ? cell === null || typeof cell === 'number' || (typeof cell === 'string' && SPECIAL_NUMBERS.has(cell))
        : column.type === 'bool'
          ? typeof cell === 'boolean'
          : typeof cell === 'string';
  return ok ? '' : `column ${column.name} holds ${JSON.stringify(cell) ?? 'nothing'}, not a ${column.type === 'utf8' ? 'text' : column.type} value`;
}

/**
 * The rows of a chunk file, checked whole before any is used: JSON, an object of this
 * sweep, and every row with one cell per column of the column's type. A damaged file is
 * a SweepError naming it and saying to delete it (its rows are then computed again);
 * a file of another sweep returns `sameSweep: false`.
 */
export function readChunkFile(file: string, sweepId: string, columns: SweepColumn[]): { sameSweep: boolean; rows: Cell[][] } {
  const damaged = (why: string): SweepError => new SweepError(`${file}: ${why}; delete it to recompute its rows`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw damaged(`not a sweep chunk file (${(err as Error).message})`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw damaged(`not a sweep chunk file (expected a JSON object, got ${data === null ? 'null' : Array.isArray(data) ? 'a list' : typeof data})`);
  const chunk = data as { sweepId?: unknown; rows?: unknown };
  if (typeof chunk.sweepId !== 'string') throw damaged('not a sweep chunk file (no sweepId)');
  if (chunk.sweepId !== sweepId) return { sameSweep: false, rows: [] };
  if (!Array.isArray(chunk.rows)) throw damaged('no list of rows');
  const rows = chunk.rows.map((row: unknown, r) => {
    if (!Array.isArray(row) || row.length !== columns.length) throw damaged(`row ${r} has ${Array.isArray(row) ? `${row.length} cells` : 'no cells'}, expected ${columns.length}`);
    columns.forEach((column, c) => {
      const problem = cellProblem(row[c], column);
      if (problem) throw damaged(`row ${r}: ${problem}`);
    });
    return decodeRow(row as Cell[], columns);
  });
  return { sameSweep: true, rows };
}

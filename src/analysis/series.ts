/**
 * The per-tick series counterfactual replay compares: each asset's closing price
 * (currency units), each model's position (shares) and mark-to-market PnL (currency
 * units), for every world — the readings price:X, position:M and pnl:M of the run's
 * readings table. Values are stored tick-major: `values[t * worlds + w]`.
 */
import type { Reading } from '../engine/readings.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';

/** A series name as `kind:subject`: `price:X`, `position:A`, `pnl:A`. */
export type SeriesName = `${'price' | 'position' | 'pnl'}:${string}`;

export const SERIES_KINDS = ['price', 'position', 'pnl'] as const;

export interface RunSeries {
  worlds: number;
  ticks: number;
  /** Series by name; each holds ticks × worlds values, tick-major. */
  series: Map<string, Float64Array>;
}

/** Records the series of a simulation tick by tick; call `capture()` after every `step()`. */
export class SeriesRecorder {
  readonly series = new Map<string, Float64Array>();
  private readonly sources: [Reading, Float64Array][] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly ticks: number,
  ) {
    const { market, roles } = sim.parts;
    const names = [...market.symbols.map((sym) => `price:${sym}`), ...roles.flatMap((role) => [`position:${role.name}`, `pnl:${role.name}`])];
    for (const name of names) {
      const values = new Float64Array(ticks * sim.worlds);
      this.series.set(name, values);
      this.sources.push([sim.readings.get(name), values]);
    }
  }

  /** Stores the numbers of the tick just run (sim.tick - 1). */
  capture(): void {
    const t = this.sim.tick - 1;
    const W = this.sim.worlds;
    if (t < 0 || t >= this.ticks) return;
    for (const [reading, values] of this.sources) for (let w = 0; w < W; w++) values[t * W + w] = reading.read(w);
  }

  result(): RunSeries {
    return { worlds: this.sim.worlds, ticks: this.ticks, series: this.series };
  }
}

/** Runs `sim` from its current tick to its end, capturing every tick. */
export function runRecorded(sim: Simulation, recorder: SeriesRecorder, until = sim.totalTicks): void {
  while (sim.tick < until) {
    sim.step();
    recorder.capture();
  }
}

/** One world's values of a tick-major series. */
export function worldValues(values: Float64Array, worlds: number, world: number): Float64Array {
  const ticks = values.length / worlds;
  const out = new Float64Array(ticks);
  for (let t = 0; t < ticks; t++) out[t] = values[t * worlds + world]!;
  return out;
}

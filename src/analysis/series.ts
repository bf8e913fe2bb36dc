/**
 * The per-tick series counterfactual replay compares: each asset's closing price
 * (currency units), each model's position (shares) and mark-to-market PnL (currency
 * units), for every world. Values are stored tick-major: `values[t * worlds + w]`.
 */
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import { modelBook } from '../setup/summary.ts';

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

  constructor(
    private readonly sim: Simulation,
    private readonly ticks: number,
  ) {
    const { market, roles } = sim.parts;
    for (const sym of market.symbols) this.series.set(`price:${sym}`, new Float64Array(ticks * sim.worlds));
    for (const role of roles) {
      this.series.set(`position:${role.name}`, new Float64Array(ticks * sim.worlds));
      this.series.set(`pnl:${role.name}`, new Float64Array(ticks * sim.worlds));
    }
  }

  /** Stores the numbers of the tick just run (sim.tick - 1). */
  capture(): void {
    const { market, roles } = this.sim.parts;
    const t = this.sim.tick - 1;
    const W = this.sim.worlds;
    if (t < 0 || t >= this.ticks) return;
    for (let w = 0; w < W; w++) {
      market.symbols.forEach((sym, a) => {
        this.series.get(`price:${sym}`)![t * W + w] = Math.exp(market.logClose[market.index(w, a)]!);
      });
      for (const role of roles) {
        const book = modelBook(this.sim, role, w);
        this.series.get(`position:${role.name}`)![t * W + w] = book.position;
        this.series.get(`pnl:${role.name}`)![t * W + w] = book.pnl;
      }
    }
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

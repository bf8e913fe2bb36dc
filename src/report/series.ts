/**
 * The numbers the charts draw, taken from a trace: long-format rows ({tick, series,
 * value}) for one world, quantile bands across worlds, and the events of every world.
 * Nothing here invents data: a chart with no rows says so instead.
 */
import type { TickRecord } from '../setup/trace-record.ts';
import type { Trace } from './trace-file.ts';
import { quantileSorted } from '../core/quantile.ts';

export interface SeriesRow {
  tick: number;
  series: string;
  value: number;
}

export interface BandRow {
  tick: number;
  q05: number;
  q25: number;
  median: number;
  q75: number;
  q95: number;
}

export interface EventRow {
  tick: number;
  world: number;
  /** The lane the event is drawn in, e.g. `alert: numerical (A)`. */
  lane: string;
  kind: 'alert' | 'intervention';
  severity: string;
  text: string;
}

export function worldRecords(trace: Trace, world: number): TickRecord[] {
  return trace.records.filter((r) => r.world === world);
}

export const assetsOf = (trace: Trace): string[] => Object.keys(trace.records[0]?.assets ?? {});
export const modelsOf = (trace: Trace): string[] => Object.keys(trace.records[0]?.models ?? {});

/** Rows of one value per tick, finite values only (JSON and SVG have no NaN). */
export function rows(records: TickRecord[], series: string, value: (r: TickRecord) => number | undefined): SeriesRow[] {
  const out: SeriesRow[] = [];
  for (const r of records) {
    const v = value(r);
    if (v !== undefined && Number.isFinite(v)) out.push({ tick: r.tick, series, value: v });
  }
  return out;
}

/** Mark-to-market PnL of a model's trading agent: cash + position x price of its asset. */
export function pnl(r: TickRecord, model: string, asset: string): number | undefined {
  const agent = r.agents[`model/${model}`];
  const price = r.assets[asset]?.price;
  return agent && price !== undefined ? agent.cash + agent.position * price : undefined;
}

/** The first tick at which each model's injected bug was active (world 0), if ever. */
export function bugStarts(records: TickRecord[]): { model: string; tick: number }[] {
  const out: { model: string; tick: number }[] = [];
  for (const model of Object.keys(records[0]?.models ?? {})) {
    const first = records.find((r) => r.models[model]?.bug);
    if (first) out.push({ model, tick: first.tick });
  }
  return out;
}


/** Per tick, the 5/25/50/75/95% quantiles of a value across all worlds (linear interpolation). */
export function bands(trace: Trace, value: (r: TickRecord) => number): BandRow[] {
  const byTick = new Map<number, number[]>();
  for (const r of trace.records) {
    const v = value(r);
    if (!Number.isFinite(v)) continue;
    let list = byTick.get(r.tick);
    if (!list) byTick.set(r.tick, (list = []));
    list.push(v);
  }
  return [...byTick.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([tick, values]) => {
      const s = Float64Array.from(values).sort();
      return { tick, q05: quantileSorted(s, 0.05), q25: quantileSorted(s, 0.25), median: quantileSorted(s, 0.5), q75: quantileSorted(s, 0.75), q95: quantileSorted(s, 0.95) };
    });
}

/** `halt B`, `set-training B mode=static (rule: loop-b -> freeze-training)`. */
function describeIntervention(iv: Record<string, unknown>): string {
  const { type, model, reason, world: _world, ...rest } = iv;
  const extra = Object.entries(rest).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  return `${String(type)} ${String(model ?? '')}${extra ? ` ${extra}` : ''}${reason ? ` (${String(reason)})` : ''}`;
}

/** Every event in the trace, from every world, in trace order. */
export function eventRows(trace: Trace): EventRow[] {
  const out: EventRow[] = [];
  for (const r of trace.records) {
    for (const e of r.events) {
      if (e.type === 'alert') {
        const a = e.alert;
        out.push({ tick: e.tick, world: e.world, lane: `alert: ${a.monitor}${a.model ? ` (${a.model})` : ''}`, kind: 'alert', severity: a.severity, text: a.message });
      } else if (e.type === 'intervention') {
        const iv = e.intervention;
        const text = describeIntervention(iv as unknown as Record<string, unknown>);
        const lane = `intervention: ${iv.type} ${iv.model}${iv.type === 'quarantine' ? ` ${iv.feature}` : ''}`;
        out.push({ tick: e.tick, world: e.world, lane, kind: 'intervention', severity: 'intervention', text: `intervention: ${text}` });
      }
    }
  }
  return out;
}

/**
 * Run summaries: per world, the figures a user asks about first; for the run, the same
 * figures (medians across worlds when W > 1) plus each world's own.
 */
import { createHash } from 'node:crypto';
import type { Simulation } from './simulation.ts';
import type { Alert } from './events.ts';
import { dataSummary, type DataSummary } from '../signals/summary.ts';

export interface AssetSummary {
  finalPrice: number;
  finalFundamental: number;
  /** Largest |P/V - 1| over the run. */
  peakDeviation: number;
}

export interface ModelSummary {
  /** Mark-to-market profit and loss (currency units). */
  pnl: number;
  /** Final position (shares). */
  position: number;
  /** Served model version at the end. */
  version: number;
}

export interface WorldSummary {
  world: number;
  seed: number;
  traceHash: string;
  assets: Record<string, AssetSummary>;
  models: Record<string, ModelSummary>;
  alerts: (Alert & { tick: number; world: number })[];
  /** Number of alerts raised (any monitor), for expect: checks. */
  alertCount: number;
  /** First tick with an alert, or -1. */
  firstAlertTick: number;
  /** Data dependencies (only when the scenario declares `signals:`): see signals/summary.ts. */
  signals?: DataSummary['signals'];
  dataCost?: DataSummary['dataCost'];
}

export interface RunSummary {
  scenario: string;
  seed: number;
  worlds: number;
  ticks: number;
  backend: string;
  version: string;
  /** World 0's hash when W = 1; else SHA-256 of the per-world hashes in world order. */
  traceHash: string;
  assets: Record<string, AssetSummary>;
  models: Record<string, ModelSummary>;
  alerts: (Alert & { tick: number; world: number })[];
  perWorld?: WorldSummary[];
}

export function worldSummary(sim: Simulation, w: number): WorldSummary {
  const { market, ledger, roles, seeds } = sim.parts;
  const assets: Record<string, AssetSummary> = {};
  market.symbols.forEach((sym, a) => {
    const i = market.index(w, a);
    assets[sym] = { finalPrice: Math.exp(market.logClose[i]!), finalFundamental: Math.exp(market.logValue[i]!), peakDeviation: market.peakDeviation[i]! };
  });
  const models: Record<string, ModelSummary> = {};
  for (const role of roles) {
    const g = ledger.agentIndex(`model/${role.name}`);
    const price = Math.exp(market.logClose[market.index(w, role.asset)]!);
    models[role.name] = { pnl: ledger.pnl(w, g, price), position: ledger.position[ledger.index(w, g)]!, version: role.version[w]! };
  }
  const alerts = sim.events.filter((e) => e.world === w && e.type === 'alert').map((e) => ({ ...(e as { alert: Alert }).alert, tick: e.tick, world: w }));
  return { world: w, seed: seeds[w]!, traceHash: sim.hashes.hex(w), assets, models, alerts, alertCount: alerts.length, firstAlertTick: alerts[0]?.tick ?? -1, ...dataSummary(sim, w) };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return Number.NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Field-by-field medians of per-world records keyed by asset or model name. */
function medianOf<T extends object>(rows: Record<string, T>[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(rows[0] ?? {})) {
    const fields = Object.keys(rows[0]![key]!) as (keyof T & string)[];
    out[key] = Object.fromEntries(fields.map((f) => [f, median(rows.map((r) => r[key]![f] as number))])) as T;
  }
  return out;
}

export function runSummary(sim: Simulation): RunSummary {
  const p = sim.parts;
  const perWorld = Array.from({ length: p.worlds }, (_, w) => worldSummary(sim, w));
  const single = p.worlds === 1;
  const traceHash = single ? perWorld[0]!.traceHash : createHash('sha256').update(perWorld.map((w) => w.traceHash).join('\n')).digest('hex');
  return {
    scenario: p.scenarioName,
    seed: p.seed,
    worlds: p.worlds,
    ticks: sim.tick,
    backend: p.backend,
    version: p.version,
    traceHash,
    assets: single ? perWorld[0]!.assets : medianOf(perWorld.map((w) => w.assets)),
    models: single ? perWorld[0]!.models : medianOf(perWorld.map((w) => w.models)),
    alerts: perWorld.flatMap((w) => w.alerts),
    ...(single ? {} : { perWorld }),
  };
}

/**
 * Run summaries: per world, the figures a user asks about first; for the run, the same
 * figures (medians across worlds when W > 1) plus each world's own.
 */
import { createHash } from 'node:crypto';
import { median } from '../core/quantile.ts';
import type { TulipSimulation as Simulation } from './parts.ts';
import type { ModelRole } from '../models/model-role.ts';
import type { Alert } from '../core/events.ts';
import { dataSummary, type DataSummary } from './data-summary.ts';
import { excursionSummary, type ExcursionSummary } from '../market/excursion.ts';
import type { Diverged } from '../engine/divergence.ts';

/** Peak |P/V - 1|, and the path's shape above and below value (market/excursion.ts). */
export interface AssetSummary extends ExcursionSummary {
  finalPrice: number;
  finalFundamental: number;
  /** Largest |P/V - 1| over the run. */
  peakDeviation: number;
}

export interface ModelSummary {
  /** Mark-to-market profit and loss (currency units). */
  pnl: number;
  /** Final position (shares; a multi-asset model's net shares over its assets). */
  position: number;
  /** The part of pnl made on assets listed after tick 0 (new listings; 0 when there are none). */
  pnlNewListings: number;
  /** Served model version at the end. */
  version: number;
  /** Mean squared error (standard units) of the predictions the model served, against what happened; NaN if none was scored. */
  predictionError: number;
  /** Share of those predictions whose sign matched the outcome's (0.5: a coin). */
  hitRate: number;
  /** How predictions were served (see inference/serving.ts). */
  serving: ServingSummary;
}

export interface ServingSummary {
  /** Predictions asked for: listed assets x ticks traded. */
  requests: number;
  /** Requests answered with a model prediction. */
  answered: number;
  /** Online requests past the compute budget. */
  timedOut: number;
  /** answered / requests (NaN before any request). */
  coverage: number;
  /** Mean age of the answered predictions (ticks since their features were read; 0 online). */
  staleness: number;
  /** Mean latency of answered online requests (compute units queued before them, plus their own; 0 offline). */
  latency: number;
  /** Compute units spent on predictions. */
  computeCost: number;
  /** Offline: batch tables pushed, and rejected by their checks. */
  tablesPushed: number;
  tablesRejected: number;
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
  /** Set when the world's numbers ran away (see engine/divergence.ts): when, why, and what in words. */
  diverged?: Diverged;
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
  /** The worlds that diverged (absent when none did). */
  diverged?: (Diverged & { world: number })[];
  perWorld?: WorldSummary[];
}

export function worldSummary(sim: Simulation, w: number): WorldSummary {
  const { market, roles, seeds } = sim.parts;
  const assets: Record<string, AssetSummary> = {};
  market.symbols.forEach((sym, a) => {
    const i = market.index(w, a);
    assets[sym] = { finalPrice: Math.exp(market.logClose[i]!), finalFundamental: Math.exp(market.logValue[i]!), peakDeviation: market.peakDeviation[i]!, ...excursionSummary(market.excursion, i) };
  });
  const models: Record<string, ModelSummary> = {};
  for (const role of roles) {
    const { pnl, position, pnlNewListings } = modelBook(sim, role, w);
    models[role.name] = { pnl, position, pnlNewListings, version: role.version[w]!, predictionError: role.errorSum[w]! / role.errorCount[w]!, hitRate: role.hits[w]! / role.errorCount[w]!, serving: servingSummary(role, w) };
  }
  const alerts = sim.events.filter((e) => e.world === w && e.type === 'alert').map((e) => ({ ...(e as { alert: Alert }).alert, tick: e.tick, world: w }));
  const diverged = sim.parts.divergence.divergedOf(w);
  return { world: w, seed: seeds[w]!, traceHash: sim.hashes.hex(w), assets, models, alerts, alertCount: alerts.length, firstAlertTick: alerts[0]?.tick ?? -1, ...(diverged ? { diverged } : {}), ...dataSummary(sim, w) };
}

/**
 * A model's profit and loss and net position in shares, summed over the assets it trades
 * (the readings pnl:M and position:M), and the part of its PnL made on new listings.
 */
export function modelBook(sim: Simulation, role: ModelRole, w: number): { pnl: number; position: number; pnlNewListings: number } {
  const { readings, parts } = sim;
  let pnlNewListings = 0;
  role.laneAssets.forEach((asset, lane) => {
    if (role.laneListedAt[lane]! === 0) return;
    const name = role.lanes === 1 ? `pnl:${role.name}` : `pnl:${role.name}/${parts.market.symbols[asset]}`;
    pnlNewListings += readings.get(name).read(w);
  });
  return { pnl: readings.get(`pnl:${role.name}`).read(w), position: readings.get(`position:${role.name}`).read(w), pnlNewListings };
}

function servingSummary(role: ModelRole, w: number): ServingSummary {
  const m = role.serving.metrics;
  const answered = m.answered[w]!;
  return {
    requests: m.requests[w]!,
    answered,
    timedOut: m.timedOut[w]!,
    coverage: answered / m.requests[w]!,
    staleness: answered > 0 ? m.ageSum[w]! / answered : Number.NaN,
    latency: answered > 0 ? m.latencySum[w]! / answered : Number.NaN,
    computeCost: m.computeCost[w]!,
    tablesPushed: m.tablesPushed[w]!,
    tablesRejected: m.tablesRejected[w]!,
  };
}

export { median } from '../core/quantile.ts';

/** Field-by-field medians of per-world records keyed by asset or model name (nested records too). */
function medianOf<T extends object>(rows: Record<string, T>[]): Record<string, T> {
  return medianRecord(rows) as Record<string, T>;
}

function medianRecord(rows: unknown[]): unknown {
  const first = rows[0];
  if (typeof first === 'number') return median(rows as number[]);
  if (first === null || typeof first !== 'object') return first;
  return Object.fromEntries(Object.keys(first).map((key) => [key, medianRecord(rows.map((r) => (r as Record<string, unknown>)[key]))]));
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
    ...divergedWorlds(perWorld),
    ...(single ? {} : { perWorld }),
  };
}

function divergedWorlds(perWorld: WorldSummary[]): Pick<RunSummary, 'diverged'> {
  const diverged = perWorld.flatMap((w) => (w.diverged ? [{ world: w.world, ...w.diverged }] : []));
  return diverged.length > 0 ? { diverged } : {};
}

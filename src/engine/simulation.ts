/**
 * The simulation: W worlds in lockstep. `step()` runs one tick as a short list of named
 * phases (see docs/architecture.md); each phase is a small function over all worlds.
 *
 * World k of a run with seed S has seed S + k and its own streams, market and ledger;
 * only the model banks are shared, and they keep worlds apart (see model-bank.ts).
 */
import type { ScenarioConfig } from '../config/schema.ts';
import type { BackendName } from '../models/backend.ts';
import type { WorldRandom, StreamState } from '../core/rng.ts';
import type { MarketState } from '../market/market-state.ts';
import type { Ledger } from '../market/ledger.ts';
import type { ModelRole } from '../models/model-role.ts';
import { MODE_DYNAMIC, MODE_STATIC } from '../models/model-role.ts';
import { BUG_FORCED_OFF, BUG_FORCED_ON } from '../models/feature-pipeline.ts';
import { TraceHashes } from '../core/trace-hash.ts';
import { advanceFundamental } from '../market/fundamental.ts';
import { fundamentalistOrder, momentumOrder, noiseOrder } from '../market/background-traders.ts';
import { clearWorld } from '../market/clearing.ts';
import { isListed, openListing } from '../market/listing.ts';
import { modelOrder } from '../agents/model-trader.ts';
import { tickRecord, tickNumbers, tickNumberCount, TRACE_SCHEMA_VERSION, type TickRecord } from './trace-record.ts';
import type { Intervention, SimEvent } from '../core/events.ts';
import type { AttachedMonitors } from '../monitors/attached.ts';
import { VersionRegistry, type RegistrySnapshot } from '../models/version-registry.ts';
import type { SignalSources } from '../signals/sources.ts';
import { DivergenceWatch } from './divergence.ts';

export interface SimulationParts {
  scenario: ScenarioConfig;
  scenarioName: string;
  seed: number;
  /** Seed of each world: seed + k unless a list was given. */
  seeds: number[];
  worlds: number;
  ticks: number;
  /** The tfjs backend, or `reference` / `naive` when another bank computes the models. */
  backend: BackendName | 'reference' | 'naive';
  version: string;
  rngs: WorldRandom[];
  market: MarketState;
  ledger: Ledger;
  roles: ModelRole[];
  /** Agent kinds by ledger index, so the order phase knows who is who. */
  agentKinds: AgentKind[];
  /** Keep full per-tick records (for trace.jsonl and the terminal UI). */
  record: boolean;
  /** Declared upstream sources (outages, versions), when the scenario has `signals:`. */
  sources?: SignalSources | undefined;
}

export type AgentKind = { kind: 'noise' | 'fundamentalists' | 'momentum'; asset: number } | { kind: 'model'; role: number; lane: number };

export interface Snapshot {
  tick: number;
  market: Float64Array[];
  ledger: Float64Array[];
  roles: ReturnType<ModelRole['snapshot']>[];
  published: Float64Array[];
  rngs: Record<string, StreamState>[];
  hashes: string[];
  pending: Intervention[];
  /** The events so far (a fresh simulation restored from the snapshot reports them too). */
  events: SimEvent[];
  /** How many per-tick records existed (records themselves are not carried: they can be large). */
  records: number;
  versions: RegistrySnapshot;
  monitors: unknown;
  divergence?: unknown;
  sources?: (Float64Array | Uint8Array)[];
}

export class Simulation {
  /** The next tick to run. */
  tick = 0;
  readonly hashes: TraceHashes;
  /** Each role's last published prediction per world (what model-output signals read). */
  readonly published: Float64Array[];
  /** Everything that happened besides the numbers: interventions, alerts, numerical trouble. */
  readonly events: SimEvent[] = [];
  /** Per-tick records, when recording. */
  readonly records: TickRecord[] = [];
  /** The last few versions of every model in every world, for rollback. */
  readonly versions: VersionRegistry;
  /** Worlds whose numbers ran away: alerted, halted, and marked in the summary (divergence.ts). */
  readonly divergence = new DivergenceWatch();
  private pending: Intervention[] = [];
  /** The scenario's monitors, when it has any. */
  monitors: AttachedMonitors | undefined;
  private tickEvents: SimEvent[] = [];
  /** One world's tick numbers, reused for every world and tick (hashed, never kept). */
  private numbers: Float64Array<ArrayBuffer> | undefined;

  constructor(readonly parts: SimulationParts) {
    this.hashes = new TraceHashes(parts.worlds, parts.rngs.map((_, w) => JSON.stringify(this.header(w))));
    this.published = parts.roles.map(() => new Float64Array(parts.worlds));
    this.versions = new VersionRegistry(parts.roles, parts.worlds);
  }

  get worlds(): number {
    return this.parts.worlds;
  }
  get totalTicks(): number {
    return this.parts.ticks;
  }
  get done(): boolean {
    return this.tick >= this.parts.ticks;
  }

  /** The trace header of world w: what a hash is a hash of. */
  header(world: number): Record<string, unknown> {
    const p = this.parts;
    return { format: 'tulip-trace', schemaVersion: TRACE_SCHEMA_VERSION, scenario: p.scenarioName, seed: p.seeds[world], backend: p.backend, version: p.version };
  }

  /** Queues an intervention; it takes effect at the start of the next tick and is recorded there. */
  intervene(intervention: Intervention): void {
    // A typo must not vanish silently: an intervention names a model this run has.
    if (!this.parts.roles.some((r) => r.name === intervention.model)) {
      throw new Error(`cannot ${intervention.type}: no model named ${JSON.stringify(intervention.model)} in this run (models: ${this.parts.roles.map((r) => r.name).join(', ') || 'none'})`);
    }
    this.pending.push(intervention);
  }

  run(ticks = this.parts.ticks - this.tick): void {
    const end = Math.min(this.parts.ticks, this.tick + ticks);
    while (this.tick < end) this.step();
  }

  step(): void {
    const t = this.tick;
    this.tickEvents = [];
    this.applyInterventions(t);
    this.advanceMarket(t);
    this.observeSignals(t);
    this.infer(t);
    this.placeOrders(t);
    this.clearMarket();
    this.learn(t);
    for (const event of this.divergence.check(this.parts, t)) this.emit(event);
    this.versions.capture();
    this.publish();
    this.watch(t);
    this.recordTick(t);
    this.tick = t + 1;
  }

  // ---- phases -------------------------------------------------------------------------

  private applyInterventions(t: number): void {
    for (const iv of this.pending) {
      const r = this.parts.roles.findIndex((role) => role.name === iv.model);
      const role = this.parts.roles[r];
      if (!role) continue;
      const worlds = iv.world === undefined ? [...Array(this.worlds).keys()] : [iv.world];
      for (const w of worlds) {
        if (iv.type === 'set-bug') role.setBugSwitch(w, iv.on ? BUG_FORCED_ON : BUG_FORCED_OFF);
        else if (iv.type === 'set-training') role.mode[w] = iv.mode === 'dynamic' ? MODE_DYNAMIC : MODE_STATIC;
        else if (iv.type === 'halt') role.halted[w] = iv.on === false ? 0 : 1;
        else if (iv.type === 'rollback') {
          this.versions.rollback(r, w);
          role.sync.discardWorld(role.bank, role.version, w);
        }
        else if (iv.type === 'pin-version') {
          const f = role.config.features.findIndex((feature) => (feature.name ?? feature.signal) === iv.feature);
          if (f >= 0) role.pipeline.links?.pinTo(w, f, iv.version);
        } else if (iv.type === 'quarantine') {
          const f = role.config.features.findIndex((feature) => (feature.name ?? feature.signal) === iv.feature);
          if (f >= 0) role.setQuarantine(w, f, iv.on !== false);
        }
        this.emit({ tick: t, world: w, type: 'intervention', intervention: iv });
      }
    }
    this.pending = [];
  }

  private advanceMarket(t: number): void {
    const { market, scenario, rngs } = this.parts;
    const assets = Object.values(scenario.market.assets);
    for (let w = 0; w < this.worlds; w++) {
      for (let a = 0; a < assets.length; a++) {
        const change = advanceFundamental(market, w, a, assets[a]!, rngs[w]!, t);
        const i = market.index(w, a);
        // Public news about value is in the price at once; only trading makes it deviate.
        market.logObserved[i] = market.logClose[i]! + change;
        if (t === assets[a]!.listedAt && t > 0) openListing(market, w, a, assets[a]!, rngs[w]!);
        market.observedHistory.set(w, t, market.logObserved[i]!, a);
      }
    }
  }

  private observeSignals(t: number): void {
    const sources = this.parts.sources;
    sources?.advance(t, this.parts.market);
    for (const role of this.parts.roles) role.observe(this.parts.market, t, this.published);
    for (const n of sources?.drainNotices() ?? []) this.emit({ tick: t, world: n.world, type: 'alert', alert: { monitor: n.monitor, severity: n.severity, model: n.model, message: n.message } });
  }

  private infer(t: number): void {
    for (const role of this.parts.roles) {
      for (const r of role.infer(t)) {
        this.emit({ tick: t, world: r.world, type: 'alert', alert: { monitor: 'table-verification', severity: 'warning', model: role.name, message: `batch table of tick ${r.jobTick} rejected, the served table stays: ${r.reason}` } });
      }
    }
  }

  private placeOrders(t: number): void {
    const { market, ledger, scenario, rngs, agentKinds, roles } = this.parts;
    const traders = scenario.market.traders;
    const assets = Object.values(scenario.market.assets);
    const listed = assets.map((asset) => isListed(asset, t));
    for (let w = 0; w < this.worlds; w++) {
      for (let g = 0; g < agentKinds.length; g++) {
        const kind = agentKinds[g]!;
        const i = ledger.index(w, g);
        const position = ledger.position[i]!;
        let order = 0;
        if (kind.kind !== 'model' && !listed[kind.asset]) order = 0; // a dark asset: nobody trades it yet (a model gets no prediction for it)
        else if (kind.kind === 'noise') order = noiseOrder(traders.noise, position, rngs[w]!, market.symbols[kind.asset]!, assets[kind.asset]!.activity);
        else if (kind.kind === 'fundamentalists') order = fundamentalistOrder(traders.fundamentalists, market, w, kind.asset, position);
        else if (kind.kind === 'momentum') order = momentumOrder(traders.momentum, market, w, kind.asset, position, t);
        else if (kind.kind === 'model') {
          const role = roles[kind.role]!;
          order = modelOrder(role.config.policy, role.lanePrediction[w * role.lanes + kind.lane]!, position, role.trades(t) && !role.skips(w), role.halted[w] === 1);
        }
        ledger.order[i] = order;
      }
    }
  }

  private clearMarket(): void {
    const impact = this.parts.scenario.market.impact;
    for (let w = 0; w < this.worlds; w++) clearWorld(this.parts.market, this.parts.ledger, w, impact);
  }

  private learn(t: number): void {
    for (const role of this.parts.roles) {
      for (const notice of role.learn(this.parts.market, t)) {
        const alert = notice.kind === 'numerical' ? { monitor: 'numerical', severity: 'critical' as const } : { monitor: 'validation-gate', severity: 'info' as const };
        this.emit({ tick: t, world: notice.world, type: 'alert', alert: { ...alert, model: notice.model, message: notice.message } });
      }
    }
  }

  /** Monitors read each world; alerts become events, and rules queue actions for the next tick. */
  private watch(t: number): void {
    const monitors = this.monitors;
    if (!monitors) return;
    for (let w = 0; w < this.worlds; w++) {
      const view = monitors.views[w]!;
      view.tick = t;
      for (const alert of monitors.runner.observeWorld(view)) {
        this.emit({ tick: t, world: w, type: 'alert', alert: { monitor: alert.monitor, severity: alert.severity, message: alert.message, statistic: alert.statistic, threshold: alert.threshold, evidence: alert.evidence } });
        for (const action of monitors.actionsFor(alert)) this.pending.push(action);
      }
    }
  }

  /** Attaches the monitors (built by scenario/build.ts, since custom ones load asynchronously). */
  attachMonitors(monitors: AttachedMonitors): void {
    this.monitors = monitors;
  }

  private publish(): void {
    this.parts.roles.forEach((role, r) => this.published[r]!.set(role.prediction));
  }

  private recordTick(t: number): void {
    this.numbers ??= new Float64Array(tickNumberCount(this));
    const quiet: SimEvent[] = [];
    for (let w = 0; w < this.worlds; w++) {
      const events = this.tickEvents.length === 0 ? quiet : this.tickEvents.filter((e) => e.world === w);
      // The chain is world w's already: hashing the world index too would make world k of a
      // batched run differ from the same seed run alone whenever it has an event.
      this.hashes.extend(w, tickNumbers(this, w, t, this.numbers), events.length ? JSON.stringify(events.map(({ world: _world, ...event }) => event)) : undefined);
      if (this.parts.record) this.records.push(tickRecord(this, w, t, events));
    }
  }

  private emit(event: SimEvent): void {
    this.tickEvents.push(event);
    this.events.push(event);
  }

  // ---- snapshots ----------------------------------------------------------------------

  /** The full state: restoring it and running on gives the same hash as never stopping. */
  snapshot(): Snapshot {
    const p = this.parts;
    return {
      tick: this.tick,
      market: p.market.snapshot(),
      ledger: p.ledger.snapshot(),
      roles: p.roles.map((r) => r.snapshot()),
      published: this.published.map((a) => a.slice()),
      rngs: p.rngs.map((r) => r.snapshot()),
      hashes: this.hashes.snapshot(),
      pending: structuredClone(this.pending),
      events: structuredClone(this.events),
      records: this.records.length,
      versions: this.versions.snapshot(),
      monitors: this.monitors?.snapshot(),
      divergence: this.divergence.snapshot(),
      ...(p.sources ? { sources: p.sources.arrays().map((a) => a.slice()) } : {}),
    };
  }

  restore(s: Snapshot): void {
    const p = this.parts;
    this.tick = s.tick;
    p.market.restore(s.market);
    p.ledger.restore(s.ledger);
    p.roles.forEach((r, i) => r.restore(s.roles[i]!));
    this.published.forEach((a, i) => a.set(s.published[i]!));
    p.rngs.forEach((r, i) => r.restore(s.rngs[i]!));
    this.hashes.restore(s.hashes);
    this.pending = structuredClone(s.pending);
    this.events.length = 0;
    this.events.push(...structuredClone(s.events));
    this.records.length = Math.min(this.records.length, s.records);
    this.versions.restore(s.versions);
    if (s.monitors !== undefined) this.monitors?.restore(s.monitors);
    this.divergence.restore(s.divergence);
    p.sources?.arrays().forEach((a, i) => a.set(s.sources![i]! as never));
    p.sources?.drainNotices();
  }

  dispose(): void {
    for (const role of this.parts.roles) role.bank.dispose();
  }
}

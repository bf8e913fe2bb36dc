/**
 * The loop: W worlds in lockstep. A tick is the ordered list of phases the builder gave
 * (src/setup/build.ts reads as the tick), then recording: every world's hashed readings
 * and events extend its trace hash, and with recording on a readable record is kept or
 * streamed. The loop knows no domain: markets, models and monitors are phases.
 *
 * World k of a run with seed S has seed S + k, its own streams and its own slice of every
 * array; nothing a phase does in one world reads another.
 */
import type { Intervention, SimEvent } from '../core/events.ts';
import { TraceHashes } from '../core/trace-hash.ts';
import type { InterventionOwner, Phase, StateOwner, TickContext } from './phase.ts';
import type { ReadingsTable } from './readings.ts';

/**
 * Version of the trace format (header fields, tick records, the closing record and the
 * hash). Bump it when a field changes meaning or disappears; readers refuse versions
 * they do not know.
 */
export const TRACE_SCHEMA_VERSION = 2;

/** What a trace hash is a hash of, besides the ticks: the run's identity. */
export interface RunIdentity {
  scenario: string;
  /** Seed of each world. */
  seeds: readonly number[];
  /** The tfjs backend that computed the models, or the bank's name when it is not tfjs. */
  backend: string;
  /** What computes the models: `tfjs` or `f64`. */
  bank: string;
  version: string;
  /** SHA-256 of each data file the run reads, by what reads it (`replay:X`); absent when none. */
  data?: { readonly [reads: string]: string };
}

export interface SimulationSpec<Parts, Record> {
  identity: RunIdentity;
  ticks: number;
  /** The domain state, for readers above the engine (summaries, UI, report). */
  parts: Parts;
  /** The tick, in order. */
  phases: Phase[];
  /** Everything with per-world state, for snapshots. */
  state: StateOwner[];
  interventions: InterventionOwner;
  readings: ReadingsTable;
  /** A readable record of world w at tick t, when recording. */
  recordOf?: (world: number, tick: number, events: SimEvent[]) => Record;
  /** Keep every record in memory (the terminal UI, a report from a scenario). */
  keepRecords?: boolean;
  /** Called once per world and tick with its record, as the run goes (trace files). */
  sink?: (record: Record) => void;
  dispose?: () => void;
}

export interface Snapshot {
  tick: number;
  state: unknown[];
  hashes: ReturnType<TraceHashes['snapshot']>;
  pending: Intervention[];
  /** The events so far (a fresh simulation restored from the snapshot reports them too). */
  events: SimEvent[];
  /** How many records were kept (the records themselves are not carried: they can be large). */
  records: number;
}

/** Worlds whose numbers are gathered and hashed together (a block's numbers stay in cache). */
const HASH_BLOCK_WORLDS = 256;

export class Simulation<Parts = unknown, Record = unknown> {
  /** The next tick to run. */
  tick = 0;
  readonly worlds: number;
  readonly hashes: TraceHashes;
  /** Everything that happened besides the numbers: interventions, alerts, numerical trouble. */
  readonly events: SimEvent[] = [];
  /** Kept records, when `keepRecords`. */
  readonly records: Record[] = [];
  readonly parts: Parts;
  readonly readings: ReadingsTable;
  private pending: Intervention[] = [];
  private tickEvents: SimEvent[] = [];
  /** One block of worlds' hashed readings of this tick, row w - from at (w - from) * (1 + hashed count), reused, and its 32-bit words. */
  private readonly numbers: Float64Array;
  private readonly words: Uint32Array;
  private readonly context: TickContext;

  constructor(readonly spec: SimulationSpec<Parts, Record>) {
    this.worlds = spec.identity.seeds.length;
    this.parts = spec.parts;
    this.readings = spec.readings;
    this.hashes = new TraceHashes(this.worlds, spec.identity.seeds.map((_, w) => JSON.stringify(this.header(w))));
    this.numbers = new Float64Array(Math.min(this.worlds, HASH_BLOCK_WORLDS) * (1 + spec.readings.hashedCount));
    this.words = new Uint32Array(this.numbers.buffer);
    const tickNow = () => this.tick;
    this.context = {
      get tick() {
        return tickNow();
      },
      emit: (event) => this.emit(event),
      queue: (intervention) => this.pending.push(intervention),
    };
  }

  get totalTicks(): number {
    return this.spec.ticks;
  }
  get done(): boolean {
    return this.tick >= this.spec.ticks;
  }

  /** The trace header of world w: what a hash is a hash of. */
  header(world: number): { format: 'tulip-trace'; schemaVersion: number; scenario: string; seed: number; backend: string; bank: string; version: string; data?: { readonly [reads: string]: string } } {
    const id = this.spec.identity;
    const header = { format: 'tulip-trace' as const, schemaVersion: TRACE_SCHEMA_VERSION, scenario: id.scenario, seed: id.seeds[world]!, backend: id.backend, bank: id.bank, version: id.version };
    // Only a run that reads data files names them, so every other run's header (and hash) is as before.
    return id.data ? { ...header, data: id.data } : header;
  }

  /** Queues an intervention; it takes effect at the start of the next tick and is recorded there. */
  intervene(intervention: Intervention): void {
    this.spec.interventions.check(intervention);
    this.pending.push(intervention);
  }

  run(ticks = this.spec.ticks - this.tick): void {
    const end = Math.min(this.spec.ticks, this.tick + ticks);
    while (this.tick < end) this.step();
  }

  step(): void {
    const t = this.tick;
    this.tickEvents = [];
    this.applyInterventions(t);
    for (const phase of this.spec.phases) phase.run(this.context);
    this.recordTick(t);
    this.tick = t + 1;
  }

  /** Interventions queued before this tick, applied by their owner and recorded as events. */
  private applyInterventions(t: number): void {
    const pending = this.pending;
    this.pending = [];
    for (const iv of pending) {
      const first = iv.world ?? 0;
      const last = iv.world ?? this.worlds - 1;
      for (let w = first; w <= last; w++) {
        this.spec.interventions.apply(iv, w, t);
        this.emit({ tick: t, world: w, type: 'intervention', intervention: iv });
      }
    }
  }

  private recordTick(t: number): void {
    const { numbers, words, readings } = this;
    const { recordOf, keepRecords, sink } = this.spec;
    const record = recordOf !== undefined && (keepRecords === true || sink !== undefined);
    const none: SimEvent[] = [];
    const byWorld = this.tickEvents.length > 0 ? this.eventsByWorld() : undefined;
    const row = 1 + readings.hashedCount;
    // A block of worlds at a time: the numbers of 10 000 worlds would not stay in cache
    // between being written and being mixed.
    for (let from = 0; from < this.worlds; from += HASH_BLOCK_WORLDS) {
      const to = Math.min(this.worlds, from + HASH_BLOCK_WORLDS);
      for (let w = from; w < to; w++) numbers[(w - from) * row] = t;
      readings.fillHashed(from, to, numbers, row, 1);
      this.hashes.mixTick(words, 2 * row, 2 * row, from, to);
    }
    for (let w = 0; w < this.worlds; w++) {
      const events = byWorld?.get(w) ?? none;
      // The chain is world w's already: hashing the world index too would make world k of a
      // batched run differ from the same seed run alone whenever it has an event.
      this.hashes.endTick(w, events.length ? JSON.stringify(events.map(({ world: _world, ...event }) => event)) : undefined);
      if (!record) continue;
      const r = recordOf(w, t, events);
      if (keepRecords) this.records.push(r);
      sink?.(r);
    }
  }

  private eventsByWorld(): Map<number, SimEvent[]> {
    const out = new Map<number, SimEvent[]>();
    for (const e of this.tickEvents) {
      const list = out.get(e.world);
      if (list) list.push(e);
      else out.set(e.world, [e]);
    }
    return out;
  }

  private emit(event: SimEvent): void {
    this.tickEvents.push(event);
    this.events.push(event);
  }

  /** The full state: restoring it and running on gives the same hash as never stopping. */
  snapshot(): Snapshot {
    return {
      tick: this.tick,
      state: this.spec.state.map((owner) => owner.snapshot()),
      hashes: this.hashes.snapshot(),
      pending: structuredClone(this.pending),
      events: structuredClone(this.events),
      records: this.records.length,
    };
  }

  restore(s: Snapshot): void {
    this.tick = s.tick;
    this.spec.state.forEach((owner, i) => owner.restore(s.state[i]));
    this.hashes.restore(s.hashes);
    this.pending = structuredClone(s.pending);
    this.events.length = 0;
    this.events.push(...structuredClone(s.events));
    this.records.length = Math.min(this.records.length, s.records);
  }

  dispose(): void {
    this.spec.dispose?.();
  }
}

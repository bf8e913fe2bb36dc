/**
 * A phase: one named step of a tick, run over all worlds at once. Each domain exports its
 * phases; the builder (src/setup/build.ts) puts them in order, and the loop
 * (simulation.ts) runs that list and knows nothing else of the domains.
 */
import type { Intervention, SimEvent } from '../core/events.ts';

/** What a phase may do besides changing its own state: report events and queue interventions. */
export interface TickContext {
  /** The tick being run. */
  readonly tick: number;
  /** Records an event (an alert, a notice) of this tick; it enters the trace and the hash. */
  emit(event: SimEvent): void;
  /** Queues an intervention for the start of the next tick (a monitor rule's action). */
  queue(intervention: Intervention): void;
}

export interface Phase {
  /** A short name, as docs/architecture.md lists the tick (`advance-market`, `learn`, ...). */
  readonly name: string;
  /** Runs the phase for every world at `context.tick`. */
  run(context: TickContext): void;
}

/**
 * Something that holds per-world state and can save and restore it: a snapshot restored
 * and run on gives the same trace hash as a run that never stopped.
 */
export interface StateOwner {
  readonly name: string;
  snapshot(): unknown;
  restore(saved: unknown): void;
}

/** Who applies an intervention: the owner of the state it changes (the models, for every kind today). */
export interface InterventionOwner {
  /** Throws a clear error when the intervention names something this run does not have. */
  check(intervention: Intervention): void;
  /** Applies it in one world at the start of `tick`. */
  apply(intervention: Intervention, world: number, tick: number): void;
}

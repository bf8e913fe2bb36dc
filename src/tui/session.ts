/**
 * A terminal-UI session: the running simulation, an optional counterfactual run beside
 * it, snapshots for rewinding, and the commands a user's keys turn into. Every change to
 * the simulation goes through `sim.intervene`, so it is recorded in the trace at its tick
 * and a run can be replayed (`tulip run --replay trace.jsonl`) to the same hash.
 *
 * No React here: the views read a Session, the reducer in state.ts holds what is selected.
 */
import type { Snapshot } from '../engine/simulation.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import type { Intervention } from '../core/events.ts';
import { MODE_DYNAMIC } from '../models/model-role.ts';
import { lastTickChanges, recordAt, recordChanges, type RecordChange } from './record-changes.ts';

function lastTickChangesAt(sim: Simulation, tick: number, world: number): RecordChange[] {
  const prev = recordAt(sim, tick - 1, world);
  const cur = recordAt(sim, tick, world);
  return prev && cur ? recordChanges(prev, cur) : [];
}

export interface SessionOptions {
  /** Title and lesson of the scenario, for the header and the lesson panel. */
  title: string;
  lesson: string;
  /**
   * The same scenario and seed with every injected bug forced off from tick 0, stepped
   * in lockstep when the counterfactual line is shown. Absent when there are no bugs.
   */
  counterfactual?: Simulation;
  /** Ticks between rewind snapshots. @default 25 */
  snapshotEvery?: number;
  /** Snapshots kept at most (the oldest after tick 0 are dropped first). @default 400 */
  snapshotsKept?: number;
}

/** What one `advance` did. */
export interface AdvanceResult {
  ticks: number;
  counterfactualTicks: number;
}

export class Session {
  readonly title: string;
  readonly lesson: string;
  readonly counterfactual: Simulation | undefined;
  readonly snapshotEvery: number;
  private readonly snapshotsKept: number;
  /** Rewind points by tick, in increasing order of tick. */
  private readonly snapshots = new Map<number, Snapshot>();
  /** Interventions asked for since the last tick: they apply at the start of the next one. */
  private queue: Intervention[] = [];
  /** A tick `]` is running forward to, even while paused. */
  goal: number | undefined;
  /** Simulation ticks run so far (forward steps, including those after a rewind). */
  ticksRun = 0;
  /** Bug switches and halts the records show, all worlds, oldest first. */
  private changeLog: RecordChange[] = [];
  /** The newest version push per world: null when there is none, undefined when not yet looked up (after a rewind). */
  private pushes: (RecordChange | null | undefined)[];

  constructor(
    readonly sim: Simulation,
    options: SessionOptions,
  ) {
    this.title = options.title;
    this.lesson = options.lesson;
    this.counterfactual = options.counterfactual;
    this.snapshotEvery = options.snapshotEvery ?? 25;
    this.snapshotsKept = options.snapshotsKept ?? 400;
    if (!sim.spec.keepRecords) throw new Error('a Session needs a simulation built with record: true (the views read its records)');
    this.pushes = new Array<RecordChange | null | undefined>(sim.worlds).fill(null);
    this.keepSnapshot();
  }

  get queued(): readonly Intervention[] {
    return this.queue;
  }

  /** Bug switches and halts in one world, and its newest version push, oldest first. */
  changes(world: number): RecordChange[] {
    const own = this.changeLog.filter((c) => c.world === world);
    if (this.pushes[world] === undefined) this.pushes[world] = this.newestPush(world) ?? null;
    const push = this.pushes[world];
    return push ? [...own, push].sort((a, b) => a.tick - b.tick) : own;
  }

  /** Runs one tick of the simulation (and takes a rewind snapshot on the boundary). */
  step(): boolean {
    if (this.sim.done) return false;
    this.sim.step();
    for (const change of lastTickChanges(this.sim)) {
      if (change.kind === 'version') this.pushes[change.world] = change;
      else this.changeLog.push(change);
    }
    this.queue = [];
    this.ticksRun++;
    if (this.goal !== undefined && this.sim.tick >= this.goal) this.goal = undefined;
    if (this.sim.tick % this.snapshotEvery === 0) this.keepSnapshot();
    return true;
  }

  /**
   * Runs up to `maxTicks` ticks while `now() - start < budgetMs`; with `counterfactual`,
   * first brings the counterfactual run level with the main one, so the two lines stay
   * in lockstep.
   */
  advance(maxTicks: number, budgetMs: number, now: () => number, counterfactual: boolean): AdvanceResult {
    const start = now();
    const cf = counterfactual ? this.counterfactual : undefined;
    const result: AdvanceResult = { ticks: 0, counterfactualTicks: 0 };
    while (now() - start < budgetMs) {
      if (cf && !cf.done && cf.tick < this.sim.tick) {
        cf.step();
        result.counterfactualTicks++;
      } else if (result.ticks > 0 && this.warmupFitNext() !== undefined) break;
      else if (result.ticks < maxTicks && this.step()) result.ticks++;
      else break;
    }
    return result;
  }

  /**
   * The models whose first fit on the warm-up history happens in the next tick. That one
   * tick takes far longer than others (hundreds of optimiser steps), and a tick cannot be
   * split, so `advance` draws a frame before it and the view says why it pauses.
   */
  warmupFitNext(): string[] | undefined {
    if (this.sim.done) return undefined;
    const names = this.sim.parts.roles.filter((r) => r.warmup - 1 === this.sim.tick).map((r) => r.name);
    return names.length > 0 ? names : undefined;
  }

  /** Whether the counterfactual run is behind the main one (it is then being caught up). */
  counterfactualBehind(): boolean {
    const cf = this.counterfactual;
    return cf !== undefined && !cf.done && cf.tick < this.sim.tick;
  }

  private intervene(iv: Intervention): void {
    this.sim.intervene(iv);
    this.queue.push(iv);
  }

  private role(model: number) {
    const role = this.sim.parts.roles[model];
    if (!role) throw new RangeError(`no model ${model}`);
    return role;
  }

  /** Forces the selected model's bugs on or off (the opposite of what it will next be), in every world. */
  toggleBug(model: number, world: number): string {
    const role = this.role(model);
    if (role.pipeline.bugs.length === 0) return `${role.name} has no injected bug to toggle`;
    const last = this.queue.filter((iv) => iv.type === 'set-bug' && iv.model === role.name).at(-1);
    const active = last?.type === 'set-bug' ? last.on : role.bugActive(world);
    this.intervene({ type: 'set-bug', model: role.name, on: !active });
    return `${role.name}: bug forced ${active ? 'off' : 'on'} from tick ${this.sim.tick}`;
  }

  /** Switches the selected model between static and dynamic training, in every world. */
  toggleTraining(model: number, world: number): string {
    const role = this.role(model);
    const last = this.queue.filter((iv) => iv.type === 'set-training' && iv.model === role.name).at(-1);
    const dynamic = last?.type === 'set-training' ? last.mode === 'dynamic' : role.mode[world] === MODE_DYNAMIC;
    const mode = dynamic ? 'static' : 'dynamic';
    this.intervene({ type: 'set-training', model: role.name, mode });
    return `${role.name}: training ${mode} from tick ${this.sim.tick}`;
  }

  /** Serves the selected model's previous registered version again, in every world that has one. */
  rollback(model: number, world: number): string {
    const role = this.role(model);
    const previous = this.sim.parts.versions.previous(model, world);
    if (!previous) return `${role.name}: no earlier version to roll back to${role.version[world] === 0 ? ' (not trained yet)' : ''}`;
    this.intervene({ type: 'rollback', model: role.name });
    return `${role.name}: rollback v${role.version[world]} -> v${previous.version} at tick ${this.sim.tick}`;
  }

  /** Restores the latest snapshot before the current tick; later snapshots are dropped. */
  rewind(): string {
    const target = [...this.snapshots.keys()].filter((t) => t < this.sim.tick).at(-1);
    if (target === undefined) return 'nothing to rewind: at the start';
    this.sim.restore(this.snapshots.get(target)!);
    for (const t of this.snapshots.keys()) if (t > target) this.snapshots.delete(t);
    this.changeLog = this.changeLog.filter((c) => c.tick < target);
    // Looked up again when a world's log is next drawn (one world, not all of them).
    this.pushes.fill(undefined);
    this.queue = [];
    this.goal = undefined;
    return `rewound to tick ${target}`;
  }

  /** Runs forward to the next snapshot boundary (the loop does the stepping, even while paused). */
  forward(): string {
    if (this.sim.done) return 'at the end of the run';
    const k = this.snapshotEvery;
    // From the goal already set, so `]]]]` goes four boundaries on, not one.
    const from = this.goal ?? this.sim.tick;
    this.goal = Math.min(this.sim.totalTicks, (Math.floor(from / k) + 1) * k);
    return `forward to tick ${this.goal}`;
  }

  /** Ticks with a rewind snapshot, oldest first. */
  snapshotTicks(): number[] {
    return [...this.snapshots.keys()];
  }

  /** The newest version push in one world's records, looking back a bounded stretch. */
  private newestPush(world: number): RecordChange | undefined {
    for (let t = this.sim.tick - 1; t >= Math.max(1, this.sim.tick - 2000); t--) {
      const change = lastTickChangesAt(this.sim, t, world).find((c) => c.kind === 'version');
      if (change) return change;
    }
    return undefined;
  }

  private keepSnapshot(): void {
    this.snapshots.set(this.sim.tick, this.sim.snapshot());
    if (this.snapshots.size > this.snapshotsKept) {
      const oldest = [...this.snapshots.keys()].find((t) => t > 0);
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
  }

  dispose(): void {
    this.sim.dispose();
    this.counterfactual?.dispose();
  }
}

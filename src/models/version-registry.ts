/**
 * The model version registry: for each model role and world, the last few served
 * versions' weights and optimiser state, so a rollback can serve the previous version
 * again. A version is registered when a training round bumps a world's version number;
 * a rollback restores the previous entry, serves its number again and forgets the
 * newer one, so rolling back twice goes back two versions. The next retraining (dynamic
 * regime) then registers a new version with the next number.
 *
 * Each role keeps a preallocated ring per world (`kept` slots of the world's packed
 * parameters, Adam moments and step count), written only when the world's version
 * changes: registering costs a copy, never an allocation per world. The rings are plain
 * typed arrays, so the registry's snapshot is a copy of them.
 */
import type { ModelRole } from './model-role.ts';
import type { BankSnapshot, WorldBankState } from './weight-bank.ts';

export interface VersionEntry {
  /** The version number served (ModelRole.version). */
  version: number;
  state: WorldBankState;
  /** The training loss that came with it (ModelRole.lastLoss). */
  loss: number;
}

/** Versions kept per model role and world. @default 5 */
export const VERSIONS_KEPT = 5;

/** One role's rings: slot s of world w holds a packed world state at (w * kept + s) * size. */
class VersionRing {
  /** Lengths of one world's parameter arrays, then of its moment arrays, in bank order. */
  private readonly paramLengths: number[];
  private readonly momentLengths: number[];
  /** Floats per slot: parameters, moments, then the step count. */
  private readonly size: number;
  readonly states: Float32Array;
  readonly versions: Float64Array;
  readonly losses: Float64Array;
  /** Per world: entries held, and the slot the next one goes to. */
  readonly count: Uint8Array;
  readonly head: Uint8Array;

  constructor(
    readonly role: ModelRole,
    readonly worlds: number,
    readonly kept: number,
  ) {
    this.paramLengths = role.bank.shapes.map(([, a, b]) => a * b);
    this.momentLengths = role.bank.optimizer === 'adam' ? this.paramLengths.flatMap((n) => [n, n]) : [];
    this.size = [...this.paramLengths, ...this.momentLengths].reduce((s, n) => s + n, 0) + 1;
    this.states = new Float32Array(worlds * kept * this.size);
    this.versions = new Float64Array(worlds * kept);
    this.losses = new Float64Array(worlds * kept);
    this.count = new Uint8Array(worlds);
    this.head = new Uint8Array(worlds);
  }

  /** The slot of world w's i-th entry, oldest first. */
  private slot(w: number, i: number): number {
    // head - count + i lies in [-kept, kept): one add instead of a remainder (this runs per world per round).
    let s = this.head[w]! - this.count[w]! + i;
    if (s < 0) s += this.kept;
    return w * this.kept + s;
  }

  /** The version number of world w's i-th entry, oldest first. */
  versionAt(w: number, i: number): number {
    return this.versions[this.slot(w, i)]!;
  }

  newestVersion(w: number): number {
    return this.count[w] === 0 ? -1 : this.versions[this.slot(w, this.count[w]! - 1)]!;
  }

  /** Copies world w's state into its next slot (the oldest is overwritten when full); see WeightBank.packWorld. */
  push(w: number, snapshot: () => BankSnapshot, version: number, loss: number): void {
    const slot = w * this.kept + this.head[w]!;
    this.role.bank.packWorld(w, this.states, slot * this.size, snapshot);
    this.versions[slot] = version;
    this.losses[slot] = loss;
    this.head[w] = this.head[w]! + 1 === this.kept ? 0 : this.head[w]! + 1;
    if (this.count[w]! < this.kept) this.count[w]! += 1;
  }

  /** World w's i-th entry, unpacked (only for readers and rollbacks, never per tick). */
  entry(w: number, i: number): VersionEntry {
    const slot = this.slot(w, i);
    let at = slot * this.size;
    const take = (n: number) => {
      const out = this.states.slice(at, at + n);
      at += n;
      return out;
    };
    const params = this.paramLengths.map(take);
    const moments = this.momentLengths.map(take);
    return { version: this.versions[slot]!, loss: this.losses[slot]!, state: { params, moments, steps: this.states[at]! } };
  }

  /** Forgets world w's entries after its i-th (a rollback to entry i). */
  truncate(w: number, i: number): void {
    const start = (this.head[w]! - this.count[w]! + this.kept) % this.kept;
    this.count[w] = i + 1;
    this.head[w] = (start + i + 1) % this.kept;
  }

  arrays(): (Float32Array | Float64Array | Uint8Array)[] {
    return [this.states, this.versions, this.losses, this.count, this.head];
  }
}

export type RegistrySnapshot = (Float32Array | Float64Array | Uint8Array)[][];

export class VersionRegistry {
  private readonly rings: VersionRing[];

  constructor(
    readonly roles: readonly ModelRole[],
    readonly worlds: number,
    readonly kept = VERSIONS_KEPT,
  ) {
    this.rings = roles.map((role) => new VersionRing(role, worlds, kept));
  }

  /** Registers every world whose served version changed since the last call (after a training round). */
  capture(): void {
    this.roles.forEach((role, r) => {
      const ring = this.rings[r]!;
      // Taken once, and only if a world changed and the bank needs it (see WeightBank.packWorld).
      let taken: BankSnapshot | undefined;
      const snapshot = () => (taken ??= role.bank.snapshot());
      for (let w = 0; w < this.worlds; w++) {
        const version = role.version[w]!;
        if (version === 0 || ring.newestVersion(w) === version) continue;
        ring.push(w, snapshot, version, role.lastLoss[w]!);
      }
    });
  }

  /** The versions kept for one role and world, oldest first. */
  versions(role: number, world: number): VersionEntry[] {
    const ring = this.rings[role]!;
    return Array.from({ length: ring.count[world]! }, (_, i) => ring.entry(world, i));
  }

  /** The newest kept entry older than the version served now, and its place in the ring. */
  private previousIndex(role: number, world: number): number {
    const ring = this.rings[role]!;
    const current = this.roles[role]!.version[world]!;
    for (let i = ring.count[world]! - 1; i >= 0; i--) if (ring.versionAt(world, i) < current) return i;
    return -1;
  }

  /** The version a rollback of this role in this world would serve, if any. */
  previous(role: number, world: number): VersionEntry | undefined {
    const i = this.previousIndex(role, world);
    return i < 0 ? undefined : this.rings[role]!.entry(world, i);
  }

  /** Serves the previous version in one world; returns false (and changes nothing) when there is none. */
  rollback(role: number, world: number): boolean {
    const i = this.previousIndex(role, world);
    if (i < 0) return false;
    const ring = this.rings[role]!;
    const entry = ring.entry(world, i);
    const model = this.roles[role]!;
    model.bank.restoreWorld(world, entry.state);
    model.version[world] = entry.version;
    model.lastLoss[world] = entry.loss;
    ring.truncate(world, i);
    return true;
  }

  snapshot(): RegistrySnapshot {
    return this.rings.map((ring) => ring.arrays().map((a) => a.slice()));
  }

  restore(s: RegistrySnapshot): void {
    this.rings.forEach((ring, r) => ring.arrays().forEach((a, k) => a.set(s[r]![k]! as never)));
  }
}

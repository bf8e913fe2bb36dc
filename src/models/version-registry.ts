/**
 * The model version registry: for each model role and world, the last few served
 * versions' weights and optimiser state, so a rollback can serve the previous version
 * again. A version is registered when a training round bumps a world's version number;
 * a rollback restores the previous entry, serves its number again and forgets the
 * newer one, so rolling back twice goes back two versions. The next retraining (dynamic
 * regime) then registers a new version with the next number.
 *
 * The registry is part of the simulation's snapshot: a rewound run rolls back to the
 * same weights as the original one did.
 */
import type { ModelRole } from './model-role.ts';
import type { WorldBankState } from './model-bank.ts';

export interface VersionEntry {
  /** The version number served (ModelRole.version). */
  version: number;
  state: WorldBankState;
  /** The training loss that came with it (ModelRole.lastLoss). */
  loss: number;
}

/** Entries by role, then world, oldest first. */
export type RegistrySnapshot = VersionEntry[][][];

/** Versions kept per model role and world. @default 5 */
export const VERSIONS_KEPT = 5;

export class VersionRegistry {
  private entries: RegistrySnapshot;

  constructor(
    readonly roles: readonly ModelRole[],
    readonly worlds: number,
    readonly kept = VERSIONS_KEPT,
  ) {
    this.entries = roles.map(() => Array.from({ length: worlds }, () => []));
  }

  /** Registers every world whose served version changed since the last call (after a training round). */
  capture(): void {
    this.roles.forEach((role, r) => {
      let snapshot: ReturnType<ModelRole['bank']['snapshot']> | undefined;
      for (let w = 0; w < this.worlds; w++) {
        const list = this.entries[r]![w]!;
        const version = role.version[w]!;
        if (version === 0 || list.at(-1)?.version === version) continue;
        snapshot ??= role.bank.snapshot();
        list.push({ version, state: role.bank.worldState(snapshot, w), loss: role.lastLoss[w]! });
        if (list.length > this.kept) list.shift();
      }
    });
  }

  /** The versions kept for one role and world, oldest first. */
  versions(role: number, world: number): readonly VersionEntry[] {
    return this.entries[role]![world]!;
  }

  /** The version a rollback of this role in this world would serve, if any. */
  previous(role: number, world: number): VersionEntry | undefined {
    const current = this.roles[role]!.version[world]!;
    return this.entries[role]![world]!.filter((e) => e.version < current).at(-1);
  }

  /** Serves the previous version in one world; returns false (and changes nothing) when there is none. */
  rollback(role: number, world: number): boolean {
    const entry = this.previous(role, world);
    if (!entry) return false;
    const model = this.roles[role]!;
    model.bank.restoreWorld(world, entry.state);
    model.version[world] = entry.version;
    model.lastLoss[world] = entry.loss;
    this.entries[role]![world] = this.entries[role]![world]!.filter((e) => e.version <= entry.version);
    return true;
  }

  snapshot(): RegistrySnapshot {
    // Entries are never mutated once made, so sharing them between snapshots is safe.
    return this.entries.map((byWorld) => byWorld.map((list) => [...list]));
  }

  restore(s: RegistrySnapshot): void {
    this.entries = s.map((byWorld) => byWorld.map((list) => [...list]));
  }
}

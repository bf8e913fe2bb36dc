/**
 * The one index helper for per-lane arrays. A model that scores several assets has one
 * lane per asset in every world; a one-asset model has one lane. Every per-lane array
 * is world-major: lane l of world w sits at `w * lanes + l`. A world is never a lane:
 * code that holds a lane index asks `worldOf` before it reads a per-world array.
 */
export class LaneLayout {
  constructor(
    readonly worlds: number,
    readonly lanes: number,
  ) {}

  /** Entries in a per-lane array: worlds x lanes. */
  get size(): number {
    return this.worlds * this.lanes;
  }

  /** Index of lane l of world w. */
  at(world: number, lane: number): number {
    return world * this.lanes + lane;
  }

  /** The world a lane index belongs to. */
  worldOf(index: number): number {
    return (index - (index % this.lanes)) / this.lanes;
  }

  /** The lane within its world of a lane index. */
  laneOf(index: number): number {
    return index % this.lanes;
  }
}

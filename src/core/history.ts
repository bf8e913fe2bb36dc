/**
 * A ring buffer of per-world values by tick: `cols` numbers per world per tick, the
 * last `capacity` ticks kept. Plain typed arrays, so a snapshot is a copy.
 *
 * Tick-major: one tick's numbers for every world sit together (slot, then world, then
 * column), because a phase writes and reads one tick for all worlds; world-major rings
 * put each world's entry a ring apart, a cache miss per world once thousands of worlds
 * no longer fit in cache.
 */
export class TickHistory {
  readonly data: Float64Array;

  constructor(
    readonly worlds: number,
    readonly capacity: number,
    readonly cols: number,
  ) {
    this.data = new Float64Array(worlds * capacity * cols);
  }

  /**
   * Where tick `tick`'s numbers start in `data`: world w's column c is at
   * `rowStart(tick) + w * cols + c`. A phase finds it once per tick and indexes from it
   * (an integer remainder costs tens of cycles; a world-by-world get would pay it per world).
   */
  rowStart(tick: number): number {
    let slot = tick % this.capacity;
    if (slot < 0) slot += this.capacity; // ticks before 0 (a lag reaching back past the start)
    return slot * this.worlds * this.cols;
  }

  /** Where (world, tick, col) sits in `data`. */
  offset(world: number, tick: number, col: number): number {
    return this.rowStart(tick) + world * this.cols + col;
  }

  get(world: number, tick: number, col = 0): number {
    return this.data[this.offset(world, tick, col)]!;
  }

  set(world: number, tick: number, value: number, col = 0): void {
    this.data[this.offset(world, tick, col)] = value;
  }
}

/**
 * Named random streams.
 *
 * Every random draw in a simulation comes from a stream whose seed is derived from
 * the world's seed and the stream's name (`"noise-traders/X"`). Streams never share
 * state, so adding or removing a component cannot shift any other component's draws;
 * that is what lets a counterfactual run (same seed, one intervention) measure the
 * intervention alone.
 */
import seedrandom from 'seedrandom';

/** The saved state of one stream (alea's four numbers). */
export type StreamState = seedrandom.State.Alea;

/**
 * Where streams keep their state: four numbers each (alea's s0, s1, s2, c), side by side in
 * chunks that never move. The streams of a batch share one arena, created in the order the
 * phases resolve them (world by world), so a phase that draws from one stream per world
 * walks memory in order instead of chasing one closure and object per stream (at 10 000
 * worlds those objects no longer fit in cache).
 */
export class StreamArena {
  private chunk = new Float64Array(0);
  private used = 0;

  constructor(private readonly streamsPerChunk = 4096) {}

  /** Four fresh numbers: the chunk that holds them and where they start. */
  take(): { data: Float64Array; at: number } {
    if (this.used + 4 > this.chunk.length) {
      this.chunk = new Float64Array(4 * this.streamsPerChunk);
      this.used = 0;
    }
    const at = this.used;
    this.used += 4;
    return { data: this.chunk, at };
  }
}

export class RandomStream {
  /** This stream's state: data[at..at+3] = s0, s1, s2, c. */
  private readonly data: Float64Array;
  private readonly at: number;

  constructor(
    readonly name: string,
    seed: string,
    arena: StreamArena = new StreamArena(1),
  ) {
    const slot = arena.take();
    this.data = slot.data;
    this.at = slot.at;
    // seedrandom seeds the stream (Baagoe's mash of the seed string); the draws below then
    // advance the same state with the same arithmetic, draw for draw (test/core/rng.test.ts).
    this.restore(seedrandom.alea(seed, { state: true }).state());
  }

  /**
   * A uniform draw in [0, 1): seedrandom's alea step (lib/alea.js, `me.next`) on this
   * stream's four numbers, kept in the arena rather than in a closure per stream.
   */
  uniform(): number {
    const d = this.data;
    const k = this.at;
    const t = 2091639 * d[k]! + d[k + 3]! * 2.3283064365386963e-10; // 2^-32
    d[k] = d[k + 1]!;
    d[k + 1] = d[k + 2]!;
    const c = t | 0;
    d[k + 3] = c;
    return (d[k + 2] = t - c);
  }

  /** A standard normal draw (Box-Muller; two uniforms per draw, no cached spare, so state stays simple). */
  normal(): number {
    // 1 - u keeps the argument of log in (0, 1].
    const u1 = 1 - this.uniform();
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Moves the stream past one normal draw without computing it: the stream is where
   * `normal()` would leave it. For a draw whose value goes unused (a jump that does not
   * happen, a noise of size 0), so the stream's use does not depend on the outcome.
   */
  skipNormal(): void {
    this.uniform();
    this.uniform();
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** The state as seedrandom writes it ({c, s0, s1, s2}). */
  state(): StreamState {
    const d = this.data;
    const k = this.at;
    return { c: d[k + 3]!, s0: d[k]!, s1: d[k + 1]!, s2: d[k + 2]! };
  }

  restore(state: StreamState): void {
    const d = this.data;
    const k = this.at;
    d[k] = state.s0;
    d[k + 1] = state.s1;
    d[k + 2] = state.s2;
    d[k + 3] = state.c;
  }
}

/** All the streams of one world, created on first use and remembered by name. */
export class WorldRandom {
  private readonly streams = new Map<string, RandomStream>();

  /** `arena`: where the streams keep their state; a batch's worlds share one (see StreamArena). */
  constructor(
    readonly worldSeed: number,
    private readonly arena: StreamArena = new StreamArena(64),
  ) {}

  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new RandomStream(name, `tulip/${this.worldSeed}/${name}`, this.arena);
      this.streams.set(name, stream);
    }
    return stream;
  }

  /** States of every stream used so far, sorted by name so a snapshot is canonical. */
  snapshot(): Record<string, StreamState> {
    const out: Record<string, StreamState> = {};
    for (const name of [...this.streams.keys()].sort()) out[name] = this.streams.get(name)!.state();
    return out;
  }

  restore(states: Record<string, StreamState>): void {
    // A stream first used after the snapshot must start again from its seed.
    for (const name of [...this.streams.keys()]) if (!(name in states)) this.streams.delete(name);
    for (const [name, state] of Object.entries(states)) this.stream(name).restore(state);
  }
}

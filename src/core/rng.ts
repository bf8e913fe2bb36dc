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
 * one array. The streams of a batch share one arena, created in the order the phases
 * resolve them (a stream name for every world in turn), so a phase that draws from one
 * stream per world walks the array in order through `at` offsets (see streamColumn),
 * instead of chasing one closure and object per stream: at 10 000 worlds those objects no
 * longer fit in cache.
 */
export class StreamArena {
  /** The states; replaced by a larger copy when full, so it is read through the arena. */
  data: Float64Array;
  private used = 0;

  constructor(streams = 64) {
    this.data = new Float64Array(4 * Math.max(1, streams));
  }

  /** Room for one more stream; returns where its four numbers start. */
  take(): number {
    if (this.used + 4 > this.data.length) {
      const grown = new Float64Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    const at = this.used;
    this.used += 4;
    return at;
  }

  /**
   * A uniform draw in [0, 1) from the stream at `at`: seedrandom's alea step (lib/alea.js,
   * `me.next`) on the stream's four numbers, draw for draw the same (test/core/rng.test.ts).
   */
  uniform(at: number): number {
    const d = this.data;
    const t = 2091639 * d[at]! + d[at + 3]! * 2.3283064365386963e-10; // 2^-32
    d[at] = d[at + 1]!;
    d[at + 1] = d[at + 2]!;
    const c = t | 0;
    d[at + 3] = c;
    return (d[at + 2] = t - c);
  }

  /** A standard normal draw (Box-Muller; two uniforms per draw, no cached spare, so state stays simple). */
  normal(at: number): number {
    // 1 - u keeps the argument of log in (0, 1].
    const u1 = 1 - this.uniform(at);
    const u2 = this.uniform(at);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Moves the stream past one normal draw without computing it: the stream is where
   * `normal` would leave it. For a draw whose value goes unused (a jump that does not
   * happen, a noise of size 0), so the stream's use does not depend on the outcome.
   */
  skipNormal(at: number): void {
    this.uniform(at);
    this.uniform(at);
  }
}

export class RandomStream {
  /** This stream's state: arena.data[at..at+3] = s0, s1, s2, c. */
  readonly at: number;

  constructor(
    readonly name: string,
    seed: string,
    readonly arena: StreamArena = new StreamArena(1),
  ) {
    this.at = arena.take();
    // seedrandom seeds the stream (Baagoe's mash of the seed string); the arena's draws
    // then advance the same state with the same arithmetic.
    this.restore(seedrandom.alea(seed, { state: true }).state());
  }

  /** A uniform draw in [0, 1). */
  uniform(): number {
    return this.arena.uniform(this.at);
  }

  /** A standard normal draw (see StreamArena.normal). */
  normal(): number {
    return this.arena.normal(this.at);
  }

  /** Moves past one normal draw without computing it (see StreamArena.skipNormal). */
  skipNormal(): void {
    this.arena.skipNormal(this.at);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** The state as seedrandom writes it ({c, s0, s1, s2}). */
  state(): StreamState {
    const d = this.arena.data;
    const k = this.at;
    return { c: d[k + 3]!, s0: d[k]!, s1: d[k + 1]!, s2: d[k + 2]! };
  }

  restore(state: StreamState): void {
    const d = this.arena.data;
    const k = this.at;
    d[k] = state.s0;
    d[k + 1] = state.s1;
    d[k + 2] = state.s2;
    d[k + 3] = state.c;
  }
}

/** One stream name in every world of a batch: the shared arena and each world's offset in it. */
export interface StreamColumn {
  arena: StreamArena;
  /** World w's stream starts at arena.data[at[w]]. */
  at: Int32Array;
}

/**
 * Resolves the stream `name` of every world, in world order (so the column lies in order in
 * the arena when the streams are new). The worlds must share one arena, as a batch built by
 * setup/build.ts does.
 */
export function streamColumn(rngs: readonly WorldRandom[], name: string): StreamColumn {
  const streams = rngs.map((rng) => rng.stream(name));
  const arena = streams[0]?.arena ?? new StreamArena(1);
  if (streams.some((s) => s.arena !== arena)) throw new Error(`streamColumn(${name}): the worlds do not share one stream arena`);
  return { arena, at: Int32Array.from(streams, (s) => s.at) };
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

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

/** The saved state of one stream (alea's four words). */
export type StreamState = seedrandom.State.Alea;

export class RandomStream {
  private prng: seedrandom.StatefulPRNG<StreamState>;

  constructor(
    readonly name: string,
    seed: string,
  ) {
    this.prng = seedrandom.alea(seed, { state: true });
  }

  /** A uniform draw in [0, 1). */
  uniform(): number {
    return this.prng();
  }

  /** A standard normal draw (Box-Muller; two uniforms per draw, no cached spare, so state stays simple). */
  normal(): number {
    // 1 - u keeps the argument of log in (0, 1].
    const u1 = 1 - this.prng();
    const u2 = this.prng();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Moves the stream past one normal draw without computing it: the stream is where
   * `normal()` would leave it. For a draw whose value goes unused (a jump that does not
   * happen, a noise of size 0), so the stream's use does not depend on the outcome.
   */
  skipNormal(): void {
    this.prng();
    this.prng();
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.prng() < p;
  }

  state(): StreamState {
    return this.prng.state();
  }

  restore(state: StreamState): void {
    this.prng = seedrandom.alea('', { state: { ...state } });
  }
}

/** All the streams of one world, created on first use and remembered by name. */
export class WorldRandom {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly worldSeed: number) {}

  stream(name: string): RandomStream {
    let stream = this.streams.get(name);
    if (!stream) {
      stream = new RandomStream(name, `tulip/${this.worldSeed}/${name}`);
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

/**
 * The trace hash of each world, cheap enough to run every tick for thousands of worlds.
 *
 * Each tick's numbers (a Float64Array, read as 32-bit words) and event text are mixed into
 * a 64-bit running state per world (two 32-bit lanes, multiply-xorshift steps). Every
 * BLOCK_TICKS ticks the state is folded into a SHA-256 chain,
 *   digest = SHA-256(digest || state || ticks in block), state reset,
 * so a world costs one SHA-256 per BLOCK_TICKS ticks instead of one per tick. The hash of a
 * world at any moment is SHA-256(digest || state || ticks in block), computed when asked
 * without changing anything. The chain starts from SHA-256 of the trace header.
 *
 * The state is plain typed arrays, so a snapshot is a copy and world k of a W-world run
 * hashes exactly as the same seed run alone. See docs/trace-format.md.
 */
import { createHash } from 'node:crypto';

/** Ticks mixed into the fast state before it is folded into SHA-256. */
export const BLOCK_TICKS = 256;

const M1 = 0x85ebca6b;
const M2 = 0xc2b2ae35;
const DIGEST = 32;

export class TraceHashes {
  /** Per world: lanes a, b of the running state, then ticks mixed since the last fold. */
  private readonly state: Uint32Array;
  private readonly digests: Uint8Array;
  private readonly fold = Buffer.alloc(DIGEST + 12);

  constructor(
    readonly worlds: number,
    headers: readonly string[],
  ) {
    this.state = new Uint32Array(worlds * 3);
    this.digests = new Uint8Array(worlds * DIGEST);
    headers.forEach((h, w) => this.digests.set(createHash('sha256').update(h).digest(), w * DIGEST));
  }

  /**
   * Mixes one tick's numbers of worlds [from, to): world w's `count` 32-bit words start at
   * `(w - from) * stride` in `words`. Each world's chain is serial (every step waits for the last
   * multiply), so two worlds are mixed side by side and the processor overlaps their
   * chains; each world's state goes through exactly the steps it would alone. Call
   * `endTick` for every world afterwards.
   */
  mixTick(words: Uint32Array, stride: number, count: number, from = 0, to = this.worlds): void {
    const state = this.state;
    let w = from;
    for (; w + 1 < to; w += 2) {
      const s = w * 3;
      const t = s + 3;
      let a = state[s]!;
      let b = state[s + 1]!;
      let c = state[t]!;
      let d = state[t + 1]!;
      const first = (w - from) * stride;
      const second = first + stride;
      for (let k = 0; k < count; k++) {
        a = Math.imul(a ^ words[first + k]!, M1);
        c = Math.imul(c ^ words[second + k]!, M1);
        a ^= a >>> 15;
        c ^= c >>> 15;
        b = Math.imul((b + a) ^ (b >>> 13), M2);
        d = Math.imul((d + c) ^ (d >>> 13), M2);
      }
      state[s] = a;
      state[s + 1] = b;
      state[t] = c;
      state[t + 1] = d;
    }
    if (w < to) this.mix(w, words, (w - from) * stride, count);
  }

  /** Ends world w's tick: mixes its event text, if any, and folds the state into SHA-256 at a block's end. */
  endTick(world: number, events?: string): void {
    const s = world * 3;
    if (events) {
      let a = this.state[s]!;
      let b = this.state[s + 1]!;
      for (let k = 0; k < events.length; k++) {
        a = Math.imul(a ^ events.charCodeAt(k), M1);
        a ^= a >>> 15;
        b = Math.imul((b + a) ^ (b >>> 13), M2);
      }
      this.state[s] = a;
      this.state[s + 1] = b;
    }
    const ticks = this.state[s + 2]! + 1;
    if (ticks < BLOCK_TICKS) this.state[s + 2] = ticks;
    else {
      this.state[s + 2] = ticks;
      this.digests.set(this.folded(world), world * DIGEST);
      this.state.fill(0, s, s + 3);
    }
  }

  /** Mixes `count` words from `from` into world w's state (the step mixTick takes for two worlds at once). */
  private mix(world: number, words: Uint32Array, from: number, count: number): void {
    const s = world * 3;
    let a = this.state[s]!;
    let b = this.state[s + 1]!;
    for (let k = from, end = from + count; k < end; k++) {
      a = Math.imul(a ^ words[k]!, M1);
      a ^= a >>> 15;
      b = Math.imul((b + a) ^ (b >>> 13), M2);
    }
    this.state[s] = a;
    this.state[s + 1] = b;
  }

  private folded(world: number): Buffer {
    this.fold.set(this.digests.subarray(world * DIGEST, (world + 1) * DIGEST), 0);
    for (let k = 0; k < 3; k++) this.fold.writeUInt32LE(this.state[world * 3 + k]!, DIGEST + 4 * k);
    return createHash('sha256').update(this.fold).digest();
  }

  /** World w's trace hash now (hex SHA-256). */
  hex(world: number): string {
    return this.folded(world).toString('hex');
  }

  snapshot(): { state: Uint32Array; digests: Uint8Array } {
    return { state: this.state.slice(), digests: this.digests.slice() };
  }

  restore(saved: { state: Uint32Array; digests: Uint8Array }): void {
    this.state.set(saved.state);
    this.digests.set(saved.digests);
  }
}

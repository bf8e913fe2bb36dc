/**
 * The rolling trace hash of each world: h(t) = SHA-256(h(t-1) || bytes of tick t's
 * record), starting from the SHA-256 of the trace header. The record is hashed as the
 * bytes of a Float64Array, not as JSON, so it stays cheap with many worlds. Equal
 * hashes mean the two runs agreed on every recorded number of every tick.
 */
import { createHash } from 'node:crypto';

export class TraceHashes {
  private readonly digests: Buffer[];

  constructor(
    readonly worlds: number,
    headers: readonly string[],
  ) {
    this.digests = headers.map((h) => createHash('sha256').update(h).digest());
  }

  /** Extends world w's hash with one tick's numbers and any event text. */
  extend(world: number, record: Float64Array, events?: string): void {
    const hash = createHash('sha256').update(this.digests[world]!).update(new Uint8Array(record.buffer, record.byteOffset, record.byteLength));
    if (events) hash.update(events);
    this.digests[world] = hash.digest();
  }

  hex(world: number): string {
    return this.digests[world]!.toString('hex');
  }

  snapshot(): string[] {
    return this.digests.map((d) => d.toString('hex'));
  }

  restore(saved: readonly string[]): void {
    saved.forEach((hex, w) => (this.digests[w] = Buffer.from(hex, 'hex')));
  }
}

/**
 * The streams keep alea's state in an arena and step it themselves: every draw must be
 * the draw seedrandom's own alea gives for the same seed, and a saved state must carry on
 * as seedrandom carries on from it.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { RandomStream, StreamArena, WorldRandom, streamColumn } from '../../src/core/rng.ts';

const seeds = ['tulip/1/fundamental/X', 'tulip/2/noise-traders/X', 'tulip/99/estimate/Y', '', 'a much longer seed string with spaces / and slashes 12345'];

describe('random streams', () => {
  it('draw for draw the same uniforms as seedrandom.alea, for every seed', () => {
    for (const seed of seeds) {
      const ours = new RandomStream('s', seed);
      const theirs = seedrandom.alea(seed);
      for (let k = 0; k < 20_000; k++) expect(ours.uniform()).toBe(theirs());
    }
  });

  it('streams sharing an arena (grown while in use) keep their own sequences', () => {
    const arena = new StreamArena(1); // grows on every second stream: states are copied, not lost
    const ours = seeds.map((seed) => new RandomStream('s', seed, arena));
    const theirs = seeds.map((seed) => seedrandom.alea(seed));
    for (let k = 0; k < 2_000; k++) {
      ours.forEach((stream, i) => expect(stream.uniform()).toBe(theirs[i]!()));
      if (k === 1_000) new RandomStream('late', 'late', arena); // a stream added mid-run grows the arena again
    }
  });

  it('normal() is Box-Muller on two uniforms of seedrandom.alea, and skipNormal() moves past the same two', () => {
    const seed = 'tulip/7/fundamental/X';
    const ours = new RandomStream('s', seed);
    const theirs = seedrandom.alea(seed);
    for (let k = 0; k < 5_000; k++) {
      const u1 = 1 - theirs();
      const u2 = theirs();
      if (k % 3 === 2) ours.skipNormal();
      else expect(ours.normal()).toBe(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    }
    expect(ours.uniform()).toBe(theirs());
  });

  it('state() is seedrandom state, and restoring it continues as seedrandom continues', () => {
    const seed = 'tulip/3/listing/X';
    const ours = new RandomStream('s', seed);
    const theirs = seedrandom.alea(seed, { state: true });
    for (let k = 0; k < 777; k++) expect(ours.uniform()).toBe(theirs());
    const saved = ours.state();
    expect(saved).toEqual(theirs.state());
    const resumed = seedrandom.alea('', { state: saved });
    const copy = new RandomStream('copy', 'anything else');
    copy.restore(saved);
    for (let k = 0; k < 1_000; k++) {
      const expected = resumed();
      expect(copy.uniform()).toBe(expected);
      expect(ours.uniform()).toBe(expected);
    }
  });

  it('a column holds each world its own stream, and refuses worlds that do not share an arena', () => {
    const arena = new StreamArena();
    const rngs = [5, 6, 7].map((seed) => new WorldRandom(seed, arena));
    const column = streamColumn(rngs, 'noise-traders/X');
    rngs.forEach((_, w) => {
      const theirs = seedrandom.alea(`tulip/${5 + w}/noise-traders/X`);
      expect(column.arena.uniform(column.at[w]!)).toBe(theirs());
      expect(rngs[w]!.stream('noise-traders/X').uniform()).toBe(theirs()); // the world's stream is the column's
    });
    expect(() => streamColumn([new WorldRandom(1), new WorldRandom(2)], 'x')).toThrow(/do not share one stream arena/);
  });
});

/**
 * Tail balancing: balanceTail keeps every row once and in order, shrinks chunks towards
 * the end, and so lets the pool's free-worker-takes-next hand-out finish close to the
 * ideal (total work / workers), where equal chunks leave the last round mostly idle.
 * chunkCount (how many workers a plan can use) agrees with planChunks.
 */
import { describe, expect, it } from 'vitest';
import { balanceTail, TAIL_MIN_CHUNK } from '../../src/sweep/schedule.ts';
import { planChunks, seedsOf, shardRows, type Chunk } from '../../src/sweep/plan.ts';
import { chunkCount } from '../../src/sweep/executor.ts';

const seeds = seedsOf({ first: 1, last: 10_000 });
const equal = (size: number, variants = 1): Chunk[] => planChunks(seeds, { start: 0, end: seeds.length * variants }, size, new Set());
const rowsOf = (chunks: Chunk[]): string[] => chunks.flatMap((c) => c.seeds.map((s) => `${c.variant}:${s}`));

/**
 * The pool's hand-out, simulated: chunks in order, each to the worker free first; a chunk
 * costs its worlds plus a fixed `overhead` in worlds (measured by bench:cores: 155 ms per
 * chunk against 5.5 ms per world, so about 28 worlds).
 */
function makespan(chunks: Chunk[], workers: number, overhead = 28): number {
  const free = Array.from({ length: workers }, () => 0);
  for (const chunk of chunks) {
    const w = free.indexOf(Math.min(...free));
    free[w] = free[w]! + chunk.seeds.length + overhead;
  }
  return Math.max(...free);
}

describe('balanceTail', () => {
  it('keeps every row once, in order, within its variant', () => {
    for (const workers of [2, 3, 16]) {
      const chunks = equal(500, 3);
      const balanced = balanceTail(chunks, workers);
      expect(rowsOf(balanced)).toEqual(rowsOf(chunks));
      expect(balanced.every((c) => c.seeds.length > 0 && c.seeds.length <= 500)).toBe(true);
    }
  });

  it('leaves one worker’s plan as it is', () => {
    const chunks = equal(500);
    expect(balanceTail(chunks, 1)).toBe(chunks);
  });

  it('shrinks chunks towards the end, down to the minimum', () => {
    const sizes = balanceTail(equal(500), 4).map((c) => c.seeds.length);
    expect(sizes[0]).toBe(500);
    // Pieces of one chunk differ by at most one world.
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]! + 1);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(TAIL_MIN_CHUNK);
    expect(sizes.at(-1)).toBeLessThan(2 * TAIL_MIN_CHUNK);
    // No piece is more than 1/(2 x 4 workers) of what was left when its chunk (500 seeds) was cut.
    for (const piece of balanceTail(equal(500), 4)) {
      const left = seeds.length - Math.floor((piece.seeds[0]! - 1) / 500) * 500;
      expect(piece.seeds.length).toBeLessThanOrEqual(Math.max(TAIL_MIN_CHUNK, Math.ceil(left / 8)));
    }
  });

  it('cuts a chunk into equal pieces, none below the minimum', () => {
    expect(balanceTail([{ variant: 0, seeds: seeds.slice(0, 120) }], 8, 50).map((c) => c.seeds.length)).toEqual([60, 60]);
    expect(balanceTail([{ variant: 0, seeds: seeds.slice(0, 30) }], 8, 50).map((c) => c.seeds.length)).toEqual([30]);
  });

  it('brings the last worker home close to the ideal, where equal chunks do not', () => {
    // The case: 10 000 worlds in chunks of 500 on 16 workers.
    const ideal = seeds.length / 16;
    expect(makespan(equal(500), 16) / ideal).toBeGreaterThan(1.5);
    expect(makespan(balanceTail(equal(500), 16), 16) / ideal).toBeLessThan(1.35);
    // 8 workers: 20 equal chunks leave the third round half idle.
    expect(makespan(equal(500), 8) / (seeds.length / 8)).toBeGreaterThan(1.25);
    expect(makespan(balanceTail(equal(500), 8), 8) / (seeds.length / 8)).toBeLessThan(1.2);
    // Where equal chunks happen to fit the workers, the extra pieces cost little.
    for (const workers of [2, 3, 4]) expect(makespan(balanceTail(equal(500), workers), workers) / makespan(equal(500), workers)).toBeLessThan(1.07);
  });
});

describe('chunkCount', () => {
  it('counts the chunks planChunks makes, for every shard and size, without listing them', () => {
    const few = seedsOf({ first: 1, last: 7 });
    for (const size of [1, 2, 3, 7, 500]) {
      for (const count of [1, 2, 3, 5]) {
        for (let index = 0; index < count; index++) {
          const rows = shardRows(few.length * 3, { index, count });
          expect(chunkCount(few.length, rows, size)).toBe(planChunks(few, rows, size, new Set()).length);
        }
      }
    }
  });
});

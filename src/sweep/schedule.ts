/**
 * Balancing a sweep's tail. The pool hands chunks out in order to whichever worker is free,
 * so the run ends when the last chunk ends; with equal chunks, the last round can leave
 * most workers idle (20 chunks of 500 on 16 workers: 4 busy, 12 waiting). Guided
 * self-scheduling fixes that: each chunk is at most 1/(2 x workers) of the rows still to
 * hand out, so chunks shrink towards the end and the workers finish close together.
 *
 * Splitting a chunk never changes a row (world k of a batch is the single run with its
 * seed); it only changes how many worlds share a batched tick, which is why chunks stop
 * shrinking at TAIL_MIN_CHUNK: below it, the fixed cost of a batched tick dominates.
 */
import type { Chunk } from './plan.ts';

/**
 * The smallest piece the tail is cut into (worlds). A chunk costs about 155 ms of CPU to
 * build and to run its batched ticks' fixed part, plus 5.5 ms per world (tulip-mania,
 * wasm; `npm run bench:cores -- --chunk-sizes 25,50,100,250,500`): a piece of 100 costs
 * 20% more per world than one of 500, a piece of 50 costs 50% more.
 */
export const TAIL_MIN_CHUNK = 100;

/** How many pieces per worker the rows still to hand out are cut into at least. */
const SHARES_PER_WORKER = 2;

/** `chunk` cut into `pieces` runs of consecutive seeds whose sizes differ by at most one, larger first. */
function cut(chunk: Chunk, pieces: number): Chunk[] {
  const out: Chunk[] = [];
  for (let p = 0; p < pieces; p++) {
    const from = Math.ceil((p * chunk.seeds.length) / pieces);
    const to = Math.ceil(((p + 1) * chunk.seeds.length) / pieces);
    out.push({ variant: chunk.variant, seeds: chunk.seeds.slice(from, to) });
  }
  return out;
}

/**
 * The same rows as `chunks`, in the same order, with each chunk cut into equal pieces of
 * at most 1/(2 x workers) of the rows left from it on, but none below `minSize` (a chunk
 * smaller than that stays whole). Unchanged for one worker.
 */
export function balanceTail(chunks: Chunk[], workers: number, minSize = TAIL_MIN_CHUNK): Chunk[] {
  if (workers <= 1) return chunks;
  let remaining = chunks.reduce((n, c) => n + c.seeds.length, 0);
  const pieces: Chunk[] = [];
  for (const chunk of chunks) {
    const size = chunk.seeds.length;
    const target = Math.max(minSize, Math.ceil(remaining / (SHARES_PER_WORKER * workers)));
    pieces.push(...cut(chunk, Math.max(1, Math.min(Math.ceil(size / target), Math.floor(size / minSize)))));
    remaining -= size;
  }
  return pieces;
}

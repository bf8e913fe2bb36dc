/**
 * A sweep worker thread: runs the chunks the main thread sends, one at a time, and posts
 * their rows back (structured clone keeps NaN and -0 exact). Loaded by worker-entry.js,
 * which registers tsx first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkRunner, type SweepSpec } from './chunk.ts';
import type { Chunk } from './plan.ts';

export interface ChunkRequest {
  id: number;
  chunk: Chunk;
}

export type ChunkReply = { id: number; rows: unknown[][] } | { id: number; error: string };

const runner = new ChunkRunner(workerData as SweepSpec);
let queue = Promise.resolve();

parentPort!.on('message', (request: ChunkRequest) => {
  // Chained, so chunks run one after another even if the main thread sends ahead.
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ id: request.id, rows: await runner.rows(request.chunk) } satisfies ChunkReply);
    } catch (err) {
      parentPort!.postMessage({ id: request.id, error: (err as Error).message } satisfies ChunkReply);
    }
  });
});

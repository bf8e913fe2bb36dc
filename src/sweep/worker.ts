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

export type ChunkReply = { id: number; rows: unknown[][] } | { id: number; error: string } | { id: number; fraction: number };

const runner = new ChunkRunner(workerData as SweepSpec);
let queue = Promise.resolve();

parentPort!.on('message', (request: ChunkRequest) => {
  // Chained, so chunks run one after another even if the main thread sends ahead.
  queue = queue.then(async () => {
    try {
      const rows = await runner.rows(request.chunk, (fraction) => parentPort!.postMessage({ id: request.id, fraction } satisfies ChunkReply));
      parentPort!.postMessage({ id: request.id, rows } satisfies ChunkReply);
    } catch (err) {
      parentPort!.postMessage({ id: request.id, error: (err as Error).message } satisfies ChunkReply);
    }
  });
});

/**
 * Running a list of chunks, in this thread (one worker) or on a pool of worker threads.
 * Each finished chunk is handed to `onChunk` at once, so it can be saved before the next
 * one ends. Worker threads, not child processes: one process loads the scenario and
 * tfjs per thread once, rows come back by structured clone (exact floats) with no
 * serialising through pipes, and a failure ends every thread with the process.
 */
import { Worker } from 'node:worker_threads';
import { ChunkRunner, type OnTicks, type SweepSpec } from './chunk.ts';
import type { Chunk } from './plan.ts';
import type { Cell } from './rows.ts';
import type { ChunkReply, ChunkRequest } from './worker.ts';

export type OnChunk = (chunk: Chunk, rows: Cell[][]) => void;
/** The fraction of chunk number `index`'s ticks done so far. */
export type OnChunkTicks = (index: number, fraction: number) => void;

export async function runChunks(spec: SweepSpec, chunks: Chunk[], workers: number, onChunk: OnChunk, onTicks?: OnChunkTicks): Promise<void> {
  if (chunks.length === 0) return;
  // One chunk gains nothing from a thread but the thread's start-up (tsx, tfjs, wasm).
  if (workers <= 1 || chunks.length === 1) {
    const runner = new ChunkRunner(spec);
    for (const [i, chunk] of chunks.entries()) {
      const ticks: OnTicks | undefined = onTicks && ((fraction) => onTicks(i, fraction));
      onChunk(chunk, await runner.rows(chunk, ticks));
    }
    return;
  }
  await runOnThreads(spec, chunks, Math.min(workers, chunks.length), onChunk, onTicks);
}

function runOnThreads(spec: SweepSpec, chunks: Chunk[], threads: number, onChunk: OnChunk, onTicks?: OnChunkTicks): Promise<void> {
  const pool: Worker[] = [];
  let next = 0;
  let finished = 0;
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      void Promise.all(pool.map((w) => w.terminate())).finally(() => reject(err));
    };
    const give = (worker: Worker): void => {
      if (next >= chunks.length) return;
      const id = next++;
      worker.postMessage({ id, chunk: chunks[id]! } satisfies ChunkRequest);
    };
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(new URL('./worker-entry.js', import.meta.url), { workerData: spec });
      pool.push(worker);
      worker.on('message', (reply: ChunkReply) => {
        if (failed) return;
        if ('error' in reply) return fail(new Error(`sweep worker: ${reply.error}`));
        if ('fraction' in reply) return onTicks?.(reply.id, reply.fraction);
        try {
          onChunk(chunks[reply.id]!, reply.rows as Cell[][]);
        } catch (err) {
          return fail(err as Error);
        }
        if (++finished === chunks.length) {
          void Promise.all(pool.map((w) => w.terminate())).then(() => resolve(), reject);
        } else give(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (!failed && finished < chunks.length) fail(new Error(`sweep worker thread ${t} exited (code ${code}) before the sweep finished`));
      });
      give(worker);
    }
  });
}

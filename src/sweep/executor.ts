/**
 * Where a sweep's chunks run: in this thread (one worker), or on a pool of workers that
 * is started before the sweep is planned. Both run the same ChunkRunner, so a row never
 * depends on where it was computed.
 */
import type { BackendChoice } from '../models/backend.ts';
import { ChunkRunner, type OnTicks, type SweepSpec } from './chunk.ts';
import { shardRows, type Chunk, type Shard } from './plan.ts';
import { WorkerPool, type OnChunk, type OnChunkTicks, type PoolEvents, type WorkerKind } from './pool.ts';

/** Where rows were computed: `main` (this thread, one worker) or the workers' kind, and how many workers. */
export interface Ran {
  kind: WorkerKind | 'main';
  workers: number;
}

export interface ChunkExecutor {
  /** `main` runs chunks in this thread. */
  readonly kind: WorkerKind | 'main';
  readonly workers: number;
  run(spec: SweepSpec, chunks: Chunk[], onChunk: OnChunk, onTicks?: OnChunkTicks): Promise<void>;
  close(): Promise<void>;
}

class InThread implements ChunkExecutor {
  readonly kind = 'main';
  readonly workers = 1;
  private runner: ChunkRunner | undefined;
  private spec: SweepSpec | undefined;

  async run(spec: SweepSpec, chunks: Chunk[], onChunk: OnChunk, onTicks?: OnChunkTicks): Promise<void> {
    if (this.spec !== spec) {
      this.spec = spec;
      this.runner = new ChunkRunner(spec);
    }
    for (const [i, chunk] of chunks.entries()) {
      const ticks: OnTicks | undefined = onTicks && ((fraction) => onTicks(i, fraction));
      onChunk(chunk, await this.runner!.rows(chunk, ticks));
    }
  }

  async close(): Promise<void> {}
}

class OnPool implements ChunkExecutor {
  constructor(private readonly pool: WorkerPool) {}
  get kind(): WorkerKind {
    return this.pool.kind;
  }
  get workers(): number {
    return this.pool.count;
  }
  run(spec: SweepSpec, chunks: Chunk[], onChunk: OnChunk, onTicks?: OnChunkTicks): Promise<void> {
    return this.pool.run(spec, chunks, onChunk, onTicks);
  }
  close(): Promise<void> {
    return this.pool.close();
  }
}

export interface ExecutorOptions {
  workers: number;
  kind: WorkerKind;
  backend: BackendChoice;
  /** Chunks the sweep has at most: a sweep of one chunk gains nothing from a worker but its start-up. */
  chunks: number;
  events?: PoolEvents;
}

/** Starts the workers now (they load while the caller plans), or none when one worker or one chunk will do. */
export function startExecutor(options: ExecutorOptions): ChunkExecutor {
  const workers = Math.min(options.workers, options.chunks);
  if (workers <= 1) return new InThread();
  // This process is one of the workers: it has everything loaded and would otherwise wait.
  return new OnPool(new WorkerPool(options.kind, workers, options.backend, options.events, true));
}

/** How many chunks of at most `size` rows of one variant rows [start, end) make, counted without listing them. */
export function chunkCount(seeds: number, rows: { start: number; end: number }, size: number): number {
  let count = 0;
  for (let v = Math.floor(rows.start / seeds); v * seeds < rows.end; v++) {
    const from = Math.max(rows.start, v * seeds);
    const to = Math.min(rows.end, (v + 1) * seeds);
    if (to > from) count += Math.ceil((to - from) / size);
  }
  return count;
}

/** The default worker kind: see docs/sweeps.md ("Workers") for the measurements. */
export const DEFAULT_WORKER_KIND: WorkerKind = 'process';

/**
 * Starts the workers for a plan of `seeds` x `variants` rows (this shard's part of them,
 * cut in chunks of `chunk`) once the plan is checked, before the probe runs. `onChecked`
 * goes to prepareRows; `holder.executor` is set by the time prepareRows returns.
 */
export function executorStarter(
  options: { workers: number; workerKind?: WorkerKind; backend: BackendChoice; poolEvents?: PoolEvents; onWorkers?: (ran: Ran) => void },
  chunk: number,
  shard: Shard,
): { holder: { executor?: ChunkExecutor }; onChecked: (plan: { seeds: number[]; variants: number }) => void } {
  const holder: { executor?: ChunkExecutor } = {};
  const onChecked = (plan: { seeds: number[]; variants: number }): void => {
    const chunks = chunkCount(plan.seeds.length, shardRows(plan.seeds.length * plan.variants, shard), chunk);
    holder.executor = startExecutor({ workers: options.workers, kind: options.workerKind ?? DEFAULT_WORKER_KIND, backend: options.backend, chunks, events: options.poolEvents });
    options.onWorkers?.({ kind: holder.executor.kind, workers: holder.executor.workers });
  };
  return { holder, onChecked };
}

/**
 * A pool of sweep workers: started once (before the sweep is planned, so their start-up
 * overlaps the planning), handed the sweep's spec once, then given chunks one at a time:
 * whichever worker is free takes the next chunk (work stealing from one shared queue), so
 * a slow chunk never holds the others back. Each finished chunk goes to `onChunk` at
 * once, so it can be saved before the next one ends.
 *
 * Workers are child processes by default, threads on request (WorkerKind); see
 * docs/sweeps.md ("Workers") for the measurements behind that choice. With `inMain`,
 * this process is one of the workers: it has tfjs and the simulation loaded already, so
 * it starts on the first chunk while the others start up, and no core sits idle with
 * the planner. A process or thread worker then keeps a second chunk queued, so it never
 * waits for this process to finish a chunk before it gets its next one.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackendChoice } from '../models/backend.ts';
import type { SweepSpec } from './chunk.ts';
import type { Chunk } from './plan.ts';
import type { Cell } from './rows.ts';
import { BOOT_ENV, type WorkerBoot, type WorkerReply, type WorkerRequest, type WorkerUsage } from './worker-protocol.ts';

export type WorkerKind = 'process' | 'thread';
export const WORKER_KINDS: readonly WorkerKind[] = ['process', 'thread'];

export type OnChunk = (chunk: Chunk, rows: Cell[][]) => void;
/** The fraction of chunk number `index`'s ticks done so far. */
export type OnChunkTicks = (index: number, fraction: number) => void;

export interface PoolEvents {
  /** Worker `index` has loaded tfjs and the simulation and can take chunks; what that cost it. */
  onReady?: (index: number, startUp: WorkerUsage) => void;
  /** Worker `index` finished a chunk: its peak memory and CPU time so far. */
  onUsage?: (index: number, usage: WorkerUsage) => void;
}

/** One worker, whatever it runs on: send requests, receive replies, learn of its end. */
interface Endpoint {
  send(request: WorkerRequest): void;
  onReply(handler: (reply: WorkerReply) => void): void;
  /** Called once if the worker fails or ends on its own. */
  onEnd(handler: (why: string) => void): void;
  stop(): Promise<void>;
}

const ENTRY = new URL('./worker-entry.js', import.meta.url);

/** Chunks a worker may hold at once: this process one, a process or thread worker two (one running, one queued). */
const IN_FLIGHT_MAIN = 1;
const IN_FLIGHT_OTHER = 2;

/**
 * This process as a worker: the same ChunkRunner as worker.ts, called directly. Replies go
 * out on a later turn of the event loop, as a real worker's would.
 */
function mainEndpoint(boot: WorkerBoot): Endpoint {
  let reply: (r: WorkerReply) => void = () => {};
  let runner: import('./chunk.ts').ChunkRunner | undefined;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;
  const usage = (): WorkerUsage => {
    const u = process.resourceUsage();
    return { maxRssBytes: u.maxRSS * 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 };
  };
  const ready = (async () => {
    const [{ selectBackend }, chunkModule] = await Promise.all([import('../models/backend.ts'), import('./chunk.ts')]);
    await selectBackend(boot.backend);
    return chunkModule;
  })();
  void ready.then(() => setImmediate(() => !stopped && reply({ type: 'ready', usage: usage() })));
  return {
    send(request) {
      queue = queue.then(async () => {
        const { ChunkRunner } = await ready;
        if (stopped) return;
        if (request.type === 'spec') {
          runner = new ChunkRunner(request.spec);
          return;
        }
        const { id, chunk } = request;
        try {
          if (!runner) throw new Error('a chunk arrived before the sweep spec');
          const rows = await runner.rows(chunk, (fraction) => reply({ type: 'fraction', id, fraction }));
          // Let the other workers' replies in before this process takes its next chunk.
          await new Promise((resolve) => setImmediate(resolve));
          if (!stopped) reply({ type: 'rows', id, rows, usage: usage() });
        } catch (err) {
          if (!stopped) reply({ type: 'error', id, error: (err as Error).message });
        }
      });
    },
    onReply: (handler) => (reply = handler),
    onEnd: () => {},
    stop: async () => {
      stopped = true;
      await queue;
    },
  };
}

function threadEndpoint(boot: WorkerBoot): Endpoint {
  const worker = new Worker(ENTRY, { workerData: boot });
  let stopping = false;
  return {
    send: (request) => worker.postMessage(request),
    onReply: (handler) => worker.on('message', handler),
    onEnd: (handler) => {
      worker.on('error', (err) => handler(err.message));
      worker.on('exit', (code) => {
        if (!stopping) handler(`exited (code ${code})`);
      });
    },
    stop: async () => {
      stopping = true;
      await worker.terminate();
    },
  };
}

function processEndpoint(boot: WorkerBoot): Endpoint {
  // V8 serialisation (structured clone) keeps NaN, -0 and every float exact, as threads do.
  const child: ChildProcess = fork(fileURLToPath(ENTRY), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [BOOT_ENV]: JSON.stringify(boot) },
  });
  let stopping = false;
  return {
    send: (request) => child.send(request),
    onReply: (handler) => child.on('message', (m) => handler(m as WorkerReply)),
    onEnd: (handler) => {
      child.on('error', (err) => handler(err.message));
      child.on('exit', (code, signal) => {
        if (!stopping) handler(`exited (${signal ?? `code ${code}`})`);
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

interface Job {
  chunks: Chunk[];
  next: number;
  finished: number;
  onChunk: OnChunk;
  onTicks?: OnChunkTicks;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class WorkerPool {
  private readonly endpoints: Endpoint[] = [];
  private readonly ready: boolean[] = [];
  /** Chunks each worker holds now, and at most. */
  private readonly holding: number[] = [];
  private readonly capacity: number[] = [];
  private spec: SweepSpec | undefined;
  private job: Job | undefined;
  private failure: Error | undefined;

  /**
   * Starts `count` workers at once; they load tfjs and the simulation while the caller
   * plans. With `inMain`, worker 0 is this process and `count - 1` are started.
   */
  constructor(
    readonly kind: WorkerKind,
    readonly count: number,
    backend: BackendChoice,
    private readonly events: PoolEvents = {},
    readonly inMain = false,
  ) {
    for (let i = 0; i < count; i++) {
      const here = inMain && i === 0;
      const endpoint = here ? mainEndpoint({ backend }) : kind === 'thread' ? threadEndpoint({ backend }) : processEndpoint({ backend });
      this.endpoints.push(endpoint);
      this.ready.push(false);
      this.holding.push(0);
      this.capacity.push(here ? IN_FLIGHT_MAIN : inMain ? IN_FLIGHT_OTHER : 1);
      endpoint.onReply((reply) => this.receive(i, reply));
      endpoint.onEnd((why) => this.fail(new Error(`sweep worker ${kind} ${i} ${why} before the sweep finished`)));
    }
  }

  /** Runs `chunks` on the workers; resolves when every chunk's rows went to `onChunk`. One run at a time. */
  run(spec: SweepSpec, chunks: Chunk[], onChunk: OnChunk, onTicks?: OnChunkTicks): Promise<void> {
    if (this.job) throw new Error('WorkerPool.run: a run is in progress');
    if (this.failure) return Promise.reject(this.failure);
    if (this.spec !== spec) {
      this.spec = spec;
      this.endpoints.forEach((e, i) => this.ready[i] && e.send({ type: 'spec', spec }));
    }
    if (chunks.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.job = { chunks, next: 0, finished: 0, onChunk, onTicks, resolve, reject };
      this.endpoints.forEach((_, i) => this.give(i));
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.endpoints.map((e) => e.stop()));
  }

  private receive(index: number, reply: WorkerReply): void {
    if (this.failure) return;
    if (reply.type === 'ready') {
      this.ready[index] = true;
      this.events.onReady?.(index, reply.usage);
      if (this.spec) this.endpoints[index]!.send({ type: 'spec', spec: this.spec });
      return this.give(index);
    }
    const job = this.job;
    if (!job) return;
    if (reply.type === 'fraction') return job.onTicks?.(reply.id, reply.fraction);
    if (reply.type === 'error') return this.fail(new Error(`sweep worker: ${reply.error}`));
    this.holding[index]! -= 1;
    this.events.onUsage?.(index, reply.usage);
    try {
      job.onChunk(job.chunks[reply.id]!, reply.rows as Cell[][]);
    } catch (err) {
      return this.fail(err as Error);
    }
    if (++job.finished === job.chunks.length) {
      this.job = undefined;
      return job.resolve();
    }
    this.give(index);
  }

  /** Hands worker `index` chunks from the queue while it is ready and holds fewer than it may. */
  private give(index: number): void {
    const job = this.job;
    while (job && this.ready[index] && this.holding[index]! < this.capacity[index]! && job.next < job.chunks.length) {
      const id = job.next++;
      this.holding[index]! += 1;
      this.endpoints[index]!.send({ type: 'chunk', id, chunk: job.chunks[id]! });
    }
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    const job = this.job;
    this.job = undefined;
    void this.close().finally(() => job?.reject(err));
  }
}

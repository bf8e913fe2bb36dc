/**
 * The messages between a sweep's pool (pool.ts) and its workers (worker.ts). Apart from
 * worker.ts, which starts serving as soon as it is loaded, so the pool must not import it.
 */
import type { BackendChoice } from '../models/backend.ts';
import type { SweepSpec } from './chunk.ts';
import type { Chunk } from './plan.ts';

/** What a worker is started with (workerData for a thread, an environment variable for a process). */
export interface WorkerBoot {
  backend: BackendChoice;
}

/** The environment variable that carries a child process's WorkerBoot as JSON. */
export const BOOT_ENV = 'TULIP_SWEEP_WORKER';

export type WorkerRequest = { type: 'spec'; spec: SweepSpec } | { type: 'chunk'; id: number; chunk: Chunk };

/** What a worker has used so far; for a thread, its whole process's figures. */
export interface WorkerUsage {
  /** Peak resident memory. */
  maxRssBytes: number;
  /** CPU time, user and system. */
  cpuSeconds: number;
}

export type WorkerReply =
  /** `usage`: what loading cost (its start-up). */
  | { type: 'ready'; usage: WorkerUsage }
  | { type: 'fraction'; id: number; fraction: number }
  | { type: 'rows'; id: number; rows: unknown[][]; usage: WorkerUsage }
  | { type: 'error'; id: number; error: string };

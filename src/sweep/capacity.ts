/**
 * How many workers a sweep (or a compare) uses when --workers is not given: one per core
 * (os.availableParallelism(), which honours a container's or a batch job's CPU limit),
 * but never more than the free memory holds, since a machine out of memory swaps or
 * kills, and either is worse than fewer workers.
 *
 * A worker's peak resident memory is its start-up (Node, tsx, tfjs, the wasm module and
 * the simulation's code) plus what its chunk's worlds hold; both figures are measured by
 * `npm run bench:cores` (peak RSS per worker) and rounded up, so the estimate errs on the
 * side of fewer workers.
 */
import { availableParallelism, freemem } from 'node:os';

const MiB = 2 ** 20;
/** A started worker with tfjs and wasm loaded, before its first chunk (measured: about 170 MB). */
export const WORKER_START_BYTES = 300 * MiB;
/**
 * Memory per world of a running chunk. Measured: a worker's peak was 369 MB after 2 000
 * worlds and 434 MB after 5 000 at --chunk 500 (its heap keeps some garbage and
 * fragments), so 170 MB + 0.53 MB per world of its chunk covers it.
 */
export const WORKER_BYTES_PER_WORLD = 0.5 * MiB;
/** Free memory left to the main process (rows, the output files) and everything else. */
const FREE_SHARE = 0.8;

/** The estimated peak resident memory of one worker running chunks of `chunk` worlds. */
export function workerPeakBytes(chunk: number): number {
  return WORKER_START_BYTES + chunk * WORKER_BYTES_PER_WORLD;
}

export interface Machine {
  cores: number;
  freeBytes: number;
}

export function thisMachine(): Machine {
  return { cores: availableParallelism(), freeBytes: freemem() };
}

export interface WorkerChoice {
  workers: number;
  /** Why this many, in words for stderr. */
  why: string;
}

const gb = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GB`;
const mb = (bytes: number): string => `${Math.round(bytes / MiB)} MB`;

/** --workers when not given: the cores, capped by what the free memory holds at --chunk `chunk`. */
export function defaultWorkers(machine: Machine, chunk: number): WorkerChoice {
  const perWorker = workerPeakBytes(chunk);
  const fit = Math.max(1, Math.floor((machine.freeBytes * FREE_SHARE) / perWorker));
  const cores = `${machine.cores} core${machine.cores === 1 ? '' : 's'}`;
  if (fit >= machine.cores) return { workers: machine.cores, why: `one per core (${cores}; --workers N to change)` };
  return {
    workers: fit,
    why: `not one per core (${cores}): ${gb(machine.freeBytes)} of free memory holds ${fit} worker${fit === 1 ? '' : 's'} of ~${mb(perWorker)} at --chunk ${chunk} (a smaller --chunk fits more)`,
  };
}

/** A warning when an explicit --workers may not fit in free memory; undefined when it fits. */
export function memoryWarning(machine: Machine, workers: number, chunk: number): string | undefined {
  const need = workers * workerPeakBytes(chunk);
  if (workers <= 1 || need <= machine.freeBytes * FREE_SHARE) return undefined;
  return `${workers} workers at --chunk ${chunk} may need ~${gb(need)}, more than the ${gb(machine.freeBytes)} free; fewer workers or a smaller --chunk avoid swapping`;
}

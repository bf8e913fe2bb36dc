/**
 * `--workers` of `tulip sweep` and `tulip compare`: given, it is used as is (with a warning
 * when it may not fit in free memory); not given, one per core, capped by free memory.
 * Either way one line on stderr says how many workers run, of which kind, and why.
 */
import { defaultWorkers, memoryWarning, thisMachine } from '../sweep/capacity.ts';
import type { Ran } from '../sweep/executor.ts';

export const WORKERS_HELP = 'workers running chunks in parallel (default: one per core, fewer if free memory cannot hold them; 1: in this process)';

export interface WorkersPlan {
  workers: number;
  /** Why this many; printed with what actually runs. */
  why: string;
}

/** The workers to ask for: `given` (--workers), else the machine's default at --chunk `chunk`. */
export function planWorkers(given: number | undefined, chunk: number): WorkersPlan {
  const machine = thisMachine();
  if (given !== undefined) {
    const warning = memoryWarning(machine, given, chunk);
    return { workers: given, why: `as asked (--workers ${given})${warning ? `; warning: ${warning}` : ''}` };
  }
  const choice = defaultWorkers(machine, chunk);
  return { workers: choice.workers, why: choice.why };
}

/** The stderr line once the workers start: `workers: 2 processes, one per core (2 cores)`. */
export function workersLine(plan: WorkersPlan, ran: Ran): string {
  if (ran.kind === 'main') {
    if (plan.workers <= 1) return `workers: 1, this process, ${plan.why}\n`;
    return `workers: 1, this process: the rows make one chunk, and a worker would only add its start-up (${plan.workers} available)\n`;
  }
  const fewer = ran.workers < plan.workers ? `; ${ran.workers} used, as there are only ${ran.workers} chunks` : '';
  return `workers: ${ran.workers} ${ran.kind === 'process' ? 'processes' : 'threads'}, ${plan.why}${fewer}\n`;
}

/**
 * One sweep at a time per --out folder: two sweeps writing the same folder would both say
 * "wrote" while only the last one's rows remain. The lock is a file in the folder holding
 * the owner's pid, host and start time, created exclusively; a lock whose process is gone
 * (a killed sweep) is taken over, so a resume needs no manual cleaning.
 */
import { hostname } from 'node:os';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './options.ts';
import { removeStaleTemporaries } from '../core/write-atomic.ts';
import { processAlive } from '../core/process-alive.ts';

export const SWEEP_LOCK = '.tulip-sweep.lock';

interface LockHolder {
  pid: number;
  host: string;
  started: string;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return typeof h.pid === 'number' ? h : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock of `out` (creating the folder) or throws naming the sweep that holds it; returns the release. */
export function lockSweepOut(out: string, now: Date = new Date()): () => void {
  const created = !existsSync(out);
  mkdirSync(out, { recursive: true });
  const file = join(out, SWEEP_LOCK);
  const me: LockHolder = { pid: process.pid, host: hostname(), started: now.toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      // Holding the lock, nobody else writes here: temporaries of killed sweeps can go.
      removeStaleTemporaries(out);
      removeStaleTemporaries(join(out, 'chunks'));
      return () => {
        rmSync(file, { force: true });
        // A sweep that failed before writing anything leaves no folder behind.
        if (created && readdirSync(out).length === 0) rmdirSync(out);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(file);
    // Another host's pid cannot be checked from here: its lock stands until removed by hand.
    if (holder && (holder.host !== me.host || processAlive(holder.pid))) {
      throw new UsageError(
        `--out ${out} is in use by another tulip sweep (pid ${holder.pid} on ${holder.host}, started ${holder.started}); wait for it to finish, choose another --out, or delete ${file} if that sweep is gone`,
      );
    }
    // A dead holder (or an unreadable lock): take it over.
    rmSync(file, { force: true });
  }
  throw new UsageError(`--out ${out}: could not take the lock ${file}; another sweep is starting there`);
}

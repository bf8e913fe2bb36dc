/**
 * Writing output files so that none is ever half-written: each goes to a temporary name
 * in the same folder, then is renamed into place (a rename within a folder is atomic), so
 * an interrupted run or sweep leaves whole files or none. Temporary names carry the
 * process and thread, so sweep workers never collide.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { processAlive } from './process-alive.ts';

export function writeAtomically(dir: string, files: Record<string, string | Uint8Array>): void {
  mkdirSync(dir, { recursive: true });
  const temps: [string, string][] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const temp = join(dir, `.${name}.${process.pid}-${threadId}.tmp`);
      writeFileSync(temp, content);
      temps.push([temp, join(dir, name)]);
    }
    for (const [temp, final] of temps) renameSync(temp, final);
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw err;
  }
}

/** `.<name>.<pid>-<thread>.tmp` (and `.<name>.<pid>.tmp`): a temporary file of some writer. */
const TEMP_FILE = /^\..+\.(\d+)(?:-\d+)?\.tmp$/;

/** A writer that is no longer running (this process never is). */
const processGone = (pid: number): boolean => !processAlive(pid);

/** Removes temporary files in `dir` left by killed writers (their process is gone); returns how many. */
export function removeStaleTemporaries(dir: string): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const m = TEMP_FILE.exec(name);
    if (!m || !processGone(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed++;
  }
  return removed;
}

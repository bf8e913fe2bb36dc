/**
 * Writing output files so that none is ever half-written: each goes to a temporary name
 * in the same folder, then is renamed into place (a rename within a folder is atomic), so
 * an interrupted run or sweep leaves whole files or none. Temporary names carry the
 * process and thread, so sweep workers never collide.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

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

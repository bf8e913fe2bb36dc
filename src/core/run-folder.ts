/**
 * A run folder (summary.json beside a trace file) is written as a set or not at all.
 *
 * Files go into a temporary folder beside the target (`.<name>.tmp-<pid>`), which may be
 * filled over the whole run (a streamed trace); `commit()` then swaps it in: an existing
 * target is first renamed aside (`.<name>.old-<pid>`), the temporary folder is renamed
 * to the target, and the old one is removed. A reader therefore sees the old set, the new
 * set, or (between the two renames, for an instant) no folder, never a mix. A process
 * killed on the way leaves only dot-named leftovers, which the next `openRunFolder` on the
 * same target removes when their process is gone, restoring an old folder that a kill
 * had moved aside.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { faultPoint } from './fault.ts';
import { processAlive } from './process-alive.ts';

/** Files a run folder may hold; anything else means the folder is not a run folder. */
export const RUN_FOLDER_FILES = ['summary.json', 'trace.jsonl', 'trace.csv', 'trace.arrow', 'report.html'] as const;

export interface RunFolderWriter {
  /** Where to write file `name` now (inside the temporary folder). */
  path(name: string): string;
  /** Makes the written files the run folder, replacing any earlier one as a whole. */
  commit(): void;
  /** Removes the temporary folder (nothing of this run is left). */
  abort(): void;
}

/** Thrown when the target exists but holds files a run folder never has (it would be replaced). */
export class RunFolderError extends Error {
  override readonly name = 'RunFolderError';
}

const LEFTOVER = /^\.(.+)\.(tmp|old)-(\d+)$/;

/** Removes leftovers of killed writers of `target`; puts back an old folder that was moved aside. */
export function cleanStaleTemporaries(target: string): void {
  const parent = dirname(resolve(target));
  const name = basename(resolve(target));
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    const m = LEFTOVER.exec(entry);
    if (!m || m[1] !== name || processAlive(Number(m[3]))) continue;
    const leftover = join(parent, entry);
    if (m[2] === 'old' && !existsSync(target)) renameSync(leftover, target);
    else rmSync(leftover, { recursive: true, force: true });
  }
}

/** Refuses a target that exists and is not a run folder: committing would replace its contents. */
export function checkRunFolderTarget(target: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new RunFolderError(`${target} is a file, but a run folder is needed`);
  const foreign = readdirSync(target).filter((f) => !(RUN_FOLDER_FILES as readonly string[]).includes(f));
  if (foreign.length > 0) {
    throw new RunFolderError(
      `${target} holds files a run folder never has (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); it would be replaced as a whole, so choose a new or empty folder`,
    );
  }
}

export function openRunFolder(target: string): RunFolderWriter {
  const final = resolve(target);
  cleanStaleTemporaries(final);
  checkRunFolderTarget(final);
  const parent = dirname(final);
  const name = basename(final);
  const temp = join(parent, `.${name}.tmp-${process.pid}`);
  const aside = join(parent, `.${name}.old-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  let open = true;
  return {
    path: (file) => join(temp, file),
    commit: () => {
      if (!open) throw new Error('run folder already committed or aborted');
      open = false;
      faultPoint('run-folder-before-commit');
      const hadOld = existsSync(final);
      if (hadOld) renameSync(final, aside);
      faultPoint('run-folder-between-renames');
      renameSync(temp, final);
      if (hadOld) rmSync(aside, { recursive: true, force: true });
    },
    abort: () => {
      if (!open) return;
      open = false;
      rmSync(temp, { recursive: true, force: true });
    },
  };
}

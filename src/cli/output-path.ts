/**
 * Output paths are checked before any work starts: a run that computes for minutes and
 * then cannot write its result wastes the user's time. Each check names the option and the
 * path and says what is allowed; the commands call them first thing.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './options.ts';

/** The nearest existing folder at or above `path` (where a new file or folder would be made). */
function existingAncestor(path: string): string {
  let dir = resolve(path);
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

function checkWritableAncestor(option: string, path: string): void {
  const ancestor = existingAncestor(path);
  if (!statSync(ancestor).isDirectory()) {
    throw new UsageError(`${option} ${path}: ${ancestor} is a file, so nothing can be made inside it; choose another path`);
  }
  try {
    accessSync(ancestor, constants.W_OK | constants.X_OK);
  } catch {
    throw new UsageError(`${option} ${path}: the folder ${ancestor} is not writable; choose a path you can write to`);
  }
}

/** A folder to write into: new, or an existing writable folder (never an existing file). */
export function checkOutputDir(option: string, path: string): void {
  if (path.trim() === '') throw new UsageError(`${option}: the folder name is empty`);
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new UsageError(`${option} ${path}: is a file, but a folder is needed; choose a folder name (it is created if missing)`);
    try {
      accessSync(path, constants.W_OK | constants.X_OK);
    } catch {
      throw new UsageError(`${option} ${path}: the folder is not writable; choose a folder you can write to`);
    }
    // Files are written beside each other, then renamed: the parent must take them too.
    return;
  }
  checkWritableAncestor(option, path);
}

/** A file to write: new or an existing file (never a folder), in a writable folder. */
export function checkOutputFile(option: string, path: string): void {
  if (path.trim() === '') throw new UsageError(`${option}: the file name is empty`);
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new UsageError(`${option} ${path}: is a folder, but a file is needed; name a file (e.g. ${path.replace(/\/+$/, '')}/out.json)`);
  }
  if (path.endsWith('/')) throw new UsageError(`${option} ${path}: ends with /, but a file is needed; name a file`);
  checkWritableAncestor(option, dirname(resolve(path)));
}

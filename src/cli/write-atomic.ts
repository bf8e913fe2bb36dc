/**
 * The CLI's one-shot writer: the atomic writer (src/core/write-atomic.ts), after removing
 * temporaries that killed runs left in the same folder.
 */
import { removeStaleTemporaries, writeAtomically } from '../core/write-atomic.ts';

export function writeFilesAtomically(dir: string, files: Record<string, string | Uint8Array>): void {
  removeStaleTemporaries(dir);
  writeAtomically(dir, files);
}

/**
 * Writing output files so that nothing half-written is ever left behind: each file is
 * written to a temporary name in the same folder, then renamed into place.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFilesAtomically(dir: string, files: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  const temps: [string, string][] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      writeFileSync(temp, content);
      temps.push([temp, join(dir, name)]);
    }
    for (const [temp, final] of temps) renameSync(temp, final);
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw err;
  }
}

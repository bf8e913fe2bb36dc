/**
 * Finding scenarios for the analysis tools: shipped names, files, and suite folders
 * (every `*.yaml` directly inside, in name order).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ScenarioError } from '../config/errors.ts';

/** The scenarios folder shipped with the package. */
export const SHIPPED_SCENARIOS = fileURLToPath(new URL('../../scenarios', import.meta.url));
/** The labelled evaluation suite shipped with the package. */
export const SHIPPED_EVAL_SUITE = join(SHIPPED_SCENARIOS, 'eval');

/** A path as given, or a shipped scenario's name (`tulip-mania`), or a shipped eval scenario's (`eval/loop-ab`). */
export function resolveScenarioPath(nameOrPath: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  const shipped = join(SHIPPED_SCENARIOS, nameOrPath.endsWith('.yaml') ? nameOrPath : `${nameOrPath}.yaml`);
  return existsSync(shipped) ? shipped : nameOrPath;
}

/** The scenario files of a suite folder, sorted by name. */
export function suiteFiles(dir: string): string[] {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new ScenarioError(dir, [{ path: '', message: '--suite: folder not found; give a folder of scenario files with truth: blocks (e.g. scenarios/eval)' }]);
  }
  if (!isDir) throw new ScenarioError(dir, [{ path: '', message: '--suite: is a file; give a folder of scenario files with truth: blocks (e.g. scenarios/eval)' }]);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
  if (files.length === 0) throw new ScenarioError(dir, [{ path: '', message: '--suite: no .yaml scenario files in this folder' }]);
  return files;
}

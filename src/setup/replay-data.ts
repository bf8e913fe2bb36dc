/**
 * Price paths from a user's file: `market.assets.<SYM>.fundamental.replay: { file, column }`.
 * The file is read and checked when the scenario loads (so a bad file stops the run before
 * any work), and read once per process however many variants a check or sweep builds.
 *
 * The format is deliberately plain — a header row, then one row per tick, comma-separated,
 * numbers in the named column — so a few lines read it; a general CSV parser (quoted
 * fields with commas inside) would buy nothing for a column of prices.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { ScenarioConfig } from '../config/schema.ts';
import type { ScenarioProblem } from '../config/errors.ts';

/** One replayed column: log values by tick, and the file's SHA-256. */
export interface ReplaySeries {
  file: string;
  column: string;
  logValues: Float64Array;
  sha256: string;
}

type Outcome = { series: ReplaySeries } | { problem: string };
const cache = new Map<string, Outcome>();

/** Where a replay file is: relative paths are relative to the scenario file's folder. */
export function replayPath(file: string, source: string): string {
  if (isAbsolute(file)) return file;
  const base = source.startsWith('<') ? process.cwd() : dirname(resolve(source));
  return resolve(base, file);
}

/** Reads one column of a replay file (cached by path and column); a problem says what is wrong and where. */
export function readReplay(path: string, column: string): Outcome {
  const key = `${path}\n${column}`;
  const known = cache.get(key);
  if (known) return known;
  const outcome = parseReplay(path, column);
  cache.set(key, outcome);
  return outcome;
}

function parseReplay(path: string, column: string): Outcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { problem: `${path}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`}` };
  }
  const lines = bytes.toString('utf8').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const names = (lines[0] ?? '').split(',').map(unquote);
  const at = names.indexOf(column);
  if (at < 0) return { problem: `${path}: no column ${JSON.stringify(column)}; its header has: ${names.map((n) => JSON.stringify(n)).join(', ')}` };
  const logValues = new Float64Array(lines.length - 1);
  for (let row = 1; row < lines.length; row++) {
    const cell = unquote(lines[row]!.split(',')[at] ?? '');
    const value = cell === '' ? NaN : Number(cell);
    if (!Number.isFinite(value) || value <= 0) return { problem: `${path}: line ${row + 1}, column ${JSON.stringify(column)}: ${JSON.stringify(cell)} is not a positive number (a value in currency units)` };
    logValues[row - 1] = Math.log(value);
  }
  if (logValues.length === 0) return { problem: `${path}: no rows after the header` };
  return { series: { file: path, column, logValues, sha256: createHash('sha256').update(bytes).digest('hex') } };
}

function unquote(cell: string): string {
  const t = cell.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** Every asset's replay, in asset order (undefined where the asset has none); throws nothing. */
export function replaysOf(config: ScenarioConfig, source: string): (ReplaySeries | undefined)[] {
  return Object.values(config.market.assets).map((asset) => {
    const spec = asset.fundamental.replay;
    if (!spec) return undefined;
    const outcome = readReplay(replayPath(spec.file, source), spec.column);
    return 'series' in outcome ? outcome.series : undefined;
  });
}

/** Problems with the scenario's replay files: unreadable, a missing column, a bad value, too few rows for `ticks`. */
export function replayProblems(config: ScenarioConfig, source: string, ticks = config.ticks): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  for (const [symbol, asset] of Object.entries(config.market.assets)) {
    const spec = asset.fundamental.replay;
    if (!spec) continue;
    const path = `market.assets.${symbol}.fundamental.replay.file`;
    const outcome = readReplay(replayPath(spec.file, source), spec.column);
    if ('problem' in outcome) problems.push({ path, message: outcome.problem });
    else if (outcome.series.logValues.length < ticks) {
      problems.push({ path, message: `${outcome.series.file} has ${outcome.series.logValues.length} rows of values, fewer than the ${ticks} ticks to run (one row per tick)` });
    }
  }
  return problems;
}

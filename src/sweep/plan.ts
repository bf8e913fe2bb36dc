/**
 * What a sweep is made of, before anything runs: the seeds, the grid of varied values,
 * the shard this process does, and the chunks (one batched simulation each) it splits
 * its share into.
 *
 * Every row of a sweep is one (variant, seed) pair. The rows are numbered variant-major
 * (all seeds of variant 0, then all seeds of variant 1, ...); shard i of n takes a
 * contiguous, balanced block of that numbering, and a chunk is a run of at most `chunk`
 * consecutive rows of one variant. World k of a batch equals a single run with its seed,
 * so none of these choices changes a row.
 */
import { parse } from 'yaml';
import { parseSeeds } from '../setup/expect.ts';
import { SweepError } from './errors.ts';

/** Seeds are stored as Arrow int32. */
export const MAX_SEED = 2 ** 31 - 1;
/** More rows than this is a typo, not a sweep (rows are held in memory to write the outputs). */
export const MAX_ROWS = 10_000_000;

export interface VaryAxis {
  /** A scenario field path, as for --set (`models.B.training.mode`). */
  path: string;
  /** The values, read as YAML (`3`, `0.5`, `true`, `static`, `[]`). */
  values: unknown[];
  /** The values as the user wrote them. */
  texts: string[];
}

export interface Shard {
  /** 0-based: shard 0 of 4 is the first. */
  index: number;
  count: number;
}

/** One cell of the grid: a value for each axis, in axis order. */
export interface Variant {
  index: number;
  values: unknown[];
  /** `--set`-style overrides that make this variant from the base scenario. */
  sets: string[];
}

export interface Chunk {
  variant: number;
  seeds: number[];
}

/** `A..B` (inclusive) or one seed `N`. */
export function parseSeedRange(text: string): { first: number; last: number } {
  const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw new SweepError(`--seeds must be A..B (inclusive, e.g. 1..1000) or one seed N, got ${JSON.stringify(text)}`);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first > MAX_SEED || last > MAX_SEED) throw new SweepError(`--seeds must be from 0 to ${MAX_SEED}, got ${JSON.stringify(text)}`);
  if (last < first) throw new SweepError(`--seeds ${text}: the last seed ${last} is below the first ${first}; write ${last}..${first}`);
  return { first, last };
}

export function seedsOf(range: { first: number; last: number }): number[] {
  return parseSeeds(`${range.first}..${range.last}`);
}

/** Splits `a,b,[c, d],{e: 1}` at the commas that are not inside brackets, braces or quotes. */
function splitValues(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** `path=v1,v2,...` -> an axis. Values are checked against the schema later, with the scenario. */
export function parseVary(text: string): VaryAxis {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  if (eq <= 0 || !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+|\[\d+\])*$/.test(path)) {
    throw new SweepError(`--vary must be path=v1,v2,... (for example --vary market.impact=0.0005,0.001), got ${JSON.stringify(text)}`);
  }
  const texts = splitValues(text.slice(eq + 1));
  if (texts.some((t) => t === '')) throw new SweepError(`--vary ${text}: a value is empty; separate values with single commas`);
  const values = texts.map((t) => {
    try {
      return parse(t, { logLevel: 'error' }) as unknown;
    } catch {
      throw new SweepError(`--vary ${path}: the value ${JSON.stringify(t)} is not valid YAML`);
    }
  });
  if (new Set(values.map((v) => JSON.stringify(v))).size !== values.length) throw new SweepError(`--vary ${path}: a value is listed twice (${texts.join(', ')})`);
  return { path, values, texts };
}

/** The cartesian product of the axes, first axis slowest; one variant (no overrides) without axes. */
export function variantsOf(axes: VaryAxis[]): Variant[] {
  const paths = axes.map((a) => a.path);
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup) throw new SweepError(`--vary ${dup} is given twice; list all its values in one --vary`);
  let cells: number[][] = [[]];
  for (const axis of axes) cells = cells.flatMap((cell) => axis.values.map((_, i) => [...cell, i]));
  return cells.map((cell, index) => ({
    index,
    values: cell.map((i, a) => axes[a]!.values[i]),
    sets: cell.map((i, a) => `${axes[a]!.path}=${axes[a]!.texts[i]}`),
  }));
}

/** `i/n` with 0 <= i < n. */
export function parseShard(text: string, where = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw new SweepError(`${where} must be i/n with 0 <= i < n (shard 0/4 is the first of four), got ${JSON.stringify(text)}`);
  return checkShard(Number(m[1]), Number(m[2]), where);
}

function checkShard(index: number, count: number, where: string): Shard {
  if (!Number.isSafeInteger(count) || count < 1) throw new SweepError(`${where}: the shard count must be at least 1, got ${count}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) throw new SweepError(`${where}: the shard index must be from 0 to ${count - 1} (0-based), got ${index}`);
  return { index, count };
}

function envWhole(env: NodeJS.ProcessEnv, name: string, source: string): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') throw new SweepError(`--shard-from-env: ${source}: ${name} is not set; it must hold a whole number`);
  if (!/^\d+$/.test(text.trim())) throw new SweepError(`--shard-from-env: ${source}: ${name} must be a whole number, got ${JSON.stringify(text)}`);
  return Number(text.trim());
}

/**
 * The shard of a batch engine's array task:
 * - Kubernetes Indexed Job: JOB_COMPLETION_INDEX (set by Kubernetes, 0-based) and
 *   JOB_COMPLETIONS (set it in the pod spec to the Job's `completions`);
 * - Slurm job array: SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN (0 when unset) of
 *   SLURM_ARRAY_TASK_COUNT.
 */
export function shardFromEnv(env: NodeJS.ProcessEnv): Shard & { source: string } {
  // A variable set to the empty string counts as not set.
  if (env.JOB_COMPLETION_INDEX) {
    const source = 'Kubernetes Indexed Job';
    const index = envWhole(env, 'JOB_COMPLETION_INDEX', source);
    const count = envWhole(env, 'JOB_COMPLETIONS', source);
    return { ...checkShard(index, count, `--shard-from-env: ${source}: JOB_COMPLETION_INDEX=${index}, JOB_COMPLETIONS=${count}`), source };
  }
  if (env.SLURM_ARRAY_TASK_ID) {
    const source = 'Slurm job array';
    const id = envWhole(env, 'SLURM_ARRAY_TASK_ID', source);
    const min = !env.SLURM_ARRAY_TASK_MIN ? 0 : envWhole(env, 'SLURM_ARRAY_TASK_MIN', source);
    const count = envWhole(env, 'SLURM_ARRAY_TASK_COUNT', source);
    return { ...checkShard(id - min, count, `--shard-from-env: ${source}: SLURM_ARRAY_TASK_ID=${id}, SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_COUNT=${count}`), source };
  }
  throw new SweepError(
    '--shard-from-env: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set; run inside an array job or give --shard i/n',
  );
}

/** Rows [start, end) of the variant-major numbering that shard i of n does. */
export function shardRows(totalRows: number, shard: Shard): { start: number; end: number } {
  return { start: Math.floor((shard.index * totalRows) / shard.count), end: Math.floor(((shard.index + 1) * totalRows) / shard.count) };
}

/** The (variant, seed) of row r. */
export function rowKey(r: number, seeds: number[]): { variant: number; seed: number } {
  return { variant: Math.floor(r / seeds.length), seed: seeds[r % seeds.length]! };
}

/**
 * Chunks covering rows [start, end) except those in `done` (keys `variant:seed`): runs of
 * at most `size` consecutive rows of one variant.
 */
export function planChunks(seeds: number[], rows: { start: number; end: number }, size: number, done: Set<string>): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  for (let r = rows.start; r < rows.end; r++) {
    const { variant, seed } = rowKey(r, seeds);
    if (done.has(`${variant}:${seed}`)) {
      current = undefined;
      continue;
    }
    if (!current || current.variant !== variant || current.seeds.length >= size) {
      current = { variant, seeds: [] };
      chunks.push(current);
    }
    current.seeds.push(seed);
  }
  return chunks;
}

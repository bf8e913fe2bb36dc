/**
 * `tulip sweep`: seeds x variants, one summary row per world, written as sweep.csv,
 * sweep.arrow and manifest.json into the --out folder.
 *
 * Resume: each finished chunk is saved at once as chunks/v<variant>-s<first>-<last>.json
 * (temporary file, then rename). Running the same command again reads the saved rows and
 * computes only the rows still missing, whatever --chunk or --workers are this time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { selectBackend, type BackendChoice } from '../models/backend.ts';
import { loadScenarioText, type LoadedScenario } from '../setup/loader.ts';
import { parseOverride } from '../setup/overrides.ts';
import { ScenarioError } from '../config/errors.ts';
import { scenarioName } from '../setup/build.ts';
import { VERSION } from '../core/version.ts';
import { ChunkRunner, readChunkFile, type SweepSpec } from './chunk.ts';
import type { OnChunk, PoolEvents, WorkerKind } from './pool.ts';
import { executorStarter, type ChunkExecutor, type Ran } from './executor.ts';
import { balanceTail } from './schedule.ts';
import { MAX_ROWS, planChunks, rowKey, seedsOf, shardRows, variantsOf, type Chunk, type Shard, type VaryAxis } from './plan.ts';
import { compareRows, encodeRow, flattenSummary, rowsToCsv, sweepColumns, SWEEP_FORMAT, SWEEP_SCHEMA_VERSION, type Cell, type SweepColumn } from './rows.ts';
import { rowsToArrow } from './arrow.ts';
import { SweepError } from './errors.ts';
import { writeAtomically } from '../core/write-atomic.ts';
import { faultPoint } from '../core/fault.ts';

export const CHUNK_DEFAULT = 500;
export const SWEEP_FILES = { csv: 'sweep.csv', arrow: 'sweep.arrow', manifest: 'manifest.json', chunks: 'chunks' } as const;

export interface SweepOptions {
  scenarioFile: string;
  seeds: { first: number; last: number };
  vary: VaryAxis[];
  /** --set overrides for every variant. */
  sets: string[];
  ticks?: number;
  backend: BackendChoice;
  /** Workers; 1 runs chunks in this thread. */
  workers: number;
  /** What the workers run on. @default DEFAULT_WORKER_KIND (executor.ts) */
  workerKind?: WorkerKind;
  /** Pool events (worker ready, peak memory), for benchmarks. */
  poolEvents?: PoolEvents;
  /** Called once the plan is checked, with where its rows will run (workers start then). */
  onWorkers?: (ran: Ran) => void;
  shard: Shard;
  /** Worlds per batched simulation. @default CHUNK_DEFAULT */
  chunk: number;
  out: string;
  onBackend?: (note: string) => void;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepProgress {
  /** Rows of this shard done so far, resumed ones included. */
  rowsDone: number;
  rowsTotal: number;
  /** Rows found in chunk files of an earlier run. */
  rowsResumed: number;
  /** Rows of the chunks running now, weighted by the fraction of their ticks done. */
  rowsRunning: number;
  chunksDone: number;
  chunksTotal: number;
}

/** What identifies a sweep: two runs with the same identity make the same rows. */
export interface SweepIdentity {
  format: typeof SWEEP_FORMAT;
  schemaVersion: number;
  scenario: string;
  scenarioSha256: string;
  sets: string[];
  seeds: { first: number; last: number; count: number };
  vary: { path: string; values: unknown[] }[];
  /** --ticks, or null for each variant's scenario ticks. */
  ticks: number | null;
  version: string;
  backend: string;
  columns: SweepColumn[];
}

export interface SweepManifest extends SweepIdentity {
  /** SHA-256 of the identity fields above: shards of one sweep share it. */
  sweepId: string;
  /** The scenario file as given on the command line. */
  scenarioFile: string;
  grid: { variant: number; values: Record<string, unknown> }[];
  /** Which rows this folder holds: rows [start, end) of the variant-major numbering. */
  shard: { index: number; count: number; rows: { start: number; end: number } };
  rows: number;
  files: { csv: string; arrow: string };
  /** SHA-256 (hex) of each data file by name, checked by `tulip merge`. */
  sha256?: Record<string, string>;
  /** For `tulip merge` output: the folders merged. */
  mergedFrom?: string[];
}

interface ChunkFile {
  sweepId: string;
  variant: number;
  seeds: number[];
  rows: Cell[][];
}

export function sweepIdOf(identity: SweepIdentity): string {
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** A scenario file's text; a missing or unreadable file is a SweepError naming it. */
export function readScenarioText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SweepError(`${file}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a scenario file' : `cannot be read (${code})`}`);
  }
}

/** A problem with a --vary value is reported against the --vary, not a --set. */
function fromVary(err: ScenarioError, sets: string[]): ScenarioError {
  const origin = (o: string | undefined): string | undefined => {
    const set = sets.find((s) => o === `--set ${s}`);
    return set === undefined ? o : `--vary ${set}`;
  };
  return new ScenarioError(err.source, err.problems.map((p) => ({ ...p, origin: origin(p.origin) })));
}

/** What rows to run, before any output folder: shared by `tulip sweep` (files) and `tulip compare` (in memory). */
export interface RowsPlanOptions {
  scenarioFile: string;
  /** A range (`tulip sweep --seeds`) or a list (a scenario's `expect.seeds`). */
  seeds: { first: number; last: number } | number[];
  vary: VaryAxis[];
  /** --set overrides for every variant. */
  sets: string[];
  ticks?: number;
  backend: BackendChoice;
  onBackend?: (note: string) => void;
  /**
   * Called once the scenario and every variant are checked, before tfjs loads and the
   * probe runs: the moment to start workers, so their start-up overlaps the probe.
   */
  onChecked?: (plan: { seeds: number[]; variants: number }) => void;
}

/** A checked plan: the spec a chunk runner needs, and what was loaded to check it. */
export interface PreparedRows {
  spec: SweepSpec;
  seeds: number[];
  /** The scenario file's text. */
  text: string;
  /** The scenario with --set, before any --vary value. */
  base: LoadedScenario;
  /** Each variant's scenario (--set, then its --vary values), in grid order. */
  variantScenarios: LoadedScenario[];
  /** The backend the probe ran on (every row runs on it). */
  backend: string;
}

/** Loads the scenario and every variant (so a bad --vary value fails before anything runs) and finds the columns. */
export async function prepareRows(options: RowsPlanOptions): Promise<PreparedRows> {
  const text = readScenarioText(options.scenarioFile);
  const seeds = Array.isArray(options.seeds) ? options.seeds : seedsOf(options.seeds);
  const variants = variantsOf(options.vary);
  if (seeds.length * variants.length > MAX_ROWS) throw new SweepError(`${seeds.length} seeds x ${variants.length} variants is more than ${MAX_ROWS} rows; split the sweep`);
  const base = loadScenarioText(text, options.scenarioFile, options.sets.map((s) => parseOverride(s)));
  const variantScenarios = variants.map((v) => {
    try {
      return loadScenarioText(text, options.scenarioFile, [...options.sets, ...v.sets].map((s) => parseOverride(s)));
    } catch (err) {
      throw err instanceof ScenarioError ? fromVary(err, v.sets) : err;
    }
  });
  options.onChecked?.({ seeds, variants: variants.length });
  const spec: SweepSpec = { scenarioFile: options.scenarioFile, scenarioText: text, sets: options.sets, variants, ticks: options.ticks, backend: options.backend, columns: [] };
  // A built, unrun simulation has every summary field: its shape gives each variant's columns.
  options.onBackend?.((await selectBackend(options.backend)).note);
  const probe = new ChunkRunner(spec);
  const fields: string[][] = [];
  let backend = '';
  for (const v of variants) {
    const { summaries, backend: name } = await probe.summaries({ variant: v.index, seeds: [seeds[0]!] }, false);
    backend = name;
    fields.push(flattenSummary(summaries[0]!).map(([f]) => f));
  }
  spec.columns = sweepColumns(options.vary, fields);
  return { spec, seeds, text, base, variantScenarios, backend };
}

/** The prepared rows plus what makes them a sweep on disk: its identity, grid and shard. */
async function prepare(options: SweepOptions, onChecked: RowsPlanOptions['onChecked']): Promise<{ spec: SweepSpec; manifest: SweepManifest; seeds: number[] }> {
  const { spec, seeds, text, backend } = await prepareRows({ ...options, onChecked });
  const variants = spec.variants;
  const identity: SweepIdentity = {
    format: SWEEP_FORMAT,
    schemaVersion: SWEEP_SCHEMA_VERSION,
    scenario: scenarioName(options.scenarioFile),
    scenarioSha256: createHash('sha256').update(text).digest('hex'),
    sets: options.sets,
    seeds: { ...options.seeds, count: seeds.length },
    vary: options.vary.map((a) => ({ path: a.path, values: a.values })),
    ticks: options.ticks ?? null,
    version: VERSION,
    backend,
    columns: spec.columns,
  };
  const rows = shardRows(seeds.length * variants.length, options.shard);
  const manifest: SweepManifest = {
    ...identity,
    sweepId: sweepIdOf(identity),
    scenarioFile: options.scenarioFile,
    grid: variants.map((v) => ({ variant: v.index, values: Object.fromEntries(options.vary.map((a, i) => [a.path, v.values[i]])) })),
    shard: { ...options.shard, rows },
    rows: rows.end - rows.start,
    files: { csv: SWEEP_FILES.csv, arrow: SWEEP_FILES.arrow },
  };
  return { spec, manifest, seeds };
}

/** Rows saved by an earlier run of the same sweep in `out`, keyed `variant:seed`. */
function savedRows(out: string, manifest: SweepManifest): Map<string, Cell[]> {
  const saved = new Map<string, Cell[]>();
  const manifestFile = join(out, SWEEP_FILES.manifest);
  if (existsSync(manifestFile)) {
    let old: Partial<SweepManifest> = {};
    try {
      old = JSON.parse(readFileSync(manifestFile, 'utf8')) as Partial<SweepManifest>;
    } catch {
      // An unreadable manifest is rewritten at the end; the chunk files decide.
    }
    if (old.sweepId !== undefined && old.sweepId !== manifest.sweepId) throw differentSweep(out, manifestFile);
  }
  const dir = join(out, SWEEP_FILES.chunks);
  if (!existsSync(dir)) return saved;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort()) {
    const file = join(dir, name);
    const chunk = readChunkFile(file, manifest.sweepId, manifest.columns);
    if (!chunk.sameSweep) throw differentSweep(out, file);
    for (const row of chunk.rows) saved.set(`${row[1]}:${row[0]}`, row);
  }
  return saved;
}

function differentSweep(out: string, file: string): SweepError {
  return new SweepError(
    `--out ${out} holds results of a different sweep (${file}: another scenario text, --seeds, --vary, --set, --ticks, tulip version or backend); choose another --out folder or delete this one`,
  );
}

export interface SweepResult {
  manifest: SweepManifest;
  /** Rows computed by this run (the rest were resumed). */
  computed: number;
  resumed: number;
  /** Where the rows were computed. */
  ran: Ran;
}

export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  if (!Number.isSafeInteger(options.chunk) || options.chunk < 1) throw new SweepError(`--chunk must be a whole number of at least 1, got ${options.chunk}`);
  const { holder, onChecked } = executorStarter(options, options.chunk, options.shard);
  try {
    return await sweepWith(options, onChecked, () => holder.executor!);
  } finally {
    await holder.executor?.close();
  }
}

async function sweepWith(options: SweepOptions, onChecked: RowsPlanOptions['onChecked'], executor: () => ChunkExecutor): Promise<SweepResult> {
  const { spec, manifest, seeds } = await prepare(options, onChecked);
  const range = manifest.shard.rows;
  const saved = savedRows(options.out, manifest);
  const rows: Cell[][] = [];
  const done = new Set<string>();
  for (let r = range.start; r < range.end; r++) {
    const { variant, seed } = rowKey(r, seeds);
    const row = saved.get(`${variant}:${seed}`);
    if (row) {
      rows.push(row);
      done.add(`${variant}:${seed}`);
    }
  }
  const resumed = rows.length;
  const chunks = balanceTail(planChunks(seeds, range, options.chunk, done), executor().workers);
  const progress: SweepProgress = { rowsDone: resumed, rowsTotal: manifest.rows, rowsResumed: resumed, rowsRunning: 0, chunksDone: 0, chunksTotal: chunks.length };
  await runTracked(spec, chunks, executor(), progress, options.onProgress, (chunk, chunkRows) => {
    const first = chunk.seeds[0]!;
    const last = chunk.seeds.at(-1)!;
    const file: ChunkFile = { sweepId: manifest.sweepId, variant: chunk.variant, seeds: chunk.seeds, rows: chunkRows.map(encodeRow) };
    writeAtomically(join(options.out, SWEEP_FILES.chunks), { [`v${chunk.variant}-s${first}-${last}.json`]: `${JSON.stringify(file)}\n` });
    faultPoint('sweep-after-chunk');
    rows.push(...chunkRows);
  });
  writeOutputs(options.out, manifest, rows);
  return { manifest, computed: rows.length - resumed, resumed, ran: { kind: executor().kind, workers: executor().workers } };
}

/**
 * Runs `chunks`, keeping `progress` current for `onProgress`: rows done, and the rows of
 * running chunks weighted by the fraction of their ticks done. `onChunk` sees each chunk's
 * rows before the progress counts them.
 */
async function runTracked(spec: SweepSpec, chunks: Chunk[], executor: ChunkExecutor, progress: SweepProgress, onProgress: SweepOptions['onProgress'], onChunk: OnChunk): Promise<void> {
  onProgress?.({ ...progress });
  const running = new Map<number, number>();
  const sumRunning = (): number => [...running.values()].reduce((a, b) => a + b, 0);
  const onTicks = (index: number, fraction: number): void => {
    running.set(index, fraction * chunks[index]!.seeds.length);
    progress.rowsRunning = sumRunning();
    onProgress?.({ ...progress });
  };
  await executor.run(spec, chunks, (chunk, chunkRows) => {
    onChunk(chunk, chunkRows);
    running.delete(chunks.indexOf(chunk));
    progress.rowsRunning = sumRunning();
    progress.rowsDone += chunkRows.length;
    progress.chunksDone++;
    onProgress?.({ ...progress });
  }, onTicks);
}

export interface RowsRunOptions {
  /** Workers; 1 runs chunks in this thread. */
  workers: number;
  /** What the workers run on. @default DEFAULT_WORKER_KIND (executor.ts) */
  workerKind?: WorkerKind;
  poolEvents?: PoolEvents;
  /** Called once the plan is checked, with where its rows will run (workers start then). */
  onWorkers?: (ran: Ran) => void;
  /** Worlds per batched simulation. @default CHUNK_DEFAULT */
  chunk?: number;
  onProgress?: (progress: SweepProgress) => void;
}

/**
 * Every (variant, seed) row of a plan, computed in memory (no files), sorted by variant
 * then seed. The workers start while the plan is probed; `check` sees the prepared plan
 * before any row runs (and may throw to stop).
 */
export async function prepareAndRunRows(
  options: RowsPlanOptions & RowsRunOptions,
  check?: (prepared: PreparedRows) => void,
): Promise<{ prepared: PreparedRows; rows: Cell[][]; ran: Ran }> {
  const size = options.chunk ?? CHUNK_DEFAULT;
  const { holder, onChecked } = executorStarter(options, size, { index: 0, count: 1 });
  try {
    const prepared = await prepareRows({ ...options, onChecked });
    check?.(prepared);
    const executor = holder.executor!;
    const { spec, seeds } = prepared;
    const total = seeds.length * spec.variants.length;
    const chunks = balanceTail(planChunks(seeds, { start: 0, end: total }, size, new Set()), executor.workers);
    const rows: Cell[][] = [];
    const progress: SweepProgress = { rowsDone: 0, rowsTotal: total, rowsResumed: 0, rowsRunning: 0, chunksDone: 0, chunksTotal: chunks.length };
    await runTracked(spec, chunks, executor, progress, options.onProgress, (_, chunkRows) => rows.push(...chunkRows));
    return { prepared, rows: rows.sort(compareRows), ran: { kind: executor.kind, workers: executor.workers } };
  } finally {
    await holder.executor?.close();
  }
}

/** sweep.csv, sweep.arrow and manifest.json, rows sorted by variant then seed. */
export function writeOutputs(out: string, manifest: SweepManifest, rows: Cell[][]): void {
  const sorted = [...rows].sort(compareRows);
  const data = { [SWEEP_FILES.csv]: rowsToCsv(manifest.columns, sorted), [SWEEP_FILES.arrow]: rowsToArrow(manifest.columns, sorted) };
  const sha256 = Object.fromEntries(Object.entries(data).map(([name, content]) => [name, createHash('sha256').update(content).digest('hex')]));
  writeAtomically(out, { ...data, [SWEEP_FILES.manifest]: `${JSON.stringify({ ...manifest, sha256 }, null, 2)}\n` });
}

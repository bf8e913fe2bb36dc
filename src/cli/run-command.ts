/**
 * `tulip run <scenario>`: one headless run, printed as tables or as one JSON object,
 * optionally written to a folder as summary.json and trace.jsonl.
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../setup/loader.ts';
import { untrainedModelWarnings } from '../setup/cross-check.ts';
import { buildSimulation, scenarioName } from '../setup/build.ts';
import { runSummary, type RunSummary } from '../setup/summary.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import type { BackendChoice } from '../models/backend.ts';
import { addMonitorOptionFlag, addScenarioRunOptions, collect, DEFAULT_SCENARIO, parseMonitorOptions, resolveScenario, withBank, type BankChoice } from './options.ts';
import { formatSummary } from './format.ts';
import { asUsageError, traceFormat, traceOutput } from './export-command.ts';
import { parseTraceJsonl } from '../report/trace-file.ts';
import { verifyTraceRecords } from '../report/trace-check.ts';
import { checkOutputDir } from './output-path.ts';
import { cleanStaleTemporaries, checkRunFolderTarget, openRunFolder, RunFolderError, type RunFolderWriter } from '../core/run-folder.ts';
import { PROGRESS_SLICE, tickProgress } from './run-progress.ts';
import { traceFromSimulation } from '../report/trace-file.ts';
import { openTraceWriter, type TraceWriter } from '../report/trace-writer.ts';
import { TRACE_FILE_NAMES } from '../report/formats.ts';
import type { TickRecord } from '../setup/trace-record.ts';
import type { TraceFormat } from '../report/formats.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { LoadedScenario } from '../setup/loader.ts';
import type { Intervention } from '../core/events.ts';
import type { BackendName } from '../models/backend.ts';
import { checkWorldSeeds, UsageError } from './options.ts';

export interface RunOptions {
  seed?: number;
  worlds: number;
  ticks?: number;
  set: string[];
  backend: BackendChoice;
  out?: string;
  json?: boolean;
  /** The trace file --out writes: trace.jsonl (default), trace.csv or trace.arrow. */
  format?: TraceFormat;
  /** A trace.jsonl whose interventions are re-applied at their ticks; the run must reach its hash. */
  replay?: string;
  /** Custom monitor modules (each a default-exported MonitorFactory) added to the scenario's monitors. */
  monitor?: string[];
  /** key=value options given to those modules' factories. */
  monitorOption?: string[];
  /** What computes the models (default: the scenario's `bank:`). */
  bank?: BankChoice;
}

export function addRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run a scenario headless and print a summary')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one (e.g. tulip-mania)');
  addMonitorOptionFlag(addScenarioRunOptions(command, { max: 100_000, help: 'worlds run in lockstep' }))
    .option('--out <dir>', 'write summary.json and trace.jsonl into this folder')
    .option('--format <format>', 'the trace file --out writes: jsonl (trace.jsonl, the default), csv (trace.csv) or arrow (trace.arrow)', traceFormat)
    .option('--json', 'print one JSON object instead of tables')
    .option('--monitor <file.ts>', 'add a custom monitor (a module whose default export is a MonitorFactory; repeatable); its alerts appear in the summary', collect, [])
    .option('--replay <trace.jsonl>', 're-apply the interventions recorded in a trace (e.g. from `tulip tui --out`) at their ticks and check the hash')
    .action(async (scenario: string, options: RunOptions) => {
      if (options.format && !options.out) throw new UsageError('--format chooses the trace file --out writes; give --out <dir> too');
      const summary = await runScenario(scenario, options);
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
      reportDivergence(summary);
    });
}

export async function runScenario(scenario: string, options: RunOptions): Promise<RunSummary> {
  if (options.out !== undefined) checkRunFolder(options.out);
  const file = resolveScenario(scenario);
  const loaded = withCustomMonitors(file, withBank(options.set, options.bank), options.monitor ?? [], parseMonitorOptions(options.monitorOption ?? []));
  const replay: Replay | undefined = options.replay === undefined ? undefined : readReplay(options.replay);
  if (replay) checkReplayModels(replay, loaded);
  checkWorldSeeds(options.seed ?? loaded.config.seed, options.worlds);
  for (const warning of untrainedModelWarnings(loaded.config, options.ticks ?? replay?.ticks ?? loaded.config.ticks)) process.stderr.write(`warning: ${warning}\n`);
  const format = options.format ?? 'jsonl';
  // The run folder is written into a temporary folder that replaces --out as a whole at
  // the end; jsonl and csv traces stream into it as the run goes, Arrow is encoded at the end.
  const folder = options.out === undefined ? undefined : openRunFolder(options.out);
  let writer: TraceWriter | undefined;
  try {
    const sim = await buildSimulation(loaded, {
      // A replay runs the recorded seeds, ticks and backend unless told otherwise.
      seed: options.seed,
      seeds: replay && options.seed === undefined ? replay.seeds : undefined,
      worlds: options.worlds,
      ticks: options.ticks ?? replay?.ticks,
      backend: replay && options.backend === 'auto' ? replay.backend : options.backend,
      record: folder !== undefined && format === 'arrow',
      ...(folder && format !== 'arrow' ? { sink: (record: TickRecord) => writer!.write(record) } : {}),
      onBackend: (note) => process.stderr.write(`${note}\n`),
    });
    try {
      if (folder && format !== 'arrow') writer = openTraceWriter(folder.path(TRACE_FILE_NAMES[format]), format, Array.from({ length: sim.worlds }, (_, w) => ({ world: w, ...sim.header(w) })));
      const progress = tickProgress(sim.parts.ticks);
      if (replay) replayInterventions(sim, replay, scenarioName(file), (done) => progress.update(done));
      else runInSlices(sim, (done) => progress.update(done));
      progress.end();
      const summary = runSummary(sim);
      if (folder && options.out) await finishRunFolder(folder, options.out, sim, summary, format, writer);
      return summary;
    } finally {
      sim.dispose();
    }
  } catch (err) {
    writer?.abort();
    folder?.abort();
    throw err;
  }
}

/** Runs to the end in slices of ticks, telling `onTicks` how many are done after each. */
function runInSlices(sim: Simulation, onTicks: (done: number) => void): void {
  while (!sim.done) {
    sim.run(PROGRESS_SLICE);
    onTicks(sim.tick);
  }
}

/** The --out folder is checked before any work: a folder (or nothing yet) we can write, holding only run files. */
function checkRunFolder(out: string): void {
  checkOutputDir('--out', out);
  try {
    cleanStaleTemporaries(out);
    checkRunFolderTarget(out);
  } catch (err) {
    if (err instanceof RunFolderError) throw new UsageError(`--out ${err.message}`);
    throw err;
  }
}

/** Closes the streamed trace (or encodes the Arrow one), writes summary.json, and puts the folder in place of --out. */
async function finishRunFolder(folder: RunFolderWriter, out: string, sim: Simulation, summary: RunSummary, format: TraceFormat, writer: TraceWriter | undefined): Promise<void> {
  const files: Record<string, string | Uint8Array> = writer ? {} : await traceOutput(traceFromSimulation(sim), format);
  writer?.close(Array.from({ length: sim.worlds }, (_, w) => ({ world: w, ticks: sim.tick, traceHash: sim.hashes.hex(w) })));
  files['summary.json'] = `${JSON.stringify(summary, null, 2)}\n`;
  for (const [name, content] of Object.entries(files)) writeFileSync(folder.path(name), content);
  folder.commit();
  const names = [TRACE_FILE_NAMES[format], 'summary.json'];
  process.stderr.write(`wrote ${names.map((name) => join(out, name)).join(' and ')} (${sim.worlds} world${sim.worlds === 1 ? '' : 's'}, ${sim.tick} ticks)\n`);
}

/** A diverged world is said on stderr, whatever the output format. */
function reportDivergence(summary: RunSummary): void {
  for (const d of summary.diverged ?? []) process.stderr.write(`run: world ${d.world} (seed ${summary.seed + d.world}) diverged at tick ${d.tick} (${d.reason}): ${d.message}; its models were halted\n`);
}

/** `tulip` with no command: the default scenario, headless. */
export async function runDefault(): Promise<void> {
  const summary = await runScenario(DEFAULT_SCENARIO, { worlds: 1, set: [], backend: 'auto' });
  process.stdout.write(`${formatSummary(summary)}\n\nRun \`tulip --help\` for the commands.\n`);
}

// ---- --replay ---------------------------------------------------------------------------

/** What a trace.jsonl holds for a replay: the run's identity, its interventions by tick, its hashes. */
export interface Replay {
  file: string;
  scenario: string;
  seeds: number[];
  backend: BackendName;
  /** What computed the models in the recorded run. */
  bank: string;
  /** Ticks recorded. */
  ticks: number;
  /** Final trace hash per world. */
  hashes: string[];
  interventions: Map<number, Intervention[]>;
}

export function readReplay(file: string): Replay {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`--replay ${file}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder; give its trace.jsonl' : `cannot be read (${code ?? String(err)})`}`);
  }
  // The same checks as export and report: format, schema version, every field's type, complete ticks.
  const trace = asUsageError(() => parseTraceJsonl(text, `--replay ${file}`));
  const ticks = asUsageError(() => verifyTraceRecords(trace));
  const interventions = new Map<number, Intervention[]>();
  for (const record of trace.records) {
    for (const e of record.events) {
      if (e.type !== 'intervention') continue;
      // A monitor rule's action (it has a reason) is taken again by the monitor itself.
      if (e.intervention.reason !== undefined) continue;
      // An intervention for all worlds is recorded in each; take it once, from world 0.
      if (record.world !== 0 && e.intervention.world !== record.world) continue;
      interventions.set(record.tick, [...(interventions.get(record.tick) ?? []), e.intervention]);
    }
  }
  const h = trace.headers;
  return { file, scenario: h[0]!.scenario, seeds: h.map((x) => x.seed), backend: h[0]!.backend as BackendName, bank: h[0]!.bank, ticks, hashes: h.map((x) => x.traceHash), interventions };
}

const INTERVENTION_TYPES = ['set-bug', 'set-training', 'halt', 'rollback', 'quarantine', 'pin-version'];

/** Why a recorded intervention cannot be re-applied to this scenario ('' when it can). */
function interventionProblem(iv: Intervention, loaded: LoadedScenario, models: string[], worlds: number): string {
  if (!INTERVENTION_TYPES.includes(iv.type)) return `is of unknown type ${JSON.stringify(iv.type)} (known: ${INTERVENTION_TYPES.join(', ')})`;
  if (!models.includes(iv.model)) return `names model ${JSON.stringify(iv.model)}, which this scenario does not have (${models.join(', ') || 'no models'})`;
  if (iv.world !== undefined && !(Number.isInteger(iv.world) && iv.world >= 0 && iv.world < worlds)) return `names world ${JSON.stringify(iv.world)}, but the trace has ${worlds}`;
  if (iv.type === 'quarantine' || iv.type === 'pin-version') {
    const features = loaded.config.models[iv.model]!.features.map((f) => f.name ?? f.signal);
    if (!features.includes(iv.feature)) return `names feature ${JSON.stringify(iv.feature)} of model ${iv.model}, which has ${features.join(', ')}`;
  }
  return '';
}

/** Every recorded intervention can be re-applied to this scenario (checked before the run starts). */
function checkReplayModels(replay: Replay, loaded: LoadedScenario): void {
  const models = Object.entries(loaded.config.models).filter(([, m]) => m.enabled !== false).map(([name]) => name);
  for (const [tick, list] of replay.interventions) {
    for (const iv of list) {
      const problem = interventionProblem(iv, loaded, models, replay.seeds.length);
      if (problem) throw new UsageError(`--replay ${replay.file}: the ${iv.type} intervention at tick ${tick} ${problem}; replay the trace with the scenario it was recorded from`);
    }
  }
}

/** Runs the simulation re-applying the recorded interventions at their ticks, then compares hashes (exit code 1 when they differ). */
export function replayInterventions(sim: Simulation, replay: Replay, scenario: string, onTick?: (done: number) => void): void {
  if (scenario !== replay.scenario) process.stderr.write(`replay: warning: the trace is of scenario ${replay.scenario}, this run is ${scenario}\n`);
  let applied = 0;
  while (!sim.done) {
    for (const iv of replay.interventions.get(sim.tick) ?? []) {
      sim.intervene(iv);
      applied++;
    }
    sim.step();
    onTick?.(sim.tick);
  }
  if (sim.tick !== replay.ticks || sim.worlds !== replay.hashes.length) {
    process.stderr.write(`replay: ${applied} intervention(s) re-applied; not comparing hashes (the trace has ${replay.ticks} ticks of ${replay.hashes.length} world(s), this run ${sim.tick} of ${sim.worlds})\n`);
    return;
  }
  const differ = replay.hashes.map((h, w) => [w, h, sim.hashes.hex(w)] as const).filter(([, want, got]) => want !== got);
  if (differ.length === 0) process.stderr.write(`replay: ${applied} intervention(s) re-applied; trace hash matches ${replay.file}\n`);
  else {
    const [w, want, got] = differ[0]!;
    process.stderr.write(`replay: trace hash differs from ${replay.file} in ${differ.length} world(s) (world ${w}: recorded ${want.slice(0, 16)}…, replayed ${got.slice(0, 16)}…); use the same scenario file, --set overrides, backend and tulip version as the recorded run\n`);
    process.exitCode = 1;
  }
}

/**
 * The scenario with custom monitor modules added to its `monitors:` (as `--monitor` asks):
 * each is named after its file, and validated like any other monitor.
 */
export function withCustomMonitors(file: string, sets: string[], modules: string[], monitorOptions: Record<string, unknown> = {}): LoadedScenario {
  if (modules.length === 0 && Object.keys(monitorOptions).length > 0) throw new UsageError('--monitor-option sets an option of a --monitor module; give --monitor <file.ts> too');
  const base = loadScenarioFile(file, sets);
  if (modules.length === 0) return base;
  const existing = Array.isArray(base.raw.monitors) ? base.raw.monitors : [];
  const added = modules.map((m) => {
    const path = resolve(m);
    if (!existsSync(path)) throw new UsageError(`--monitor ${m}: file not found`);
    const name = basename(m).replace(/\.[cm]?[jt]s$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '') || 'custom';
    return { name, type: 'custom', module: path, options: monitorOptions };
  });
  return loadScenarioFile(file, [...sets, `monitors=${JSON.stringify([...existing, ...added])}`]);
}

/**
 * `tulip run <scenario>`: one headless run, printed as tables or as one JSON object,
 * optionally written to a folder as summary.json and trace.jsonl.
 */
import type { Command } from 'commander';
import { loadScenarioFile } from '../setup/loader.ts';
import { buildSimulation, scenarioName } from '../setup/build.ts';
import { runSummary, type RunSummary } from '../setup/summary.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import type { BackendChoice } from '../models/backend.ts';
import { addScenarioRunOptions, collect, DEFAULT_SCENARIO, resolveScenario } from './options.ts';
import { formatSummary } from './format.ts';
import { traceFormat, traceOutput, writeOutputFiles } from './export-command.ts';
import { parseTraceJsonl, traceFromSimulation, TraceError, type Trace } from '../report/trace-file.ts';
import { openTraceWriter, type OpeningHeader, type TraceEnd, type TraceWriter } from '../report/trace-writer.ts';
import { TRACE_FILE_NAMES } from '../report/formats.ts';
import type { TickRecord } from '../setup/trace-record.ts';
import type { TraceFormat } from '../report/formats.ts';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { LoadedScenario } from '../setup/loader.ts';
import type { Intervention } from '../core/events.ts';
import type { BackendName } from '../models/backend.ts';
import { UsageError, withBank, type BankChoice } from './options.ts';

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
  /** What computes the models (default: the scenario's `bank:`). */
  bank?: BankChoice;
}

export function addRunCommand(program: Command): void {
  const command = program
    .command('run')
    .description('run a scenario headless and print a summary')
    .argument('<scenario>', 'a scenario file, or the name of a shipped one (e.g. tulip-mania)');
  addScenarioRunOptions(command, { max: 100_000, help: 'worlds run in lockstep' })
    .option('--out <dir>', 'write summary.json and trace.jsonl into this folder')
    .option('--format <format>', 'the trace file --out writes: jsonl (trace.jsonl, the default), csv (trace.csv) or arrow (trace.arrow)', traceFormat)
    .option('--json', 'print one JSON object instead of tables')
    .option('--monitor <file.ts>', 'add a custom monitor (a module whose default export is a MonitorFactory; repeatable); its alerts appear in the summary', collect, [])
    .option('--replay <trace.jsonl>', 're-apply the interventions recorded in a trace (e.g. from `tulip tui --out`) at their ticks and check the hash')
    .action(async (scenario: string, options: RunOptions) => {
      if (options.format && !options.out) throw new UsageError('--format chooses the trace file --out writes; give --out <dir> too');
      const summary = await runScenario(scenario, options);
      process.stdout.write(options.json ? `${JSON.stringify(summary, null, 2)}\n` : `${formatSummary(summary)}\n`);
    });
}

export async function runScenario(scenario: string, options: RunOptions): Promise<RunSummary> {
  const file = resolveScenario(scenario);
  const loaded = withCustomMonitors(file, withBank(options.set, options.bank), options.monitor ?? []);
  const replay: Replay | undefined = options.replay === undefined ? undefined : readReplay(options.replay);
  const format = options.format ?? 'jsonl';
  // jsonl and csv stream to a temporary file as the run goes; Arrow is encoded at the end.
  const streamed = options.out !== undefined && format !== 'arrow' ? new StreamedTrace(options.out, format) : undefined;
  const sim = await buildSimulation(loaded, {
    // A replay runs the recorded seeds, ticks and backend unless told otherwise.
    seed: options.seed,
    seeds: replay && options.seed === undefined ? replay.seeds : undefined,
    worlds: options.worlds,
    ticks: options.ticks ?? replay?.ticks,
    backend: replay && options.backend === 'auto' ? replay.backend : options.backend,
    record: options.out !== undefined && format === 'arrow',
    ...(streamed ? { sink: (record: TickRecord) => streamed.write(record) } : {}),
    onBackend: (note) => process.stderr.write(`${note}\n`),
  });
  try {
    streamed?.open(Array.from({ length: sim.worlds }, (_, w) => ({ world: w, ...sim.header(w) })));
    if (replay) replayInterventions(sim, replay, scenarioName(file));
    else sim.run();
    const summary = runSummary(sim);
    const summaryJson = `${JSON.stringify(summary, null, 2)}\n`;
    if (streamed) streamed.finish(Array.from({ length: sim.worlds }, (_, w) => ({ world: w, ticks: sim.tick, traceHash: sim.hashes.hex(w) })), summaryJson);
    else if (options.out) writeOutputFiles(options.out, { 'summary.json': summaryJson, ...(await traceOutput(traceFromSimulation(sim), format)) });
    return summary;
  } catch (err) {
    streamed?.abort();
    throw err;
  } finally {
    sim.dispose();
  }
}

/**
 * A run folder's trace written as the run goes, into a temporary file beside its final
 * name; summary.json and the trace are renamed into place together at the end, so an
 * interrupted run leaves the folder as it was.
 */
class StreamedTrace {
  private writer: TraceWriter | undefined;
  private readonly temp: string;
  private readonly final: string;

  constructor(
    readonly dir: string,
    readonly format: 'jsonl' | 'csv',
  ) {
    mkdirSync(dir, { recursive: true });
    this.final = join(dir, TRACE_FILE_NAMES[format]);
    this.temp = join(dir, `.${TRACE_FILE_NAMES[format]}.${process.pid}.tmp`);
  }

  open(headers: OpeningHeader[]): void {
    this.writer = openTraceWriter(this.temp, this.format, headers);
  }

  write(record: TickRecord): void {
    this.writer!.write(record);
  }

  finish(ends: TraceEnd[], summaryJson: string): void {
    this.writer!.close(ends);
    const summaryTemp = join(this.dir, `.summary.json.${process.pid}.tmp`);
    writeFileSync(summaryTemp, summaryJson);
    renameSync(this.temp, this.final);
    renameSync(summaryTemp, join(this.dir, 'summary.json'));
  }

  abort(): void {
    this.writer?.abort();
    rmSync(this.temp, { force: true });
  }
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
  let trace: Trace;
  try {
    trace = parseTraceJsonl(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if (err instanceof TraceError) throw new UsageError(`--replay ${err.message}`);
    throw new UsageError(`--replay ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const interventions = new Map<number, Intervention[]>();
  let ticks = 0;
  for (const record of trace.records) {
    ticks = Math.max(ticks, record.tick + 1);
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

/** Runs the simulation re-applying the recorded interventions at their ticks, then compares hashes (exit code 1 when they differ). */
export function replayInterventions(sim: Simulation, replay: Replay, scenario: string): void {
  if (scenario !== replay.scenario) process.stderr.write(`replay: warning: the trace is of scenario ${replay.scenario}, this run is ${scenario}\n`);
  let applied = 0;
  while (!sim.done) {
    for (const iv of replay.interventions.get(sim.tick) ?? []) {
      sim.intervene(iv);
      applied++;
    }
    sim.step();
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
export function withCustomMonitors(file: string, sets: string[], modules: string[]): LoadedScenario {
  const base = loadScenarioFile(file, sets);
  if (modules.length === 0) return base;
  const existing = Array.isArray(base.raw.monitors) ? base.raw.monitors : [];
  const added = modules.map((m) => {
    const path = resolve(m);
    if (!existsSync(path)) throw new UsageError(`--monitor ${m}: file not found`);
    const name = basename(m).replace(/\.[cm]?[jt]s$/, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '') || 'custom';
    return { name, type: 'custom', module: path };
  });
  return loadScenarioFile(file, [...sets, `monitors=${JSON.stringify([...existing, ...added])}`]);
}

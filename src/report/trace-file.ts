/**
 * trace.jsonl, read and written: one header line per world, then one record per tick per
 * world (field by field with units in docs/trace-format.md). Reading refuses any trace
 * whose format or schema version this tulip does not know, with a message naming the
 * file, the line, the field and what is allowed.
 */
import { createHash } from 'node:crypto';
import type { TickRecord } from '../setup/trace-record.ts';
import type { TulipSimulation as Simulation } from '../setup/parts.ts';

/** The `format` field of every trace header. */
export const TRACE_FORMAT = 'tulip-trace';
/** The trace schema version this tulip writes and reads (Simulation.header()). */
/** The trace schema this reader understands: the engine's own (one constant, so they cannot drift). */
export { TRACE_SCHEMA_VERSION } from '../engine/simulation.ts';
import { TRACE_SCHEMA_VERSION } from '../engine/simulation.ts';
import { checkRecordNumbers } from './record-numbers.ts';
import { TraceError } from './trace-error.ts';

/** One world's header line: what its trace hash is a hash of, plus the hash itself. */
export interface TraceHeader {
  world: number;
  format: string;
  schemaVersion: number;
  scenario: string;
  seed: number;
  backend: string;
  /** What computed the models: tfjs or f64. */
  bank: string;
  version: string;
  /** SHA-256 (hex) of this world's trace, as `tulip run` printed it. */
  traceHash: string;
}

/** A whole trace in memory: headers by world, then tick records in file order. */
export interface Trace {
  /** Where it came from (a file path, or `<simulation>`). */
  source: string;
  headers: TraceHeader[];
  records: TickRecord[];
}

export { TraceError } from './trace-error.ts';

export function traceFromSimulation(sim: Simulation): Trace {
  const headers = Array.from({ length: sim.worlds }, (_, w) => ({ world: w, ...sim.header(w), traceHash: sim.hashes.hex(w) }) as TraceHeader);
  return { source: '<simulation>', headers, records: sim.records };
}

/** The run's hash: world 0's when W = 1, else SHA-256 of the per-world hashes in world order (as RunSummary.traceHash). */
export function runTraceHash(headers: TraceHeader[]): string {
  if (headers.length === 1) return headers[0]!.traceHash;
  return createHash('sha256').update(headers.map((h) => h.traceHash).join('\n')).digest('hex');
}

/** Each world's closing record: how many ticks its trace holds, and its hash. */
export function traceEnds(trace: Trace): { world: number; ticks: number; traceHash: string }[] {
  const ticks = trace.headers.map(() => 0);
  for (const r of trace.records) ticks[r.world]! += 1;
  return trace.headers.map((h, w) => ({ world: w, ticks: ticks[w]!, traceHash: h.traceHash }));
}

/** The text of trace.jsonl (the same lines `tulip run --out` streams): headers, ticks, end records. */
export function traceJsonl(trace: Trace): string {
  const lines: string[] = [];
  for (const { traceHash: _hash, ...h } of trace.headers) lines.push(JSON.stringify({ type: 'header', ...h }));
  for (const record of trace.records) lines.push(JSON.stringify({ type: 'tick', ...record }));
  for (const end of traceEnds(trace)) lines.push(JSON.stringify({ type: 'end', ...end }));
  return `${lines.join('\n')}\n`;
}

/**
 * Takes each world's closing record into its header (`traceHash`) and checks the counts:
 * a trace cut short, even at a line boundary, has no end record or too few ticks.
 */
export function closeTrace(trace: Trace, ends: Map<number, { ticks: unknown; traceHash: unknown }>, where: string): Trace {
  const counts = trace.headers.map(() => 0);
  for (const r of trace.records) counts[r.world]! += 1;
  trace.headers.forEach((h, w) => {
    const end = ends.get(w);
    if (!end) throw new TraceError(`${where}: no closing record for world ${w}: the trace was cut short (an interrupted run or copy); write it again with \`tulip run <scenario> --out DIR\``);
    if (typeof end.traceHash !== 'string' || typeof end.ticks !== 'number') throw new TraceError(`${where}: the closing record of world ${w} needs a number ticks and a string traceHash`);
    if (end.ticks !== counts[w]) throw new TraceError(`${where}: world ${w} has ${counts[w]} tick records but its closing record says ${end.ticks}: records are missing or repeated`);
    h.traceHash = end.traceHash;
  });
  return trace;
}

/** Checks a header's format and schema version; `where` is e.g. `run/trace.jsonl: line 1`. */
export function checkHeader(header: Record<string, unknown>, where: string): void {
  if (header.format !== TRACE_FORMAT) {
    throw new TraceError(`${where}: format is ${JSON.stringify(header.format)}; expected "${TRACE_FORMAT}" (is this a file written by \`tulip run --out\`?)`);
  }
  if (header.schemaVersion !== TRACE_SCHEMA_VERSION) {
    throw new TraceError(
      `${where}: schemaVersion is ${JSON.stringify(header.schemaVersion)}; this tulip reads trace schema version ${TRACE_SCHEMA_VERSION} only. ` +
        'Re-run the scenario with this tulip (`tulip run <scenario> --out DIR`) to get a current trace.',
    );
  }
}

const HEADER_FIELDS = { world: 'number', scenario: 'string', seed: 'number', backend: 'string', bank: 'string', version: 'string' } as const;

/** Parses trace.jsonl text; throws TraceError naming `source` and the line of the first problem. */
export function parseTraceJsonl(text: string, source: string): Trace {
  const headers: TraceHeader[] = [];
  const records: TickRecord[] = [];
  const ends = new Map<number, { ticks: unknown; traceHash: unknown }>();
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const where = `${source}: line ${n + 1}`;
    const row = parseLine(line, where);
    if (row.type === 'header') {
      checkHeader(row, where);
      for (const [field, type] of Object.entries(HEADER_FIELDS)) {
        if (typeof row[field] !== type) throw new TraceError(`${where}: header field ${field} must be a ${type}, got ${JSON.stringify(row[field])}`);
      }
      if (row.world !== headers.length) throw new TraceError(`${where}: header of world ${JSON.stringify(row.world)} out of order; expected world ${headers.length}`);
      const { type: _type, ...header } = row;
      headers.push(header as unknown as TraceHeader);
    } else if (row.type === 'tick') {
      if (headers.length === 0) throw new TraceError(`${where}: tick record before any header line; a trace starts with one header line per world`);
      if (ends.size > 0) throw new TraceError(`${where}: tick record after a closing record; a trace ends with one end record per world`);
      records.push(tickFromRow(row, where, headers.length));
    } else if (row.type === 'end') {
      if (typeof row.world !== 'number' || row.world < 0 || row.world >= headers.length || ends.has(row.world)) throw new TraceError(`${where}: closing record of world ${JSON.stringify(row.world)}: no such world or a second closing record`);
      ends.set(row.world, { ticks: row.ticks, traceHash: row.traceHash });
    } else {
      throw new TraceError(`${where}: field type is ${JSON.stringify(row.type)}; expected "header", "tick" or "end"`);
    }
  }
  if (headers.length === 0) throw new TraceError(`${source}: no header line; a trace starts with one {"type":"header","format":"${TRACE_FORMAT}",...} line per world`);
  return closeTrace({ source, headers, records }, ends, source);
}

function parseLine(line: string, where: string): Record<string, unknown> {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (err) {
    throw new TraceError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  if (row === null || typeof row !== 'object' || Array.isArray(row)) throw new TraceError(`${where}: expected a JSON object per line`);
  return row as Record<string, unknown>;
}

/** JSON writes NaN and infinities as null: numbers read back as NaN there. */
const num = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);

function tickFromRow(row: Record<string, unknown>, where: string, worlds: number): TickRecord {
  if (typeof row.tick !== 'number' || typeof row.world !== 'number') throw new TraceError(`${where}: tick record needs numeric fields tick and world`);
  if (row.world < 0 || row.world >= worlds) throw new TraceError(`${where}: world ${row.world} has no header line (the trace has ${worlds})`);
  for (const field of ['assets', 'agents', 'models'] as const) {
    const v = row[field];
    if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new TraceError(`${where}: tick record field ${field} must be an object`);
  }
  if (!Array.isArray(row.events)) throw new TraceError(`${where}: tick record field events must be a list`);
  checkRecordNumbers(row, where);
  const assets: TickRecord['assets'] = {};
  for (const [k, a] of Object.entries(row.assets as Record<string, Record<string, unknown>>)) {
    assets[k] = { price: num(a.price), fundamental: num(a.fundamental), estimate: num(a.estimate), netFlow: num(a.netFlow), volume: num(a.volume) };
  }
  const agents: TickRecord['agents'] = {};
  for (const [k, g] of Object.entries(row.agents as Record<string, Record<string, unknown>>)) {
    agents[k] = { order: num(g.order), position: num(g.position), cash: num(g.cash) };
  }
  const models: TickRecord['models'] = {};
  for (const [k, m] of Object.entries(row.models as Record<string, Record<string, unknown>>)) {
    if (m.mode !== 'static' && m.mode !== 'dynamic') throw new TraceError(`${where}: models.${k}.mode is ${JSON.stringify(m.mode)}; expected "static" or "dynamic"`);
    models[k] = { prediction: num(m.prediction), version: num(m.version), bug: m.bug === true, mode: m.mode, halted: m.halted === true, loss: num(m.loss) };
    if (m.trainedVersion !== undefined) models[k].trainedVersion = num(m.trainedVersion);
  }
  // monitors arrived within schema version 1 (an added field): a trace from before them has none.
  const monitors: TickRecord['monitors'] = {};
  if (row.monitors !== undefined) {
    if (row.monitors === null || typeof row.monitors !== 'object' || Array.isArray(row.monitors)) throw new TraceError(`${where}: tick record field monitors must be an object`);
    for (const [k, m] of Object.entries(row.monitors as Record<string, Record<string, unknown>>)) monitors[k] = { statistic: num(m.statistic), threshold: num(m.threshold) };
  }
  return { tick: row.tick, world: row.world, assets, agents, models, monitors, events: row.events as TickRecord['events'] };
}

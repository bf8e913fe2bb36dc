/**
 * Checks of what a reader reads, beyond one line's syntax: that each number field holds a
 * number (JSON writes NaN and infinities as null, so null is allowed), that every world has
 * the same ticks in order with none missing, and that a run folder's summary.json belongs
 * to the trace beside it (same worlds, ticks and trace hash). A failure is a TraceError
 * naming the file and what to do; the command line prints it and exits 2.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runTraceHash, TraceError, type Trace } from './trace-file.ts';

export { checkRecordNumbers } from './record-numbers.ts';


/** Tick records per world, checked to run 0, 1, 2, ... in every world with the same count; returns the count. */
export function verifyTraceRecords(trace: Trace): number {
  const worlds = trace.headers.length;
  const next = new Array<number>(worlds).fill(0);
  for (const record of trace.records) {
    const want = next[record.world]!;
    if (record.tick !== want) {
      throw new TraceError(`${trace.source}: world ${record.world} jumps from tick ${want - 1} to tick ${record.tick}; records are missing or out of order. Write the trace again with \`tulip run --out\``);
    }
    next[record.world] = want + 1;
  }
  const ticks = next[0] ?? 0;
  const short = next.findIndex((n) => n !== ticks);
  if (short >= 0) {
    throw new TraceError(`${trace.source}: world ${short} has ${next[short]} tick records but world 0 has ${ticks}; the trace was cut short (a killed run?). Write it again with \`tulip run --out\``);
  }
  return ticks;
}

/**
 * The trace's closing record: how many tick records were written. A trace cut cleanly at
 * a line boundary still parses; only its missing closing record (or summary.json) shows it.
 */
export function verifyTraceClosing(trace: Trace, closing: { records: number } | undefined): void {
  if (!closing) throw new TraceError(`${trace.source}: no closing record; the trace was cut short (a killed run?). Write it again with \`tulip run --out\``);
  if (closing.records !== trace.records.length) {
    throw new TraceError(`${trace.source}: the closing record counts ${closing.records} tick records but the file holds ${trace.records.length}. Write it again with \`tulip run --out\``);
  }
}

interface SummaryIdentity {
  worlds?: unknown;
  ticks?: unknown;
  traceHash?: unknown;
}

/** summary.json beside a trace, when there is one: it must describe this trace. */
export function verifySummaryMatches(trace: Trace, summaryFile: string): void {
  if (!existsSync(summaryFile)) return;
  let summary: SummaryIdentity;
  try {
    summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as SummaryIdentity;
  } catch (err) {
    throw new TraceError(`${summaryFile}: not valid JSON (${(err as Error).message}); write the run folder again with \`tulip run --out\``);
  }
  if (summary === null || typeof summary !== 'object') throw new TraceError(`${summaryFile}: expected a JSON object written by \`tulip run --out\``);
  const ticks = verifyTraceRecords(trace);
  const fix = 'the two files are of different runs (a run killed while writing?); write the folder again with `tulip run --out`';
  if (summary.worlds !== trace.headers.length) throw new TraceError(`${summaryFile}: ${String(summary.worlds)} worlds, but ${trace.source} has ${trace.headers.length}; ${fix}`);
  if (summary.ticks !== ticks) throw new TraceError(`${summaryFile}: ${String(summary.ticks)} ticks, but ${trace.source} has ${ticks} per world; ${fix}`);
  if (summary.traceHash !== runTraceHash(trace.headers)) throw new TraceError(`${summaryFile}: its trace hash is not the one of ${trace.source}; ${fix}`);
}

/** A run folder or trace file, checked whole: records in order and complete, summary.json matching. */
export function verifyRunInput(path: string, trace: Trace): void {
  verifyTraceRecords(trace);
  const folder = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
  verifySummaryMatches(trace, join(folder, 'summary.json'));
}

/**
 * Traces in and out of files: the three export formats, and reading a trace back from a
 * run folder (`tulip run --out DIR`) or from any file an export wrote.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseTraceJsonl, traceJsonl, TraceError, type Trace } from './trace-file.ts';
import { columnsToRecords, recordsToColumns } from './columns.ts';
import { columnsToCsv, csvToColumns } from './csv.ts';
import { arrowToColumns, columnsToArrow } from './arrow.ts';
import { formatOfFile, TRACE_FILE_NAMES, type TraceFormat } from './formats.ts';

export { formatOfFile, TRACE_FILE_NAMES, TRACE_FORMATS, type TraceFormat } from './formats.ts';

/** A trace in one export format: text for jsonl and csv, bytes for arrow. */
export function encodeTrace(trace: Trace, format: TraceFormat): string | Uint8Array {
  if (format === 'jsonl') return traceJsonl(trace);
  const columns = recordsToColumns(trace);
  return format === 'csv' ? columnsToCsv(columns) : columnsToArrow(columns);
}

export function decodeTrace(content: string | Uint8Array, format: TraceFormat, source: string): Trace {
  const text = () => (typeof content === 'string' ? content : new TextDecoder().decode(content));
  if (format === 'jsonl') return parseTraceJsonl(text(), source);
  if (format === 'csv') return columnsToRecords(csvToColumns(text(), source), source);
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return columnsToRecords(arrowToColumns(bytes, source), source);
}

/** The trace file of a run folder (the first of trace.jsonl, trace.arrow, trace.csv), or the file itself. */
export function traceFileOf(path: string): string {
  if (!existsSync(path)) throw new TraceError(`${path}: no such file or folder`);
  if (!statSync(path).isDirectory()) return path;
  for (const name of [TRACE_FILE_NAMES.jsonl, TRACE_FILE_NAMES.arrow, TRACE_FILE_NAMES.csv]) {
    if (existsSync(join(path, name))) return join(path, name);
  }
  throw new TraceError(`${path}: no trace.jsonl, trace.arrow or trace.csv in this folder; write one with \`tulip run <scenario> --out ${path}\``);
}

/** Reads a trace from a run folder or a .jsonl, .csv or .arrow file. */
export function readTrace(path: string): Trace {
  const file = traceFileOf(path);
  const format = formatOfFile(file);
  if (!format) throw new TraceError(`${file}: unknown trace file type; expected a name ending in .jsonl, .csv or .arrow`);
  return decodeTrace(format === 'arrow' ? new Uint8Array(readFileSync(file)) : readFileSync(file, 'utf8'), format, file);
}

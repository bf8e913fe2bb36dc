/**
 * Trace files written as the run goes: each record reaches the file (through a small
 * buffer) the tick it is made, so memory stays flat however long the run. A trace opens
 * with one header line per world and closes with one `end` record per world holding its
 * tick count and trace hash; a file without its end records was cut short, and readers
 * refuse it (docs/trace-format.md).
 *
 * jsonl: `{"type":"header",...}` lines, `{"type":"tick",...}` lines, `{"type":"end",...}` lines.
 * csv:   `# {metadata}` line, column names, one row per record, `# end {...}` line.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import type { TickRecord } from '../setup/trace-record.ts';
import type { TraceFormat } from './formats.ts';
import { columnsMeta, recordColumns, type RecordColumn } from './columns.ts';
import { csvCell, csvHeaderLines } from './csv.ts';
import type { TraceHeader } from './trace-file.ts';

/** A world's header as written at the start (its hash comes in the end record). */
export type OpeningHeader = Omit<TraceHeader, 'traceHash'>;

/** What closes a world's trace: the ticks it holds and its hash. */
export interface TraceEnd {
  world: number;
  ticks: number;
  traceHash: string;
}

export interface TraceWriter {
  /** Writes one record (call once per world and tick, in run order). */
  write(record: TickRecord): void;
  /** Writes the end records, flushes and closes the file. */
  close(ends: TraceEnd[]): void;
  /** Closes the file without end records (a failed run); the caller removes it. */
  abort(): void;
}

const FLUSH_BYTES = 1 << 20;

/** A file written through a buffer of about FLUSH_BYTES. */
class BufferedFile {
  private readonly fd: number;
  private parts: string[] = [];
  private bytes = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  line(text: string): void {
    this.parts.push(text, '\n');
    this.bytes += text.length + 1;
    if (this.bytes >= FLUSH_BYTES) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.bytes = 0;
  }

  close(sync: boolean): void {
    this.flush();
    if (sync) fsyncSync(this.fd);
    closeSync(this.fd);
  }
}

export function openTraceWriter(path: string, format: Exclude<TraceFormat, 'arrow'>, headers: OpeningHeader[]): TraceWriter {
  return format === 'jsonl' ? jsonlWriter(path, headers) : csvWriter(path, headers);
}

function jsonlWriter(path: string, headers: OpeningHeader[]): TraceWriter {
  const file = new BufferedFile(path);
  for (const h of headers) file.line(JSON.stringify({ type: 'header', ...h }));
  return {
    write: (record) => file.line(JSON.stringify({ type: 'tick', ...record })),
    close(ends) {
      for (const e of ends) file.line(JSON.stringify({ type: 'end', ...e }));
      file.close(true);
    },
    abort: () => file.close(false),
  };
}

function csvWriter(path: string, headers: OpeningHeader[]): TraceWriter {
  const file = new BufferedFile(path);
  const start = (first: TickRecord | undefined): RecordColumn[] => {
    const columns = recordColumns(first);
    for (const line of csvHeaderLines(columnsMeta(headers as TraceHeader[]), columns)) file.line(line);
    return columns;
  };
  let columns: RecordColumn[] | undefined;
  let rows = 0;
  return {
    write(record) {
      // The columns follow the first record's keys (they are the same in every record).
      columns ??= start(record);
      file.line(columns.map((c) => csvCell(c, c.read(record))).join(','));
      rows++;
    },
    close(ends) {
      columns ??= start(undefined);
      file.line(`# end ${JSON.stringify({ rows, ends })}`);
      file.close(true);
    },
    abort: () => file.close(false),
  };
}

/**
 * `tulip export <run-dir | trace file> --format jsonl|csv|arrow`: a run's trace in the
 * format pandas or polars reads best. Also the writer `tulip run --out --format` uses.
 */
import type { Command } from 'commander';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { TRACE_FILE_NAMES, TRACE_FORMATS, type TraceFormat } from '../report/formats.ts';
import { TraceError, type Trace } from '../report/trace-file.ts';
import { UsageError } from './options.ts';
import { checkOutputFile } from './output-path.ts';
import { removeStaleTemporaries } from '../core/write-atomic.ts';
import { verifyRunInput } from '../report/trace-check.ts';

export function traceFormat(text: string): TraceFormat {
  if (!(TRACE_FORMATS as readonly string[]).includes(text)) throw new UsageError(`--format must be one of ${TRACE_FORMATS.join(', ')}, got ${JSON.stringify(text)}`);
  return text as TraceFormat;
}

/** Runs `action`, turning a bad trace into a UsageError (one message, exit 2, no stack trace). */
export function asUsageError<T>(action: () => T): T {
  try {
    return action();
  } catch (err) {
    if (err instanceof TraceError) throw new UsageError(err.message);
    throw err;
  }
}

/** Writes text or binary files into `dir` so that none is left half-written (temp name, then rename). */
export function writeOutputFiles(dir: string, files: Record<string, string | Uint8Array>): void {
  mkdirSync(dir, { recursive: true });
  removeStaleTemporaries(dir);
  const temps: [string, string][] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const final = join(dir, name);
      const temp = join(dirname(final), `.${name.split('/').at(-1)}.${process.pid}.tmp`);
      mkdirSync(dirname(final), { recursive: true });
      writeFileSync(temp, content);
      temps.push([temp, final]);
    }
    for (const [temp, final] of temps) renameSync(temp, final);
  } catch (err) {
    for (const [temp] of temps) rmSync(temp, { force: true });
    throw err;
  }
}

/** The trace file `tulip run --out DIR --format F` writes beside summary.json. */
export async function traceOutput(trace: Trace, format: TraceFormat): Promise<Record<string, string | Uint8Array>> {
  // Loaded on use: Arrow takes a while to import, and most commands never need it.
  const { encodeTrace } = await import('../report/export.ts');
  return { [TRACE_FILE_NAMES[format]]: encodeTrace(trace, format) };
}

interface ExportOptions {
  format: TraceFormat;
  out?: string;
}

export function addExportCommand(program: Command): void {
  program
    .command('export')
    .description('convert a run’s trace to jsonl, csv or arrow (columns and units: docs/trace-format.md)')
    .argument('<run>', 'a folder written by `tulip run --out`, or a trace.jsonl / .csv / .arrow file')
    .requiredOption('--format <format>', 'jsonl, csv or arrow', traceFormat)
    .option('--out <file>', 'where to write; default: trace.<format> beside the input')
    .action(async (run: string, options: ExportOptions) => {
      const { encodeTrace, readTrace, traceFileOf } = await import('../report/export.ts');
      const input = asUsageError(() => traceFileOf(run));
      const out = options.out ?? join(existsSync(run) && statSync(run).isDirectory() ? run : dirname(run), TRACE_FILE_NAMES[options.format]);
      if (resolve(out) === resolve(input)) throw new UsageError(`--out ${out} is the input trace itself; name another file`);
      checkOutputFile('--out', out);
      const trace = asUsageError(() => readTrace(input));
      asUsageError(() => verifyRunInput(run, trace));
      writeOutputFiles(dirname(out), { [basename(out)]: encodeTrace(trace, options.format) });
      process.stdout.write(`wrote ${out} (${trace.records.length} rows, ${trace.headers.length} world${trace.headers.length === 1 ? '' : 's'})\n`);
    });
}

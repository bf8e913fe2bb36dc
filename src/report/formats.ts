/**
 * The trace export formats and the file name a run folder uses for each. Kept apart
 * from the encoders so the command line can name them without loading Arrow.
 */
export const TRACE_FORMATS = ['jsonl', 'csv', 'arrow'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

/** The file name a run folder uses for each format. */
export const TRACE_FILE_NAMES: Record<TraceFormat, string> = { jsonl: 'trace.jsonl', csv: 'trace.csv', arrow: 'trace.arrow' };

export function formatOfFile(file: string): TraceFormat | undefined {
  return TRACE_FORMATS.find((f) => file.endsWith(`.${f}`));
}

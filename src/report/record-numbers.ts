/**
 * The number fields of a trace's tick record, checked as each line is read: a hand-edited
 * or damaged value is an error naming the file and line, never a silent NaN.
 */
import { TraceError } from './trace-error.ts';

const RECORD_NUMBERS: Record<string, readonly string[]> = {
  assets: ['price', 'fundamental', 'estimate', 'netFlow', 'volume'],
  agents: ['order', 'position', 'cash'],
  models: ['prediction', 'version', 'loss', 'trainedVersion'],
  monitors: ['statistic', 'threshold'],
};

/** Every number field of a tick record's row is a number or null (a non-finite number); `where` names file and line. */
export function checkRecordNumbers(row: Record<string, unknown>, where: string): void {
  for (const [group, fields] of Object.entries(RECORD_NUMBERS)) {
    const entries = row[group];
    if (entries === null || typeof entries !== 'object') continue;
    for (const [name, entry] of Object.entries(entries as Record<string, unknown>)) {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new TraceError(`${where}: ${group}.${name} must be an object of numbers`);
      for (const field of fields) {
        const value = (entry as Record<string, unknown>)[field];
        if (value === undefined && (field === 'trainedVersion' || group === 'monitors')) continue;
        if (value !== null && typeof value !== 'number') {
          throw new TraceError(`${where}: ${group}.${name}.${field} is ${JSON.stringify(value)}; expected a number (or null for a non-finite one). The file was edited or damaged: write it again with \`tulip run --out\``);
        }
      }
    }
  }
}

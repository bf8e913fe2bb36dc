/**
 * A trace from another schema version is refused, naming the file, the line, the field
 * and what is allowed; through the CLI that is one line on stderr and exit code 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTrace } from '../../src/report/export.ts';
import { TraceError } from '../../src/report/trace-file.ts';
import { columnsToArrow } from '../../src/report/arrow.ts';
import { columnsToCsv } from '../../src/report/csv.ts';
import { COLUMNS_FORMAT } from '../../src/report/columns.ts';
import { runCli } from '../helpers/cli.ts';

const header = (schemaVersion: unknown) => ({ type: 'header', world: 0, format: 'tulip-trace', schemaVersion, scenario: 'tulip-mania', seed: 1, backend: 'cpu', bank: 'tfjs', version: '0.0.9', traceHash: 'ab'.repeat(32) });
const tick = { type: 'tick', tick: 0, world: 0, assets: { X: { price: 100, fundamental: 100, estimate: 100, netFlow: 0, volume: 0 } }, agents: {}, models: {}, monitors: {}, events: [] };

describe('old or unknown trace schema', () => {
  let dir: string;
  let run: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tulip-old-'));
    run = join(dir, 'old-run');
    mkdirSync(run);
    writeFileSync(join(run, 'trace.jsonl'), `${JSON.stringify(header(0))}\n${JSON.stringify(tick)}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const message = (file: string, version: string) =>
    `${file}: line 1: schemaVersion is ${version}; this tulip reads trace schema version 2 only. Re-run the scenario with this tulip (\`tulip run <scenario> --out DIR\`) to get a current trace.`;

  it('refuses a trace.jsonl of schema version 0 with the exact message', () => {
    const file = join(run, 'trace.jsonl');
    expect(() => readTrace(run)).toThrow(TraceError);
    expect(() => readTrace(run)).toThrow(new TraceError(message(file, '0')));
  });

  it('refuses a header with no schema version, and a file that is not a tulip trace', () => {
    const file = join(dir, 'none.jsonl');
    const { schemaVersion: _drop, ...noVersion } = header(2);
    writeFileSync(file, `${JSON.stringify(noVersion)}\n`);
    expect(() => readTrace(file)).toThrow(message(file, 'undefined'));
    const other = join(dir, 'other.jsonl');
    writeFileSync(other, `${JSON.stringify({ ...header(2), format: 'pandas' })}\n`);
    expect(() => readTrace(other)).toThrow(`${other}: line 1: format is "pandas"; expected "tulip-trace" (is this a file written by \`tulip run --out\`?)`);
  });

  it('refuses Arrow and CSV exports of another columns schema version', () => {
    const { type: _t, ...h } = header(1);
    const table = { meta: { format: COLUMNS_FORMAT, schemaVersion: 0, traceSchemaVersion: 1, headers: [h] }, columns: [{ name: 'tick', type: 'int32' as const, unit: 'tick', values: [0] }] } as never;
    const arrow = join(dir, 'old.arrow');
    writeFileSync(arrow, columnsToArrow(table));
    expect(() => readTrace(arrow)).toThrow(`${arrow}: schema metadata tulip: schemaVersion is 0; this tulip reads trace columns schema version 1 only. Export the trace again with this tulip.`);
    const csv = join(dir, 'old.csv');
    writeFileSync(csv, columnsToCsv(table));
    expect(() => readTrace(csv)).toThrow(`${csv}: line 1: schemaVersion is 0; this tulip reads trace columns schema version 1 only. Export the trace again with this tulip.`);
  });

  it('`tulip report` and `tulip export` print the message alone and exit 2', async () => {
    const [report, exported] = await Promise.all([runCli(['report', run]), runCli(['export', run, '--format', 'csv'])]);
    const expected = `tulip: ${message(join(run, 'trace.jsonl'), '0')}\n`;
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(expected);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toBe(expected);
  });
});

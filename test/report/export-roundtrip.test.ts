/**
 * Exports round-trip exactly: a recorded run written as JSONL, CSV and Arrow reads back
 * to the same records, bit for bit; the Arrow file read with apache-arrow itself holds
 * the in-memory values under the documented column names, types, units and schema
 * version; and `tulip run --out --format` / `tulip export` write the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { buildSimulation } from '../../src/setup/build.ts';
import { traceFromSimulation, traceJsonl, TRACE_SCHEMA_VERSION, type Trace } from '../../src/report/trace-file.ts';
import { decodeTrace, encodeTrace, readTrace, TRACE_FORMATS } from '../../src/report/export.ts';
import { COLUMNS_SCHEMA_VERSION, recordsToColumns } from '../../src/report/columns.ts';
import { smallMania } from '../helpers/scenarios.ts';
import { runCli } from '../helpers/cli.ts';
import { traceFormat } from '../../src/cli/export-command.ts';
import { UsageError } from '../../src/cli/options.ts';

const TICKS = 90;

/** Float64 bit patterns, so -0 vs 0 and NaN payloads would show. */
const bits = (xs: ArrayLike<number>): string => Buffer.from(Float64Array.from(xs).buffer).toString('hex');

describe('trace exports', () => {
  let trace: Trace;
  let jsonl: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tulip-export-'));
    const sim = await buildSimulation(smallMania(`ticks=${TICKS}`), { worlds: 2, record: true, backend: 'auto' });
    try {
      sim.run(40);
      sim.intervene({ type: 'halt', model: 'B', world: 1 });
      sim.run();
      trace = structuredClone(traceFromSimulation(sim));
      jsonl = traceJsonl(traceFromSimulation(sim));
    } finally {
      sim.dispose();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the three formats by name and refuses others', () => {
    expect(TRACE_FORMATS.map(traceFormat)).toEqual(['jsonl', 'csv', 'arrow']);
    expect(() => traceFormat('parquet')).toThrow(new UsageError('--format must be one of jsonl, csv, arrow, got "parquet"'));
  });

  it('writes trace.jsonl exactly as `tulip run --out` does', () => {
    expect(traceJsonl(trace)).toBe(jsonl);
    expect(trace.headers[0]!.schemaVersion).toBe(TRACE_SCHEMA_VERSION);
  });

  it.each(TRACE_FORMATS)('%s reads back to the same records', (format) => {
    const back = decodeTrace(encodeTrace(trace, format), format, `trace.${format}`);
    expect(back.headers).toEqual(trace.headers);
    expect(back.records).toEqual(trace.records);
    expect(back.records.some((r) => r.events.length > 0), 'the halt event survives').toBe(true);
    for (const name of ['asset.X.price', 'agent.model/B.cash', 'model.A.prediction', 'model.B.loss']) {
      const want = recordsToColumns(trace).columns.find((c) => c.name === name)!.values as number[];
      const got = recordsToColumns(back).columns.find((c) => c.name === name)!.values as number[];
      expect(bits(got), name).toBe(bits(want));
    }
  });

  it('CSV and Arrow keep NaN, infinities and -0 exactly', () => {
    const odd = structuredClone(trace);
    odd.records[0]!.assets.X!.netFlow = -0;
    odd.records[1]!.models.A!.loss = Number.NaN;
    odd.records[2]!.agents['model/A']!.cash = Infinity;
    odd.records[3]!.agents['model/A']!.cash = -Infinity;
    odd.records[4]!.assets.X!.price = 0.1 + 0.2;
    for (const format of ['csv', 'arrow'] as const) {
      const back = decodeTrace(encodeTrace(odd, format), format, `odd.${format}`);
      expect(Object.is(back.records[0]!.assets.X!.netFlow, -0), format).toBe(true);
      expect(back.records, format).toEqual(odd.records);
    }
  });

  it('Arrow, read with apache-arrow, has the documented columns, types, units and schema version', () => {
    const table = tableFromIPC(encodeTrace(trace, 'arrow') as Uint8Array);
    expect(table.numRows).toBe(TICKS * 2);
    const meta = JSON.parse(table.schema.metadata.get('tulip')!) as Record<string, unknown>;
    expect(meta).toMatchObject({ format: 'tulip-trace-columns', schemaVersion: COLUMNS_SCHEMA_VERSION, traceSchemaVersion: TRACE_SCHEMA_VERSION });
    expect(meta.headers).toEqual(trace.headers);
    const field = (name: string) => table.schema.fields.find((f) => f.name === name)!;
    expect(String(field('tick').type)).toBe('Int32');
    expect(String(field('asset.X.price').type)).toBe('Float64');
    expect(field('asset.X.price').metadata.get('unit')).toBe('currency');
    expect(field('agent.model/A.position').metadata.get('unit')).toBe('shares');
    expect(String(field('model.B.halted').type)).toBe('Bool');
    expect(String(field('model.B.mode').type)).toBe('Utf8');
    expect(Array.from(table.getChild('tick')!.toArray() as Int32Array)).toEqual(trace.records.map((r) => r.tick));
    expect(bits(table.getChild('asset.X.price')!.toArray() as Float64Array)).toBe(bits(trace.records.map((r) => r.assets.X!.price)));
    expect(bits(table.getChild('agent.model/A.position')!.toArray() as Float64Array)).toBe(bits(trace.records.map((r) => r.agents['model/A']!.position)));
    expect([...table.getChild('model.B.halted')!]).toEqual(trace.records.map((r) => r.models.B!.halted));
    expect(trace.records.some((r) => r.models.B!.halted)).toBe(true);
  });

  it('`tulip run --out --format arrow` writes the run’s trace, and `tulip export` converts it back to JSONL', async () => {
    const out = join(dir, 'a');
    const run = await runCli(['run', 'tulip-mania', '--ticks', '30', '--out', out, '--format', 'arrow']);
    expect(run.code, run.stderr).toBe(0);
    const exported = await runCli(['export', out, '--format', 'jsonl']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toBe(`wrote ${join(out, 'trace.jsonl')} (30 rows, 1 world)\n`);
    const fromArrow = readTrace(join(out, 'trace.arrow'));
    const fromJsonl = readTrace(join(out, 'trace.jsonl'));
    expect(fromJsonl).toEqual({ ...fromArrow, source: join(out, 'trace.jsonl') });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { traceHash: string; ticks: number };
    expect(fromArrow.headers[0]!.traceHash).toBe(summary.traceHash);
    expect(fromArrow.records.map((r) => r.tick)).toEqual([...Array(30).keys()]);
  });
});

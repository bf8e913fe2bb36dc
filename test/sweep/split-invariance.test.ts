/**
 * A sweep's rows do not depend on how the work is split: chunk sizes 1 (every world a
 * single run, W = 1), 3 and all (one batched run) and 1 vs 2 worker threads give
 * byte-identical CSV, Arrow and manifest files, and so do 2 worker processes and 3 worker
 * threads (test/sweep/pool.test.ts covers balanced tails cut down to single worlds). Also pins that the rows are real: worlds differ, a --vary value changes
 * them, and a variant without model B has empty models.B.* cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSweep, type SweepOptions } from '../../src/sweep/run.ts';
import { parseVary } from '../../src/sweep/plan.ts';
import { arrowTable, csvRows, sweepDir } from './fixture.ts';

const SEEDS = { first: 1, last: 5 };

describe('sweep rows whatever the split', () => {
  const tmp = sweepDir('split');
  const base = (out: string, over: Partial<SweepOptions>): SweepOptions => ({
    scenarioFile: tmp.scenario,
    seeds: SEEDS,
    vary: [parseVary('models.B.enabled=true,false')],
    sets: [],
    backend: 'wasm',
    workers: 1,
    shard: { index: 0, count: 1 },
    chunk: 500,
    out: join(tmp.dir, out),
    ...over,
  });
  const runs = { chunk1: base('chunk1', { chunk: 1 }), chunk3: base('chunk3', { chunk: 3 }), all: base('all', {}), workers2: base('workers2', { chunk: 2, workers: 2, workerKind: 'process' }), threads3: base('threads3', { chunk: 3, workers: 3, workerKind: 'thread' }) };

  beforeAll(async () => {
    for (const options of Object.values(runs)) await runSweep(options);
  });
  afterAll(() => tmp.cleanup());

  const bytes = (name: keyof typeof runs, file: string): Buffer => readFileSync(join(runs[name].out, file));

  it('writes one row per seed x variant with real, distinct worlds', () => {
    const rows = csvRows(runs.all.out);
    expect(rows).toHaveLength(10);
    const table = arrowTable(runs.all.out);
    expect(table.names.slice(0, 3)).toEqual(['seed', 'variant', 'vary.models.B.enabled']);
    expect(table.names).toContain('assets.X.peakDeviation');
    expect(table.names).toContain('models.B.pnl');
    expect(table.names.at(-1)).toBe('traceHash');
    expect(table.columns.seed).toEqual([1, 2, 3, 4, 5, 1, 2, 3, 4, 5]);
    expect(new Set(table.columns.traceHash).size).toBe(10);
    // Without B, its cells are missing (null in Arrow, empty in CSV), not zero.
    expect(table.columns['models.B.pnl']!.slice(5)).toEqual([null, null, null, null, null]);
    expect(table.columns['models.B.pnl']!.slice(0, 5).every((x) => typeof x === 'number')).toBe(true);
    expect(rows[5]).toMatch(/^1,1,false,.*,,,,/);
  });

  it('gives byte-identical CSV and Arrow for chunk sizes 1, 3 and all', () => {
    expect(csvRows(runs.chunk1.out)).toEqual(csvRows(runs.all.out));
    expect(csvRows(runs.chunk3.out)).toEqual(csvRows(runs.all.out));
    expect(bytes('chunk1', 'sweep.csv').equals(bytes('all', 'sweep.csv'))).toBe(true);
    expect(bytes('chunk3', 'sweep.arrow').equals(bytes('all', 'sweep.arrow'))).toBe(true);
    expect(bytes('chunk1', 'sweep.arrow').equals(bytes('all', 'sweep.arrow'))).toBe(true);
    expect(bytes('chunk3', 'manifest.json').equals(bytes('all', 'manifest.json'))).toBe(true);
  });

  it('gives byte-identical CSV and Arrow for 1 worker, 2 worker processes and 3 worker threads', () => {
    for (const name of ['workers2', 'threads3'] as const) {
      expect(csvRows(runs[name].out)).toEqual(csvRows(runs.all.out));
      expect(bytes(name, 'sweep.csv').equals(bytes('all', 'sweep.csv'))).toBe(true);
      expect(bytes(name, 'sweep.arrow').equals(bytes('all', 'sweep.arrow'))).toBe(true);
      expect(bytes(name, 'manifest.json').equals(bytes('all', 'manifest.json'))).toBe(true);
    }
  });
});

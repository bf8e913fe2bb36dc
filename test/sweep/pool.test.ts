/**
 * The worker pool: worker processes and worker threads give the rows one thread gives,
 * whatever the chunks (here cut down to a single world each, so every worker takes many
 * and the hand-out order varies with timing); workers start once and are reused across
 * runs; a failing worker ends the run with its message.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool, type WorkerKind } from '../../src/sweep/pool.ts';
import { ChunkRunner, type SweepSpec } from '../../src/sweep/chunk.ts';
import { balanceTail } from '../../src/sweep/schedule.ts';
import { planChunks, seedsOf, variantsOf, parseVary, type Chunk } from '../../src/sweep/plan.ts';
import { compareRows, flattenSummary, sweepColumns, type Cell } from '../../src/sweep/rows.ts';
import { SWEEP_SCENARIO, sweepDir } from './fixture.ts';

const tmp = sweepDir('pool');
afterAll(() => tmp.cleanup());

async function fixtureSpec(): Promise<SweepSpec> {
  const vary = [parseVary('market.impact=0.0005,0.001')];
  const spec: SweepSpec = { scenarioFile: tmp.scenario, scenarioText: SWEEP_SCENARIO, sets: [], variants: variantsOf(vary), backend: 'wasm', columns: [] };
  const probe = new ChunkRunner(spec);
  const fields = [];
  for (const v of spec.variants) fields.push(flattenSummary((await probe.summaries({ variant: v.index, seeds: [1] }, false)).summaries[0]!).map(([f]) => f));
  spec.columns = sweepColumns(vary, fields);
  return spec;
}

const seeds = seedsOf({ first: 1, last: 6 });
const plan = (size: number): Chunk[] => planChunks(seeds, { start: 0, end: seeds.length * 2 }, size, new Set());

async function inThread(spec: SweepSpec, chunks: Chunk[]): Promise<Cell[][]> {
  const runner = new ChunkRunner(spec);
  const rows: Cell[][] = [];
  for (const chunk of chunks) rows.push(...(await runner.rows(chunk)));
  return rows.sort(compareRows);
}

describe.each<WorkerKind>(['process', 'thread'])('a pool of worker %ss', (kind) => {
  it('gives the rows of one thread, for balanced tails and any chunk size, starting each worker once', async () => {
    const spec = await fixtureSpec();
    const reference = await inThread(spec, plan(12));
    const ready: number[] = [];
    const pool = new WorkerPool(kind, 3, 'wasm', {
      onReady: (i, startUp) => {
        ready.push(i);
        expect(startUp.cpuSeconds).toBeGreaterThan(0);
        expect(startUp.maxRssBytes).toBeGreaterThan(0);
      },
    });
    try {
      for (const chunks of [balanceTail(plan(12), 3, 1), plan(1), plan(4)]) {
        const rows: Cell[][] = [];
        const order: number[] = [];
        await pool.run(spec, chunks, (chunk, chunkRows) => {
          order.push(chunks.indexOf(chunk));
          rows.push(...chunkRows);
        });
        expect(order.sort((a, b) => a - b)).toEqual(chunks.map((_, i) => i));
        expect(rows.sort(compareRows)).toEqual(reference);
      }
    } finally {
      await pool.close();
    }
    // Three runs, and no worker started twice: each reports its start-up at most once
    // (on a loaded machine a worker may get no chunk before the pool closes).
    expect(ready.length).toBeGreaterThan(0);
    expect(new Set(ready).size).toBe(ready.length);
    expect(ready.every((i) => i >= 0 && i < 3)).toBe(true);
  }, 120_000);

  it('ends the run with the worker’s message when a chunk fails', async () => {
    const spec = await fixtureSpec();
    const pool = new WorkerPool(kind, 2, 'wasm');
    try {
      await expect(pool.run(spec, [{ variant: 7, seeds: [1] }], () => {})).rejects.toThrow(/^sweep worker: /);
    } finally {
      await pool.close();
    }
  }, 120_000);
});

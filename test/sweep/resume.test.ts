/**
 * An interrupted sweep resumes: chunks finished before the interruption are read back,
 * not recomputed (their files are left untouched), and only missing rows are run. The
 * outputs equal an uninterrupted run's. An --out folder of another sweep is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runSweep, type SweepOptions, type SweepProgress } from '../../src/sweep/run.ts';
import { sweepDir } from './fixture.ts';

describe('resuming a sweep', () => {
  const tmp = sweepDir('resume');
  const options = (out: string, over: Partial<SweepOptions> = {}): SweepOptions => ({
    scenarioFile: tmp.scenario,
    seeds: { first: 1, last: 6 },
    vary: [],
    sets: [],
    backend: 'wasm',
    workers: 1,
    shard: { index: 0, count: 1 },
    chunk: 2,
    out: join(tmp.dir, out),
    ...over,
  });
  const out = options('out').out;
  const chunksDir = join(out, 'chunks');
  let reference: Buffer;

  beforeAll(async () => {
    await runSweep(options('reference', { chunk: 6 }));
    reference = readFileSync(join(tmp.dir, 'reference', 'sweep.csv'));
  });
  afterAll(() => tmp.cleanup());

  it('saves each chunk as it finishes, then recomputes only the missing ones', async () => {
    const first = await runSweep(options('out'));
    expect(first).toMatchObject({ computed: 6, resumed: 0 });
    expect(readdirSync(chunksDir).sort()).toEqual(['v0-s1-2.json', 'v0-s3-4.json', 'v0-s5-6.json']);

    // An interruption after two chunks: the third chunk file and the outputs never got written.
    rmSync(join(chunksDir, 'v0-s5-6.json'));
    for (const f of ['sweep.csv', 'sweep.arrow', 'manifest.json']) rmSync(join(out, f));
    const before = Object.fromEntries(['v0-s1-2.json', 'v0-s3-4.json'].map((f) => [f, statSync(join(chunksDir, f)).mtimeMs]));

    const progress: SweepProgress[] = [];
    const second = await runSweep(options('out', { onProgress: (p) => progress.push(p) }));
    expect(second).toMatchObject({ computed: 2, resumed: 4 });
    expect(progress[0]).toEqual({ rowsDone: 4, rowsTotal: 6, rowsResumed: 4, rowsRunning: 0, chunksDone: 0, chunksTotal: 1 });
    // Inside the chunk, its worlds count by the fraction of ticks run (40 ticks in slices of 25).
    expect(progress[1]).toMatchObject({ rowsDone: 4, rowsRunning: 2 * (25 / 40) });
    expect(progress.at(-1)).toEqual({ rowsDone: 6, rowsTotal: 6, rowsResumed: 4, rowsRunning: 0, chunksDone: 1, chunksTotal: 1 });
    for (const [f, mtime] of Object.entries(before)) expect(statSync(join(chunksDir, f)).mtimeMs, f).toBe(mtime);
    expect(readdirSync(chunksDir).sort()).toEqual(['v0-s1-2.json', 'v0-s3-4.json', 'v0-s5-6.json']);
    expect(readFileSync(join(out, 'sweep.csv')).equals(reference)).toBe(true);
  });

  it('computes nothing when run again after finishing, even with another --chunk', async () => {
    const third = await runSweep(options('out', { chunk: 4 }));
    expect(third).toMatchObject({ computed: 0, resumed: 6 });
    expect(readFileSync(join(out, 'sweep.csv')).equals(reference)).toBe(true);
  });

  it('refuses an --out folder holding another sweep', async () => {
    await expect(runSweep(options('out', { sets: ['market.impact=0.001'] }))).rejects.toThrow(
      `--out ${out} holds results of a different sweep (${join(out, 'manifest.json')}: another scenario text, --seeds, --vary, --set, --ticks, tulip version or backend); choose another --out folder or delete this one`,
    );
  });
});

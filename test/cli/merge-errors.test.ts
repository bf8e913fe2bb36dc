/**
 * `tulip merge` refuses folders that do not cover a sweep exactly once, with one message
 * naming the shards or rows, exit code 2 and no stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { runSweep, type SweepOptions } from '../../src/sweep/run.ts';
import { sweepDir } from '../sweep/fixture.ts';

const tmp = sweepDir('merge');
const out = (name: string): string => join(tmp.dir, name);

function options(name: string, over: Partial<SweepOptions>): SweepOptions {
  return { scenarioFile: tmp.scenario, seeds: { first: 1, last: 3 }, vary: [], sets: [], backend: 'wasm', workers: 1, shard: { index: 0, count: 1 }, chunk: 500, out: out(name), ...over };
}

describe('tulip merge refuses', () => {
  let missing: CliResult;
  let duplicated: CliResult;
  let other: CliResult;
  let unfinished: CliResult;

  beforeAll(async () => {
    for (const index of [0, 1, 2]) await runSweep(options(`s${index}`, { shard: { index, count: 3 } }));
    await runSweep(options('other', { shard: { index: 2, count: 3 }, sets: ['market.impact=0.001'] }));
    cpSync(out('s1'), out('s1-copy'), { recursive: true });
    cpSync(out('s1'), out('s1-unfinished'), { recursive: true });
    rmSync(join(out('s1-unfinished'), 'manifest.json'));
    [missing, duplicated, other, unfinished] = await Promise.all([
      runCli(['merge', out('s0'), out('s2'), '--out', out('m1')]),
      runCli(['merge', out('s0'), out('s1'), out('s1-copy'), out('s2'), '--out', out('m2')]),
      runCli(['merge', out('s0'), out('s1'), out('other'), '--out', out('m3')]),
      runCli(['merge', out('s0'), out('s1-unfinished'), '--out', out('m4')]),
    ]);
  });
  afterAll(() => tmp.cleanup());

  it('a missing shard, naming it', () => {
    expect(missing.stderr).toBe('tulip: missing shard: 1/3 (run `tulip sweep ... --shard i/3` for each and merge all 3 folders)\n');
    expect(missing.code).toBe(2);
    expect(existsSync(out('m1'))).toBe(false);
  });

  it('a duplicated shard, naming both folders', () => {
    expect(duplicated.stderr).toBe(`tulip: duplicated shard: 1/3 is in ${out('s1')} and ${out('s1-copy')}\n`);
    expect(duplicated.code).toBe(2);
    expect(existsSync(out('m2'))).toBe(false);
  });

  it('a shard of another sweep, naming what differs', () => {
    expect(other.stderr).toBe(`tulip: ${out('other')} is not a shard of the same sweep as ${out('s0')} (they differ in sets)\n`);
    expect(other.code).toBe(2);
  });

  it('a folder that is not a finished sweep', () => {
    expect(unfinished.stderr).toBe(`tulip: ${out('s1-unfinished')}: no manifest.json; give folders written by a finished \`tulip sweep --out\`\n`);
    expect(unfinished.code).toBe(2);
  });
});

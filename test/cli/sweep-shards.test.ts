/**
 * Sharding onto separate processes: `tulip sweep --shard i/4` run as four `node
 * bin/tulip.js` processes, merged with `tulip merge`, equals one unsharded run: the same
 * CSV bytes and the same Arrow table read back with apache-arrow. One shard comes from
 * --shard-from-env with a Kubernetes index, one from a Slurm array task, as a batch
 * engine would start them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { arrowTable, csvRows, sweepDir } from '../sweep/fixture.ts';

const tmp = sweepDir('shards');
const out = (name: string): string => join(tmp.dir, name);
const ARGS = ['--seeds', '1..5', '--vary', 'market.impact=0.0005,0.001', '--backend', 'wasm', '--chunk', '2'];

describe('four shards as separate processes, merged', () => {
  let whole: CliResult;
  let shards: CliResult[];
  let merged: CliResult;

  beforeAll(async () => {
    [whole, ...shards] = await Promise.all([
      runCli(['sweep', tmp.scenario, ...ARGS, '--out', out('whole')]),
      runCli(['sweep', tmp.scenario, ...ARGS, '--shard', '0/4', '--out', out('shard0')]),
      runCli(['sweep', tmp.scenario, ...ARGS, '--shard-from-env', '--out', out('shard1')], { JOB_COMPLETION_INDEX: '1', JOB_COMPLETIONS: '4' }),
      runCli(['sweep', tmp.scenario, ...ARGS, '--shard-from-env', '--out', out('shard2')], { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4' }),
      runCli(['sweep', tmp.scenario, ...ARGS, '--shard', '3/4', '--out', out('shard3')]),
    ]);
    merged = await runCli(['merge', out('shard3'), out('shard1'), out('shard0'), out('shard2'), '--out', out('merged')]);
    // Five processes at once: generous, so a busy machine cannot fail it (45 s measured at load 15 on 2 cores).
  }, 600_000);
  afterAll(() => tmp.cleanup());

  it('runs each shard on its own rows', () => {
    for (const r of [whole, ...shards]) expect(r.code, r.stderr).toBe(0);
    expect(shards[1]!.stderr).toContain('shard 1/4 (Kubernetes Indexed Job)');
    expect(shards[2]!.stderr).toContain('shard 2/4 (Slurm job array)');
    // 10 rows over 4 shards: 2, 3, 2, 3 rows.
    expect([0, 1, 2, 3].map((i) => csvRows(out(`shard${i}`)).length)).toEqual([2, 3, 2, 3]);
    expect(JSON.parse(readFileSync(join(out('shard1'), 'manifest.json'), 'utf8')).shard).toEqual({ index: 1, count: 4, rows: { start: 2, end: 5 } });
  });

  it('merges into the same CSV bytes and the same Arrow table as one unsharded run', () => {
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toContain('merged 4 folders');
    expect(csvRows(out('merged'))).toHaveLength(10);
    expect(readFileSync(join(out('merged'), 'sweep.csv')).equals(readFileSync(join(out('whole'), 'sweep.csv')))).toBe(true);
    expect(arrowTable(out('merged'))).toEqual(arrowTable(out('whole')));
    const manifest = (name: string) => JSON.parse(readFileSync(join(out(name), 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const { mergedFrom, ...rest } = manifest('merged');
    expect(mergedFrom).toEqual([out('shard3'), out('shard1'), out('shard0'), out('shard2')]);
    expect(rest).toEqual(manifest('whole'));
  });
});

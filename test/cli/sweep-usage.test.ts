/**
 * `tulip sweep` input mistakes: one message on stderr, exit code 2, no stack trace,
 * nothing written. (Every parser message is pinned in test/sweep/plan.test.ts; these
 * check the command line end to end, in parallel processes.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { sweepDir } from '../sweep/fixture.ts';

const tmp = sweepDir('usage');
// Empty counts as unset, so a CI runner's own array variables cannot leak in.
const NO_ENV = { JOB_COMPLETION_INDEX: '', SLURM_ARRAY_TASK_ID: '' };

const CASES: [name: string, args: string[], env: Record<string, string>, stderr: string][] = [
  ['seeds backwards', ['--seeds', '5..1'], {}, 'tulip: --seeds 5..1: the last seed 1 is below the first 5; write 1..5\n'],
  ['both shard options', ['--seeds', '1..3', '--shard', '0/2', '--shard-from-env'], {}, 'tulip: give --shard i/n or --shard-from-env, not both\n'],
  [
    '--shard-from-env outside an array job',
    ['--seeds', '1..3', '--shard-from-env'],
    NO_ENV,
    'tulip: --shard-from-env: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set; run inside an array job or give --shard i/n\n',
  ],
  [
    '--shard-from-env with a bad count',
    ['--seeds', '1..3', '--shard-from-env'],
    { JOB_COMPLETION_INDEX: '3', JOB_COMPLETIONS: 'four' },
    'tulip: --shard-from-env: Kubernetes Indexed Job: JOB_COMPLETIONS must be a whole number, got "four"\n',
  ],
  [
    'a --vary value the schema refuses',
    ['--seeds', '1..3', '--vary', 'models.B.training.mode=static,dinamic'],
    {},
    'tulip: --vary models.B.training.mode=dinamic: models.B.training.mode: must be one of "static", "dynamic"; got the text "dinamic"\n',
  ],
];

describe('tulip sweep refuses', () => {
  const results = new Map<string, CliResult>();
  beforeAll(async () => {
    const runs = CASES.map(([name, args, env]) => runCli(['sweep', tmp.scenario, ...args, '--out', join(tmp.dir, name)], env).then((r) => results.set(name, r)));
    await Promise.all(runs);
  });
  afterAll(() => tmp.cleanup());

  it.each(CASES)('%s', (name, _args, _env, stderr) => {
    const r = results.get(name)!;
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(2);
    expect(existsSync(join(tmp.dir, name))).toBe(false);
  });
});

/**
 * `npm run test:cluster`: a sweep sharded by a real Slurm job array. Starts a single-node
 * Slurm (scripts/slurm-local.sh: munged, slurmctld, slurmd from Debian's packages, all
 * state in a temporary folder), submits docs/examples/slurm-sweep.sh with
 * `sbatch --array=0-3`, waits for the four tasks, merges their folders with `tulip merge`
 * and checks the result is byte for byte the sweep run in one piece. Stops the daemons
 * afterwards. Needs root and the packages (.ci/run installs them).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, describeResult, runCommand, type CommandResult } from '../package/run-command.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLURM_LOCAL = join(ROOT, 'scripts', 'slurm-local.sh');
const JOB_SCRIPT = join(ROOT, 'docs', 'examples', 'slurm-sweep.sh');
const TULIP = join(ROOT, 'bin', 'tulip.js');

let work = '';
let cluster = '';

function expectOk(what: string, r: CommandResult): void {
  expect(r.code, describeResult(what, r)).toBe(0);
}

/** The tail of every array task's output, for a failure message. */
function jobLogs(): string {
  const logs = join(work, 'logs');
  if (!existsSync(logs)) return '(no job logs)';
  return readdirSync(logs)
    .sort()
    .map((f) => `--- ${f}\n${readFileSync(join(logs, f), 'utf8').split('\n').slice(-15).join('\n')}`)
    .join('\n');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'tulip-slurm-'));
  cluster = join(work, 'cluster');
  expectOk('scripts/slurm-local.sh start', await runCommand('bash', [SLURM_LOCAL, 'start', cluster], { cwd: ROOT }));
}, 300_000);

afterAll(async () => {
  if (cluster) await runCommand('bash', [SLURM_LOCAL, 'stop', cluster], { cwd: ROOT });
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000);

describe('a sweep on a real Slurm job array', () => {
  it('four array tasks, merged, give the bytes of the sweep run in one piece', async () => {
    const env = cleanEnv({ SLURM_CONF: join(cluster, 'slurm.conf'), TULIP: `${process.execPath} ${TULIP}`, RESULTS: join(work, 'shards') });
    mkdirSync(join(work, 'logs')); // Slurm does not create the folder of --output
    // --time bounds each task (minutes), so a stuck task cannot hold the test forever.
    const submitted = await runCommand('sbatch', ['--wait', '--parsable', '--array=0-3', '--time=15', `--chdir=${work}`, `--output=${join(work, 'logs', '%A_%a.log')}`, JOB_SCRIPT], { cwd: work, env });
    expect(submitted.code, `${describeResult('sbatch --wait', submitted)}\n${jobLogs()}`).toBe(0);

    const shards = [0, 1, 2, 3].map((i) => join(work, 'shards', String(i)));
    for (const [i, dir] of shards.entries()) {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { shard: { index: number; count: number } };
      expect(manifest.shard, `shard folder ${i}`).toMatchObject({ index: i, count: 4 });
    }
    expect(jobLogs()).toContain('(Slurm job array)');

    expectOk('tulip merge', await runCommand(process.execPath, [TULIP, 'merge', ...shards, '--out', join(work, 'merged')], { cwd: work }));
    expectOk('tulip sweep (unsharded)', await runCommand(process.execPath, [TULIP, 'sweep', 'tulip-mania', '--seeds', '1..400', '--out', join(work, 'whole')], { cwd: work }));

    const merged = readFileSync(join(work, 'merged', 'sweep.csv'));
    const whole = readFileSync(join(work, 'whole', 'sweep.csv'));
    expect(merged.toString('utf8').trim().split('\n')).toHaveLength(401);
    expect(merged.equals(whole), 'merged sweep.csv differs from the unsharded one').toBe(true);
    expect(readFileSync(join(work, 'merged', 'sweep.arrow')).equals(readFileSync(join(work, 'whole', 'sweep.arrow'))), 'merged sweep.arrow differs').toBe(true);
  });
});

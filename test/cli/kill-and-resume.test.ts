/**
 * Killed at the worst moment, nothing is lost or mixed. The child process kills itself
 * with SIGKILL at a named fault point (TULIP_FAULT, see src/core/fault.ts), so the moment
 * is exact and no test depends on timing:
 *
 * - a sweep killed after its first saved chunk resumes to a result byte-identical to an
 *   uninterrupted sweep;
 * - a run killed before its folder is committed leaves the old run folder whole;
 * - a run killed between the two renames of the commit leaves no mix: the next run puts
 *   the old folder back or replaces it whole, and no temporaries remain;
 * - a second sweep after a killed one takes over its stale lock;
 * - a custom monitor that throws while running is one alert naming it and its file, and
 *   the run goes on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT, runCli } from '../helpers/cli.ts';
import { SWEEP_SCENARIO } from '../sweep/fixture.ts';

interface Ended {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Runs tulip with TULIP_FAULT set; resolves however the child ends (a SIGKILL included). */
function runWithFault(args: string[], fault: string): Promise<Ended> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, TULIP_FAULT: fault }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { signal?: string | null; code?: number | string | null }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tulip-kill-'));
const SCENARIO = join(dir, 'fixture.yaml');
const SWEEP_ARGS = ['--seeds', '1..6', '--chunk', '2', '--workers', '1'];

beforeAll(() => writeFileSync(SCENARIO, SWEEP_SCENARIO));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hidden = (parent: string): string[] => readdirSync(parent).filter((f) => f.startsWith('.'));

describe('kill and resume', { timeout: 600_000 }, () => {
  it('a sweep killed after its first chunk resumes to the same bytes as one never killed', async () => {
    const [killed, whole] = await Promise.all([
      runWithFault(['sweep', SCENARIO, ...SWEEP_ARGS, '--out', join(dir, 'killed')], 'sweep-after-chunk'),
      runCli(['sweep', SCENARIO, ...SWEEP_ARGS, '--out', join(dir, 'whole')]),
    ]);
    expect(killed.signal).toBe('SIGKILL');
    expect(whole.code, whole.stderr).toBe(0);
    expect(readdirSync(join(dir, 'killed', 'chunks')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    expect(existsSync(join(dir, 'killed', 'sweep.csv'))).toBe(false);
    // The killed sweep's lock is stale (its pid is gone): the resume takes it over.
    expect(existsSync(join(dir, 'killed', '.tulip-sweep.lock'))).toBe(true);
    const resumed = await runCli(['sweep', SCENARIO, ...SWEEP_ARGS, '--out', join(dir, 'killed')]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/6 rows \(4 computed, 2 resumed\)/);
    for (const file of ['sweep.csv', 'sweep.arrow', 'manifest.json']) {
      expect(readFileSync(join(dir, 'killed', file)), file).toEqual(readFileSync(join(dir, 'whole', file)));
    }
    expect(hidden(join(dir, 'killed'))).toEqual([]);
  });

  it('a run killed before its commit leaves the old run folder whole, and the next run cleans up', async () => {
    const out = join(dir, 'run-a');
    const first = await runCli(['run', SCENARIO, '--ticks', '30', '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const old = readFileSync(join(out, 'summary.json'), 'utf8');
    const killed = await runWithFault(['run', SCENARIO, '--ticks', '40', '--worlds', '2', '--out', out], 'run-folder-before-commit');
    expect(killed.signal).toBe('SIGKILL');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(old);
    // The old pair still reads as one run.
    const report = await runCli(['export', out, '--format', 'csv', '--out', join(dir, 'a.csv')]);
    expect(report.code, report.stderr).toBe(0);
    expect(hidden(dir).filter((f) => f.startsWith('.run-a.'))).toHaveLength(1);
    const again = await runCli(['run', SCENARIO, '--ticks', '40', '--worlds', '2', '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ worlds: 2, ticks: 40 });
    expect(hidden(dir).filter((f) => f.startsWith('.run-a.'))).toEqual([]);
  });

  it('a run killed between the two renames leaves no mix: the next run restores or replaces the folder whole', async () => {
    const out = join(dir, 'run-b');
    const first = await runCli(['run', SCENARIO, '--ticks', '30', '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const killed = await runWithFault(['run', SCENARIO, '--ticks', '40', '--worlds', '2', '--out', out], 'run-folder-between-renames');
    expect(killed.signal).toBe('SIGKILL');
    // Between the renames the folder is aside, never half old and half new.
    expect(existsSync(out)).toBe(false);
    expect(hidden(dir).filter((f) => f.startsWith('.run-b.')).map((f) => f.replace(/\d+$/, 'PID')).sort()).toEqual(['.run-b.old-PID', '.run-b.tmp-PID']);
    const again = await runCli(['run', SCENARIO, '--ticks', '40', '--worlds', '2', '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['summary.json', 'trace.jsonl']);
    const check = await runCli(['export', out, '--format', 'csv', '--out', join(dir, 'b.csv')]);
    expect(check.code, check.stderr).toBe(0);
    expect(hidden(dir).filter((f) => f.startsWith('.run-b.'))).toEqual([]);
  });
});

describe('a custom monitor that throws while running', { timeout: 600_000 }, () => {
  it('is one critical alert naming it and its file; the monitor is switched off and the run finishes', async () => {
    const module = join(dir, 'flaky.mts');
    writeFileSync(module, "export default () => ({ observe: (view) => { if (view.tick === 20) throw new Error('boom from monitor'); return { statistic: 0, threshold: 1 }; } });\n");
    const r = await runCli(['run', SCENARIO, '--monitor', module, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { alerts: { monitor: string; severity: string; tick: number; message: string }[] };
    expect(summary.alerts).toEqual([{ monitor: 'flaky', severity: 'critical', tick: 20, world: 0, message: `monitor flaky (${module}) failed at tick 20: threw boom from monitor; it is switched off in this world`, statistic: null, threshold: null, evidence: {} }]);
  });
});

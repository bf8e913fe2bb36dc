/**
 * One sweep per --out: the lock names its holder, a dead holder's lock is taken over,
 * and temporaries of killed writers are removed once the lock is held.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { lockSweepOut, SWEEP_LOCK } from '../../src/cli/sweep-lock.ts';

const dir = mkdtempSync(join(tmpdir(), 'tulip-sweep-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('lockSweepOut', () => {
  it('refuses a second holder, naming the first by pid, host and start time', () => {
    const out = join(dir, 'a');
    const release = lockSweepOut(out, new Date('2026-11-29T23:00:00Z'));
    expect(() => lockSweepOut(out)).toThrow(`--out ${out} is in use by another tulip sweep (pid ${process.pid} on ${hostname()}, started 2026-11-29T23:00:00.000Z)`);
    release();
    expect(() => lockSweepOut(out)()).not.toThrow();
  });

  it('takes over the lock of a sweep whose process is gone, and removes its temporaries', () => {
    const out = join(dir, 'b');
    mkdirSync(join(out, 'chunks'), { recursive: true });
    const pid = deadPid();
    writeFileSync(join(out, SWEEP_LOCK), JSON.stringify({ pid, host: hostname(), started: '2026-11-29T22:00:00.000Z' }));
    writeFileSync(join(out, 'chunks', `.v0-s1-2.json.${pid}-0.tmp`), 'half');
    writeFileSync(join(out, 'chunks', 'v0-s3-4.json'), '{}');
    const release = lockSweepOut(out);
    expect(readdirSync(join(out, 'chunks'))).toEqual(['v0-s3-4.json']);
    release();
    expect(existsSync(join(out, SWEEP_LOCK))).toBe(false);
  });

  it('leaves no folder behind when it made the folder and nothing was written', () => {
    const out = join(dir, 'c', 'd');
    lockSweepOut(out)();
    expect(existsSync(out)).toBe(false);
  });
});

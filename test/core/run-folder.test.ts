/**
 * A run folder is written as a set: files go into a temporary folder that replaces the
 * target whole at commit; an abort leaves nothing; leftovers of a killed writer are
 * cleaned (and an old folder moved aside by a kill is put back); a folder holding other
 * files is never replaced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cleanStaleTemporaries, openRunFolder, RunFolderError } from '../../src/core/run-folder.ts';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tulip-run-folder-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('openRunFolder', () => {
  it('shows nothing until commit, then the whole new set replacing the old one', () => {
    const parent = scratch();
    const target = join(parent, 'run');
    mkdirSync(target);
    writeFileSync(join(target, 'summary.json'), 'old');
    writeFileSync(join(target, 'trace.csv'), 'old trace');
    const folder = openRunFolder(target);
    writeFileSync(folder.path('trace.jsonl'), 'new trace');
    writeFileSync(folder.path('summary.json'), 'new');
    expect(readFileSync(join(target, 'summary.json'), 'utf8')).toBe('old');
    folder.commit();
    expect(readdirSync(target).sort()).toEqual(['summary.json', 'trace.jsonl']);
    expect(readFileSync(join(target, 'summary.json'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['run']);
  });

  it('abort leaves no trace of the run, and the old folder as it was', () => {
    const parent = scratch();
    const target = join(parent, 'run');
    const folder = openRunFolder(target);
    writeFileSync(folder.path('summary.json'), 'x');
    folder.abort();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses to replace a folder that holds files a run folder never has', () => {
    const target = join(scratch(), 'home');
    mkdirSync(target);
    writeFileSync(join(target, 'thesis.tex'), 'precious');
    expect(() => openRunFolder(target)).toThrow(RunFolderError);
    expect(() => openRunFolder(target)).toThrow(/holds files a run folder never has \(thesis\.tex\)/);
    expect(readdirSync(target)).toEqual(['thesis.tex']);
  });

  it('cleans a killed writer’s temporary folder, and puts back an old folder it had moved aside', () => {
    const parent = scratch();
    const target = join(parent, 'run');
    const pid = deadPid();
    mkdirSync(join(parent, `.run.tmp-${pid}`));
    mkdirSync(join(parent, `.run.old-${pid}`));
    writeFileSync(join(parent, `.run.old-${pid}`, 'summary.json'), 'old');
    mkdirSync(join(parent, `.other.tmp-${pid}`));
    cleanStaleTemporaries(target);
    expect(readdirSync(parent).sort()).toEqual(['.other.tmp-' + pid, 'run']);
    expect(readFileSync(join(target, 'summary.json'), 'utf8')).toBe('old');
  });

  it('leaves a live writer’s temporary folder alone', () => {
    const parent = scratch();
    const live = join(parent, `.run.tmp-${process.ppid}`);
    mkdirSync(live);
    cleanStaleTemporaries(join(parent, 'run'));
    expect(existsSync(live)).toBe(true);
  });
});

/**
 * Output paths are judged before any work: a file where a folder is needed, a folder
 * where a file is needed, a path under a file; each message names the option and path.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOutputDir, checkOutputFile } from '../../src/cli/output-path.ts';

const dir = mkdtempSync(join(tmpdir(), 'tulip-output-path-'));
const file = join(dir, 'a-file');
writeFileSync(file, 'x');
mkdirSync(join(dir, 'a-folder'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkOutputDir', () => {
  it('accepts a new folder (even several levels deep) and an existing one', () => {
    expect(() => checkOutputDir('--out', join(dir, 'new', 'deeper'))).not.toThrow();
    expect(() => checkOutputDir('--out', join(dir, 'a-folder'))).not.toThrow();
  });
  it('refuses an existing file, a path under a file, and an empty name', () => {
    expect(() => checkOutputDir('--out', file)).toThrow(`--out ${file}: is a file, but a folder is needed`);
    expect(() => checkOutputDir('--out', join(file, 'sub'))).toThrow(`--out ${join(file, 'sub')}: ${file} is a file, so nothing can be made inside it`);
    expect(() => checkOutputDir('--out', '')).toThrow('--out: the folder name is empty');
  });
});

describe('checkOutputFile', () => {
  it('accepts a new file and an existing one', () => {
    expect(() => checkOutputFile('--save', join(dir, 'new.json'))).not.toThrow();
    expect(() => checkOutputFile('--save', file)).not.toThrow();
  });
  it('refuses a folder, a name ending in /, and a path under a file', () => {
    expect(() => checkOutputFile('--save', join(dir, 'a-folder'))).toThrow(`--save ${join(dir, 'a-folder')}: is a folder, but a file is needed`);
    expect(() => checkOutputFile('--save', `${join(dir, 'nothing')}/`)).toThrow('ends with /, but a file is needed');
    expect(() => checkOutputFile('--save', join(file, 'x.json'))).toThrow(`${file} is a file, so nothing can be made inside it`);
  });
});

/**
 * `tulip sweep` and `tulip compare` say how many workers run, of which kind, and why: by
 * default one per core (capped by free memory), else as asked; a sweep of one chunk runs
 * in the process itself. The rows do not change with the workers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { sweepDir } from './fixture.ts';

const tmp = sweepDir('workers-cli');
const sweep = (name: string, ...args: string[]): string[] => ['sweep', tmp.scenario, '--seeds', '1..4', '--chunk', '2', '--backend', 'wasm', '--out', join(tmp.dir, name), ...args];
const RUNS = {
  default: sweep('default'),
  two: sweep('two', '--workers', '2'),
  oneChunk: sweep('one-chunk', '--workers', '2', '--chunk', '4'),
  compare: ['compare', tmp.scenario, '--seeds', '1..2', '--vary', 'models.B.enabled=true,false', '--backend', 'wasm', '--workers', '2', '--format', 'csv'],
};
const line = (r: CliResult): string | undefined => r.stderr.split('\n').find((l) => l.startsWith('workers:'));

describe('the workers line', () => {
  const results = new Map<keyof typeof RUNS, CliResult>();
  beforeAll(async () => {
    await Promise.all(Object.entries(RUNS).map(([name, args]) => runCli(args).then((r) => results.set(name as keyof typeof RUNS, r))));
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it('by default names one worker process per core (or fewer, saying memory is why)', () => {
    const r = results.get('default')!;
    expect(r.code, r.stderr).toBe(0);
    const cores = availableParallelism();
    if (cores === 1) expect(line(r)).toBe('workers: 1, this process, one per core (1 core; --workers N to change)');
    else expect(line(r)).toMatch(new RegExp(`^workers: (${cores} processes, one per core \\(${cores} cores; --workers N to change\\)|\\d+ processes, not one per core \\(${cores} cores\\): .* free memory holds .*)$`));
  });

  it('takes --workers as asked, and runs a one-chunk sweep in the process itself', () => {
    expect(line(results.get('two')!)).toBe('workers: 2 processes, as asked (--workers 2)');
    expect(line(results.get('oneChunk')!)).toBe('workers: 1, this process: the rows make one chunk, and a worker would only add its start-up (2 available)');
    const csv = (name: string): string => readFileSync(join(tmp.dir, name, 'sweep.csv'), 'utf8');
    expect(csv('two')).toBe(csv('one-chunk'));
    expect(csv('default')).toBe(csv('one-chunk'));
  });

  it('says the same for tulip compare', () => {
    const r = results.get('compare')!;
    expect(r.code, r.stderr).toBe(0);
    expect(line(r)).toBe('workers: 2 processes, as asked (--workers 2)');
  });
});

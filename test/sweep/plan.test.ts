/**
 * The pure parts of a sweep plan: --seeds, --vary, the grid, --shard and --shard-from-env
 * (Kubernetes Indexed Jobs and Slurm arrays), shard row ranges and chunking.
 */
import { describe, expect, it } from 'vitest';
import { parseSeedRange, parseShard, parseVary, planChunks, rowKey, seedsOf, shardFromEnv, shardRows, variantsOf } from '../../src/sweep/plan.ts';

describe('--seeds', () => {
  it('reads A..B inclusive and a single seed', () => {
    expect(seedsOf(parseSeedRange('3..7'))).toEqual([3, 4, 5, 6, 7]);
    expect(seedsOf(parseSeedRange('9'))).toEqual([9]);
  });
  it('refuses other forms with one clear message', () => {
    expect(() => parseSeedRange('1-10')).toThrow('--seeds must be A..B (inclusive, e.g. 1..1000) or one seed N, got "1-10"');
    expect(() => parseSeedRange('10..1')).toThrow('--seeds 10..1: the last seed 1 is below the first 10; write 1..10');
    expect(() => parseSeedRange('1..4294967296')).toThrow('--seeds must be from 0 to 2147483647');
  });
});

describe('--vary', () => {
  it('reads values as YAML and keeps brackets together', () => {
    expect(parseVary('market.impact=0.0005,0.001')).toEqual({ path: 'market.impact', values: [0.0005, 0.001], texts: ['0.0005', '0.001'] });
    expect(parseVary('models.A.bugs=[],[{type: sign-flip, feature: value-ratio}]').values).toEqual([[], [{ type: 'sign-flip', feature: 'value-ratio' }]]);
    expect(parseVary('models.B.training.mode=static,dynamic').values).toEqual(['static', 'dynamic']);
  });
  it('refuses a missing path, empty values and repeats', () => {
    expect(() => parseVary('0.1,0.2')).toThrow('--vary must be path=v1,v2,...');
    expect(() => parseVary('market.impact=0.1,,0.2')).toThrow('a value is empty');
    expect(() => parseVary('market.impact=0.1,0.1')).toThrow('--vary market.impact: a value is listed twice');
  });
  it('makes the grid as every combination, first axis slowest', () => {
    const grid = variantsOf([parseVary('a=1,2'), parseVary('b=x,y,z')]);
    expect(grid.map((v) => v.sets)).toEqual([
      ['a=1', 'b=x'], ['a=1', 'b=y'], ['a=1', 'b=z'],
      ['a=2', 'b=x'], ['a=2', 'b=y'], ['a=2', 'b=z'],
    ]);
    expect(variantsOf([])).toEqual([{ index: 0, values: [], sets: [] }]);
    expect(() => variantsOf([parseVary('a=1'), parseVary('a=2')])).toThrow('--vary a is given twice');
  });
});

describe('--shard i/n', () => {
  it('is 0-based and checked', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(() => parseShard('4/4')).toThrow('--shard: the shard index must be from 0 to 3 (0-based), got 4');
    expect(() => parseShard('1/0')).toThrow('--shard: the shard count must be at least 1, got 0');
    expect(() => parseShard('a/b')).toThrow('--shard must be i/n');
  });
  it('splits rows into contiguous, balanced blocks that cover every row once', () => {
    for (const total of [0, 1, 3, 10, 1001]) {
      for (const count of [1, 2, 4, 7]) {
        const blocks = Array.from({ length: count }, (_, index) => shardRows(total, { index, count }));
        expect(blocks[0]!.start).toBe(0);
        expect(blocks.at(-1)!.end).toBe(total);
        blocks.slice(1).forEach((b, i) => expect(b.start).toBe(blocks[i]!.end));
        const sizes = blocks.map((b) => b.end - b.start);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('--shard-from-env', () => {
  it('reads a Kubernetes Indexed Job', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', JOB_COMPLETIONS: '4' })).toEqual({ index: 2, count: 4, source: 'Kubernetes Indexed Job' });
  });
  it('reads a Slurm job array, counting from SLURM_ARRAY_TASK_MIN when set', () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 0, count: 4, source: 'Slurm job array' });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4, source: 'Slurm job array' });
  });
  it('says what is missing or wrong', () => {
    expect(() => shardFromEnv({})).toThrow(
      '--shard-from-env: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set; run inside an array job or give --shard i/n',
    );
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1' })).toThrow('--shard-from-env: Kubernetes Indexed Job: JOB_COMPLETIONS is not set; it must hold a whole number');
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: 'x', JOB_COMPLETIONS: '4' })).toThrow('--shard-from-env: Kubernetes Indexed Job: JOB_COMPLETION_INDEX must be a whole number, got "x"');
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '4', JOB_COMPLETIONS: '4' })).toThrow(
      '--shard-from-env: Kubernetes Indexed Job: JOB_COMPLETION_INDEX=4, JOB_COMPLETIONS=4: the shard index must be from 0 to 3 (0-based), got 4',
    );
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_COUNT: '4' })).toThrow('SLURM_ARRAY_TASK_ID=5, SLURM_ARRAY_TASK_MIN=0, SLURM_ARRAY_TASK_COUNT=4: the shard index must be from 0 to 3');
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '0' })).toThrow('the shard count must be at least 1, got 0');
  });
});

describe('chunks', () => {
  const seeds = [1, 2, 3, 4, 5];
  it('are runs of one variant of at most --chunk rows, skipping rows already done', () => {
    expect(planChunks(seeds, { start: 3, end: 9 }, 2, new Set())).toEqual([
      { variant: 0, seeds: [4, 5] },
      { variant: 1, seeds: [1, 2] },
      { variant: 1, seeds: [3, 4] },
    ]);
    expect(planChunks(seeds, { start: 0, end: 5 }, 10, new Set(['0:3']))).toEqual([
      { variant: 0, seeds: [1, 2] },
      { variant: 0, seeds: [4, 5] },
    ]);
    expect(rowKey(7, seeds)).toEqual({ variant: 1, seed: 3 });
  });
});

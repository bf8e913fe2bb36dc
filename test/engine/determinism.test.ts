/**
 * The determinism contract: the same scenario and seed give a bit-identical trace hash,
 * even in separate processes (no hidden dependence on process state, wall clock or
 * `Math.random`); another seed gives another hash.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.ts';

const TICKS = '300';

function runArgs(seed: number): string[] {
  return ['run', 'tulip-mania', '--json', '--seed', String(seed), '--ticks', TICKS];
}

function summaryOf(result: CliResult): { traceHash: string; seed: number; ticks: number } {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { traceHash: string; seed: number; ticks: number };
}

describe('tulip run in separate processes', () => {
  let first: ReturnType<typeof summaryOf>;
  let second: ReturnType<typeof summaryOf>;
  let otherSeed: ReturnType<typeof summaryOf>;

  beforeAll(async () => {
    const [a, b, c] = await Promise.all([runCli(runArgs(5)), runCli(runArgs(5)), runCli(runArgs(6))]);
    first = summaryOf(a);
    second = summaryOf(b);
    otherSeed = summaryOf(c);
  });

  it('gives the same trace hash for the same scenario and seed', () => {
    expect(first.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(first.ticks).toBe(Number(TICKS));
    expect(second.traceHash).toBe(first.traceHash);
    // Not only the hash: every number of the summary agrees.
    expect(second).toEqual(first);
  });

  it('gives a different trace hash for another seed', () => {
    expect(otherSeed.seed).toBe(6);
    expect(otherSeed.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(otherSeed.traceHash).not.toBe(first.traceHash);
  });
});

/**
 * `tulip counterfactual` as a user runs it: the influence table, JSON with I ≡ 0 for a
 * no-op intervention, and clear usage errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { SMALL_MANIA } from '../helpers/scenarios.ts';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tulip-cf-'));
  file = join(dir, 'small-mania.yaml');
  writeFileSync(file, SMALL_MANIA);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tulip counterfactual', () => {
  it('prints the influence of removing the bug, with the loop onset and the amplification by B', async () => {
    const r = await runCli(['counterfactual', file, '--intervene', 'models.A.bugs=[]', '--amplification', 'B', '--epsilon', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^counterfactual small-mania: --intervene models.A.bugs=\[\] from tick 0; seed 7; 200 ticks/);
    expect(r.stdout).toMatch(/\nprice:X +\d/);
    expect(r.stdout).toMatch(/loop onset \(\|I price:X\| > 2 for 5 ticks in a row\): tick 1\d\d/);
    expect(r.stdout).toMatch(/amplification by B: peak \|I price:X\| with B live \/ with B removed = [\d.]+ \/ [\d.]+ = [\d.]+/);
  });

  it('--json: a no-op intervention gives I ≡ 0 in every series, world and tick', async () => {
    const r = await runCli(['counterfactual', file, '--intervene', 'market.impact=0.0005', '--worlds', '2', '--ticks', '120', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { influence: Record<string, number[][]>; onset: { perWorld: unknown[] }; hashes: { factual: string[]; counterfactual: string[] } };
    expect(Object.keys(out.influence)).toEqual(['price:X', 'position:A', 'pnl:A', 'position:B', 'pnl:B']);
    for (const worlds of Object.values(out.influence)) {
      expect(worlds).toHaveLength(2);
      for (const series of worlds) expect(series.every((v) => v === 0) && series.length === 120).toBe(true);
    }
    expect(out.onset.perWorld).toEqual([null, null]);
    expect(out.hashes.counterfactual).toEqual(out.hashes.factual);
  });

  it('usage error: a structural change with --from says what to do instead', async () => {
    const structural = await runCli(['counterfactual', file, '--intervene', 'models.B.enabled=false', '--from', '50']);
    expect(structural.code).toBe(2);
    expect(structural.stderr).toContain('or drop --from to intervene from tick 0');
    expect(structural.stderr).not.toMatch(/\n\s+at /);
  });
});

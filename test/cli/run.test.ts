/**
 * `tulip run`: the documented JSON summary fields, the readable table, `--out` files written
 * whole (summary.json, trace.jsonl, no temp files left), and `--help` / `--version`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { runToEnd } from '../helpers/scenarios.ts';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { resolveScenario } from '../../src/cli/options.ts';
import { formatSummary } from '../../src/cli/format.ts';
import { runSummary } from '../../src/setup/summary.ts';

// Few ticks keep the child processes cheap; every documented field is present from tick 0.
const TICKS = 40;

interface Summary {
  [key: string]: unknown;
  traceHash: string;
  perWorld?: (Record<string, unknown> & { traceHash: string; seed: number; world: number })[];
}

function expectWorldFields(s: Record<string, unknown>): void {
  const assets = s.assets as Record<string, Record<string, unknown>>;
  expect(Object.keys(assets)).toEqual(['X']);
  for (const field of ['finalPrice', 'finalFundamental', 'peakDeviation']) expect(typeof assets.X![field], `assets.X.${field}`).toBe('number');
  const models = s.models as Record<string, Record<string, unknown>>;
  expect(Object.keys(models)).toEqual(['A', 'B']);
  for (const name of ['A', 'B']) for (const field of ['pnl', 'position', 'version']) expect(typeof models[name]![field], `models.${name}.${field}`).toBe('number');
  expect(Array.isArray(s.alerts)).toBe(true);
  expect(s.traceHash).toMatch(/^[0-9a-f]{64}$/);
}

describe('tulip run', () => {
  let dir: string;
  let single: CliResult;
  let multi: CliResult;
  let help: CliResult;
  let version: CliResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tulip-run-'));
    [single, multi, help, version] = await Promise.all([
      runCli(['run', 'tulip-mania', '--json', '--seed', '3', '--ticks', String(TICKS), '--backend', 'wasm']),
      runCli(['run', 'tulip-mania', '--json', '--seed', '3', '--worlds', '2', '--ticks', String(TICKS), '--backend', 'wasm', '--out', join(dir, 'out')]),
      runCli(['--help']),
      runCli(['--version']),
    ]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('--json prints the documented fields for one world, and nothing else on stdout', () => {
    expect(single.code, single.stderr).toBe(0);
    const s = JSON.parse(single.stdout) as Summary;
    expect(s).toMatchObject({ scenario: 'tulip-mania', seed: 3, worlds: 1, ticks: TICKS, backend: 'wasm' });
    expectWorldFields(s);
    expect(s.perWorld).toBeUndefined();
    // The backend note goes to stderr, so stdout stays one JSON object.
    expect(single.stderr).toBe('backend: wasm\n');
  });

  it('--json with --worlds 2 adds perWorld, each with the per-world fields and its own traceHash', () => {
    expect(multi.code, multi.stderr).toBe(0);
    const s = JSON.parse(multi.stdout) as Summary;
    expect(s).toMatchObject({ scenario: 'tulip-mania', seed: 3, worlds: 2, ticks: TICKS, backend: 'wasm' });
    expectWorldFields(s);
    expect(s.perWorld).toHaveLength(2);
    s.perWorld!.forEach((w, k) => {
      expect(w).toMatchObject({ world: k, seed: 3 + k });
      expectWorldFields(w);
    });
    expect(s.perWorld![0]!.traceHash).not.toBe(s.perWorld![1]!.traceHash);
    // World 0 of this run is the single run with seed 3 (and recording for --out changes no hash).
    expect(s.perWorld![0]!.traceHash).toBe((JSON.parse(single.stdout) as Summary).traceHash);
  });

  it('--out writes summary.json (the printed summary) and trace.jsonl (headers, every tick of every world, end records), and no temp files', () => {
    const out = join(dir, 'out');
    expect(readdirSync(out).sort()).toEqual(['summary.json', 'trace.jsonl']);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(JSON.parse(multi.stdout));
    const lines = readFileSync(join(out, 'trace.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = JSON.parse(multi.stdout) as Summary;
    const headers = lines.filter((l) => l.type === 'header');
    expect(headers).toHaveLength(2);
    headers.forEach((h, k) => expect(h).toMatchObject({ world: k, scenario: 'tulip-mania', seed: 3 + k, backend: 'wasm', bank: 'tfjs', schemaVersion: 2 }));
    // The hash is known only when the run ends: each world's closing record carries it.
    const ends = lines.filter((l) => l.type === 'end');
    ends.forEach((e, k) => expect(e).toEqual({ type: 'end', world: k, ticks: TICKS, traceHash: summary.perWorld![k]!.traceHash }));
    expect(lines.slice(-2)).toEqual(ends);
    const ticks = lines.filter((l) => l.type === 'tick');
    expect(ticks).toHaveLength(2 * TICKS);
    expect(lines).toHaveLength(2 + 2 * TICKS + 2);
    const last = ticks.filter((l) => l.world === 0).at(-1) as { tick: number; assets: { X: { price: number } } };
    expect(last.tick).toBe(TICKS - 1);
    expect(last.assets.X.price).toBe((summary.perWorld![0]!.assets as { X: { finalPrice: number } }).X.finalPrice);
  });

  it('without --json prints a readable summary with the trace hash', async () => {
    // In-process: the table is formatSummary of the same summary (a child process costs seconds).
    const summary = await runToEnd(loadScenarioFile(resolveScenario('tulip-mania')), { seed: 3, ticks: 20, backend: 'wasm' }, runSummary);
    const text = formatSummary(summary);
    expect(text).toMatch(/^tulip-mania: seed 3, 20 ticks, backend wasm/);
    expect(text).toContain(`trace hash ${summary.traceHash}`);
    expect(text).toMatch(/^asset\s+final price\s+final value\s+peak \|P\/V-1\|$/m);
    expect(text).toMatch(new RegExp(`^X\\s+${summary.assets.X!.finalPrice.toFixed(2)}\\s`, 'm'));
    expect(text).toMatch(/^model\s+PnL\s+position\s+version$/m);
    expect(text).toContain('Alerts: none');
  });

  it('--help exits 0 and lists the commands', () => {
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: tulip /);
    for (const command of ['run', 'check', 'schema']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('--version exits 0 and prints the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });
});

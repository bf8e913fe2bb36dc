/**
 * A diverging market is reported everywhere a user looks: `tulip run` says so on stderr
 * and in its summary (`diverged: {tick, reason}`), the sweep row carries it, and
 * `tulip check` fails the scenario. Also: a feature window that leaves a model untrained
 * is a clear warning, and `--out` says what it wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { SWEEP_SCENARIO } from '../sweep/fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'tulip-divergence-'));
const SCENARIO = join(dir, 'runaway.yaml');
// The sweep fixture with an impact 200 times larger: A's units bug drives the price away.
const RUNAWAY = `${SWEEP_SCENARIO.replace('impact: 0.0005', 'impact: 0.1')}expect:\n  seeds: 7..8\n  checks:\n    - name: the bubble is big\n      metric: assets.X.peakDeviation\n      atLeast: 0\n`;

beforeAll(() => writeFileSync(SCENARIO, RUNAWAY));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a diverging world', { timeout: 600_000 }, () => {
  it('tulip run: one line on stderr, diverged in the summary, a critical numerical alert; --out says what it wrote', async () => {
    const out = join(dir, 'run');
    const r = await runCli(['run', SCENARIO, '--json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { diverged: { world: number; tick: number; reason: string; message: string }[]; alerts: { monitor: string; severity: string; tick: number }[] };
    expect(summary.diverged).toHaveLength(1);
    const d = summary.diverged[0]!;
    expect(d.reason).toMatch(/^(price|deviation|cash)$/);
    expect(r.stderr).toContain(`run: world 0 (seed 7) diverged at tick ${d.tick} (${d.reason}): ${d.message}; its models were halted\n`);
    expect(summary.alerts).toContainEqual(expect.objectContaining({ monitor: 'numerical', severity: 'critical', tick: d.tick }));
    expect(r.stderr).toContain(`wrote ${join(out, 'trace.jsonl')} and ${join(out, 'summary.json')} (1 world, 40 ticks)\n`);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toMatchObject({ diverged: [d] });
  });

  it('tulip report of that run folder says so on stderr and lists the alert on the page', async () => {
    const out = join(dir, 'run');
    const r = await runCli(['report', out, '--out', join(dir, 'report.html')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^report: world 0 diverged at tick \d+ \((price|deviation|cash)\): /m);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/world diverged at tick \d+: /);
  });

  it('the sweep row carries diverged.tick and diverged.reason', async () => {
    const out = join(dir, 'sweep');
    const r = await runCli(['sweep', SCENARIO, '--seeds', '7..8', '--workers', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = readFileSync(join(out, 'sweep.csv'), 'utf8').trimEnd().split('\n');
    const columns = header!.split(',');
    const tick = columns.indexOf('diverged.tick');
    const reason = columns.indexOf('diverged.reason');
    expect(tick).toBeGreaterThan(0);
    for (const row of rows) {
      const cells = row.split(',');
      expect(Number(cells[tick])).toBeGreaterThan(0);
      expect(cells[reason]).toMatch(/^(price|deviation|cash)$/);
    }
  });

  it('tulip check counts it as failing', async () => {
    const r = await runCli(['check', SCENARIO]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL runaway: no world of the scenario diverges: .*2 of 2 worlds diverged \(first: seed 7 at tick \d+/);
  });

  it('a calm run has none of it', async () => {
    const calm = join(dir, 'calm.yaml');
    writeFileSync(calm, SWEEP_SCENARIO);
    const r = await runCli(['run', calm, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).not.toHaveProperty('diverged');
    expect(r.stderr).not.toMatch(/diverged/);
  });
});

describe('a feature window longer than the run', { timeout: 600_000 }, () => {
  it('warns that the model never trains, naming the field and what would do', async () => {
    const r = await runCli(['run', SCENARIO.replace('runaway', 'calm'), '--set', 'models.B.features.0.window=40']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: models.B.features[0].window is 40 ticks, but the run has 40 ticks and the target looks 5 ahead: no tick has both, so model B never trains and trades on its initial weights; use a window below 35 or run longer\n');
  });
});

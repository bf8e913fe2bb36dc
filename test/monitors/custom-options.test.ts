/**
 * Options for a custom monitor from the command line (`--monitor-option key=value`), the
 * docs' example monitor firing on tulip-mania as documented, a missing required option
 * as one clear error, and alert messages that name the monitor once.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { parseMonitorOptions } from '../../src/cli/options.ts';
import { UsageError } from '../../src/cli/options.ts';

const EXAMPLE = 'docs/examples/my-monitor.ts';

describe('--monitor-option', () => {
  it('reads key=value pairs as YAML values', () => {
    expect(parseMonitorOptions(['threshold=5', 'asset=X', 'series=[orders:A, return:X]', 'on=true'])).toEqual({ threshold: 5, asset: 'X', series: ['orders:A', 'return:X'], on: true });
    expect(() => parseMonitorOptions(['threshold'])).toThrow(UsageError);
    expect(() => parseMonitorOptions(['=5'])).toThrow(/--monitor-option must be key=value/);
  });

  it('the docs’ example fires on tulip-mania, and each alert names the monitor once', async () => {
    const r = await runCli(['run', 'tulip-mania', '--monitor', EXAMPLE, '--monitor-option', 'limit=5', '--json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { alerts: { monitor: string; message: string; tick: number }[] };
    const mine = summary.alerts.filter((a) => a.monitor === 'my-monitor');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0]!.message).toMatch(/^X trades [\d.]+ from its value \(limit 5\)$/);
    const table = await runCli(['run', 'tulip-mania', '--monitor', EXAMPLE, '--monitor-option', 'limit=5']);
    expect(table.stdout).toMatch(/\] my-monitor: X trades/);
    expect(table.stdout).not.toMatch(/my-monitor: my-monitor/);
  });

  it('a missing required option is one clear error before any tick (exit 2, no stack trace)', async () => {
    const r = await runCli(['run', 'tulip-mania', '--monitor', EXAMPLE, '--ticks', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('monitors[0].module: monitor my-monitor: the factory in');
    expect(r.stderr).toContain('threw for world 0: limit (currency units) must be a positive number, got undefined; no options given');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const orphan = await runCli(['run', 'tulip-mania', '--monitor-option', 'limit=5', '--ticks', '5']);
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain('--monitor-option sets an option of a --monitor module; give --monitor <file.ts> too');
  });
});

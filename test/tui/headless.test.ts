/**
 * Not a terminal (CI, a pipe): `tulip tui` and `tulip` with no command run headless and
 * print the summary, exit 0, without touching raw mode.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/tulip.js', import.meta.url));
const tulip = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 120_000 });

describe('headless when not a terminal', () => {
  it('tulip tui <scenario> prints the summary and exits 0', () => {
    const run = tulip('tui', 'tulip-mania', '--ticks', '40');
    expect(run.stderr).toContain('not a terminal, running headless');
    expect(run.stdout).toMatch(/tulip-mania: seed 1, 40 ticks/);
    expect(run.stdout).toContain('trace hash');
    expect(run.status).toBe(0);
  });

  it('tulip with no command runs the default scenario headless and exits 0', () => {
    const run = tulip();
    expect(run.stdout).toMatch(/tulip-mania: seed 1, \d+ ticks/);
    expect(run.stdout).toContain('Run `tulip --help` for the commands.');
    expect(run.stderr).not.toMatch(/raw mode/i);
    expect(run.status).toBe(0);
  });

  it('rejects an unknown --speed with a usage error', () => {
    const run = tulip('tui', 'tulip-mania', '--speed', '7');
    expect(run.stderr).toMatch(/--speed must be one of/);
    expect(run.status).toBe(2);
  });
});

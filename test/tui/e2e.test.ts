/**
 * Runs scripts/tui-e2e.sh: the real app under tmux, driven by keys, checked on screen.
 * Without tmux the script fails loudly (CI has tmux), and so does this test.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/tui-e2e.sh', import.meta.url));

describe('terminal UI end to end (tmux)', () => {
  it('shows the panels, moves the price line, logs events, rolls back, quits on q and Ctrl-C, replays', () => {
    const run = spawnSync('bash', [script], { encoding: 'utf8', timeout: 560_000 });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output, output).toContain('tui-e2e: all checks passed');
    expect(run.status, output).toBe(0);
  }, 580_000);
});

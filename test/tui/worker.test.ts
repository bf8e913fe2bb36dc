/**
 * The simulation worker behind `tulip tui`: commands run there and come back as notices,
 * dashboard data comes back after each change, and finishing writes the trace.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionClient } from '../../src/tui/session-client.ts';
import { initialState } from '../../src/tui/state.ts';
import { themeFor } from '../../src/tui/theme.ts';
import { TULIP_MANIA, until } from './helpers.ts';

let client: SessionClient | undefined;
afterEach(async () => {
  await client?.terminate();
  client = undefined;
});

describe('SessionClient (simulation in a worker thread)', () => {
  it('opens, steps on command, posts dashboard data, and writes the trace on finish', async () => {
    client = await SessionClient.open(TULIP_MANIA, { ticks: 60, backend: 'auto' }, themeFor({}));
    expect(client.title).toBe('Tulip mania');
    expect(client.limits).toEqual({ models: 2, assets: 1, worlds: 1 });
    expect(client.hasCounterfactual).toBe(true);
    const state = initialState({ limits: client.limits, paused: true });
    client.sync({ state, columns: 80, rows: 24 });
    await until(() => client!.data !== undefined, 10_000, 'the first dashboard data');
    expect(client.data!.status).toContain('tick 0/60');
    expect(await client.command('step', state)).toBe('stepped to tick 1');
    await until(() => client!.data!.status.includes('tick 1/60'), 10_000, 'data after the step');
    expect(await client.command('toggle-bug', state)).toBe('A: bug forced on from tick 1');
    // Running: the worker steps by itself at the UI's speed.
    client.sync({ state: { ...state, paused: false, speedIndex: 9 }, columns: 80, rows: 24 });
    await until(() => client!.data!.status.includes('tick 60/60'), 60_000, 'the run to end');
    expect(client.data!.log.map((l) => l.text)).toContain('A: bug forced on');
    const out = join(mkdtempSync(join(tmpdir(), 'tulip-worker-')), 'run');
    const lines = await client.finish(out);
    expect(lines[0]).toMatch(/^tulip tui: tulip-mania stopped at tick 60\/60, trace hash [0-9a-f]{64}$/);
    expect(existsSync(join(out, 'trace.jsonl'))).toBe(true);
    client = undefined;
  });

  it('rejects with the scenario error when the file does not load', async () => {
    await expect(SessionClient.open('/nonexistent/scenario.yaml', {}, themeFor({}))).rejects.toThrow(/file not found/);
  });
});

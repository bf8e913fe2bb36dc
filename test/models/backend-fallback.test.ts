/**
 * Backend choice. @tensorflow/tfjs-node is an optional dependency that is absent here (its
 * install needs the internet); `auto` must then fall back to wasm and say why in one line,
 * an explicit `tensorflow` must fail with a message that says what to use instead, and
 * `cpu` must work. `TULIP_NO_NATIVE=1` forces the absence, so the child-process checks hold
 * on machines where tfjs-node did install.
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackendError, selectBackend, tf } from '../../src/models/backend.ts';
import { runToEnd, smallMania } from '../helpers/scenarios.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';

const nativeInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

const WHY = "(Cannot find module '@tensorflow/tfjs-node'|disabled by TULIP_NO_NATIVE=1)";

describe('selectBackend without tfjs-node', () => {
  beforeAll(() => {
    // On this machine tfjs-node is absent; where it is installed, make it absent.
    if (nativeInstalled) process.env.TULIP_NO_NATIVE = '1';
  });

  it("'auto' picks wasm and its note says so, and why", async () => {
    const selection = await selectBackend('auto');
    expect(selection.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selection.note).toMatch(new RegExp(`^backend: wasm \\(@tensorflow/tfjs-node not available: ${WHY}\\)$`));
  });

  it("'tensorflow' fails with a BackendError that names the alternatives", async () => {
    const attempt = selectBackend('tensorflow');
    await expect(attempt).rejects.toBeInstanceOf(BackendError);
    await expect(attempt).rejects.toThrow(new RegExp(`^backend tensorflow is not available: @tensorflow/tfjs-node did not load \\(${WHY}\\); use --backend auto, wasm or cpu$`));
  });

  it("'cpu' works: a simulation built on it runs and names cpu in its trace header", async () => {
    expect(await selectBackend('cpu')).toEqual({ name: 'cpu', note: 'backend: cpu' });
    expect(tf.getBackend()).toBe('cpu');
    const header = await runToEnd(smallMania(), { backend: 'cpu', ticks: 80 }, (sim) => sim.header(0));
    expect(header.backend).toBe('cpu');
    // And back: the choice is not sticky.
    expect(await selectBackend('wasm')).toEqual({ name: 'wasm', note: 'backend: wasm' });
  });
});

describe('tulip run with TULIP_NO_NATIVE=1', () => {
  const env = { TULIP_NO_NATIVE: '1' };
  const run = (...extra: string[]) => runCli(['run', 'tulip-mania', '--json', '--ticks', '5', ...extra], env);
  let auto: CliResult;
  let tensorflow: CliResult;
  let cpu: CliResult;

  beforeAll(async () => {
    [auto, tensorflow, cpu] = await Promise.all([run(), run('--backend', 'tensorflow'), run('--backend', 'cpu')]);
  });

  it('falls back to wasm, saying so in exactly one line on stderr', () => {
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stderr).toBe('backend: wasm (@tensorflow/tfjs-node not available: disabled by TULIP_NO_NATIVE=1)\n');
    expect(JSON.parse(auto.stdout).backend).toBe('wasm');
  });

  it('--backend tensorflow exits 2 with one clear message and no stack trace', () => {
    expect(tensorflow.code).toBe(2);
    expect(tensorflow.stdout).toBe('');
    expect(tensorflow.stderr).toBe('tulip: backend tensorflow is not available: @tensorflow/tfjs-node did not load (disabled by TULIP_NO_NATIVE=1); use --backend auto, wasm or cpu\n');
  });

  it('--backend cpu runs on cpu', () => {
    expect(cpu.code, cpu.stderr).toBe(0);
    expect(cpu.stderr).toBe('backend: cpu\n');
    expect(JSON.parse(cpu.stdout).backend).toBe('cpu');
  });
});

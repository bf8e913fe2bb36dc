/**
 * `tulip calibrate`: the threshold found for a target ARL0 gives that ARL0 on fresh
 * seeds; for CUSUM on iid N(0, 1) it is the textbook h for the textbook ARL0; the saved
 * file drives `tulip eval --calibrated`; bad requests are one clear message.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrateMonitor } from '../../src/analysis/calibrate.ts';
import { runCli } from '../helpers/cli.ts';
import { SMALL_MANIA } from '../helpers/scenarios.ts';

const seeds = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tulip-calibrate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('calibrateMonitor', () => {
  it('page-hinkley on iid: the calibrated threshold gives the target ARL0 on other seeds', async () => {
    const options = { series: 'return:X' };
    const c = await calibrateMonitor({ monitor: 'page-hinkley', options, scenario: 'iid', seeds: seeds(1, 30), ticks: 3000, arl0: 500 });
    expect(c.calibrated!.estimate.arl0).toBeGreaterThanOrEqual(500);
    expect(c.calibrated!.estimate.lower).toBeLessThan(500);
    expect(c.calibrated!.threshold).toBeLessThan(50); // the default (λ = 50) has ARL0 ≈ 1700 here
    const check = await calibrateMonitor({ monitor: 'page-hinkley', options: c.options, scenario: 'iid', seeds: seeds(101, 160), ticks: 3000 });
    expect(check.given.threshold).toBe(c.calibrated!.threshold);
    expect(check.given.estimate.arl0).toBeGreaterThan(500 / 1.4);
    expect(check.given.estimate.arl0).toBeLessThan(500 * 1.4);
  });

  it('cusum (k = 0.5) on iid N(0, 1) calibrated to ARL0 168 finds h ≈ 4 (Brook–Evans: 168 at h = 4)', async () => {
    const c = await calibrateMonitor({ monitor: 'cusum', options: { series: 'return:X', mean: 0, sigma: 1, k: 0.5 }, scenario: 'iid', seeds: seeds(1, 200), ticks: 1000, arl0: 168 });
    expect(c.parameter).toBe('h');
    expect(c.calibrated!.threshold).toBeGreaterThan(3.7);
    expect(c.calibrated!.threshold).toBeLessThan(4.3);
  });

  it('a p-value monitor is calibrated downward (alarm below the threshold)', async () => {
    const c = await calibrateMonitor({ monitor: 'ks', options: { series: 'return:X', reference: 30, window: 20 }, scenario: 'iid', seeds: seeds(1, 20), ticks: 1500, arl0: 300 });
    expect(c.direction).toBe('below');
    expect(c.calibrated!.estimate.arl0).toBeGreaterThanOrEqual(300);
    const stricter = await calibrateMonitor({ monitor: 'ks', options: { series: 'return:X', reference: 30, window: 20 }, scenario: 'iid', seeds: seeds(1, 20), ticks: 1500, arl0: 1000 });
    expect(stricter.calibrated!.threshold).toBeLessThan(c.calibrated!.threshold);
  });

  it('refuses a monitor without that option, naming its options', async () => {
    await expect(calibrateMonitor({ monitor: 'adwin', options: { series: 'return:X' }, scenario: 'iid', seeds: [1], arl0: 100 })).rejects.toThrow(/adwin has no option threshold to calibrate; its options: series, delta, hold/);
  });
});

describe('tulip calibrate and eval --calibrated', () => {
  it('saves the calibrated options, and eval runs the monitor with them', async () => {
    const file = join(dir, 'cusum.json');
    const cal = await runCli(['calibrate', '--monitor', 'cusum', '--options', '{"series":"return:X","mean":0,"sigma":1}', '--scenario', 'iid', '--seeds', '1..20', '--ticks', '2000', '--arl0', '300', '--save', file]);
    expect(cal.code).toBe(0);
    expect(cal.stdout).toMatch(/^calibrate cusum on iid: seeds 1\.\.20 × 2000 ticks \(40000 world-ticks\)/);
    expect(cal.stdout).toMatch(/target ARL0 300: h [\d.]+ gives ARL0 \d+ \[95% CI \d+\.\.\d+\]/);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { format: string; options: { h: number } };
    expect(saved.format).toBe('tulip-calibration');
    expect(saved.options.h).toBeGreaterThan(4);

    const suite = join(dir, 'suite');
    mkdirSync(suite);
    writeFileSync(join(suite, 'calm.yaml'), `${SMALL_MANIA.replace(/ {4}bugs:\n.*\n/, '')}truth: { loop: false }\n`);
    const ev = await runCli(['eval', '--calibrated', file, '--suite', suite, '--seeds', '1..2', '--json']);
    expect(ev.code).toBe(0);
    expect(ev.stderr).toContain('eval: cusum calibrated on iid to ARL0 300 (h ');
    expect((JSON.parse(ev.stdout) as { options: { h: number } }).options.h).toBe(saved.options.h);

    const both = await runCli(['eval', '--calibrated', file, '--monitor', 'bubble']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--calibrated names the monitor already; leave out --monitor');
    const noTarget = await runCli(['calibrate', '--monitor', 'bubble', '--save', file]);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('--save writes calibrated options: give --arl0 <ticks> too');
  });
});

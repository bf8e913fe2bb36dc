/**
 * `tulip eval` as a user's CI runs it: results saved as a baseline, the same monitor
 * passes against it, a deliberately worsened monitor (a higher threshold) fails naming
 * each metric that regressed, and bad input gets one clear message and exit code 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { SMALL_MANIA } from '../helpers/scenarios.ts';

let dir: string;
let suite: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tulip-eval-'));
  suite = join(dir, 'suite');
  mkdirSync(suite);
  writeFileSync(join(suite, 'loop.yaml'), `${SMALL_MANIA}truth: { loop: true, intervene: { models.A.bugs: [] }, epsilon: 2, consecutive: 3, before: 10, after: 80 }\n`);
  writeFileSync(join(suite, 'calm.yaml'), `${SMALL_MANIA.replace(/ {4}bugs:\n.*\n/, '')}truth: { loop: false }\n`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = () => ['eval', '--monitor', 'bubble', '--suite', suite, '--seeds', '1..2'];

describe('tulip eval', () => {
  it('--save writes results; the same monitor passes --baseline; a worse one exits 1 naming each regressed metric', async () => {
    const saved = await runCli([...base(), '--options', '{"threshold":0.05}', '--save', join(dir, 'results.json')]);
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/^monitor bubble \{"threshold":0.05\}: 2 scenarios × seeds 1..2/);
    expect(saved.stdout).toMatch(/\nloop +2\/2 /);
    expect(saved.stdout).toMatch(/\n {2}every 50 ticks +/);
    expect(saved.stdout).toMatch(/\noverall +2\/4 /);
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { format: string; scenarios: { scenario: string }[] };
    expect(results.format).toBe('tulip-eval');
    expect(results.scenarios.map((s) => s.scenario)).toEqual(['calm', 'loop']);

    const same = await runCli([...base(), '--options', '{"threshold":0.05}', '--baseline', join(dir, 'results.json')]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('no metric regressed against');

    const worse = await runCli([...base(), '--options', '{"threshold":0.5}', '--baseline', join(dir, 'results.json')]);
    expect(worse.code).toBe(1);
    const regressed = worse.stdout.split('\n').filter((l) => l.startsWith('REGRESSED '));
    expect(regressed.length).toBeGreaterThan(0);
    for (const line of regressed) expect(line).toMatch(/^REGRESSED (overall|loop|calm): (detectionRate|missedRate|meanDelay|medianDelay|falseAlarmsPer1000|mtbfa|arl0|precision|normalisedDelay|episodeRecall|meanTimeRatio) regressed: /);
    // At 0.5 the bubble monitor never fires in these short runs: every loop is missed.
    expect(worse.stdout).toContain('REGRESSED overall: detectionRate regressed: 1.00 -> 0.00 (higher is better; tolerance 5%)');
    expect(worse.stdout).toContain(`${regressed.length} metric(s) regressed against`);
  });

  it('--baseline refuses results of another monitor or suite before running, naming both (exit 2)', async () => {
    const other = await runCli(['eval', '--monitor', 'range', '--options', '{"model":"A"}', '--suite', suite, '--seeds', '1..2', '--baseline', join(dir, 'results.json')]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--baseline: saved for another monitor: the baseline is monitor bubble {"threshold":0.05} on suite [calm, loop]; this run is monitor range {"model":"A"} on suite [calm, loop]');
    expect(other.stderr).not.toMatch(/\n\s+at /);
    const partial = join(dir, 'partial');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'calm.yaml'), readFileSync(join(suite, 'calm.yaml'), 'utf8'));
    const suiteDiffers = await runCli(['eval', '--monitor', 'bubble', '--suite', partial, '--seeds', '1..2', '--baseline', join(dir, 'results.json')]);
    expect(suiteDiffers.code).toBe(2);
    expect(suiteDiffers.stderr).toContain('saved for another suite: the baseline is monitor bubble {"threshold":0.05} on suite [calm, loop]; this run is monitor bubble on suite [calm]');
  });

  it('prints the peer metrics beside both baselines, always-fire included', async () => {
    const r = await runCli([...base(), '--options', '{"threshold":0.05}']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/norm\. delay +episode recall +mean-time ratio/);
    expect(r.stdout).toMatch(/\n {2}always fire +/);
    expect(r.stdout).toMatch(/\nalways fire +0\.00 +100% /);
  });

  it('bad input: one message naming the flag and what is allowed, exit code 2, no stack trace', async () => {
    const options = await runCli([...base(), '--options', '{threshold: 1}']);
    expect(options.code).toBe(2);
    expect(options.stderr).toContain('tulip: --options must be a JSON object');
    expect(options.stderr).not.toMatch(/\n\s+at /);
    // (an unknown --monitor and a missing --baseline file: test/analysis/evaluate.test.ts, baseline.test.ts)
  });
});

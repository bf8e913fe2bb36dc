/**
 * `tulip facts` as a user runs it: the garch market (the default) shows the stylized facts
 * the gaussian one lacks — heavy tails and volatility clustering — and every bad option
 * is one clear message with exit code 2, given before anything runs.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import type { MarketFactsResult } from '../../src/analysis/market-facts.ts';

/** The JSON `tulip facts --format json` prints is the analysis's result, as is. */
type FactsJson = MarketFactsResult;

const SMALL = ['--ticks', '1500', '--worlds', '3'];

async function facts(...extra: string[]): Promise<FactsJson> {
  const r = await runCli(['facts', 'calm', ...SMALL, '--format', 'json', ...extra]);
  expect(r.stderr).not.toContain('internal error');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as FactsJson;
}

describe('tulip facts', () => {
  it('the garch market has heavier tails and more volatility clustering than the gaussian one', async () => {
    const [garch, gaussian] = await Promise.all([facts(), facts('--set', 'market.style=gaussian')]);
    expect(garch.style).toBe('garch');
    expect(gaussian.style).toBe('gaussian');
    for (const r of [garch, gaussian]) {
      expect(r).toMatchObject({ scenario: 'calm', asset: 'X', seeds: [1, 2, 3], ticks: 1500, after: 300 });
      expect(r.perWorld).toHaveLength(3);
      expect(r.perWorld.every((w) => w.n === 1199)).toBe(true); // the returns of ticks 301..1499
    }
    expect(garch.summary.excessKurtosis!.median).toBeGreaterThan(gaussian.summary.excessKurtosis!.median);
    expect(garch.summary.acfAbs1!.median).toBeGreaterThan(gaussian.summary.acfAbs1!.median);
  }, 120_000);

  it('prints a table with the real-market reference, in text and markdown', async () => {
    const [text, markdown] = await Promise.all([
      runCli(['facts', 'calm', '--ticks', '400', '--worlds', '2', '--after', '50']),
      runCli(['facts', 'calm', '--ticks', '400', '--worlds', '2', '--after', '50', '--format', 'markdown']),
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^facts calm: market.style garch, asset X, seeds 1..2 \(2 worlds\); 1-tick log returns of ticks 51..399 \(349 per world\)/);
    expect(text.stdout).toMatch(/\nexcess kurtosis +-?\d+\.\d+ +.* to .* +5 to 50\n/);
    expect(text.stdout).toContain('about 3 (2 to 5)');
    expect(text.stdout).toMatch(/acf r lag 1 .*≈ 0 \(\|ρ\| < 0.05\)/);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain('| statistic | median | 10th–90th pct | real markets |');
    expect(markdown.stdout).toMatch(/\| leverage corr\(r_t, r_t\+1²\) \| -?\d\.\d+ \| .* \| negative \|/);
  }, 120_000);

  it('refuses bad options with one message naming the option, exit 2, no stack trace', async () => {
    const cases: [string[], string][] = [
      [['--asset', 'Y'], '--asset must be an asset of the scenario (X), got "Y"'],
      [['--ticks', '500', '--after', '500'], '--after must be below --ticks (500)'],
      [['--after', '6000'], '--after must be below --ticks (5000)'],
      [['--ticks', '1.5'], '--ticks must be a whole number from 1 to 1000000, got "1.5"'],
      [['--worlds', 'two'], '--worlds must be a whole number'],
      [['--after', '-1'], '--after must be a whole number'],
      [['--format', 'csv'], '--format must be one of text, json, markdown, got "csv"'],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(['facts', 'calm', ...args])));
    results.forEach((r, i) => {
      const [args, message] = cases[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
  }, 120_000);
});

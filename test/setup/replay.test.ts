/**
 * Real price paths: `fundamental.replay: { file, column }` drives an asset's value from a
 * CSV file; its SHA-256 is in the trace header (and so in the hash); a bad file is one
 * exit-2 message naming the file and what is wrong, before any work.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { runSummary } from '../../src/setup/summary.ts';
import { ScenarioError } from '../../src/config/errors.ts';
import { runCli } from '../helpers/cli.ts';
import { samplePricesCsv, SAMPLE_FILE } from '../../scripts/sample-prices.ts';

const dir = mkdtempSync(join(tmpdir(), 'tulip-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenario(name: string, csv: string, ticks = 40, column = 'close'): string {
  writeFileSync(join(dir, `${name}.csv`), csv);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `title: replay ${name}
lesson: A replayed value.
ticks: ${ticks}
market:
  assets:
    X: { fundamental: { replay: { file: ${name}.csv, column: ${column} } } }
models: {}
`,
  );
  return file;
}

const path = (n: number) => ['date,close', ...Array.from({ length: n }, (_, k) => `2024-01-${String(k + 1).padStart(2, '0')},${(50 + k).toFixed(2)}`)].join('\n') + '\n';

describe('a replayed value', () => {
  it('is the file’s row t after tick t, in every world, and starts the price at row 0', async () => {
    const sim = await buildSimulation(loadScenarioFile(scenario('good', path(60))), { worlds: 3, bank: 'f64' });
    const value = sim.readings.get('value:X');
    const price = sim.readings.get('price:X');
    expect(price.read(1)).toBeCloseTo(50, 10);
    for (let t = 0; t < 40; t++) {
      sim.step();
      for (let w = 0; w < 3; w++) expect(value.read(w)).toBeCloseTo(50 + t, 9);
    }
  });

  it('puts the file’s SHA-256 in the trace header, so another file gives another hash', async () => {
    const csv = path(60);
    const sim = await buildSimulation(loadScenarioFile(scenario('hashed', csv)), { bank: 'f64' });
    expect(sim.header(0).data).toEqual({ 'replay:X': createHash('sha256').update(csv).digest('hex') });
    sim.run();
    const other = await buildSimulation(loadScenarioFile(scenario('other', csv.replace('51.00', '51.01'))), { bank: 'f64' });
    other.run();
    expect(runSummary(other).traceHash).not.toBe(runSummary(sim).traceHash);
  });
});

describe('a bad replay file', () => {
  const problem = (file: string): string => {
    try {
      loadScenarioFile(file);
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      return (err as Error).message;
    }
    throw new Error('loaded');
  };

  it('with fewer rows than ticks names the file and both numbers', () => {
    const message = problem(scenario('short', path(30), 40));
    expect(message).toContain('market.assets.X.fundamental.replay.file');
    expect(message).toContain(join(dir, 'short.csv'));
    expect(message).toMatch(/has 30 rows of values, fewer than the 40 ticks/);
  });

  it('with a bad value names its line; a missing column lists the header; a missing file says so', () => {
    expect(problem(scenario('text', path(50).replace('55.00', 'n/a')))).toMatch(/line 7, column "close": "n\/a" is not a positive number/);
    expect(problem(scenario('negative', path(50).replace('55.00', '-1')))).toMatch(/line 7, column "close": "-1" is not a positive number/);
    expect(problem(scenario('column', path(50), 40, 'price'))).toMatch(/no column "price"; its header has: "date", "close"/);
    const missing = join(dir, 'missing.yaml');
    writeFileSync(missing, readFileSync(scenario('gone', path(50)), 'utf8').replace('gone.csv', 'nowhere.csv'));
    expect(problem(missing)).toMatch(/nowhere\.csv: file not found/);
  });

  it('is exit code 2 from the CLI with one message and no stack trace, also when --ticks asks for more rows', async () => {
    const file = scenario('cli', path(50), 40);
    const ok = await runCli(['run', file, '--bank', 'f64']);
    expect(ok.code, ok.stderr).toBe(0);
    const more = await runCli(['run', file, '--bank', 'f64', '--ticks', '80']);
    expect(more.code).toBe(2);
    expect(more.stderr).toMatch(/has 50 rows of values, fewer than the 80 ticks/);
    expect(more.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the shipped sample path', () => {
  it('is what scripts/sample-prices.ts writes (regenerate it with that script)', () => {
    expect(readFileSync(SAMPLE_FILE, 'utf8')).toBe(samplePricesCsv());
  });
});

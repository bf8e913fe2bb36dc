/**
 * `tulip compare`'s reduction of sweep rows to one row per combination: the median and
 * quartiles of each metric over the seeds. The end-to-end case pins that a compare row is
 * the individual runs: for each combination, each seed run alone (W = 1) with the same
 * overrides gives figures whose median is the compare median, to the bit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aggregateRows, checkMetrics, compareSeeds, defaultMetrics, defaultModel, quantile, runCompare, summarize, type CompareResult } from '../../src/sweep/compare.ts';
import { cellText, compareCsv, compareJson, formatCompareTable, seedsText, titleLines } from '../../src/sweep/compare-format.ts';
import { parseVary } from '../../src/sweep/plan.ts';
import type { SweepColumn } from '../../src/sweep/rows.ts';
import { median, worldSummary, type WorldSummary } from '../../src/setup/summary.ts';
import { loadScenarioFile } from '../../src/setup/loader.ts';
import { SMALL_MANIA, runToEnd, smallMania } from '../helpers/scenarios.ts';

describe('compare statistics', () => {
  it('interpolates quartiles linearly between order statistics (numpy default)', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([7], 0.25)).toBe(7);
  });

  it('uses the engine median, skips NaN and missing values, and is all null without values', () => {
    expect(summarize([4, null, 1, Number.NaN, 3, 2])).toEqual({ median: median([1, 2, 3, 4]), p25: 1.75, p75: 3.25, n: 4 });
    expect(summarize([null, undefined])).toEqual({ median: null, p25: null, p75: null, n: 0 });
  });
});

describe('compare defaults', () => {
  const loaded = smallMania();
  it('takes --model, else the first --vary naming a model, else the first enabled model', () => {
    expect(defaultModel(loaded, [], 'B')).toBe('B');
    expect(defaultModel(loaded, [parseVary('market.impact=0,1'), parseVary('models.B.training.mode=static,dynamic')])).toBe('B');
    expect(defaultModel(loaded, [])).toBe('A');
    expect(defaultModel(smallMania('models.A.enabled=false'), [])).toBe('B');
    expect(() => defaultModel(loaded, [], 'C')).toThrow('--model C: small-mania has no model "C"; its models: A, B');
  });

  it("names the model's figures and its asset's peak deviation", () => {
    expect(defaultMetrics(loaded, 'B')).toEqual([
      'models.B.pnl',
      'models.B.predictionError',
      'models.B.serving.coverage',
      'models.B.serving.staleness',
      'models.B.serving.computeCost',
      'assets.X.peakDeviation',
    ]);
  });

  it("runs --seeds, else the scenario's expect.seeds, else 1..20", () => {
    expect(compareSeeds(loaded, { first: 4, last: 6 })).toEqual({ seeds: { first: 4, last: 6 }, from: 'option' });
    expect(compareSeeds(loaded)).toEqual({ seeds: Array.from({ length: 20 }, (_, k) => k + 1), from: 'default' });
    const withExpect = smallMania('expect={seeds: [3, 5], checks: [{name: n, metric: models.A.pnl, atLeast: 0}]}');
    expect(compareSeeds(withExpect)).toEqual({ seeds: [3, 5], from: 'expect' });
  });

  it('refuses a --metrics name no run has, listing those it has', () => {
    const columns: SweepColumn[] = ['seed', 'variant'].map((name) => ({ name, type: 'int32', unit: '' }));
    columns.push({ name: 'vary.market.impact', type: 'float64', unit: '' }, { name: 'models.A.pnl', type: 'float64', unit: '' }, { name: 'traceHash', type: 'utf8', unit: '' });
    expect(() => checkMetrics(['models.A.pnl'], columns)).not.toThrow();
    expect(() => checkMetrics(['models.A.pnl', 'models.A.pnk'], columns)).toThrow("--metrics: models.A.pnk is not a field of these runs' summaries; available: models.A.pnl");
  });
});

/** A small result by hand: two combinations, one metric everywhere, one only in the first, one in none. */
function handResult(): CompareResult {
  const columns: SweepColumn[] = [
    { name: 'seed', type: 'int32', unit: '' },
    { name: 'variant', type: 'int32', unit: '' },
    { name: 'vary.models.B.enabled', type: 'bool', unit: '' },
    { name: 'assets.X.peakDeviation', type: 'float64', unit: '' },
    { name: 'models.B.pnl', type: 'float64', unit: '' },
  ];
  const rows = [
    [1, 0, true, 0.5, 10],
    [2, 0, true, 0.25, 30],
    [3, 0, true, 0.125, 20],
    [1, 1, false, 0.25, null],
    [2, 1, false, 0.5, null],
    [3, 1, false, Number.NaN, null],
  ];
  const metrics = ['models.B.pnl', 'models.B.predictionError', 'assets.X.peakDeviation'];
  const grid = [{ values: [true], texts: ['true'] }, { values: [false], texts: ['false'] }];
  return {
    scenario: 'hand',
    seeds: [1, 2, 3],
    seedsFrom: 'option',
    ticks: [200],
    backend: 'wasm',
    vary: ['models.B.enabled'],
    metrics,
    absent: ['models.B.predictionError'],
    rows: aggregateRows(columns, rows, grid, ['models.B.enabled'], metrics),
  };
}

describe('compare outputs', () => {
  const r = handResult();

  it('reduces each combination and marks missing metrics', () => {
    expect(r.rows.map((row) => row.vary)).toEqual([{ 'models.B.enabled': true }, { 'models.B.enabled': false }]);
    expect(r.rows[0]!.cells['models.B.pnl']).toEqual({ median: 20, p25: 15, p75: 25, n: 3 });
    expect(r.rows[1]!.cells['models.B.pnl']!.n).toBe(0);
    expect(r.rows[0]!.cells['models.B.predictionError']!.n).toBe(0);
    expect(r.rows[1]!.cells['assets.X.peakDeviation']).toEqual({ median: 0.375, p25: 0.3125, p75: 0.4375, n: 2 });
  });

  it('prints an aligned table with a header naming scenario, seeds and spread, "—" for missing values, and notes', () => {
    const text = formatCompareTable(r);
    const lines = text.split('\n');
    expect(lines[0]).toBe('hand: 2 combinations x 3 seeds 1..3, 200 ticks, backend wasm');
    expect(lines[1]).toMatch(/^each cell: median \[p25\.\.p75\] over the seeds; p25\.\.p75: the quartiles/);
    expect(lines[3]).toMatch(/^models\.B\s+models\.B\s+models\.B\s+assets\.X$/);
    expect(lines[4]).toMatch(/^enabled\s+pnl\s+predictionError\s+peakDeviation$/);
    expect(lines[6]).toMatch(/^true\s+20\.0 \[15\.0\.\.25\.0\]\s+—\s+0\.250 \[0\.188\.\.0\.375\]$/);
    expect(lines[7]).toMatch(/^false\s+—\s+—\s+0\.375 \[0\.313\.\.0\.438\] n=2$/);
    expect(text).toContain("— models.B.predictionError: no run reports this field (not in these runs' summaries)");
    expect(text).toContain('— models.B.pnl: no value in 1 of 2 combinations');
    expect(text).toContain('n=k: only k of the 3 seeds had a value');
    // Every data line is as wide as the separator line (right-aligned figures).
    expect(new Set(lines.slice(5, 8).map((l) => l.length)).size).toBe(1);
    expect(formatCompareTable(r, { colour: true })).toContain('\x1b[1mmodels.B');
    expect(text).not.toContain('\x1b');
  });

  it('writes CSV and JSON that parse back to the same figures', () => {
    const [header, ...lines] = compareCsv(r).trimEnd().split('\n');
    expect(header!.split(',').slice(0, 5)).toEqual(['vary.models.B.enabled', 'models.B.pnl.median', 'models.B.pnl.p25', 'models.B.pnl.p75', 'models.B.pnl.n']);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['true', '20', '15', '25', '3']);
    expect(lines[1]!.split(',').slice(0, 5)).toEqual(['false', '', '', '', '0']);
    const json = JSON.parse(compareJson(r)) as { scenario: string; seeds: number[]; metrics: string[]; rows: { vary: object; cells: object }[] };
    expect(json).toMatchObject({ scenario: 'hand', seeds: [1, 2, 3], metrics: r.metrics, absent: ['models.B.predictionError'] });
    expect(json.rows).toEqual(r.rows.map((row) => ({ vary: row.vary, cells: row.cells })));
  });

  it('names seeds and columns compactly', () => {
    expect(seedsText([1, 2, 3])).toBe('1..3');
    expect(seedsText([1, 5, 9])).toBe('1,5,9');
    expect(seedsText([4])).toBe('4');
    expect(titleLines('models.A.serving.coverage')).toEqual(['models.A', 'serving.coverage']);
    expect(titleLines('alertCount')).toEqual(['', 'alertCount']);
    expect(cellText({ median: 1234.5, p25: 1000, p75: 2000, n: 3 }, 3)).toBe('1235 [1000..2000]');
  });
});

describe('compare rows are the individual runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tulip-compare-'));
  const file = join(dir, 'small-mania.yaml');
  const vary = [parseVary('models.B.training.mode=static,dynamic'), parseVary('market.impact=0.0005,0.001')];
  const seeds = [1, 2, 3];
  let result: CompareResult;

  beforeAll(async () => {
    writeFileSync(file, SMALL_MANIA);
    result = await runCompare({ scenarioFile: file, seeds: { first: 1, last: 3 }, vary, sets: [], backend: 'wasm', workers: 1 });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the cartesian product in grid order, first --vary slowest', () => {
    expect(result.rows.map((r) => r.texts)).toEqual([
      ['static', '0.0005'],
      ['static', '0.001'],
      ['dynamic', '0.0005'],
      ['dynamic', '0.001'],
    ]);
    expect(result.rows[1]!.vary).toEqual({ 'models.B.training.mode': 'static', 'market.impact': 0.001 });
    expect(result).toMatchObject({ scenario: 'small-mania', seeds, seedsFrom: 'option', ticks: [200], vary: vary.map((a) => a.path) });
    expect(result.metrics).toEqual(defaultMetrics(loadScenarioFile(file), 'B'));
  });

  it('gives, for every combination and metric, the median and quartiles of the seeds run one by one', async () => {
    for (const row of result.rows) {
      const sets = vary.map((a, i) => `${a.path}=${row.texts[i]}`);
      const single: WorldSummary[] = [];
      for (const seed of seeds) single.push(await runToEnd(loadScenarioFile(file, sets), { seeds: [seed], backend: 'wasm' }, (sim) => worldSummary(sim, 0)));
      for (const metric of result.metrics) {
        const values = single.map((s) => pick(s, metric));
        if (values.every((v) => v === undefined)) {
          // A field the summary does not have (yet): missing in the table, listed as absent.
          expect(row.cells[metric]).toEqual({ median: null, p25: null, p75: null, n: 0 });
          expect(result.absent).toContain(metric);
        } else {
          expect(row.cells[metric]).toEqual(summarize(values));
          expect(row.cells[metric]!.median).toBe(median(values as number[]));
        }
      }
    }
    // The combinations really differ (B static vs dynamic, impact 0.0005 vs 0.001).
    expect(new Set(result.rows.map((r) => r.cells['assets.X.peakDeviation']!.median)).size).toBe(4);
  }, 120_000);
});

/** A dotted summary field, or undefined when the summary has no such number. */
function pick(summary: WorldSummary, dotted: string): number | undefined {
  let node: unknown = summary;
  for (const key of dotted.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'number' ? node : undefined;
}

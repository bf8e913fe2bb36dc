/**
 * `tulip compare` end to end, in child processes run in parallel: the table, CSV and JSON
 * outputs agree with each other (and a run on 2 worker threads with one in this thread),
 * missing metrics show as "—" with a note, and input mistakes are one message with exit
 * code 2 — a bad --vary path gets exactly `tulip sweep`'s message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli, type CliResult } from '../helpers/cli.ts';
import { sweepDir } from '../sweep/fixture.ts';

const tmp = sweepDir('compare');
const GRID = ['--vary', 'models.A.training.mode=static,dynamic', '--vary', 'models.B.enabled=true,false', '--seeds', '1..3', '--backend', 'wasm'];
const BAD_PATH = ['--vary', 'models.A.trainng.mode=static,dynamic', '--seeds', '1..3', '--backend', 'wasm'];

const RUNS: Record<string, string[]> = {
  json: ['compare', tmp.scenario, ...GRID, '--format', 'json', '--workers', '2'],
  csv: ['compare', tmp.scenario, ...GRID, '--format', 'csv'],
  table: ['compare', tmp.scenario, ...GRID],
  partial: ['compare', tmp.scenario, '--vary', 'models.B.enabled=true,false', '--seeds', '1..3', '--backend', 'wasm', '--metrics', 'models.B.pnl,assets.X.peakDeviation'],
  unknownMetric: ['compare', tmp.scenario, ...GRID, '--metrics', 'models.A.pnl,models.A.nope'],
  badPath: ['compare', tmp.scenario, ...BAD_PATH],
  badPathSweep: ['sweep', tmp.scenario, ...BAD_PATH, '--out', join(tmp.dir, 'sweep-out')],
  badFormat: ['compare', tmp.scenario, ...GRID, '--format', 'xml'],
  badModel: ['compare', tmp.scenario, ...GRID, '--model', 'Z'],
};

interface JsonCell {
  median: number | null;
  p25: number | null;
  p75: number | null;
  n: number;
}
interface JsonOut {
  scenario: string;
  seeds: number[];
  metrics: string[];
  absent: string[];
  rows: { vary: Record<string, unknown>; cells: Record<string, JsonCell> }[];
}

describe('tulip compare', () => {
  const results = new Map<string, CliResult>();
  beforeAll(async () => {
    await Promise.all(Object.entries(RUNS).map(([name, args]) => runCli(args, { NO_COLOR: '' }).then((r) => results.set(name, r))));
  }, 180_000);
  afterAll(() => tmp.cleanup());

  const ok = (name: string): string => {
    const r = results.get(name)!;
    expect(r.stderr).not.toContain('tulip:');
    expect(r.code).toBe(0);
    return r.stdout;
  };

  it('prints JSON with one row per combination in grid order, first --vary slowest', () => {
    const json = JSON.parse(ok('json')) as JsonOut;
    expect(json.scenario).toBe('sweep-fixture');
    expect(json.seeds).toEqual([1, 2, 3]);
    expect(json.rows.map((r) => r.vary)).toEqual([
      { 'models.A.training.mode': 'static', 'models.B.enabled': true },
      { 'models.A.training.mode': 'static', 'models.B.enabled': false },
      { 'models.A.training.mode': 'dynamic', 'models.B.enabled': true },
      { 'models.A.training.mode': 'dynamic', 'models.B.enabled': false },
    ]);
    // The default metrics are the first --vary's model's (A) and its asset's.
    expect(json.metrics[0]).toBe('models.A.pnl');
    expect(json.metrics.at(-1)).toBe('assets.X.peakDeviation');
    expect(json.rows[0]!.cells['assets.X.peakDeviation']!.n).toBe(3);
    for (const m of json.absent) expect(json.rows.every((r) => r.cells[m]!.n === 0 && r.cells[m]!.median === null)).toBe(true);
  });

  it('prints CSV with the same figures (in this thread) as the JSON (2 worker threads)', () => {
    const json = JSON.parse(ok('json')) as JsonOut;
    const [header, ...lines] = ok('csv').trimEnd().split('\n');
    const names = header!.split(',');
    expect(names.slice(0, 2)).toEqual(['vary.models.A.training.mode', 'vary.models.B.enabled']);
    expect(names.slice(2)).toEqual(json.metrics.flatMap((m) => ['median', 'p25', 'p75', 'n'].map((s) => `${m}.${s}`)));
    expect(lines).toHaveLength(4);
    lines.forEach((line, i) => {
      const cells = line.split(',');
      expect(cells.slice(0, 2)).toEqual([String(json.rows[i]!.vary['models.A.training.mode']), String(json.rows[i]!.vary['models.B.enabled'])]);
      json.metrics.forEach((m, k) => {
        const c = json.rows[i]!.cells[m]!;
        const figures = cells.slice(2 + 4 * k, 6 + 4 * k);
        expect(figures).toEqual([c.median, c.p25, c.p75, c.n].map((x) => (x === null ? '' : String(x))));
      });
    });
  });

  it('prints an aligned table: header, one line per combination, "—" and a note for metrics no run reports', () => {
    const json = JSON.parse(ok('json')) as JsonOut;
    const text = ok('table');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('sweep-fixture: 4 combinations x 3 seeds 1..3, 40 ticks, backend wasm');
    expect(lines[1]).toMatch(/^each cell: median \[p25\.\.p75\] over the seeds; p25\.\.p75: the quartiles/);
    expect(text).not.toContain('\x1b'); // not a terminal: no colours
    const body = lines.slice(6, 10);
    expect(body.map((l) => l.split(/\s+/).slice(0, 2))).toEqual([
      ['static', 'true'],
      ['static', 'false'],
      ['dynamic', 'true'],
      ['dynamic', 'false'],
    ]);
    // The metrics the summary has today are figures; those it lacks (if any) are "—" and named below.
    const present = json.metrics.filter((m) => !json.absent.includes(m));
    for (const line of body) expect(line.match(/\[[^\]]+\]/g)).toHaveLength(present.length);
    for (const line of body) expect(line.split('—').length - 1).toBe(json.absent.length);
    if (json.absent.length > 0) expect(text).toContain(`— ${json.absent.join(', ')}: no run reports`);
  });

  it('shows "—" for a combination whose runs lack the metric (a disabled model), with a note', () => {
    const lines = ok('partial').trimEnd().split('\n');
    expect(lines[3]).toMatch(/^models\.B\s+models\.B\s+assets\.X$/);
    expect(lines[6]).toMatch(/^true\s+-?\d.*\]\s+\d.*\]$/);
    expect(lines[7]).toMatch(/^false\s+—\s+\d.*\]$/);
    expect(lines.at(-1)).toBe("— models.B.pnl: no value in 1 of 2 combinations (the field is not in those runs' summaries, e.g. a disabled model)");
  });

  it('refuses a --metrics name no run has: one message naming it and the available fields, exit 2', () => {
    const r = results.get('unknownMetric')!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tulip: --metrics: models\.A\.nope is not a field of these runs' summaries; available: assets\.X\.finalPrice, .*models\.A\.pnl, .*alertCount, firstAlertTick\n$/m);
  });

  it('refuses a bad --vary path with exactly the message tulip sweep gives', () => {
    const compare = results.get('badPath')!;
    const sweep = results.get('badPathSweep')!;
    expect(compare.code).toBe(2);
    expect(sweep.code).toBe(2);
    expect(compare.stderr).toMatch(/^tulip: .*models\.A\.trainng/m);
    expect(compare.stderr.split('\n').filter((l) => l.startsWith('tulip:'))).toEqual(sweep.stderr.split('\n').filter((l) => l.startsWith('tulip:')));
  });

  it('refuses an unknown --format or --model, exit 2', () => {
    expect(results.get('badFormat')).toMatchObject({ code: 2, stderr: 'tulip: --format must be one of table, csv, json, got "xml"\n' });
    expect(results.get('badModel')).toMatchObject({ code: 2, stderr: 'tulip: --model Z: sweep-fixture has no model "Z"; its models: A, B\n' });
  });
});

/**
 * `tulip report` of a run folder: the trace and summary.json written by `tulip run
 * --out` become the page (lesson and parameters from the shipped scenario, with a note
 * that overrides are unknown); interventions land on the events chart and in the list;
 * `--charts DIR` writes each chart alone as an SVG file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenario } from '../../src/cli/run-command.ts';
import { SCENARIO_DIR } from '../../src/cli/options.ts';
import { buildReport, reportInputFromRunDir } from '../../src/report/report.ts';
import { traceFromSimulation } from '../../src/report/trace-file.ts';
import { buildSimulation } from '../../src/setup/build.ts';
import { smallMania } from '../helpers/scenarios.ts';
import { runCli, type CliResult } from '../helpers/cli.ts';

describe('report of a run folder', () => {
  let dir: string;
  let run: string;
  let charts: string;
  let reported: CliResult;
  let refused: CliResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tulip-report-'));
    run = join(dir, 'run');
    charts = join(dir, 'charts');
    await runScenario('tulip-mania', { ticks: 40, worlds: 1, set: [], backend: 'auto', out: run });
    [reported, refused] = await Promise.all([runCli(['report', run, '--charts', charts, '--png']), runCli(['report', run, '--seed', '3', '--set', 'ticks=5'])]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads trace.jsonl, summary.json and the shipped scenario of the trace’s name', async () => {
    const input = reportInputFromRunDir(run, (name) => join(SCENARIO_DIR, `${name}.yaml`));
    expect(input.trace.records).toHaveLength(40);
    expect(input.summary?.ticks).toBe(40);
    expect(input.modelAssets).toEqual({ A: 'X', B: 'X' });
    expect(input.scenario?.note).toMatch(/does not record --set overrides/);
    const { html, charts } = await buildReport(input);
    expect(charts.map((c) => c.id).slice(0, 5)).toEqual(['price-X', 'positions', 'pnl', 'predictions', 'versions']);
    expect(html).toContain(`<dd data-field="trace-hash"><code>${input.summary!.traceHash}</code></dd>`);
    expect(html).toContain('<h1>Tulip mania</h1>');
  });

  it('`tulip report DIR --charts C --png` writes DIR/report.html and one SVG and one PNG per chart', () => {
    const r = reported;
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(run, 'report.html'), 'utf8');
    const svgs = readdirSync(charts).filter((f) => f.endsWith('.svg')).sort();
    expect(svgs).toContain('price-X.svg');
    expect(r.stdout).toBe(`wrote ${join(run, 'report.html')} (${svgs.length} charts) and ${svgs.length} SVG and PNG files in ${charts}\n`);
    expect(html.match(/<svg[\s>]/g)).toHaveLength(svgs.length);
    for (const f of svgs) {
      const svg = readFileSync(join(charts, f), 'utf8');
      expect(html).toContain(svg);
      // The PNG is the same chart at twice its size: IHDR holds width and height.
      const png = readFileSync(join(charts, f.replace(/\.svg$/, '.png')));
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      const [, width, height] = svg.match(/^<svg[^>]* width="(\d+)" height="(\d+)"/)!;
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], f).toEqual([2 * Number(width), 2 * Number(height)]);
    }
    expect(readdirSync(charts).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses scenario-only options for a recorded run', () => {
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`tulip: --seed, --set apply only when reporting a scenario; ${run} is a recorded run\n`);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});

describe('events on the report', () => {
  it('draws every intervention on the events chart and lists it, and a rollback on the version line', async () => {
    const sim = await buildSimulation(smallMania('ticks=100'), { record: true, backend: 'auto' });
    let trace;
    try {
      sim.run(40);
      sim.intervene({ type: 'halt', model: 'B' });
      sim.run(45);
      sim.intervene({ type: 'rollback', model: 'A' });
      sim.run();
      trace = traceFromSimulation(sim);
    } finally {
      sim.dispose();
    }
    const { html, charts } = await buildReport({ trace, modelAssets: { A: 'X', B: 'X' } });
    const events = charts.find((c) => c.id === 'events')!.svg;
    expect(events.includes('>Alerts and interventions (2, all worlds)</text>')).toBe(true);
    expect(events.match(/aria-roledescription="point"/g)).toHaveLength(2);
    expect(html).toContain('<li>tick 40, world 0: <strong>intervention: halt B</strong></li>');
    expect(html).toContain('<li>tick 85, world 0: <strong>intervention: rollback A</strong></li>');
    const versions = trace.records.map((r) => r.models.A!.version);
    expect(versions[85]).toBe(versions[84]! - 1);
    expect(charts.find((c) => c.id === 'versions')!.svg.includes('>rollback</text>'), 'the rollback is marked on the version line').toBe(true);
  });
});

/**
 * The tulip-mania report: one self-contained page with the expected charts (each an
 * inline SVG carrying its title), the reproducibility header (seed, backend, version,
 * trace hash) and the counterfactual line; a multi-world run adds a fan chart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, loadScenarioText } from '../../src/setup/loader.ts';
import { resolveScenario } from '../../src/cli/options.ts';
import { buildReport, reportInputFromScenario, type Report, type ReportInput } from '../../src/report/report.ts';
import { runTraceHash } from '../../src/report/trace-file.ts';
import { SMALL_MANIA, smallMania } from '../helpers/scenarios.ts';

/** Past tick 250, where A's units bug switches on. */
const TICKS = 260;

function figures(html: string): { id: string; svg: string }[] {
  return [...html.matchAll(/<figure class="chart" id="chart-([^"]+)"[^>]*>\n(<svg[\s\S]*?<\/svg>)\n<\/figure>/g)].map((m) => ({ id: m[1]!, svg: m[2]! }));
}

/** Whether an SVG draws this text (checked without printing the whole SVG on failure). */
const draws = (svg: string, text: string): boolean => svg.includes(`>${text}</text>`);

const headerField = (html: string, field: string): string | undefined => html.match(new RegExp(`<dd data-field="${field}">(.*?)</dd>`))?.[1];

describe('tulip report of tulip-mania', () => {
  let input: ReportInput;
  let report: Report;

  beforeAll(async () => {
    input = await reportInputFromScenario(loadScenarioFile(resolveScenario('tulip-mania')), { ticks: TICKS, backend: 'auto' });
    report = await buildReport(input);
  });

  it('draws price vs fundamental, positions, PnL, predictions, versions, and events only when there are some, each as an inline SVG', () => {
    const monitors = Object.keys(input.trace.records[0]!.monitors).map((m) => `monitor-${m}`);
    const alerts = input.trace.records.flatMap((r) => r.events);
    // No empty chart: the events chart is drawn only when the run had events; none are ever made up.
    const expected = ['price-X', 'positions', 'pnl', 'predictions', 'versions', ...monitors, ...(alerts.length > 0 ? ['events'] : [])];
    expect(report.charts.map((c) => c.id)).toEqual(expected);
    expect(report.html.match(/<svg[\s>]/g)).toHaveLength(expected.length);
    const figs = figures(report.html);
    expect(figs.map((f) => f.id)).toEqual(expected);
    const titles: Record<string, string> = { 'price-X': 'X: price vs fundamental value', positions: 'Model positions', pnl: 'Model PnL, marked to market', predictions: 'Model predictions', versions: 'Model versions served' };
    for (const f of figs) {
      expect(f.svg.length, f.id).toBeGreaterThan(2000);
      if (f.id !== 'events') expect(/<path[^>]* d="M[\d.-]+,[\d.-]+L/.test(f.svg), `${f.id} draws a line`).toBe(true);
      if (titles[f.id]) expect(draws(f.svg, titles[f.id]!), `${f.id} titled ${titles[f.id]}`).toBe(true);
    }
    if (alerts.length === 0) expect(report.html).toContain('No alerts or interventions were recorded in this run');
    // One section of alerts and interventions, not two.
    expect(report.html.match(/<h2>Alerts and interventions<\/h2>/g)).toHaveLength(1);
    expect(report.html).not.toContain('<title>Alerts and interventions');
  });

  it('gives every stacked chart one plot width at one offset, so their ticks line up', () => {
    const plots = report.charts.map((c) => {
      const size = c.svg.match(/<svg[^>]* width="([\d.]+)"/)!;
      // The plot's frame: where it starts, and how wide it is.
      const origin = c.svg.match(/<g fill="none" stroke-miterlimit="4" transform="translate\(([\d.]+),([\d.]+)\)"/)!;
      const frame = c.svg.match(/class="background" aria-hidden="true" d="M0.5,0.5h([\d.]+)v/)!;
      return { id: c.id, svgWidth: Number(size[1]), left: Number(origin[1]), plotWidth: Number(frame[1]) };
    });
    expect(plots[0]!.plotWidth).toBe(720);
    for (const p of plots) expect(p).toEqual({ ...plots[0]!, id: p.id });
    for (const c of report.charts) expect(c.spec).toMatchObject({ width: 720, autosize: { type: 'none' } });
  });

  it('names each model with its role in the legends, and gives deviations in percent', () => {
    expect(input.modelLabels).toEqual({ A: 'A (buggy value model)', B: 'B (momentum model)' });
    for (const id of ['positions', 'pnl', 'predictions', 'versions']) {
      const svg = report.charts.find((c) => c.id === id)!.svg;
      expect(draws(svg, 'A (buggy value model)'), id).toBe(true);
      expect(draws(svg, 'B (momentum model)'), id).toBe(true);
    }
    const peak = input.summary!.assets.X!.peakDeviation;
    expect(report.html).toContain(`<td>${(100 * peak).toFixed(1)} %</td>`);
  });

  it('keeps A visible in the versions chart where B retrains on the same ticks: A wide and pale underneath, B dashed on top', () => {
    const layers = (report.charts.find((c) => c.id === 'versions')!.spec as unknown as { layer: { mark: { strokeWidth?: number; opacity?: number }; data: { values: { series: string }[] } }[] }).layer;
    expect(layers[0]!.mark).toMatchObject({ strokeWidth: 7, opacity: 0.3 });
    expect(new Set(layers[0]!.data.values.map((v) => v.series))).toEqual(new Set(['A (buggy value model)']));
  });

  it('draws the same seed without the bug as a second price line, and marks where the bug switches on', () => {
    expect(input.counterfactual?.label).toBe("price without A's bug (same seed)");
    const price = report.charts.find((c) => c.id === 'price-X')!.svg;
    expect(draws(price, "price without A's bug (same seed)")).toBe(true);
    expect(draws(price, "A's bug on")).toBe(true);
    // The counterfactual run really differs once the bug is on, and not before.
    const at = (ticks: typeof input.trace.records, t: number) => ticks.find((r) => r.tick === t)!.assets.X!.price;
    expect(at(input.counterfactual!.trace.records, 249)).toBe(at(input.trace.records, 249));
    expect(at(input.counterfactual!.trace.records, TICKS - 1)).not.toBe(at(input.trace.records, TICKS - 1));
  });

  it('heads the page with scenario, seed, backend, version and the run’s trace hash', () => {
    const h = input.trace.headers[0]!;
    expect(headerField(report.html, 'scenario')).toBe('tulip-mania');
    expect(headerField(report.html, 'seed')).toBe('1');
    expect(headerField(report.html, 'worlds')).toBe('1');
    expect(headerField(report.html, 'ticks')).toBe(String(TICKS));
    expect(headerField(report.html, 'backend')).toBe(h.backend);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(h.backend);
    expect(headerField(report.html, 'version')).toBe(h.version);
    expect(headerField(report.html, 'trace-hash')).toBe(`<code>${input.summary!.traceHash}</code>`);
    expect(input.summary!.traceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.html).toContain('<h1>Tulip mania</h1>');
    expect(report.html).toContain('Model A values stock X from a published estimate of its worth.');
    expect(report.html).toContain('factor: 100');
  });

  it('is self-contained and the same bytes every time', async () => {
    expect(report.html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(report.html).not.toMatch(/(src|href)\s*=/i);
    expect((await buildReport(input)).html).toBe(report.html);
  });
});

describe('tulip report over several worlds', () => {
  it('adds a fan chart of price across worlds and hashes the run as RunSummary does', async () => {
    const input = await reportInputFromScenario(smallMania('ticks=110'), { worlds: 3, backend: 'auto' });
    const report = await buildReport(input);
    expect(report.charts.map((c) => c.id).slice(0, 2)).toEqual(['price-X', 'fan-X']);
    const fan = report.charts.find((c) => c.id === 'fan-X')!;
    expect(draws(fan.svg, 'X: price across 3 worlds (median, 25-75% and 5-95% bands)')).toBe(true);
    expect(draws(fan.svg, 'median price')).toBe(true);
    expect(draws(fan.svg, "median price without A's bug (same seed)")).toBe(true);
    expect(fan.svg.match(/aria-roledescription="area mark"/g), 'two quantile bands').toHaveLength(2);
    expect(headerField(report.html, 'seed')).toBe('7..9');
    expect(runTraceHash(input.trace.headers)).toBe(input.summary!.traceHash);
    expect(headerField(report.html, 'trace-hash')).toBe(`<code>${input.summary!.traceHash}</code>`);
  });
});

describe('tulip report with a monitor and a rule', () => {
  it('draws the monitor’s statistic against its threshold, and its alerts and actions on the events chart', async () => {
    const monitored = `${SMALL_MANIA}monitors:\n  - { name: guard, type: bubble, debounce: 1, warmup: 90, options: { asset: X, threshold: 0.04 } }\nrules:\n  - { when: guard, do: halt, model: B }\n`;
    const input = await reportInputFromScenario(loadScenarioText(monitored, 'small-mania.yaml'), { backend: 'auto', counterfactual: false });
    const report = await buildReport(input);
    expect(report.charts.map((c) => c.id)).toEqual(['price-X', 'positions', 'pnl', 'predictions', 'versions', 'monitor-guard', 'events']);
    const monitor = report.charts.find((c) => c.id === 'monitor-guard')!.svg;
    expect(draws(monitor, 'Monitor guard: |P/V − 1| of X')).toBe(true);
    expect(draws(monitor, 'fraction (0.1 = 10 %)')).toBe(true);
    expect(draws(monitor, 'threshold')).toBe(true);
    const alerts = input.trace.records.flatMap((r) => r.events).filter((e) => e.type === 'alert');
    expect(alerts.length, 'the guard fires in this run').toBeGreaterThan(0);
    const first = alerts[0]!;
    expect(report.html).toContain(`<li>tick ${first.tick}, world 0: <strong>[warning] alert: guard</strong>`);
    expect(report.html).toContain(`<li>tick ${first.tick + 1}, world 0: <strong>intervention: halt B (rule: guard -&gt; halt)</strong></li>`);
    const events = report.charts.find((c) => c.id === 'events')!.svg;
    expect(draws(events, 'intervention: halt B')).toBe(true);
    expect(draws(events, 'alert: guard')).toBe(true);
  });
});

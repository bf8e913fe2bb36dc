/**
 * The report's charts: Vega-Lite specs built from a trace, rendered to SVG in Node by
 * Vega's own renderer (no browser, no canvas, no network). Each chart is a plain spec
 * first, so a test or a user can read what is drawn before it is drawn.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Trace } from './trace-file.ts';
import { assetsOf, bands, bugStarts, eventRows, modelsOf, pnl, rows, worldRecords, type SeriesRow } from './series.ts';
import type { StatisticLabel } from './labels.ts';

export interface Chart {
  /** File-name-safe id, e.g. `price-X` (the name of the SVG that `--charts DIR` writes). */
  id: string;
  title: string;
  spec: TopLevelSpec;
}

export interface RenderedChart extends Chart {
  svg: string;
}

/** What the charts are drawn from. */
export interface ChartInput {
  trace: Trace;
  /** The same run with the bug switched off, same seeds (drawn as a second price line). */
  counterfactual?: { label: string; trace: Trace };
  /** The asset each model trades, for its PnL; models missing here get no PnL line. */
  modelAssets: Record<string, string>;
  /** Legend names with each model's role, e.g. "A (buggy value model)" (default: the bare name). */
  modelLabels?: Record<string, string>;
  /** Each monitor's statistic and unit, for its chart's title and axis (default: generic words). */
  monitorLabels?: Record<string, StatisticLabel>;
}

/** Plot area of every chart, in pixels: one width for all, so their tick axes line up. */
const WIDTH = 720;
const HEIGHT = 220;
/**
 * Fixed room around the plot: every chart's SVG is then exactly WIDTH + LEFT + RIGHT wide
 * with the plot at the same offset, so stacked on the page (and scaled to the page's
 * width alike) tick 450 is at the same place on each. The y axis's labels get a fixed
 * extent inside LEFT.
 */
const PADDING = { left: 96, right: 24, top: 112, bottom: 44 };
const Y_AXIS_EXTENT = 56;
const LAYOUT = {
  autosize: { type: 'none' },
  padding: PADDING,
  config: { axisY: { minExtent: Y_AXIS_EXTENT, maxExtent: Y_AXIS_EXTENT, labelLimit: Y_AXIS_EXTENT, titleLimit: HEIGHT }, title: { anchor: 'start', offset: 36 } },
} as const;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

const safeId = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '_');

interface LineExtras {
  /** Series drawn dashed. */
  dashed?: string[];
  /** Fixed colours by series (others: the default palette). */
  colors?: Record<string, string>;
  /** Vertical marker lines, e.g. where a bug switches on. */
  rules?: { tick: number; label: string }[];
  subtitle?: string;
  /** Legend order, when it should differ from drawing order (rows drawn first lie underneath). */
  legendOrder?: string[];
  /** A series also drawn wide and pale underneath, so a line that coincides with it stays visible. */
  halo?: string;
}

const PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#9d755d', '#bab0ac'];

function lineChart(id: string, title: string, yTitle: string, values: SeriesRow[], extra: LineExtras = {}): Chart {
  const seen = new Set(values.map((v) => v.series));
  const domain = [...new Set([...(extra.legendOrder ?? []).filter((s) => seen.has(s)), ...seen])];
  let next = 0;
  const range = domain.map((s) => extra.colors?.[s] ?? PALETTE[next++ % PALETTE.length]!);
  const legend = { orient: 'top', labelLimit: WIDTH };
  const line = {
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5, interpolate: 'linear' },
    encoding: {
      x: { field: 'tick', type: 'quantitative', title: 'tick', scale: { nice: false } },
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain, range }, legend },
      strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain, range: domain.map((s) => (extra.dashed?.includes(s) ? [5, 3] : [1, 0])) }, legend },
    },
  };
  const layers: unknown[] = [line];
  if (extra.halo && seen.has(extra.halo)) {
    const color = range[domain.indexOf(extra.halo)];
    layers.unshift({ data: { values: values.filter((v) => v.series === extra.halo) }, mark: { type: 'line', strokeWidth: 7, opacity: 0.3, color, interpolate: 'linear' }, encoding: { x: line.encoding.x, y: line.encoding.y } });
  }
  if (extra.rules?.length) {
    layers.push(
      { data: { values: extra.rules }, mark: { type: 'rule', color: '#b00', strokeDash: [2, 2] }, encoding: { x: { field: 'tick', type: 'quantitative' } } },
      { data: { values: extra.rules }, mark: { type: 'text', color: '#b00', align: 'left', dx: 3, dy: -4, baseline: 'bottom' }, encoding: { x: { field: 'tick', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label' } } },
    );
  }
  const heading = extra.subtitle ? { text: title, subtitle: extra.subtitle } : title;
  return { id, title, spec: { $schema: SCHEMA, ...LAYOUT, title: heading, description: title, width: WIDTH, height: HEIGHT, layer: layers } as unknown as TopLevelSpec };
}

function priceCharts(input: ChartInput): Chart[] {
  const records = worldRecords(input.trace, 0);
  const cf = input.counterfactual && worldRecords(input.counterfactual.trace, 0);
  const rules = bugStarts(records).map((b) => ({ tick: b.tick, label: `${b.model}'s bug on` }));
  return assetsOf(input.trace).map((asset) => {
    // The counterfactual goes first, so the run's own price is drawn over it where the two agree.
    const values = cf ? rows(cf, input.counterfactual!.label, (r) => r.assets[asset]?.price) : [];
    values.push(...rows(records, 'price', (r) => r.assets[asset]?.price), ...rows(records, 'fundamental value', (r) => r.assets[asset]?.fundamental));
    const worldNote = input.trace.headers.length > 1 ? ' (world 0)' : '';
    return lineChart(`price-${safeId(asset)}`, `${asset}: price vs fundamental value${worldNote}`, 'currency units', values, { dashed: ['fundamental value'], rules, legendOrder: ['price', 'fundamental value'], colors: { price: '#1f5fa8', 'fundamental value': '#555555', [input.counterfactual?.label ?? '']: '#e8830c' } });
  });
}

function fanCharts(input: ChartInput): Chart[] {
  if (input.trace.headers.length < 2) return [];
  return assetsOf(input.trace).map((asset) => {
    const band = bands(input.trace, (r) => r.assets[asset]?.price ?? Number.NaN);
    const cf = input.counterfactual;
    const lines = cf ? bands(cf.trace, (r) => r.assets[asset]?.price ?? Number.NaN).map((b) => ({ tick: b.tick, series: `median ${cf.label}`, value: b.median })) : [];
    lines.push(
      ...band.map((b) => ({ tick: b.tick, series: 'median price', value: b.median })),
      ...bands(input.trace, (r) => r.assets[asset]?.fundamental ?? Number.NaN).map((b) => ({ tick: b.tick, series: 'median fundamental', value: b.median })),
    );
    const title = `${asset}: price across ${input.trace.headers.length} worlds (median, 25-75% and 5-95% bands)`;
    const chart = lineChart(`fan-${safeId(asset)}`, title, 'currency units', lines, { dashed: ['median fundamental'], legendOrder: ['median price', 'median fundamental'], colors: { 'median price': '#1f5fa8', 'median fundamental': '#555555', [`median ${input.counterfactual?.label ?? ''}`]: '#e8830c' } });
    const x = { field: 'tick', type: 'quantitative' };
    const area = (lo: string, hi: string, opacity: number) => ({ data: { values: band }, mark: { type: 'area', color: '#4c78a8', opacity }, encoding: { x, y: { field: lo, type: 'quantitative' }, y2: { field: hi } } });
    (chart.spec as unknown as { layer: unknown[] }).layer.unshift(area('q05', 'q95', 0.18), area('q25', 'q75', 0.3));
    return chart;
  });
}

function modelCharts(input: ChartInput): Chart[] {
  const records = worldRecords(input.trace, 0);
  const models = modelsOf(input.trace);
  if (models.length === 0) return [];
  const label = (m: string) => input.modelLabels?.[m] ?? m;
  const worldNote = input.trace.headers.length > 1 ? ' (world 0)' : '';
  const positions = models.flatMap((m) => rows(records, label(m), (r) => r.agents[`model/${m}`]?.position));
  const pnls = models.flatMap((m) => {
    const asset = input.modelAssets[m];
    return asset ? rows(records, label(m), (r) => pnl(r, m, asset)) : [];
  });
  const predictions = models.flatMap((m) => rows(records, label(m), (r) => r.models[m]?.prediction));
  return [
    lineChart('positions', `Model positions${worldNote}`, 'shares', positions),
    lineChart('pnl', `Model PnL, marked to market${worldNote}`, 'currency units', pnls),
    lineChart('predictions', `Model predictions${worldNote}`, 'standard units of forward return', predictions),
    versionChart(input, records, models, label, worldNote),
  ];
}

/**
 * Served versions per model, as steps. Models retrained on one cadence have the very same
 * steps, so the first is drawn wide and pale underneath and the others thin and dashed
 * on top: both stay visible where they coincide.
 */
function versionChart(input: ChartInput, records: ReturnType<typeof worldRecords>, models: string[], label: (m: string) => string, worldNote: string): Chart {
  const versions = models.flatMap((m) => rows(records, label(m), (r) => r.models[m]?.version));
  // With a sync cadence the newest trained version waits to be served: draw it where it ever differs.
  const lagging = models.filter((m) => records.some((r) => r.models[m]?.trainedVersion !== undefined && r.models[m]!.trainedVersion !== r.models[m]!.version));
  versions.push(...lagging.flatMap((m) => rows(records, `${label(m)} trained`, (r) => r.models[m]?.trainedVersion)));
  const dashed = [...models.slice(1).map(label), ...lagging.map((m) => `${label(m)} trained`)];
  const chart = lineChart('versions', `Model versions served${worldNote}`, 'version', versions, { dashed, halo: label(models[0]!), subtitle: 'a step up is a retrained version pushed; marks: rejected candidates, rollbacks' });
  const layers = (chart.spec as unknown as { layer: { mark: { interpolate?: string } }[] }).layer;
  for (const layer of layers) layer.mark.interpolate = 'step-after';
  const marks = versionMarks(records).map((m) => ({ ...m, series: label(m.series) }));
  if (marks.length) {
    layers.push({
      data: { values: marks },
      mark: { type: 'point', filled: true, size: 80, opacity: 0.9 },
      encoding: { x: { field: 'tick', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' }, color: { field: 'series', type: 'nominal' }, shape: { field: 'what', type: 'nominal', title: null, scale: shapeScale(marks.map((m) => m.what)), legend: { orient: 'top' } } },
    } as never);
  }
  return chart;
}

const MARK_SHAPES: Record<string, string> = { 'candidate rejected': 'cross', rollback: 'triangle-down' };

function shapeScale(present: string[]): { domain: string[]; range: string[] } {
  const domain = Object.keys(MARK_SHAPES).filter((k) => present.includes(k));
  return { domain, range: domain.map((k) => MARK_SHAPES[k]!) };
}

/** Rollbacks and rejected candidates (validation gate) of one world, at the version served then. */
function versionMarks(records: ReturnType<typeof worldRecords>): { tick: number; series: string; value: number; what: string }[] {
  const out: { tick: number; series: string; value: number; what: string }[] = [];
  for (const r of records) {
    for (const e of r.events) {
      const model = e.type === 'intervention' && e.intervention.type === 'rollback' ? e.intervention.model : e.type === 'alert' && e.alert.monitor === 'validation-gate' ? e.alert.model : undefined;
      const version = model === undefined ? undefined : r.models[model]?.version;
      if (model !== undefined && version !== undefined) out.push({ tick: r.tick, series: model, value: version, what: e.type === 'alert' ? 'candidate rejected' : 'rollback' });
    }
  }
  return out;
}

function monitorCharts(input: ChartInput): Chart[] {
  const records = worldRecords(input.trace, 0);
  const worldNote = input.trace.headers.length > 1 ? ' (world 0)' : '';
  return Object.keys(records[0]?.monitors ?? {}).map((name) => {
    const words = input.monitorLabels?.[name] ?? { statistic: 'statistic', unit: "the monitor's own units" };
    const values = [...rows(records, words.statistic, (r) => r.monitors[name]?.statistic), ...rows(records, 'threshold', (r) => r.monitors[name]?.threshold)];
    return lineChart(`monitor-${safeId(name)}`, `Monitor ${name}: ${words.statistic}${worldNote}`, words.unit, values, { dashed: ['threshold'], legendOrder: [words.statistic, 'threshold'], colors: { [words.statistic]: '#1f5fa8', threshold: '#c0392b' } });
  });
}

const SEVERITY_COLORS: Record<string, string> = { critical: '#c0392b', warning: '#e8830c', info: '#4c78a8', intervention: '#555555' };

function severityScale(present: string[]): { domain: string[]; range: string[] } {
  const domain = [...Object.keys(SEVERITY_COLORS).filter((k) => present.includes(k)), ...new Set(present.filter((k) => !(k in SEVERITY_COLORS)))];
  return { domain, range: domain.map((k) => SEVERITY_COLORS[k] ?? '#999999') };
}

/** Alerts and interventions of every world by tick; none when the run had none (no empty chart). */
function eventsCharts(input: ChartInput): Chart[] {
  const events = eventRows(input.trace);
  if (events.length === 0) return [];
  const title = `Alerts and interventions (${events.length}, all worlds)`;
  const x = { field: 'tick', type: 'quantitative', title: 'tick', scale: { domain: tickDomain(input.trace), nice: false } };
  const y = { field: 'lane', type: 'nominal', title: null, axis: { labels: false, ticks: false }, scale: { paddingOuter: 0.6 } };
  const lanes = [...new Set(events.map((e) => e.lane))].map((lane) => ({ lane }));
  // Lane names are long: they are written inside the plot, above their row, so this
  // chart's plot keeps the common width and offset.
  const layer = [
    {
      data: { values: events },
      mark: { type: 'point', filled: true, size: 70 },
      encoding: { x, y, color: { field: 'severity', type: 'nominal', title: null, scale: severityScale(events.map((e) => e.severity)), legend: { orient: 'top' } }, shape: { field: 'kind', type: 'nominal', legend: null } },
    },
    { data: { values: lanes }, mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -6, fontSize: 11, color: '#444' }, encoding: { x: { value: 0 }, y, text: { field: 'lane' } } },
  ];
  const spec = { $schema: SCHEMA, ...LAYOUT, title, description: title, width: WIDTH, height: Math.max(60, lanes.length * 30), layer };
  return [{ id: 'events', title, spec: spec as unknown as TopLevelSpec }];
}

function tickDomain(trace: Trace): [number, number] {
  const first = trace.records[0]?.tick ?? 0;
  return [first, Math.max(first + 1, trace.records.at(-1)?.tick ?? 0)];
}

/** Every chart of the report, in page order. */
export function reportCharts(input: ChartInput): Chart[] {
  return [...priceCharts(input), ...fanCharts(input), ...modelCharts(input), ...monitorCharts(input), ...eventsCharts(input)];
}

/** A Vega-Lite spec as a standalone SVG document (Vega's SVG renderer, run headless). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export async function renderCharts(charts: Chart[]): Promise<RenderedChart[]> {
  const out: RenderedChart[] = [];
  for (const chart of charts) out.push({ ...chart, svg: await renderSvg(chart.spec) });
  return out;
}

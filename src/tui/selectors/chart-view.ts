/**
 * The price chart of the selected asset over the whole run, on a fixed frame: column c
 * always shows the same tick (0 at the left, the last tick at the right), so the line
 * grows to the right and "look at tick 300" can be found. Vertical markers stand where a
 * bug switched on, where someone intervened and where a monitor raised an alert.
 */
import type { TulipSimulation as Simulation } from '../../setup/parts.ts';
import { columnOf, columnTicks, quantile, renderChart, tickLabels, type ChartBand, type ChartMarker, type ChartOutput, type ChartSeries } from '../chart.ts';
import { recordAt } from '../record-changes.ts';
import type { Session } from '../session.ts';
import type { TuiState } from '../state.ts';
import type { Theme } from '../theme.ts';

export interface ChartView extends ChartOutput {
  title: string;
  /** The title in a few characters, for a header too narrow for the legend and the title. */
  shortTitle: string;
  legend: { glyph: string; name: string; color?: string }[];
  /** The x axis: a marker under columns where something happened, `┬` under labelled ticks. */
  axis: { text: string; color?: string }[];
  /** The tick numbers under the axis, aligned with their columns. */
  tickLabels: string;
  /** First and last tick of the frame (the whole run, whatever has happened yet). */
  from: number;
  to: number;
}

const LABEL_WIDTH = 8;

/** What happened at a column: the most telling kind wins (alert over intervention over bug). */
type MarkKind = 'bug' | 'intervention' | 'alert';
const RANK: Record<MarkKind, number> = { bug: 0, intervention: 1, alert: 2 };
/** The glyph under the axis for each kind: they differ without colour. */
export const MARK_GLYPH: Record<MarkKind, string> = { bug: '◆', intervention: '▲', alert: '!' };

/** Glyphs of the lines: distinct shapes, so they read apart without colour (NO_COLOR). */
export const GLYPH = { price: '─', value: '·', counterfactual: '+', median: '-', bands: '░▒' } as const;

function symbolOf(sim: Simulation, state: TuiState): string {
  return sim.parts.market.symbols[state.asset] ?? sim.parts.market.symbols[0]!;
}

/** Where the events of one world sit on the frame: column -> the kind drawn there. */
export function eventColumns(session: Session, ticks: readonly number[], world: number): Map<number, MarkKind> {
  const sim = session.sim;
  const marks = new Map<number, MarkKind>();
  const mark = (tick: number, kind: MarkKind) => {
    if (tick >= sim.tick) return;
    const c = columnOf(ticks, tick);
    if (c === undefined) return;
    const had = marks.get(c);
    if (had === undefined || RANK[kind] > RANK[had]) marks.set(c, kind);
  };
  for (const e of sim.events) if (e.world === world) mark(e.tick, e.type === 'alert' ? 'alert' : 'intervention');
  for (const c of session.changes(world)) if (c.kind === 'bug' && c.text.endsWith('switched on')) mark(c.tick, 'bug');
  return marks;
}

function fanChart(sim: Simulation, symbol: string, ticks: readonly number[], theme: Theme): { bands: ChartBand[]; median: ChartSeries } {
  const qs = ticks.map((t) => {
    if (t >= sim.tick) return [undefined, undefined, undefined, undefined, undefined];
    const prices = Array.from({ length: sim.worlds }, (_, k) => recordAt(sim, t, k)?.assets[symbol]?.price ?? Number.NaN)
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => (prices.length > 0 ? quantile(prices, q) : undefined));
  });
  return {
    bands: [
      { lo: qs.map((q) => q[0]), hi: qs.map((q) => q[4]), glyph: '░', color: theme.band },
      { lo: qs.map((q) => q[1]), hi: qs.map((q) => q[3]), glyph: '▒', color: theme.band },
    ],
    median: { name: 'median', values: qs.map((q) => q[2]), style: { kind: 'dots', glyph: GLYPH.median }, color: theme.median },
  };
}

export function chartView(session: Session, state: TuiState, width: number, height: number, theme: Theme): ChartView {
  const sim = session.sim;
  const symbol = symbolOf(sim, state);
  const columns = Math.max(4, width - LABEL_WIDTH - 2);
  // The frame: every tick of the run, whether it has happened yet or not.
  const ticks = columnTicks(sim.totalTicks, columns);
  const w = state.world;
  // A line up to the last tick run; the columns after it stay empty.
  const upTo = (s: Simulation, pick: (a: { price: number; fundamental: number }) => number) =>
    ticks.map((t) => {
      const a = t < s.tick ? recordAt(s, t, w)?.assets[symbol] : undefined;
      return a ? pick(a) : undefined;
    });
  const series: ChartSeries[] = [];
  const bands: ChartBand[] = [];
  const legend: ChartView['legend'] = [{ glyph: GLYPH.price, name: 'price', color: theme.price }];

  if (sim.worlds > 1) {
    const fan = fanChart(sim, symbol, ticks, theme);
    bands.push(...fan.bands);
    series.push(fan.median);
    legend.push({ glyph: GLYPH.bands, name: `80/50% of ${sim.worlds}`, color: theme.band }, { glyph: GLYPH.median, name: 'median', color: theme.median });
  }
  series.push({ name: 'value', values: upTo(sim, (a) => a.fundamental), style: { kind: 'dots', glyph: GLYPH.value }, color: theme.fundamental });
  legend.push({ glyph: GLYPH.value, name: 'value', color: theme.fundamental });
  const cf = session.counterfactual;
  if (state.counterfactual && cf) {
    series.push({ name: 'no bug', values: upTo(cf, (a) => a.price), style: { kind: 'dots', glyph: GLYPH.counterfactual }, color: theme.counterfactual });
    legend.push({ glyph: GLYPH.counterfactual, name: session.counterfactualBehind() ? 'no bug (catching up)' : 'no bug', color: theme.counterfactual });
  }
  series.push({ name: 'price', values: upTo(sim, (a) => a.price), style: { kind: 'line' }, color: theme.price });

  const events = eventColumns(session, ticks, w);
  const markers: ChartMarker[] = [...events].map(([column, kind]) => ({ column, glyph: '┊', color: markColor(kind, theme) }));
  const out = renderChart({ width: columns, height, series, bands, markers });
  const labels = out.labels.map((l) => l.slice(-LABEL_WIDTH).padStart(LABEL_WIDTH));
  const world = sim.worlds > 1 ? ` · world ${w}` : '';
  const x = tickLabels(ticks, sim.totalTicks);
  return {
    ...out,
    labels,
    title: `${symbol} price vs fundamental value${world}`,
    shortTitle: `${symbol}${world}`,
    legend,
    axis: axisRow(events, new Set(x.columns), columns, theme),
    tickLabels: x.text,
    from: 0,
    to: ticks.at(-1) ?? 0,
  };
}

function markColor(kind: MarkKind, theme: Theme): string | undefined {
  return kind === 'alert' ? theme.critical : kind === 'intervention' ? theme.intervention : theme.critical;
}

/** The x axis: ◆ where a bug switched on, ▲ an intervention, ! an alert, ┬ a labelled tick. */
function axisRow(events: Map<number, MarkKind>, labelled: Set<number>, columns: number, theme: Theme): { text: string; color?: string }[] {
  const out: { text: string; color?: string }[] = [];
  for (let c = 0; c < columns; c++) {
    const kind = events.get(c);
    const text = kind ? MARK_GLYPH[kind] : labelled.has(c) ? '┬' : '─';
    const color = kind ? markColor(kind, theme) : theme.dim;
    const last = out.at(-1);
    if (last && last.color === color) last.text += text;
    else out.push({ text, color });
  }
  return out;
}

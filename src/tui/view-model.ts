/**
 * Selectors: a Session and the UI state -> plain data for the views. Everything a panel
 * shows is computed here, so views stay thin and this is testable without rendering.
 * The numbers come from the trace records (`sim.records`), so after a rewind the screen
 * shows exactly the state the simulation was restored to.
 */
import type { TulipSimulation as Simulation } from '../setup/parts.ts';
import type { TickRecord } from '../setup/trace-record.ts';
import type { Alert, Intervention, SimEvent } from '../core/events.ts';
import { recordAt } from './record-changes.ts';

export { recordAt };
import type { Session } from './session.ts';
import type { TuiState } from './state.ts';
import { speedLabel } from './state.ts';
import { columnTicks, quantile, renderChart, type ChartBand, type ChartOutput, type ChartSeries } from './chart.ts';
import type { Theme } from './theme.ts';
import { modelBook } from '../setup/summary.ts';

// ---- layout ---------------------------------------------------------------------------

export interface Layout {
  width: number;
  /** Rows of the plot area of the chart (without its title and axis rows). */
  chartHeight: number;
  /** Lines in the events and monitors panels (below their titles). */
  logLines: number;
  /** Lines of lesson text. */
  lessonLines: number;
  /** Whether events and monitors sit side by side (else monitors are dropped to one line). */
  sideBySide: boolean;
  tooSmall: boolean;
}

/** Smallest terminal the dashboard draws in. */
export const MIN_COLUMNS = 60;
export const MIN_ROWS = 16;

/**
 * Splits the terminal among the panels. One row is left free: ink redraws the whole
 * screen (and flickers) when its output is as tall as the terminal.
 */
export function layout(columns: number, rows: number, models: number): Layout {
  const width = Math.max(1, columns - 1);
  const usable = rows - 1;
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  // title 1 + axis 1 + models (header + one per model) + events title 1 + status 1
  const fixed = 1 + 1 + (1 + models) + 1 + 1;
  const lessonLines = usable >= 28 ? 3 : 2;
  const logLines = usable >= 30 ? 6 : usable >= 22 ? 4 : 3;
  const chartHeight = Math.max(4, usable - fixed - lessonLines - logLines);
  return { width, chartHeight, logLines, lessonLines, sideBySide: columns >= 70, tooSmall };
}

// ---- chart ----------------------------------------------------------------------------

export interface ChartView extends ChartOutput {
  title: string;
  legend: { glyph: string; name: string; color?: string }[];
  /** The x axis: a marker under columns where something happened. */
  axis: { text: string; color?: string }[];
  /** First and last tick shown. */
  from: number;
  to: number;
}

const LABEL_WIDTH = 8;

export function chartView(session: Session, state: TuiState, width: number, height: number, theme: Theme): ChartView {
  const sim = session.sim;
  const symbol = sim.parts.market.symbols[state.asset] ?? sim.parts.market.symbols[0]!;
  const columns = Math.max(4, width - LABEL_WIDTH - 2);
  const ticks = columnTicks(sim.tick, columns);
  const w = state.world;
  const at = (s: Simulation, t: number, world: number) => recordAt(s, t, world)?.assets[symbol];
  const series: ChartSeries[] = [];
  const bands: ChartBand[] = [];
  const legend: ChartView['legend'] = [];

  if (sim.worlds > 1) {
    const qs = ticks.map((t) => {
      const prices = Array.from({ length: sim.worlds }, (_, k) => at(sim, t, k)?.price ?? Number.NaN).filter(Number.isFinite).sort((a, b) => a - b);
      return [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => quantile(prices, q));
    });
    bands.push({ lo: qs.map((q) => q[0]), hi: qs.map((q) => q[4]), glyph: '░', color: theme.band });
    bands.push({ lo: qs.map((q) => q[1]), hi: qs.map((q) => q[3]), glyph: '▒', color: theme.band });
    series.push({ name: 'median', values: qs.map((q) => q[2]), style: { kind: 'dots', glyph: '-' }, color: theme.median });
    legend.push({ glyph: '░▒', name: `10-90%, 25-75% of ${sim.worlds} worlds`, color: theme.band }, { glyph: '-', name: 'median', color: theme.median });
  }
  series.push({ name: 'value', values: ticks.map((t) => at(sim, t, w)?.fundamental), style: { kind: 'dots', glyph: '·' }, color: theme.fundamental });
  legend.push({ glyph: '·', name: 'value', color: theme.fundamental });
  const cf = session.counterfactual;
  if (state.counterfactual && cf) {
    series.push({ name: 'no bug', values: ticks.map((t) => (t < cf.tick ? at(cf, t, w)?.price : undefined)), style: { kind: 'dots', glyph: '•' }, color: theme.counterfactual });
    legend.push({ glyph: '•', name: session.counterfactualBehind() ? 'no bug (catching up)' : 'no bug', color: theme.counterfactual });
  }
  series.push({ name: 'price', values: ticks.map((t) => at(sim, t, w)?.price), style: { kind: 'line' }, color: theme.price });
  legend.unshift({ glyph: '─', name: 'price', color: theme.price });

  const out = renderChart({ width: columns, height, series, bands });
  const labels = out.labels.map((l) => l.slice(-LABEL_WIDTH).padStart(LABEL_WIDTH));
  const world = sim.worlds > 1 ? ` · world ${w}` : '';
  return { ...out, labels, title: `${symbol} price vs fundamental value${world}`, legend, axis: axisMarkers(sim, ticks, w, columns, theme), from: ticks[0] ?? 0, to: ticks.at(-1) ?? 0 };
}

/** The x axis under the chart: ▲ where an intervention happened, ! where an alert was raised. */
function axisMarkers(sim: Simulation, ticks: number[], world: number, columns: number, theme: Theme): { text: string; color?: string }[] {
  const marks = new Map<number, 'intervention' | 'alert'>();
  for (const e of sim.events) {
    if (e.world !== world || e.tick >= sim.tick) continue;
    const c = columnOfTick(ticks, e.tick);
    if (c === undefined) continue;
    if (e.type === 'alert' || !marks.has(c)) marks.set(c, e.type);
  }
  const out: { text: string; color?: string }[] = [];
  for (let c = 0; c < columns; c++) {
    const mark = marks.get(c);
    const text = mark === 'alert' ? '!' : mark === 'intervention' ? '▲' : '─';
    const color = mark === 'alert' ? theme.critical : mark === 'intervention' ? theme.intervention : theme.dim;
    const last = out.at(-1);
    if (last && last.color === color) last.text += text;
    else out.push({ text, color });
  }
  return out;
}

function columnOfTick(ticks: number[], tick: number): number | undefined {
  // ticks is increasing: the first column whose tick is >= the event's shows it.
  for (let c = 0; c < ticks.length; c++) if (ticks[c]! >= tick) return c;
  return undefined;
}

// ---- models ---------------------------------------------------------------------------

export interface ModelRow {
  name: string;
  selected: boolean;
  position: number;
  pnl: number;
  prediction: number;
  training: 'static' | 'dynamic';
  /** How predictions are served. The engine has one regime so far: online (a forward pass per tick). */
  /** The serving mode, with the share of requests answered so far when some went unanswered ("off 94%"). */
  inference: string;
  version: number;
  bug: 'on' | 'off' | 'none';
  /** What the bug is, e.g. "×100 value-ratio" (a scale bug) or "stale return". */
  bugText: string;
  halted: boolean;
}

export function modelRows(session: Session, state: TuiState): ModelRow[] {
  const sim = session.sim;
  const w = state.world;
  const record = sim.tick > 0 ? recordAt(sim, sim.tick - 1, w) : undefined;
  return sim.parts.roles.map((role, r) => {
    const m = record?.models[role.name];
    // The ledger as of the last tick run (summed over the assets of a multi-asset model).
    const book = modelBook(sim, role, w);
    const bugs = role.pipeline.bugs;
    return {
      name: role.name,
      selected: r === state.model,
      position: book.position,
      pnl: book.pnl,
      prediction: m?.prediction ?? 0,
      training: m?.mode ?? (role.mode[w] === 1 ? 'dynamic' : 'static'),
      inference: servingLabel(role, w),
      version: m?.version ?? 0,
      bug: bugs.length === 0 ? 'none' : m?.bug ? 'on' : 'off',
      bugText: bugs.map((b) => (b.config.type === 'scale' ? `×${b.config.factor} ${b.config.feature}` : `${b.config.type} ${b.config.feature}`)).join(', '),
      halted: m?.halted ?? false,
    };
  });
}

/** `online` / `offline`, or `on 40%` / `off 94%` once some requests went unanswered (7 characters at most). */
function servingLabel(role: Session['sim']['parts']['roles'][number], w: number): string {
  const mode = role.config.inference.mode;
  const { requests, answered } = role.serving.metrics;
  if (requests[w]! === 0 || answered[w]! === requests[w]!) return mode;
  return `${mode === 'online' ? 'on' : 'off'} ${Math.floor((100 * answered[w]!) / requests[w]!)}%`;
}

// ---- events ---------------------------------------------------------------------------

export type LogKind = 'intervention' | 'alert' | 'bug' | 'version' | 'queued' | 'halt';

export interface LogLine {
  tick: number | undefined;
  kind: LogKind;
  text: string;
  severity?: Alert['severity'];
}

export function describeIntervention(iv: Intervention, after?: TickRecord): string {
  const by = iv.reason ? ` (${iv.reason})` : '';
  switch (iv.type) {
    case 'set-bug':
      return `${iv.model}: bug forced ${iv.on ? 'on' : 'off'}${by}`;
    case 'set-training':
      return `${iv.model}: training -> ${iv.mode}${by}`;
    case 'halt':
      return `${iv.model}: ${iv.on === false ? 'resumed' : 'halted'}${by}`;
    case 'rollback': {
      const v = after?.models[iv.model]?.version;
      return `${iv.model}: rolled back${v === undefined ? '' : ` to v${v}`}${by}`;
    }
    case 'quarantine':
      return `${iv.model}: ${iv.feature} ${iv.on === false ? 'released' : 'quarantined'}${by}`;
    default:
      // An intervention type newer than this view: name it rather than hide it.
      return `${(iv as { model: string }).model}: ${(iv as { type: string }).type}${by}`;
  }
}

/**
 * The event log of one world, oldest first, at most `limit` lines: interventions and
 * alerts from `sim.events`, what the records show changing by itself (a scheduled bug
 * switching on, a model halted, the newest version pushed), and queued commands.
 */
export function eventLog(session: Session, world: number, limit: number): LogLine[] {
  const sim = session.sim;
  const lines: LogLine[] = [];
  for (const e of sim.events) {
    if (e.world !== world || e.tick >= sim.tick) continue;
    if (e.type === 'intervention') lines.push({ tick: e.tick, kind: 'intervention', text: describeIntervention(e.intervention, recordAt(sim, e.tick, world)) });
    else lines.push({ tick: e.tick, kind: 'alert', severity: e.alert.severity, text: `[${e.alert.severity}] ${e.alert.monitor}${e.alert.model ? ` ${e.alert.model}` : ''}: ${e.alert.message}` });
  }
  for (const c of session.changes(world)) lines.push({ tick: c.tick, kind: c.kind, text: c.text });
  // A stable sort: at one tick, interventions and alerts come before what followed from them.
  lines.sort((a, b) => a.tick! - b.tick!);
  const queued = session.queued.filter((iv) => iv.world === undefined || iv.world === world).map((iv): LogLine => ({ tick: undefined, kind: 'queued', text: `${describeIntervention(iv)} (next tick)` }));
  return [...lines, ...queued].slice(-limit);
}

// ---- monitors -------------------------------------------------------------------------

export interface MonitorReading {
  name: string;
  statistic: number;
  threshold: number;
  /** Whether the statistic is past its threshold. */
  over: boolean;
}

export interface MonitorView {
  /** Each monitor's statistic and threshold at the last tick, as the trace records them (none when the scenario has no monitors). */
  readings: MonitorReading[];
  /** Alerts by severity in this world so far. */
  counts: Record<Alert['severity'], number>;
  latest: LogLine[];
}

/** The monitors' last readings and the alerts raised so far in one world. */
export function monitorView(session: Session, world: number, limit: number): MonitorView {
  const sim = session.sim;
  const alerts = sim.events.filter((e): e is Extract<SimEvent, { type: 'alert' }> => e.type === 'alert' && e.world === world && e.tick < sim.tick);
  const counts = { info: 0, warning: 0, critical: 0 };
  for (const a of alerts) counts[a.alert.severity]++;
  const latest = alerts.slice(-limit).map((a): LogLine => ({ tick: a.tick, kind: 'alert', severity: a.alert.severity, text: `${a.alert.monitor}${a.alert.model ? ` ${a.alert.model}` : ''}: ${a.alert.message}` }));
  // Read defensively: records of simulations without monitors carry no readings.
  const record = sim.tick > 0 ? (recordAt(sim, sim.tick - 1, world) as { monitors?: Record<string, { statistic: number; threshold: number }> } | undefined) : undefined;
  const readings = Object.entries(record?.monitors ?? {}).map(([name, r]) => ({ name, statistic: r.statistic, threshold: r.threshold, over: Number.isFinite(r.statistic) && Number.isFinite(r.threshold) && r.statistic > r.threshold }));
  return { readings, counts, latest };
}

// ---- status bar -----------------------------------------------------------------------

/** The status bar's pieces that come from the simulation (the views add fps and ticks/s). */
export function statusParts(session: Session, state: TuiState): string[] {
  const sim = session.sim;
  const p = sim.parts;
  const run = sim.done ? '■ done' : session.goal !== undefined ? '» forward' : state.paused ? '‖ paused' : '▶ running';
  const worlds = sim.worlds > 1 ? `world ${state.world}/${sim.worlds}` : '1 world';
  return [run, `tick ${sim.tick}/${sim.totalTicks}`, `seed ${p.seeds[state.world]}`, speedLabel(state.speedIndex), p.backend, worlds, `#${sim.hashes.hex(state.world).slice(0, 8)}`];
}

export function statsPart(stats: TuiState['stats']): string {
  return `${Math.round(stats.fps)} fps ${Math.round(stats.ticksPerSecond)} t/s`;
}

/** The status bar's text: ` │ `-separated with a help hint when wide, packed closer when narrow. */
export function statusLine(parts: string[], width: number): string {
  const wide = [...parts, '? help'].join(' │ ');
  const text = wide.length <= width ? wide : parts.join('  ');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/** The lesson text, on one line (the views wrap it). */
export function lessonText(session: Session): string {
  return session.lesson.replace(/\s+/g, ' ').trim();
}

/** Word-wraps `text` to `width` columns and keeps at most `lines` lines, ending in … when cut. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  if (out.length <= lines) return out.map((l) => l.slice(0, width));
  const kept = out.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = `${last.slice(0, Math.max(0, width - 1))}…`;
  return kept.map((l) => l.slice(0, width));
}

/** Signed number with fixed decimals, for the model table. */
export function signed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  return `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
}

// ---- the whole dashboard ------------------------------------------------------------------

/**
 * Everything the dashboard draws, as plain data: computed next to the simulation (in the
 * UI thread for tests, in the simulation worker for `tulip tui`) and drawn by thin views.
 */
export interface DashboardData {
  columns: number;
  rows: number;
  layout: Layout;
  title: string;
  lesson: string;
  chart?: ChartView;
  models: ModelRow[];
  log: LogLine[];
  monitors: MonitorView;
  lessonLines: string[];
  /** Status bar pieces without fps and ticks/s (those are measured where the frames are drawn). */
  status: string[];
  /** Models fitted on the warm-up history at the next tick (a long tick), when running. */
  fitting?: string[];
  /** Simulation ticks run so far (for ticks/s). */
  ticksRun: number;
}

export function dashboardData(session: Session, state: TuiState, columns: number, rows: number, theme: Theme): DashboardData {
  const l = layout(columns, rows, session.sim.parts.roles.length);
  const eventsLines = l.logLines;
  const skip = l.tooSmall || state.help;
  return {
    columns,
    rows,
    layout: l,
    title: session.title,
    lesson: lessonText(session),
    chart: skip ? undefined : chartView(session, state, l.width, l.chartHeight, theme),
    models: skip ? [] : modelRows(session, state),
    log: skip ? [] : eventLog(session, state.world, eventsLines),
    monitors: skip ? { readings: [], counts: { info: 0, warning: 0, critical: 0 }, latest: [] } : monitorView(session, state.world, eventsLines),
    lessonLines: wrapText(lessonText(session), l.width, l.lessonLines),
    status: statusParts(session, state),
    fitting: state.paused ? undefined : session.warmupFitNext(),
    ticksRun: session.ticksRun,
  };
}

/**
 * The dashboard's data: a Session and the UI state -> plain data for the views, one
 * selector module per panel (selectors/). Views stay thin and all of this is testable
 * without rendering. The numbers come from the trace records (`sim.records`) and the
 * simulation's accessors, so after a rewind the screen shows exactly the state the
 * simulation was restored to.
 */
import type { Session } from './session.ts';
import type { TuiState } from './state.ts';
import type { Theme } from './theme.ts';
import { layout, type Layout } from './selectors/layout.ts';
import { chartView, type ChartView } from './selectors/chart-view.ts';
import { traderRowCount, tradersView, type TradersView } from './selectors/traders.ts';
import { eventLog, type LogLine } from './selectors/events.ts';
import { monitorView, type MonitorView } from './selectors/monitors.ts';
import { statusParts } from './selectors/status.ts';
import { lessonText, wrapText } from './selectors/text.ts';

export { recordAt } from './record-changes.ts';
export { layout, MIN_COLUMNS, MIN_ROWS, type Layout } from './selectors/layout.ts';
export { chartView, type ChartView } from './selectors/chart-view.ts';
export { tradersView, expectedPercent, bugState, type TradersView, type TraderRow } from './selectors/traders.ts';
export { eventLog, describeIntervention, type LogLine, type LogKind } from './selectors/events.ts';
export { monitorView, breaches, type MonitorView, type MonitorReading } from './selectors/monitors.ts';
export { statusParts, statsPart, statusLine } from './selectors/status.ts';
export { lessonText, wrapText, signed } from './selectors/text.ts';

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
  traders?: TradersView;
  log: LogLine[];
  monitors: MonitorView;
  lessonLines: string[];
  /** Whether the lesson panel shows all of the lesson (or all that fits); `l` toggles. */
  lessonExpanded: boolean;
  /** Whether the lesson has more lines than the panel shows. */
  lessonCut: boolean;
  /** Status bar pieces without fps and ticks/s (those are measured where the frames are drawn). */
  status: string[];
  /** Whether the run has reached its last tick. */
  done: boolean;
  /** Models fitted on the warm-up history at the next tick (a long tick), when running. */
  fitting?: string[];
  /** Simulation ticks run so far (for ticks/s). */
  ticksRun: number;
}

/** Width of the lesson panel's " (l: more)" hint. */
const LESSON_HINT_WIDTH = 11;

const NO_MONITORS: MonitorView = { readings: [], total: 0, first: 0, counts: { info: 0, warning: 0, critical: 0 }, latest: [] };

export function dashboardData(session: Session, state: TuiState, columns: number, rows: number, theme: Theme): DashboardData {
  const lesson = lessonText(session);
  const width = Math.max(1, columns - 1);
  // The lesson at full width, and leaving room at the end for the "(l: more)" / "(l: less)" hint.
  const full = wrapText(lesson, width, Number.MAX_SAFE_INTEGER);
  const narrow = wrapText(lesson, width - LESSON_HINT_WIDTH, Number.MAX_SAFE_INTEGER);
  const l = layout(columns, rows, traderRowCount(session.sim, state.asset), state.lessonExpanded ? narrow.length : 0);
  const hinted = state.lessonExpanded || full.length > l.lessonLines;
  const skip = l.tooSmall || state.help;
  return {
    columns,
    rows,
    layout: l,
    title: session.title,
    lesson,
    chart: skip ? undefined : chartView(session, state, l.width, l.chartHeight, theme),
    traders: skip ? undefined : tradersView(session, state),
    log: skip ? [] : eventLog(session, state.world, l.logLines),
    monitors: skip ? NO_MONITORS : monitorView(session, state.world, l.logLines, state.monitorScroll),
    lessonLines: wrapText(lesson, hinted ? width - LESSON_HINT_WIDTH : width, l.lessonLines),
    lessonExpanded: state.lessonExpanded,
    lessonCut: hinted && narrow.length > l.lessonLines,
    status: statusParts(session, state),
    done: session.sim.done,
    fitting: state.paused ? undefined : session.warmupFitNext(),
    ticksRun: session.ticksRun,
  };
}

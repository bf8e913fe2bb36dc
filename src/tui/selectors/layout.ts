/**
 * How the terminal's rows are shared among the panels.
 */

export interface Layout {
  width: number;
  /** Rows of the plot area of the chart (without its title, axis and tick-label rows). */
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
/** The chart keeps at least this many rows, even with the lesson expanded. */
const MIN_CHART_ROWS = 4;

/**
 * Splits the terminal among the panels. `traderRows` is the traders table's body (one row
 * per trader and the net-flow row); `lessonWanted` the lesson's length when expanded. One
 * row is left free: ink redraws the whole screen (and flickers) when its output is as tall
 * as the terminal.
 */
export function layout(columns: number, rows: number, traderRows: number, lessonWanted = 0): Layout {
  const width = Math.max(1, columns - 1);
  const usable = rows - 1;
  const tooSmall = columns < MIN_COLUMNS || rows < MIN_ROWS;
  // title 1 + axis 1 + tick labels 1 + traders (header + body) + events title 1 + status 1
  const fixed = 1 + 1 + 1 + (1 + traderRows) + 1 + 1;
  const logLines = usable >= 30 ? 6 : usable >= 26 ? 4 : 3;
  const shortLesson = usable >= 28 ? 3 : 2;
  const room = usable - fixed - logLines - MIN_CHART_ROWS;
  const lessonLines = Math.max(shortLesson, Math.min(lessonWanted, room));
  const chartHeight = Math.max(MIN_CHART_ROWS, usable - fixed - lessonLines - logLines);
  return { width, chartHeight, logLines, lessonLines, sideBySide: columns >= 70, tooSmall };
}

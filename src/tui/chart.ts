/**
 * A text line chart, as a pure function: series of values (one per column) -> rows of
 * coloured runs. Lines are drawn with box-drawing characters in the manner of asciichart;
 * other series as dots; quantile bands as shaded cells underneath. The first series drawn
 * is at the bottom, the last on top, so the main line is drawn last.
 */

/** How a series is drawn: a connected line, or one glyph per column. */
export type SeriesStyle = { kind: 'line' } | { kind: 'dots'; glyph: string };

export interface ChartSeries {
  name: string;
  /** One value per column; undefined leaves the column empty. */
  values: readonly (number | undefined)[];
  style: SeriesStyle;
  /** A colour name for ink's <Text color>, or undefined for the default colour. */
  color?: string;
}

export interface ChartBand {
  lo: readonly (number | undefined)[];
  hi: readonly (number | undefined)[];
  glyph: string;
  color?: string;
}

export interface ChartInput {
  width: number;
  height: number;
  series: readonly ChartSeries[];
  /** Drawn below every series, in order. */
  bands?: readonly ChartBand[];
  /** Vertical lines through the plot (events), drawn under the bands and the series. */
  markers?: readonly ChartMarker[];
}

/** A vertical line at one column, e.g. where an intervention happened. */
export interface ChartMarker {
  column: number;
  glyph: string;
  color?: string;
}

/** A stretch of one row in one colour. */
export interface Run {
  text: string;
  color?: string;
}

export interface ChartOutput {
  rows: Run[][];
  yMin: number;
  yMax: number;
  /** Label for each row (the value at its centre), already padded to one width. */
  labels: string[];
}

interface Cell {
  ch: string;
  color?: string;
}

/** Compact number for an axis label: 4 significant figures, no exponent for ordinary prices. */
export function formatAxis(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6 || (a > 0 && a < 1e-3)) return v.toExponential(1);
  if (a >= 1000) return v.toFixed(0);
  if (a >= 100) return v.toFixed(1);
  return v.toFixed(2);
}

function range(input: ChartInput): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (v: number | undefined) => {
    if (v === undefined || !Number.isFinite(v)) return;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const s of input.series) s.values.forEach(see);
  for (const b of input.bands ?? []) {
    b.lo.forEach(see);
    b.hi.forEach(see);
  }
  if (lo === Infinity) return [0, 1];
  // A flat line sits in the middle of a small range rather than dividing by zero.
  const pad = hi > lo ? (hi - lo) * 0.04 : Math.max(Math.abs(hi) * 0.01, 1e-6);
  return [lo - pad, hi + pad];
}

export function renderChart(input: ChartInput): ChartOutput {
  const { width, height } = input;
  const [yMin, yMax] = range(input);
  const grid: (Cell | undefined)[][] = Array.from({ length: height }, () => new Array<Cell | undefined>(width));
  const rowOf = (v: number) => Math.max(0, Math.min(height - 1, Math.round(((yMax - v) / (yMax - yMin)) * (height - 1))));
  const put = (r: number, c: number, ch: string, color?: string) => {
    if (r >= 0 && r < height && c >= 0 && c < width) grid[r]![c] = { ch, color };
  };
  const ok = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

  // Markers first: bands and lines drawn over them stay unbroken.
  for (const m of input.markers ?? []) for (let r = 0; r < height; r++) put(r, m.column, m.glyph, m.color);
  for (const band of input.bands ?? []) {
    for (let c = 0; c < width; c++) {
      const lo = band.lo[c];
      const hi = band.hi[c];
      if (!ok(lo) || !ok(hi)) continue;
      for (let r = rowOf(hi); r <= rowOf(lo); r++) put(r, c, band.glyph, band.color);
    }
  }
  for (const s of input.series) {
    if (s.style.kind === 'dots') {
      for (let c = 0; c < width; c++) {
        const v = s.values[c];
        if (ok(v)) put(rowOf(v), c, s.style.glyph, s.color);
      }
      continue;
    }
    for (let c = 0; c < width; c++) {
      const v = s.values[c];
      if (!ok(v)) continue;
      const prev = s.values[c - 1];
      const r1 = rowOf(v);
      if (!ok(prev)) {
        put(r1, c, '─', s.color);
        continue;
      }
      const r0 = rowOf(prev);
      if (r0 === r1) put(r1, c, '─', s.color);
      else if (r1 < r0) {
        // Rising: the step is drawn in this column, from the old level up to the new one.
        put(r0, c, '╯', s.color);
        for (let r = r1 + 1; r < r0; r++) put(r, c, '│', s.color);
        put(r1, c, '╭', s.color);
      } else {
        put(r0, c, '╮', s.color);
        for (let r = r0 + 1; r < r1; r++) put(r, c, '│', s.color);
        put(r1, c, '╰', s.color);
      }
    }
  }

  const rows = grid.map((cells) => {
    const runs: Run[] = [];
    for (let c = 0; c < width; c++) {
      const cell = cells[c];
      const ch = cell?.ch ?? ' ';
      const color = cell?.color;
      const last = runs.at(-1);
      if (last && last.color === color) last.text += ch;
      else runs.push({ text: ch, color });
    }
    return runs;
  });
  const raw = Array.from({ length: height }, (_, r) => (r === 0 || r === height - 1 || r === Math.floor(height / 2) ? formatAxis(yMax - (r / Math.max(1, height - 1)) * (yMax - yMin)) : ''));
  const labelWidth = Math.max(...raw.map((l) => l.length));
  return { rows, yMin, yMax, labels: raw.map((l) => l.padStart(labelWidth)) };
}

/**
 * Which tick each of `columns` columns shows, for ticks [0, ticks): one column per tick
 * while they fit, then the last tick of each equal bucket, so the whole run stays on screen.
 */
export function columnTicks(ticks: number, columns: number): number[] {
  if (ticks <= 0) return [];
  if (ticks <= columns) return Array.from({ length: ticks }, (_, i) => i);
  return Array.from({ length: columns }, (_, c) => Math.min(ticks - 1, Math.floor(((c + 1) * ticks) / columns) - 1));
}

/** Tick spacings the x axis labels may use. */
const TICK_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000, 100000];

/** The first column showing `tick` or later (`ticks` increasing), if any. */
export function columnOf(ticks: readonly number[], tick: number): number | undefined {
  for (let c = 0; c < ticks.length; c++) if (ticks[c]! >= tick) return c;
  return undefined;
}

/**
 * The x axis labels under `ticks` (one tick per column, a fixed range): round ticks
 * (0, 100, 200, ...) spaced so each label has room, each starting at its column.
 */
export function tickLabels(ticks: readonly number[], total: number): { text: string; columns: number[] } {
  const columns = ticks.length;
  const widest = String(total).length + 2;
  const perColumn = total / Math.max(1, columns);
  const step = TICK_STEPS.find((s) => s / perColumn >= widest) ?? TICK_STEPS.at(-1)!;
  const chars = new Array<string>(columns).fill(' ');
  const at: number[] = [];
  for (let t = 0; t < total; t += step) {
    const c = columnOf(ticks, t);
    const label = String(t);
    if (c === undefined || c + label.length > columns) break;
    for (let k = 0; k < label.length; k++) chars[c + k] = label[k]!;
    at.push(c);
  }
  return { text: chars.join(''), columns: at };
}

/** The q-quantile of sorted values (linear interpolation). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const frac = pos - i;
  return i + 1 < sorted.length ? sorted[i]! * (1 - frac) + sorted[i + 1]! * frac : sorted[i]!;
}

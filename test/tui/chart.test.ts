import { describe, expect, it } from 'vitest';
import { columnTicks, formatAxis, quantile, renderChart } from '../../src/tui/chart.ts';

const text = (rows: { text: string }[][]) => rows.map((runs) => runs.map((r) => r.text).join(''));

describe('renderChart', () => {
  it('draws a rising line from bottom left to top right with box-drawing steps', () => {
    const out = renderChart({ width: 3, height: 3, series: [{ name: 'p', values: [0, 1, 2], style: { kind: 'line' } }] });
    expect(text(out.rows)).toEqual(['  ╭', ' ╭╯', '─╯ ']);
    expect(out.yMin).toBeLessThan(0);
    expect(out.yMax).toBeGreaterThan(2);
  });

  it('draws a falling line', () => {
    const out = renderChart({ width: 2, height: 3, series: [{ name: 'p', values: [2, 0], style: { kind: 'line' } }] });
    expect(text(out.rows)).toEqual(['─╮', ' │', ' ╰']);
  });

  it('draws later series on top of earlier ones and bands underneath', () => {
    const out = renderChart({
      width: 2,
      height: 3,
      bands: [{ lo: [0, 0], hi: [2, 2], glyph: '░' }],
      series: [
        { name: 'v', values: [1, 1], style: { kind: 'dots', glyph: '·' } },
        { name: 'p', values: [1, undefined], style: { kind: 'line' } },
      ],
    });
    expect(text(out.rows)).toEqual(['░░', '─·', '░░']);
  });

  it('groups cells of one colour into one run', () => {
    const out = renderChart({ width: 4, height: 1, series: [{ name: 'p', values: [1, 1, 1, 1], style: { kind: 'line' }, color: 'cyan' }] });
    expect(out.rows[0]).toEqual([{ text: '────', color: 'cyan' }]);
  });

  it('labels the top, middle and bottom rows with one width', () => {
    const out = renderChart({ width: 2, height: 5, series: [{ name: 'p', values: [90, 110], style: { kind: 'line' } }] });
    expect(out.labels[0]!.trim()).toBe(formatAxis(out.yMax));
    expect(out.labels[4]!.trim()).toBe(formatAxis(out.yMin));
    expect(out.labels[1]!.trim()).toBe('');
    expect(new Set(out.labels.map((l) => l.length)).size).toBe(1);
  });

  it('survives no data and a flat line', () => {
    expect(text(renderChart({ width: 2, height: 2, series: [] }).rows)).toEqual(['  ', '  ']);
    const flat = renderChart({ width: 2, height: 3, series: [{ name: 'p', values: [5, 5], style: { kind: 'line' } }] });
    expect(text(flat.rows)[1]).toBe('──');
  });
});

describe('columnTicks', () => {
  it('uses one column per tick while they fit', () => {
    expect(columnTicks(3, 5)).toEqual([0, 1, 2]);
  });
  it('shows the last tick of equal buckets when they do not, ending at the newest tick', () => {
    expect(columnTicks(10, 5)).toEqual([1, 3, 5, 7, 9]);
    expect(columnTicks(601, 72).at(-1)).toBe(600);
    expect(columnTicks(0, 5)).toEqual([]);
  });
});

describe('quantile', () => {
  it('interpolates between sorted values', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

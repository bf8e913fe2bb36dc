/**
 * Draws a made-up dashboard a few dozen times into a discarded stream, while the
 * simulation worker is still opening the scenario. The first frames of a fresh process
 * are slow (V8 compiles React's, ink's and the views' code as they first run: 100-400 ms
 * a frame on a busy machine, then 10-30 ms), so without this the first second on screen
 * stutters at a few frames per second. The data is invented; nothing of it is shown.
 */
import { createElement } from 'react';
import { PassThrough, Writable } from 'node:stream';
import { render } from 'ink';
import { Dashboard } from './components/dashboard.tsx';
import { initialState } from './state.ts';
import type { Theme } from './theme.ts';
import type { DashboardData } from './view-model.ts';
import { layout } from './selectors/layout.ts';

/** A plausible dashboard for `columns` x `rows`, varying with `k` so every frame differs. */
export function warmUpData(columns: number, rows: number, k: number, theme: Theme): DashboardData {
  const l = layout(columns, rows, 5);
  const plot = Math.max(4, l.width - 10);
  const chartRow = (r: number) => [
    { text: '─'.repeat((k + r) % plot), color: theme.price },
    { text: '·'.repeat(plot - ((k + r) % plot)), color: theme.fundamental },
  ];
  const row = (name: string, model: boolean) => ({
    name,
    selected: name === 'A',
    position: k - 50,
    pnl: 10 * k,
    order: ((k % 7) - 3) / 2,
    model: model ? { expects: `+${k % 5}.0 % over 5 ticks`, expectsShort: `+${k % 5}.0%/5t`, training: 'dynamic' as const, serving: 'online', version: k, bug: 'on' as const, bugLabel: 'ON', bugText: '×100 value-ratio', halted: false } : undefined,
  });
  return {
    columns,
    rows,
    layout: l,
    title: 'warm-up',
    lesson: 'warm-up',
    chart: { rows: Array.from({ length: l.chartHeight }, (_, r) => chartRow(r)), yMin: 90, yMax: 110, labels: Array.from({ length: l.chartHeight }, () => '  100.00'), title: 'X price', shortTitle: 'X', legend: [{ glyph: '─', name: 'price', color: theme.price }], axis: [{ text: '─'.repeat(plot), color: theme.dim }], tickLabels: '0    50   100', from: 0, to: 599 },
    traders: { symbol: 'X', rows: [row('A', true), row('B', true), row('noise', false), row('fund.', false)], netFlow: k % 9, priceChange: 0.1, scale: 10, loop: { a: 'A', b: 'B', symbol: 'X', lit: k % 2 === 0, direction: 'buying' }, servingColumn: false },
    log: Array.from({ length: l.logLines }, (_, i) => ({ tick: k + i, kind: 'version' as const, text: `pushed A v${k}` })),
    monitors: { readings: [{ name: 'loop-b', statistic: k / 100, threshold: 0.5, direction: 'above', breach: false }], total: 1, first: 0, counts: { info: 0, warning: 0, critical: 0 }, latest: [] },
    lessonLines: ['warm-up', 'warm-up'],
    lessonExpanded: false,
    lessonCut: true,
    status: ['▶ running', `tick ${k}/600`, 'seed 1', '20 t/s', 'wasm', '1 world', '#00000000'],
    done: false,
    ticksRun: k,
  };
}

/** Renders `frames` made-up dashboards off screen; resolves when done. */
export async function warmUpDrawing(theme: Theme, columns: number, rows: number, frames = 40): Promise<void> {
  const stdout = Object.assign(new Writable({ write: (_chunk, _encoding, done) => done() }), { columns, rows });
  const stdin = new PassThrough();
  const state = initialState({ limits: { models: 2, assets: 1, worlds: 1 } });
  const view = (k: number) => createElement(Dashboard, { data: warmUpData(columns, rows, k, theme), state, theme });
  const app = render(view(0), { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, patchConsole: false, exitOnCtrlC: false, debug: true });
  for (let k = 1; k < frames; k++) {
    app.rerender(view(k));
    // Let the worker's messages and timers through between frames.
    await new Promise((resolve) => setImmediate(resolve));
  }
  app.unmount();
}

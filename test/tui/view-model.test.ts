import { afterEach, describe, expect, it } from 'vitest';
import { chartView, eventLog, layout, modelRows, monitorView, statusLine, wrapText } from '../../src/tui/view-model.ts';
import { initialState } from '../../src/tui/state.ts';
import { themeFor } from '../../src/tui/theme.ts';
import type { Session } from '../../src/tui/session.ts';
import { stepTo, tulipMania } from './helpers.ts';
import { fileURLToPath } from 'node:url';
import { openSession } from '../../src/tui/open-session.ts';

let session: Session | undefined;
afterEach(() => {
  session?.dispose();
  session = undefined;
});

const plain = themeFor({ NO_COLOR: '1' });
const stateFor = (s: Session) => initialState({ limits: { models: s.sim.parts.roles.length, assets: 1, worlds: s.sim.worlds } });

describe('layout', () => {
  it('fills 80x24 with one row to spare, and gives a taller terminal a taller chart', () => {
    const small = layout(80, 24, 2);
    // title + chart + axis + models header + 2 models + events title + log + lesson + status
    expect(1 + small.chartHeight + 1 + 3 + 1 + small.logLines + small.lessonLines + 1).toBe(23);
    expect(small.tooSmall).toBe(false);
    expect(layout(120, 40, 2).chartHeight).toBeGreaterThan(small.chartHeight);
    expect(layout(50, 24, 2).tooSmall).toBe(true);
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries and ends a cut text with …', () => {
    expect(wrapText('one two three four', 9, 5)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three four', 9, 2)).toEqual(['one two', 'three…']);
  });
});

describe('statusLine', () => {
  it('adds a help hint when wide and packs closer when narrow, never wider than asked', () => {
    const parts = ['▶ running', 'tick 12/600', 'seed 1'];
    expect(statusLine(parts, 60)).toContain('│ ? help');
    const narrow = statusLine(parts, 30);
    expect(narrow).toBe('▶ running  tick 12/600  seed 1');
    expect(statusLine(parts, 12)).toHaveLength(12);
  });
});

describe('selectors over a tulip-mania run', () => {
  it('the event log shows the scheduled bug, the newest version push only, and queued commands', async () => {
    session = await tulipMania();
    stepTo(session, 262);
    let log = eventLog(session, 0, 10).map((l) => `${l.tick ?? 'next'} ${l.text}`);
    expect(log).toContain('250 A: bug switched on');
    expect(log.filter((l) => l.includes('pushed'))).toEqual(['259 pushed B v12']);
    session.toggleTraining(1, 0);
    log = eventLog(session, 0, 10).map((l) => `${l.tick ?? 'next'} ${l.text}`);
    expect(log.at(-1)).toBe('next B: training -> static (next tick)');
    expect(eventLog(session, 0, 2)).toHaveLength(2);
  });

  it('the model rows read the last record: position, PnL at the last price, version, bug', async () => {
    session = await tulipMania();
    stepTo(session, 262);
    const [a, b] = modelRows(session, stateFor(session));
    const r = session.sim.records.at(-1)!;
    expect(a!.bug).toBe('on');
    expect(a!.bugText).toBe('×100 value-ratio');
    expect(b!.bug).toBe('none');
    expect(a!.position).toBe(r.agents['model/A']!.position);
    expect(a!.pnl).toBeCloseTo(r.agents['model/A']!.cash + r.agents['model/A']!.position * r.assets.X!.price, 6);
    expect(b!.version).toBe(r.models.B!.version);
    expect(a!.selected).toBe(true);
  });

  it('the model rows sum a multi-asset model\'s book and show its serving coverage once requests go unanswered', async () => {
    const file = fileURLToPath(new URL('../../scenarios/long-tail-listings.yaml', import.meta.url));
    session = await openSession(file, { ticks: 260, worlds: 1, backend: 'auto', snapshotEvery: 50, sets: ['models.A.inference.mode=offline'] });
    stepTo(session, 260);
    const [a] = modelRows(session, stateFor(session));
    const r = session.sim.records.at(-1)!;
    const agents = Object.entries(r.agents).filter(([name]) => name.startsWith('model/A/'));
    expect(agents).toHaveLength(40);
    expect(a!.position).toBeCloseTo(agents.reduce((sum, [, g]) => sum + g.position, 0), 9);
    expect(a!.pnl).toBeCloseTo(agents.reduce((sum, [name, g]) => sum + g.cash + g.position * r.assets[name.slice('model/A/'.length)]!.price, 0), 6);
    // Offline, the tables of ticks 150 and 250 (served at 160 and 260) miss the listings of 200 and 225.
    const { requests, answered } = session.sim.parts.roles[0]!.serving.metrics;
    expect(a!.inference).toBe(`off ${Math.floor((100 * answered[0]!) / requests[0]!)}%`);
    expect(answered[0]!).toBeLessThan(requests[0]!);
  });

  it('the chart ends at the newest tick, with the price of the last record', async () => {
    session = await tulipMania();
    stepTo(session, 120);
    const chart = chartView(session, stateFor(session), 80, 10, plain);
    expect(chart.to).toBe(119);
    expect(chart.rows).toHaveLength(10);
    expect(chart.legend.map((l) => l.name)).toEqual(['price', 'value']);
    const last = session.sim.records.at(-1)!.assets.X!.price;
    expect(last).toBeGreaterThanOrEqual(chart.yMin);
    expect(last).toBeLessThanOrEqual(chart.yMax);
  });

  it('a monitor panel without monitors has no readings and counts alerts by severity', async () => {
    session = await tulipMania();
    stepTo(session, 30);
    const view = monitorView(session, 0, 3);
    expect(view.readings).toEqual([]);
    expect(view.counts).toEqual({ info: 0, warning: 0, critical: 0 });
  });
});

describe('fan chart with several worlds', () => {
  it('draws quantile bands and a median, and focuses one world', async () => {
    session = await tulipMania(200, 6);
    stepTo(session, 60);
    const state = { ...stateFor(session), world: 3 };
    const chart = chartView(session, state, 80, 10, plain);
    expect(chart.title).toContain('world 3');
    expect(chart.legend.map((l) => l.name)).toEqual(['price', '10-90%, 25-75% of 6 worlds', 'median', 'value']);
    const text = chart.rows.map((r) => r.map((x) => x.text).join('')).join('\n');
    expect(text).toMatch(/[░▒]/);
    const other = chartView(session, { ...state, world: 0 }, 80, 10, plain);
    expect(other.rows).not.toEqual(chart.rows);
  });
});
